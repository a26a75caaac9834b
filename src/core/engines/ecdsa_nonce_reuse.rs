//! `ecdsa-nonce-reuse`: a smart meter signs its readings with ECDSA P-256, but its random
//! generator is stuck, so two signatures share the nonce k (and so r). From
//! s = k⁻¹(z + r·d) mod n for both messages: k = (z₁ − z₂)/(s₁ − s₂) and d = (s₁·k − z₁)/r, all
//! mod the group order n. The answer is checked by recomputing d·G against the device's public
//! key, so any correct derivation grades right. With `rfc6979 = true` (the fix, deterministic
//! nonces of RFC 6979) the two r differ and the same algebra yields a wrong key.
//!
//! The scalar calculator works mod n with num-bigint: the lesson opens the box on purpose.

use num_bigint::BigUint;
use num_traits::Zero;
use serde::{Deserialize, Serialize};

use super::{grade_hex, AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, ParamKind, ParamSpec, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{hex_input, raw, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The fix: deterministic nonces (RFC 6979).
    pub rfc6979: bool,
}

impl super::Params for Params {}

/// The order n of the P-256 group (FIPS 186-4 D.1.2.3; SEC 2 §2.4.2).
pub const P256_ORDER: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

const OPS: &[&str] = &["a-b", "a+b", "a*b", "a/b"];

const SCALAR_FIELDS: &[Field] = &[
    Field::new("a", M::EcdsaNonceReuseA, FieldKind::Hex { bytes: None }),
    Field::new("op", M::EcdsaNonceReuseOp, FieldKind::Select(OPS)).default("a-b"),
    Field::new("b", M::EcdsaNonceReuseB, FieldKind::Hex { bytes: None }),
];
const HASH_FIELDS: &[Field] = &[Field::new("message", M::EcdsaNonceReuseMessage, FieldKind::Text).prefill("m1")];
const KEY_FIELDS: &[Field] = &[Field::new("candidate", M::EcdsaNonceReuseCandidate, FieldKind::Hex { bytes: Some(32) })];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "ecdsa-nonce-reuse",
    title: M::EcdsaNonceReuseTitle,
    teaches: M::EcdsaNonceReuseTeaches,
    params: &[ParamSpec { name: "rfc6979", doc: "true: the fixed meter, which draws its nonces deterministically (RFC 6979); the two r differ and the algebra gives a wrong key.", kind: ParamKind::Bool, required: false, expect: "true or false", example: "true" }],
    variables: &[
        VarSpec { name: "public", doc: "The meter's public key (hex, 65-byte uncompressed SEC1 point)." },
        VarSpec { name: "n", doc: "The order n of the P-256 group (hex)." },
        VarSpec { name: "m1", doc: "The first signed reading (text)." },
        VarSpec { name: "m2", doc: "The second signed reading (text)." },
        VarSpec { name: "r1", doc: "r of the first signature (hex, 32 bytes)." },
        VarSpec { name: "s1", doc: "s of the first signature (hex, 32 bytes)." },
        VarSpec { name: "r2", doc: "r of the second signature (hex, 32 bytes): equal to r1 when the nonce repeats." },
        VarSpec { name: "s2", doc: "s of the second signature (hex, 32 bytes)." },
    ],
    checks: &[CheckSpec { name: "private-key", doc: "The meter's private key d (hex, 32 bytes), checked by recomputing d·G.", answer: AnswerKind::Hex }],
    tools: &[
        ToolSpec { id: "hash", title: M::EcdsaNonceReuseHash, help: M::EcdsaNonceReuseHashHelp, button: M::EcdsaNonceReuseHashButton, fields: HASH_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "scalar", title: M::EcdsaNonceReuseScalar, help: M::EcdsaNonceReuseScalarHelp, button: M::EcdsaNonceReuseScalarButton, fields: SCALAR_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "public", title: M::EcdsaNonceReusePublic, help: M::EcdsaNonceReusePublicHelp, button: M::EcdsaNonceReusePublicButton, fields: KEY_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
    ],
    cost: Cost::Light,
    view: None,
    rule: None,
};

pub fn order() -> BigUint {
    BigUint::parse_bytes(P256_ORDER.as_bytes(), 16).expect("constant")
}

pub fn device_secret(seed: &InstanceSeed) -> Vec<u8> {
    (0u8..).map(|i| seed.value(&format!("device-key-{i}"), 32)).find(|s| crypto::p256_scalar_is_valid(s)).expect("a scalar below n")
}

pub fn messages(seed: &InstanceSeed) -> [String; 2] {
    let v = seed.value("readings", 4);
    let meter = hex::encode(seed.value("meter", 3));
    [
        format!("meter={meter};t=1717171200;kwh={}.{}", 1000 + u16::from_be_bytes([v[0], v[1]]) % 9000, v[0] % 10),
        format!("meter={meter};t=1717174800;kwh={}.{}", 1000 + u16::from_be_bytes([v[2], v[3]]) % 9000, v[2] % 10),
    ]
}

/// Both signatures (r ‖ s); the stuck generator gives the same k twice unless RFC 6979 is used.
pub fn signatures(params: &Params, seed: &InstanceSeed) -> [[u8; 64]; 2] {
    let d = device_secret(seed);
    let [m1, m2] = messages(seed);
    if params.rfc6979 {
        return [crypto::ecdsa_p256_sign(&d, m1.as_bytes()).expect("valid key"), crypto::ecdsa_p256_sign(&d, m2.as_bytes()).expect("valid key")];
    }
    let sign = |k: &[u8], m: &str| crypto::ecdsa_p256_sign_with_nonce(&d, k, m.as_bytes()).expect("valid key");
    // A nonce at or above n is redrawn; a signature with r or s = 0 (probability ≈ 2⁻²⁵⁶) too.
    (0u8..)
        .map(|i| seed.value(&format!("stuck-nonce-{i}"), 32))
        .filter(|k| crypto::p256_scalar_is_valid(k))
        .find_map(|k| Some([sign(&k, &m1)?, sign(&k, &m2)?]))
        .expect("a usable nonce")
}

/// z = SHA-256(message) as an integer (P-256 and SHA-256 have the same bit length).
pub fn message_integer(message: &str) -> BigUint {
    BigUint::from_bytes_be(&crypto::sha256(message.as_bytes()))
}

/// A scalar as 32 big-endian bytes.
fn bytes32(n: &BigUint) -> Vec<u8> {
    let b = n.to_bytes_be();
    [vec![0; 32usize.saturating_sub(b.len())], b].concat()
}

fn inverse_mod_n(a: &BigUint) -> Option<BigUint> {
    let n = order();
    let a = a % &n;
    // n is prime: a⁻¹ = a^(n−2) (Fermat), for a ≠ 0.
    (!a.is_zero()).then(|| a.modpow(&(&n - 2u32), &n))
}

/// The attack, as a learner would do it: k from the two s, then d.
pub fn recover_key(r: &BigUint, s1: &BigUint, s2: &BigUint, z1: &BigUint, z2: &BigUint) -> Option<BigUint> {
    let n = order();
    let sub = |a: &BigUint, b: &BigUint| ((a % &n) + &n - (b % &n)) % &n;
    let k = (sub(z1, z2) * inverse_mod_n(&sub(s1, s2))?) % &n;
    Some((sub(&(s1 * &k), z1) * inverse_mod_n(r)?) % &n)
}

pub struct Instance {
    secret: Vec<u8>,
    public: Vec<u8>,
    messages: [String; 2],
    signatures: [[u8; 64]; 2],
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    let secret = device_secret(seed);
    let public = crypto::p256_public(&secret).expect("valid key");
    Instance { secret, public, messages: messages(seed), signatures: signatures(params, seed) }
}

impl Instance {
    fn scalar(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let n = order();
        let a = BigUint::from_bytes_be(&hex_input(inputs, "a", M::EcdsaNonceReuseA)?) % &n;
        let b = BigUint::from_bytes_be(&hex_input(inputs, "b", M::EcdsaNonceReuseB)?) % &n;
        let op = Some(raw(inputs, "op").trim()).filter(|o| !o.is_empty()).unwrap_or(OPS[0]);
        let result = match op {
            "a-b" => (&a + &n - &b) % &n,
            "a+b" => (&a + &b) % &n,
            "a*b" => (&a * &b) % &n,
            "a/b" => (&a * inverse_mod_n(&b).ok_or_else(Msg::EcdsaNonceReuseNoInverse)?) % &n,
            other => return Err(Msg::EcdsaNonceReuseUnknownOp(other, OPS.join(", "))),
        };
        Ok(vec![Output::new(M::EcdsaNonceReuseResult, Value::Hex(bytes32(&result)))].into())
    }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        let [m1, m2] = self.messages.clone();
        let [sig1, sig2] = &self.signatures;
        Vars::from([
            ("public".into(), hex::encode(&self.public)),
            ("n".into(), P256_ORDER.to_string()),
            ("m1".into(), m1),
            ("m2".into(), m2),
            ("r1".into(), hex::encode(&sig1[..32])),
            ("s1".into(), hex::encode(&sig1[32..])),
            ("r2".into(), hex::encode(&sig2[..32])),
            ("s2".into(), hex::encode(&sig2[32..])),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "private-key").then(|| hex::encode(&self.secret))
    }

    /// The public key is recomputed from the answer: the device's key, however it was found.
    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        let Some(reference) = self.reference(check) else { return LabVerdict::Unreadable(Msg::UnknownCheck(check)) };
        match grade_hex(&reference, answer) {
            LabVerdict::Unreadable(m) => LabVerdict::Unreadable(m),
            _ => {
                let given = hex::decode(crate::core::grading::Normalization::Hex.apply(answer)).expect("checked by grade_hex");
                match crypto::p256_public(&given) {
                    Ok(public) if public == self.public => LabVerdict::Correct,
                    _ => LabVerdict::Wrong,
                }
            }
        }
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "hash" => Ok(vec![Output::new(M::EcdsaNonceReuseZ, Value::Hex(bytes32(&message_integer(raw(inputs, "message")))))].into()),
            "scalar" => self.scalar(inputs),
            "public" => {
                let candidate = hex_input(inputs, "candidate", M::EcdsaNonceReuseCandidate)?;
                let public = crypto::p256_public(&candidate).map_err(|e| e.msg())?;
                let matches = public == self.public;
                let answer = if matches { Msg::EcdsaNonceReuseYes() } else { Msg::EcdsaNonceReuseNo() };
                Ok(vec![Output::new(M::EcdsaNonceReusePoint, Value::Hex(public)), Output::new(M::EcdsaNonceReuseIsMeterKey, Value::Verdict { ok: matches, text: answer })].into())
            }
            _ => Err(Msg::UnknownTool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tools::inputs_of;

    fn big(hex: &str) -> BigUint {
        BigUint::parse_bytes(hex.as_bytes(), 16).unwrap()
    }

    fn hex32(n: &BigUint) -> String {
        format!("{:0>64}", n.to_str_radix(16))
    }

    fn attack(vars: &Vars) -> Option<String> {
        let d = recover_key(&big(&vars["r1"]), &big(&vars["s1"]), &big(&vars["s2"]), &message_integer(&vars["m1"]), &message_integer(&vars["m2"]))?;
        Some(hex32(&d))
    }

    /// The attack recovers the device key from two signatures sharing k.
    #[test]
    fn two_signatures_with_one_nonce_give_the_private_key() {
        for n in 0..10u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "ecdsa-nonce-reuse");
            let p = Params::default();
            let lab = build(&p, &seed);
            let vars = lab.variables();
            assert_eq!(vars["r1"], vars["r2"], "same k, same r");
            let d = attack(&vars).unwrap();
            assert_eq!(d, hex::encode(device_secret(&seed)));
            assert_eq!(lab.grade("private-key", &d), LabVerdict::Correct);
            // Both signatures verify: the flaw is invisible to a verifier.
            let [s1, s2] = signatures(&p, &seed);
            let [m1, m2] = messages(&seed);
            assert!(crypto::ecdsa_p256_verify(&hex::decode(&vars["public"]).unwrap(), m1.as_bytes(), &s1));
            assert!(crypto::ecdsa_p256_verify(&hex::decode(&vars["public"]).unwrap(), m2.as_bytes(), &s2));
        }
    }

    /// The fix: RFC 6979 nonces differ per message, and the same algebra gives a wrong key.
    #[test]
    fn deterministic_nonces_defeat_it() {
        let p = Params { rfc6979: true };
        for n in 0..5u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "ecdsa-nonce-reuse");
            let lab = build(&p, &seed);
            let vars = lab.variables();
            assert_ne!(vars["r1"], vars["r2"]);
            let wrong = attack(&vars).unwrap();
            assert_eq!(lab.grade("private-key", &wrong), LabVerdict::Wrong);
        }
    }

    /// The learner's path through the tools: z₁, z₂, then k and d with the calculator.
    #[test]
    fn the_tools_carry_the_attack() {
        let seed = InstanceSeed::derive(&[3; 32], "seclab-core", "ecdsa-nonce-reuse");
        let lab = build(&Params::default(), &seed);
        let vars = lab.variables();
        let run = |tool: &str, inputs: &[(&str, &str)]| lab.run_tool(tool, &inputs_of(inputs)).unwrap().outputs;
        let calc = |a: &str, op: &str, b: &str| run("scalar", &[("a", a), ("op", op), ("b", b)])[0].value.plain().unwrap();
        let z1 = run("hash", &[("message", &vars["m1"])])[0].value.plain().unwrap();
        let z2 = run("hash", &[("message", &vars["m2"])])[0].value.plain().unwrap();
        let k = calc(&calc(&z1, "a-b", &z2), "a/b", &calc(&vars["s1"], "a-b", &vars["s2"]));
        let d = calc(&calc(&calc(&vars["s1"], "a*b", &k), "a-b", &z1), "a/b", &vars["r1"]);
        assert_eq!(run("public", &[("candidate", &d)])[1].value, Value::Verdict { ok: true, text: Msg::EcdsaNonceReuseYes() });
        assert_eq!(run("public", &[("candidate", &k)])[1].value, Value::Verdict { ok: false, text: Msg::EcdsaNonceReuseNo() });
        assert_eq!(lab.grade("private-key", &d), LabVerdict::Correct);
        assert_eq!(lab.run_tool("scalar", &inputs_of(&[("a", "01"), ("op", "a/b"), ("b", P256_ORDER)])).unwrap_err().en(), "b is 0 modulo n: it has no inverse");
        assert_eq!(lab.run_tool("scalar", &inputs_of(&[("a", "01"), ("op", "a^b"), ("b", "02")])).unwrap_err().en(), "unknown operation \"a^b\"; valid values: a-b, a+b, a*b, a/b");
        // Textbook check of the calculator: 2 / 2 = 1 and (n − 1) + 2 = 1.
        assert_eq!(calc("02", "a/b", "02"), format!("{:0>64}", "1"));
        assert_eq!(calc(&hex32(&(order() - 1u32)), "a+b", "02"), format!("{:0>64}", "1"));
        // z is SHA-256 of the exact text: FIPS 180-2 B.1 for "abc".
        assert_eq!(run("hash", &[("message", "abc")])[0].value.plain().unwrap(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
