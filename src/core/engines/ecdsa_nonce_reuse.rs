//! `ecdsa-nonce-reuse`: a smart meter signs its readings with ECDSA P-256, but its random
//! generator is stuck, so two signatures share the nonce k (and so r). From
//! s = k⁻¹(z + r·d) mod n for both messages: k = (z₁ − z₂)/(s₁ − s₂) and d = (s₁·k − z₁)/r, all
//! mod the group order n. The answer is checked by recomputing d·G against the device's public
//! key, so any correct derivation grades right. With `rfc6979 = true` (the fix, deterministic
//! nonces of RFC 6979) the two r differ and the same algebra yields a wrong key.
//!
//! The scalar calculator works mod n with num-bigint: the lesson opens the box on purpose.

use std::collections::BTreeMap;

use num_bigint::BigUint;
use num_traits::Zero;

use super::{hex_input, unknown_params, Engine, InputKind, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct EcdsaNonceReuse;

/// The order n of the P-256 group (FIPS 186-4 D.1.2.3; SEC 2 §2.4.2).
pub const P256_ORDER: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

pub fn order() -> BigUint {
    BigUint::parse_bytes(P256_ORDER.as_bytes(), 16).expect("constant")
}

fn rfc6979(params: &Params) -> bool {
    params.get("rfc6979").and_then(|v| v.as_bool()).unwrap_or(false)
}

pub fn device_secret(seed: &InstanceSeed) -> Vec<u8> {
    (0u8..).map(|i| seed.value(&format!("device-key-{i}"), 32)).find(|s| crypto::p256_scalar_is_valid(s)).expect("a scalar below n")
}

pub fn messages(seed: &InstanceSeed) -> [String; 2] {
    let v = seed.value("readings", 4);
    let meter = hex::encode(&seed.value("meter", 3));
    [
        format!("meter={meter};t=1717171200;kwh={}.{}", 1000 + u16::from_be_bytes([v[0], v[1]]) % 9000, v[0] % 10),
        format!("meter={meter};t=1717174800;kwh={}.{}", 1000 + u16::from_be_bytes([v[2], v[3]]) % 9000, v[2] % 10),
    ]
}

/// Both signatures (r ‖ s); the stuck generator gives the same k twice unless RFC 6979 is used.
pub fn signatures(params: &Params, seed: &InstanceSeed) -> [[u8; 64]; 2] {
    let d = device_secret(seed);
    let [m1, m2] = messages(seed);
    if rfc6979(params) {
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

fn hex32(n: &BigUint) -> String {
    format!("{:0>64}", n.to_str_radix(16))
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

const OPS: &[&str] = &["a-b", "a+b", "a*b", "a/b"];
const A: L10n = L10n { fr: "a (hex)", en: "a (hex)" };
const B: L10n = L10n { fr: "b (hex)", en: "b (hex)" };
const OP: L10n = L10n { fr: "Opération (mod n)", en: "Operation (mod n)" };
const MESSAGE: L10n = L10n { fr: "Message (texte exact)", en: "Message (exact text)" };
const CANDIDATE: L10n = L10n { fr: "Clé privée candidate d (hex, 32 octets)", en: "Candidate private key d (hex, 32 bytes)" };
static SCALAR_INPUTS: [InputSpec; 3] = [
    InputSpec { id: "a", label: A, kind: InputKind::Hex { bytes: None }, prefill: None },
    InputSpec { id: "op", label: OP, kind: InputKind::Select(OPS), prefill: None },
    InputSpec { id: "b", label: B, kind: InputKind::Hex { bytes: None }, prefill: None },
];
static HASH_INPUTS: [InputSpec; 1] = [InputSpec { id: "message", label: MESSAGE, kind: InputKind::Text, prefill: Some("m1") }];
static KEY_INPUTS: [InputSpec; 1] = [InputSpec { id: "candidate", label: CANDIDATE, kind: InputKind::Hex { bytes: Some(32) }, prefill: None }];

fn out(fr: &'static str, en: &'static str, value: String) -> ToolOutput {
    ToolOutput { label: L10n { fr, en }, value }
}

impl Engine for EcdsaNonceReuse {
    fn kind(&self) -> &'static str {
        "ecdsa-nonce-reuse"
    }

    fn title(&self) -> L10n {
        L10n { fr: "ECDSA : un nonce répété livre la clé", en: "ECDSA: a repeated nonce gives the key away" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Deux signatures ECDSA P-256 d'un compteur avec le même nonce k. Paramètre : rfc6979 (vrai : le correctif). Variables : public, n, m1, m2, r1, s1, r2, s2. Contrôle : private-key (d en hex, vérifié par d·G).",
            en: "Two ECDSA P-256 signatures from a meter with the same nonce k. Parameter: rfc6979 (true: the fix). Variables: public, n, m1, m2, r1, s1, r2, s2. Check: private-key (d in hex, checked through d·G).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["rfc6979"]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        let mut errors = unknown_params(params, self.param_names());
        super::fixed_variant(params, "rfc6979", "a meter with deterministic nonces", &mut errors);
        errors
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["public", "n", "m1", "m2", "r1", "s1", "r2", "s2"]
    }

    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let [m1, m2] = messages(seed);
        let [sig1, sig2] = signatures(params, seed);
        BTreeMap::from([
            ("public".to_string(), hex::encode(crypto::p256_public(&device_secret(seed)).expect("valid key"))),
            ("n".to_string(), P256_ORDER.to_string()),
            ("m1".to_string(), m1),
            ("m2".to_string(), m2),
            ("r1".to_string(), hex::encode(&sig1[..32])),
            ("s1".to_string(), hex::encode(&sig1[32..])),
            ("r2".to_string(), hex::encode(&sig2[..32])),
            ("s2".to_string(), hex::encode(&sig2[32..])),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["private-key"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "private-key").then(|| hex::encode(device_secret(seed)))
    }

    /// The public key is recomputed from the answer: the device's key, however it was found.
    fn grade(&self, params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        let Some(reference) = self.reference(params, seed, check) else { return super::grade_text(None, answer) };
        match super::grade_hex(&reference, answer) {
            LabVerdict::Unreadable(m) => LabVerdict::Unreadable(m),
            _ => {
                let given = hex::decode(crate::core::grading::Normalization::Hex.apply(answer)).expect("checked by grade_hex");
                let device = crypto::p256_public(&device_secret(seed)).expect("valid key");
                match crypto::p256_public(&given) {
                    Ok(public) if public == device => LabVerdict::Correct,
                    _ => LabVerdict::Wrong,
                }
            }
        }
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![
            ToolSpec {
                id: "hash",
                title: L10n { fr: "z = SHA-256(message)", en: "z = SHA-256(message)" },
                help: L10n { fr: "L'empreinte du message, lue comme un entier de 256 bits.", en: "The message digest, read as a 256-bit integer." },
                inputs: &HASH_INPUTS,
                button: L10n { fr: "Hacher", en: "Hash" },
                oracle: false,
            },
            ToolSpec {
                id: "scalar",
                title: L10n { fr: "Calculatrice modulo n", en: "Calculator modulo n" },
                help: L10n {
                    fr: "Opérations sur les entiers modulo l'ordre n de P-256 ; « a/b » multiplie a par l'inverse de b.",
                    en: "Operations on integers modulo the P-256 order n; \"a/b\" multiplies a by the inverse of b.",
                },
                inputs: &SCALAR_INPUTS,
                button: L10n { fr: "Calculer", en: "Compute" },
                oracle: false,
            },
            ToolSpec {
                id: "public",
                title: L10n { fr: "Clé publique d'un candidat", en: "Public key of a candidate" },
                help: L10n { fr: "Calcule d·G et le compare à la clé publique du compteur.", en: "Computes d·G and compares it with the meter's public key." },
                inputs: &KEY_INPUTS,
                button: L10n { fr: "Calculer d·G", en: "Compute d·G" },
                oracle: false,
            },
        ]
    }

    fn run_tool(&self, _params: &Params, seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        match tool {
            "hash" => {
                let message = inputs.get("message").cloned().unwrap_or_default();
                Ok(vec![out("z (hex)", "z (hex)", hex32(&message_integer(&message)))].into())
            }
            "scalar" => {
                let n = order();
                let a = BigUint::from_bytes_be(&hex_input(inputs, "a", A)?) % &n;
                let b = BigUint::from_bytes_be(&hex_input(inputs, "b", B)?) % &n;
                let op = inputs.get("op").map(|o| o.trim()).filter(|o| !o.is_empty()).unwrap_or(OPS[0]);
                let result = match op {
                    "a-b" => (&a + &n - &b) % &n,
                    "a+b" => (&a + &b) % &n,
                    "a*b" => (&a * &b) % &n,
                    "a/b" => (&a * inverse_mod_n(&b).ok_or_else(|| Bilingual::new("b vaut 0 modulo n : pas d'inverse", "b is 0 modulo n: it has no inverse"))?) % &n,
                    other => return Err(Bilingual::new(format!("opération inconnue « {other} » ; valeurs possibles : {}", OPS.join(", ")), format!("unknown operation \"{other}\"; valid values: {}", OPS.join(", ")))),
                };
                Ok(vec![out("Résultat mod n (hex)", "Result mod n (hex)", hex32(&result))].into())
            }
            "public" => {
                let candidate = hex_input(inputs, "candidate", CANDIDATE)?;
                let public = crypto::p256_public(&candidate).map_err(super::crypto_error)?;
                let matches = public == crypto::p256_public(&device_secret(seed)).expect("valid key");
                Ok(vec![
                    out("d·G (SEC1, hex)", "d·G (SEC1, hex)", hex::encode(&public)),
                    out("Est la clé du compteur ?", "Is the meter's key?", if matches { "yes / oui" } else { "no / non" }.to_string()),
                ]
                .into())
            }
            _ => Err(super::unknown_tool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::{inputs_of, params_with};

    fn big(hex: &str) -> BigUint {
        BigUint::parse_bytes(hex.as_bytes(), 16).unwrap()
    }

    fn attack(vars: &BTreeMap<String, String>) -> Option<String> {
        let d = recover_key(&big(&vars["r1"]), &big(&vars["s1"]), &big(&vars["s2"]), &message_integer(&vars["m1"]), &message_integer(&vars["m2"]))?;
        Some(hex32(&d))
    }

    /// The attack recovers the device key from two signatures sharing k.
    #[test]
    fn two_signatures_with_one_nonce_give_the_private_key() {
        for n in 0..10u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "ecdsa-nonce-reuse");
            let p = Params::new();
            let vars = EcdsaNonceReuse.variables(&p, &seed);
            assert_eq!(vars["r1"], vars["r2"], "same k, same r");
            let d = attack(&vars).unwrap();
            assert_eq!(d, hex::encode(device_secret(&seed)));
            assert_eq!(EcdsaNonceReuse.grade(&p, &seed, "private-key", &d), LabVerdict::Correct);
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
        let p = params_with("rfc6979", true);
        for n in 0..5u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "ecdsa-nonce-reuse");
            let vars = EcdsaNonceReuse.variables(&p, &seed);
            assert_ne!(vars["r1"], vars["r2"]);
            let wrong = attack(&vars).unwrap();
            assert_eq!(EcdsaNonceReuse.grade(&p, &seed, "private-key", &wrong), LabVerdict::Wrong);
        }
    }

    /// The learner's path through the tools: z₁, z₂, then k and d with the calculator.
    #[test]
    fn the_tools_carry_the_attack() {
        let seed = InstanceSeed::derive(&[3; 32], "seclab-core", "ecdsa-nonce-reuse");
        let p = Params::new();
        let vars = EcdsaNonceReuse.variables(&p, &seed);
        let run = |tool: &str, inputs: &[(&str, &str)]| EcdsaNonceReuse.run_tool(&p, &seed, tool, &inputs_of(inputs)).unwrap().outputs;
        let calc = |a: &str, op: &str, b: &str| run("scalar", &[("a", a), ("op", op), ("b", b)])[0].value.clone();
        let z1 = run("hash", &[("message", &vars["m1"])])[0].value.clone();
        let z2 = run("hash", &[("message", &vars["m2"])])[0].value.clone();
        let k = calc(&calc(&z1, "a-b", &z2), "a/b", &calc(&vars["s1"], "a-b", &vars["s2"]));
        let d = calc(&calc(&calc(&vars["s1"], "a*b", &k), "a-b", &z1), "a/b", &vars["r1"]);
        assert_eq!(run("public", &[("candidate", &d)])[1].value, "yes / oui");
        assert_eq!(EcdsaNonceReuse.grade(&p, &seed, "private-key", &d), LabVerdict::Correct);
        assert_eq!(EcdsaNonceReuse.run_tool(&p, &seed, "scalar", &inputs_of(&[("a", "01"), ("op", "a/b"), ("b", P256_ORDER)])).unwrap_err().en, "b is 0 modulo n: it has no inverse");
        // Textbook check of the calculator: 2 / 2 = 1 and (n − 1) + 2 = 1.
        assert_eq!(calc("02", "a/b", "02"), format!("{:0>64}", "1"));
        assert_eq!(calc(&hex32(&(order() - 1u32)), "a+b", "02"), format!("{:0>64}", "1"));
    }
}
