//! `rsa-hastad`: a small public exponent without padding. A sensor sends the same firmware key,
//! unpadded, to three gateways whose keys all use e = 3; the three ciphertexts and the Chinese
//! remainder theorem give m³ over the integers (m³ < n1·n2·n3), and an integer cube root gives m
//! (Håstad's broadcast attack, 1988). A short PIN sent to one gateway is even easier: m³ < n1, so
//! the ciphertext is m³ itself. With `oaep = true` (the fix) every message is OAEP-SHA256-padded
//! with fresh randomness: the ciphertexts are no longer powers of one integer and the attack
//! returns garbage.
//!
//! Moduli are built per learner from the instance seed with the teaching prime search of
//! `crypto::bigint`; the fix's OAEP encoding is the teaching EME-OAEP of the same module with a
//! per-instance seed, and a native test checks that the `rsa` crate decrypts it.

use num_bigint::BigInt;
use serde::{Deserialize, Serialize};

use super::rsa_common::{calc_fields, calc_tool, hex_list, run_calc, seeded_prime, text_int};
use super::{grade_text, AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, ParamError, ParamKind, ParamSpec, VarSpec, Vars, WorkbenchLink};
use crate::core::crypto::bigint;
use crate::core::msg::{Msg, M};
use crate::core::tools::{Cost, Field, Inputs, ToolRun};

pub const E: u32 = 3;
const SIZES: &[i64] = &[512, 768, 1024];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Size of each gateway's modulus.
    pub bits: u32,
    /// The fix: OAEP-SHA256 padding.
    pub oaep: bool,
}

impl Default for Params {
    fn default() -> Params {
        Params { bits: 512, oaep: false }
    }
}

impl super::Params for Params {}

/// OAEP's padding needs room: a 512- or 768-bit modulus cannot carry the message with it.
fn oaep_needs_1024_bits(table: &toml::Table) -> Result<(), ParamError> {
    let bits = table.get("bits").and_then(toml::Value::as_integer).unwrap_or(Params::default().bits as i64);
    if table.get("oaep").and_then(toml::Value::as_bool).unwrap_or(false) && bits < 1024 {
        return Err(ParamError { key: "bits".into(), message: format!("OAEP-SHA256 needs 66 bytes of padding: a {bits}-bit modulus cannot carry the message"), fix: "write `bits = 1024` with `oaep = true`".into() });
    }
    Ok(())
}

static CALC_OPS: [&str; 7] = ["crt", "root", "text", "modpow", "modinv", "mul", "egcd"];
static CALC_FIELDS: [Field; 4] = calc_fields(&CALC_OPS, Some("ciphertexts"), Some("e"), Some("moduli"));

pub static SPEC: EngineSpec = EngineSpec {
    kind: "rsa-hastad",
    title: M::RsaHastadTitle,
    teaches: M::RsaHastadTeaches,
    params: &[
        ParamSpec { name: "bits", doc: "Size of each gateway's RSA modulus, in bits.", kind: ParamKind::IntOneOf(SIZES), required: false, expect: "512, 768 or 1024", example: "1024" },
        ParamSpec { name: "oaep", doc: "true: the fix, every message is OAEP-SHA256-padded with fresh randomness and the attack returns garbage; needs `bits = 1024`.", kind: ParamKind::Bool, required: false, expect: "true or false", example: "true" },
    ],
    variables: &[
        VarSpec { name: "e", doc: "The public exponent shared by the three gateways, 3." },
        VarSpec { name: "n1", doc: "Gateway 1's modulus (0x-hex)." },
        VarSpec { name: "n2", doc: "Gateway 2's modulus (0x-hex)." },
        VarSpec { name: "n3", doc: "Gateway 3's modulus (0x-hex)." },
        VarSpec { name: "c1", doc: "The broadcast encrypted for gateway 1 (0x-hex)." },
        VarSpec { name: "c2", doc: "The broadcast encrypted for gateway 2 (0x-hex)." },
        VarSpec { name: "c3", doc: "The broadcast encrypted for gateway 3 (0x-hex)." },
        VarSpec { name: "moduli", doc: "n1, n2, n3 as the calculator's CRT reads them (0x-hex, comma-separated)." },
        VarSpec { name: "ciphertexts", doc: "c1, c2, c3 as the calculator's CRT reads them (0x-hex, comma-separated)." },
        VarSpec { name: "c0", doc: "The short PIN message encrypted for gateway 1 (0x-hex)." },
    ],
    checks: &[
        CheckSpec { name: "message", doc: "The broadcast firmware-key message, as text.", answer: AnswerKind::Text },
        CheckSpec { name: "pin", doc: "The PIN message sent to gateway 1 (\"PIN 1234\"), as text.", answer: AnswerKind::Text },
    ],
    tools: &[calc_tool(&CALC_FIELDS)],
    cost: Cost::Light,
    view: None,
    rule: Some(oaep_needs_1024_bits),
};

/// The broadcast message: a firmware key, unique to the learner.
pub fn message(seed: &InstanceSeed) -> String {
    format!("FWKEY v2.4 to all gateways: {}", hex::encode(seed.value("fw-key", 8)))
}

/// The short message: a maintenance PIN.
pub fn short(seed: &InstanceSeed) -> String {
    let v = seed.value("pin", 2);
    format!("PIN {:04}", u16::from_be_bytes([v[0], v[1]]) % 10_000)
}

fn encrypt(params: &Params, seed: &InstanceSeed, label: &str, n: &BigInt, m: &str) -> BigInt {
    if params.oaep {
        // RSAES-OAEP: the teaching EME-OAEP encoding with a per-instance seed (so the instance is
        // reproducible), then the RSA permutation. The `rsa` crate decrypts it (native test).
        let k = n.bits().div_ceil(8) as usize;
        let oaep_seed: [u8; 32] = seed.value(&format!("oaep/{label}"), 32).try_into().expect("32 bytes");
        let em = bigint::eme_oaep_sha256(k, m.as_bytes(), &oaep_seed).expect("the message fits a 1024-bit OAEP block");
        bigint::from_bytes(&em).modpow(&BigInt::from(E), n)
    } else {
        text_int(m).modpow(&BigInt::from(E), n)
    }
}

pub struct Instance {
    pub moduli: [BigInt; 3],
    pub ciphertexts: [BigInt; 3],
    pub message: String,
    pub short: String,
    pub short_ciphertext: BigInt,
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    let e = BigInt::from(E);
    let half = params.bits / 2;
    let moduli: [BigInt; 3] = std::array::from_fn(|i| seeded_prime(seed, &format!("gw{i}/p"), half, &e) * seeded_prime(seed, &format!("gw{i}/q"), half, &e));
    let message = message(seed);
    let ciphertexts: [BigInt; 3] = std::array::from_fn(|i| encrypt(params, seed, &format!("gw{i}"), &moduli[i], &message));
    let short = short(seed);
    let short_ciphertext = encrypt(params, seed, "pin", &moduli[0], &short);
    Instance { moduli, ciphertexts, message, short, short_ciphertext }
}

/// The attack, as the learner runs it: CRT on the three ciphertexts, then an integer cube root.
/// Returns the recovered bytes and whether the root was exact.
pub fn broadcast_attack(moduli: &[BigInt; 3], ciphertexts: &[BigInt; 3]) -> (Vec<u8>, bool) {
    let pairs: Vec<_> = ciphertexts.iter().cloned().zip(moduli.iter().cloned()).collect();
    let (cube, _) = bigint::crt(&pairs).expect("distinct random moduli are coprime");
    let (root, exact) = bigint::iroot(&cube, E).expect("non-negative");
    (bigint::to_bytes(&root), exact)
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        let mut v = Vars::from([
            ("e".to_string(), E.to_string()),
            ("moduli".to_string(), hex_list(&self.moduli.iter().collect::<Vec<_>>())),
            ("ciphertexts".to_string(), hex_list(&self.ciphertexts.iter().collect::<Vec<_>>())),
            ("c0".to_string(), bigint::hex(&self.short_ciphertext)),
        ]);
        for k in 0..3 {
            v.insert(format!("n{}", k + 1), bigint::hex(&self.moduli[k]));
            v.insert(format!("c{}", k + 1), bigint::hex(&self.ciphertexts[k]));
        }
        v
    }

    fn reference(&self, check: &str) -> Option<String> {
        match check {
            "message" => Some(self.message.clone()),
            "pin" => Some(self.short.clone()),
            _ => None,
        }
    }

    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        grade_text(check, self.reference(check), answer)
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "calc" => run_calc(inputs, &CALC_OPS),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }

    fn workbench_link(&self) -> Option<WorkbenchLink> {
        let vars = self.variables();
        Some(WorkbenchLink::new("bigint", &[("op", "crt"), ("x", &vars["ciphertexts"]), ("y", ""), ("m", &vars["moduli"])]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::parse_params;
    use crate::core::tools::inputs_of;

    fn params(toml_text: &str) -> Result<Params, ParamError> {
        parse_params::<Params>(&SPEC, &toml::from_str(toml_text).unwrap())
    }

    /// The attack: CRT then cube root gives the broadcast message on every instance, and the
    /// short PIN is a plain cube root of one ciphertext.
    #[test]
    fn crt_and_cube_root_recover_the_broadcast() {
        let p = Params::default();
        for s in 0..8u8 {
            let seed = InstanceSeed::derive(&[s; 32], "seclab-core", "rsa-hastad");
            let i = build(&p, &seed);
            assert!(i.moduli.iter().all(|n| n.bits() == 512));
            let (m, exact) = broadcast_attack(&i.moduli, &i.ciphertexts);
            assert!(exact);
            let text = String::from_utf8(m).unwrap();
            assert_eq!(i.grade("message", &text), LabVerdict::Correct);
            // No single ciphertext gives it: m³ exceeds each modulus.
            let (alone, exact_alone) = bigint::iroot(&i.ciphertexts[0], 3).unwrap();
            assert!(!exact_alone && bigint::to_bytes(&alone) != message(&seed).as_bytes());
            let (pin, exact_pin) = bigint::iroot(&i.short_ciphertext, 3).unwrap();
            assert!(exact_pin);
            assert_eq!(i.grade("pin", &String::from_utf8(bigint::to_bytes(&pin)).unwrap()), LabVerdict::Correct);
            assert_eq!(i.grade("pin", "PIN 0000x"), LabVerdict::Wrong);
        }
    }

    /// The same path through the engine's calculator tool, with its prefilled fields.
    #[test]
    fn the_calculator_tool_runs_the_attack() {
        let seed = InstanceSeed::derive(&[9; 32], "seclab-core", "rsa-hastad");
        let lab = build(&Params::default(), &seed);
        let v = lab.variables();
        let run = |pairs: &[(&str, &str)]| lab.run_tool("calc", &inputs_of(pairs)).unwrap().outputs.iter().map(|o| o.value.plain().unwrap_or_default()).collect::<Vec<_>>();
        let cube = run(&[("op", ""), ("x", &v["ciphertexts"]), ("y", "3"), ("m", &v["moduli"])])[0].clone();
        let root = lab.run_tool("calc", &inputs_of(&[("op", "root"), ("x", &cube), ("y", "3"), ("m", "")])).unwrap();
        assert_eq!(root.get(M::WbBigintExact), Some(&crate::core::tools::Value::Verdict { ok: true, text: Msg::WbBigintExactYes() }));
        let root = root.outputs[0].value.plain().unwrap();
        let text = run(&[("op", "text"), ("x", &root), ("y", ""), ("m", "")])[1].clone();
        assert_eq!(text, message(&seed));
        let pin = run(&[("op", "root"), ("x", &v["c0"]), ("y", "3"), ("m", "")])[0].clone();
        assert_eq!(run(&[("op", "text"), ("x", &pin), ("y", ""), ("m", "")])[1], short(&seed));
        // The calculator starts with the ciphertexts and moduli, and CRT as its first operation.
        let fields = SPEC.tools[0].fields;
        assert_eq!((fields[0].default, fields[1].prefill, fields[3].prefill), ("crt", Some("ciphertexts"), Some("moduli")));
    }

    /// The fix: OAEP randomises each encryption, so the three ciphertexts are not cubes of one
    /// integer and the same attack recovers nothing; the PIN's cube root is not exact either.
    #[test]
    fn oaep_padding_defeats_the_attack() {
        assert!(params("oaep = true").is_err(), "OAEP on 512 bits is refused");
        let p = params("oaep = true\nbits = 1024").unwrap();
        let seed = InstanceSeed::derive(&[3; 32], "seclab-core", "rsa-hastad");
        let i = build(&p, &seed);
        assert!(i.moduli.iter().all(|n| n.bits() == 1024));
        let (m, exact) = broadcast_attack(&i.moduli, &i.ciphertexts);
        assert!(!exact);
        assert!(!m.windows(5).any(|w| w == b"FWKEY"));
        assert!(!bigint::iroot(&i.short_ciphertext, 3).unwrap().1);
        assert_eq!(build(&p, &seed).ciphertexts, i.ciphertexts, "reproducible per instance");
        // The gateways still read it: the `rsa` crate's OAEP-SHA256 decryption accepts each
        // ciphertext (so the teaching encoding is RFC 8017's), and a tampered one is refused.
        let e = BigInt::from(E);
        for g in 0..3 {
            let prime = |x: &str| bigint::to_bytes(&seeded_prime(&seed, &format!("gw{g}/{x}"), 512, &e));
            let key = crate::core::crypto::rsa_kit::private_key(&prime("p"), &prime("q"), &[3]).unwrap();
            let c = bigint::to_bytes(&i.ciphertexts[g]);
            let mut c = [vec![0u8; 128 - c.len()], c].concat();
            assert_eq!(crate::core::crypto::rsa_kit::oaep_decrypt(&key, &c).unwrap(), message(&seed).as_bytes());
            c[127] ^= 1;
            assert!(crate::core::crypto::rsa_kit::oaep_decrypt(&key, &c).is_err());
        }
    }

    #[test]
    fn parameters_are_checked() {
        let err = params("bits = 2048").unwrap_err();
        assert_eq!((err.key.as_str(), err.message.as_str(), err.fix.as_str()), ("bits", "`bits` is 2048; expected 512, 768 or 1024", "write 512, 768 or 1024, for example `bits = 1024`"));
        let err = params("oaep = true\nbits = 768").unwrap_err();
        assert_eq!((err.key.as_str(), err.fix.as_str()), ("bits", "write `bits = 1024` with `oaep = true`"));
        assert_eq!(params("oaep = \"yes\"").unwrap_err().key, "oaep");
        assert_eq!(params("").unwrap().bits, 512);
    }
}
