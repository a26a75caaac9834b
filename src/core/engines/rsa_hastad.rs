//! `rsa-hastad`: a small public exponent without padding. A sensor sends the same firmware key,
//! unpadded, to three gateways whose keys all use e = 3; the three ciphertexts and the Chinese
//! remainder theorem give m³ over the integers (m³ < n1·n2·n3), and an integer cube root gives m
//! (Håstad's broadcast attack, 1988). A short PIN sent to one gateway is even easier: m³ < n1, so
//! the ciphertext is m³ itself. With `oaep = true` (the fix) every message is OAEP-SHA256-padded
//! with fresh randomness: the ciphertexts are no longer powers of one integer and the attack
//! returns garbage.
//!
//! Moduli are built per learner from the instance seed, on the page, with the teaching prime
//! search of `crypto::bigint` (no `rsa` code in the page's wasm); the fix's OAEP encoding is the
//! teaching EME-OAEP of the same module with a per-instance seed, and a native test checks that
//! the `rsa` crate decrypts it.

use std::collections::BTreeMap;

use num_bigint::BigInt;

use super::rsa_common::{cache_key, calc_inputs, calc_tool, hex_list, run_calc, seeded_prime, text_int, Cache};
use super::{unknown_params, Engine, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolRun, ToolSpec};
use crate::core::crypto::bigint;
use crate::core::i18n::{Bilingual, L10n};

pub struct RsaHastad;

pub const E: u32 = 3;
const SIZES: &[i64] = &[512, 768, 1024];

fn bits(params: &Params) -> u32 {
    params.get("bits").and_then(|v| v.as_integer()).filter(|b| SIZES.contains(b)).unwrap_or(512) as u32
}

fn oaep(params: &Params) -> bool {
    params.get("oaep").and_then(|v| v.as_bool()).unwrap_or(false)
}

#[derive(Clone)]
pub struct Instance {
    pub moduli: [BigInt; 3],
    pub ciphertexts: [BigInt; 3],
    pub message: String,
    pub short: String,
    pub short_ciphertext: BigInt,
}

thread_local! {
    static CACHE_CELL: std::cell::RefCell<Vec<(Vec<u8>, Instance)>> = const { std::cell::RefCell::new(Vec::new()) };
}
static CACHE: Cache<Instance> = Cache::new(&CACHE_CELL);

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
    if oaep(params) {
        // RSAES-OAEP: the teaching EME-OAEP encoding with a per-instance seed (so the instance is
        // reproducible), then the RSA permutation. The `rsa` crate decrypts it (native test).
        let k = ((n.bits() + 7) / 8) as usize;
        let oaep_seed: [u8; 32] = seed.value(&format!("oaep/{label}"), 32).try_into().expect("32 bytes");
        let em = bigint::eme_oaep_sha256(k, m.as_bytes(), &oaep_seed).expect("the message fits a 1024-bit OAEP block");
        bigint::from_bytes(&em).modpow(&BigInt::from(E), n)
    } else {
        text_int(m).modpow(&BigInt::from(E), n)
    }
}

pub fn instance(params: &Params, seed: &InstanceSeed) -> Instance {
    CACHE.get_or(cache_key(seed, params), || {
        let e = BigInt::from(E);
        let half = bits(params) / 2;
        let moduli: [BigInt; 3] = std::array::from_fn(|i| seeded_prime(seed, &format!("gw{i}/p"), half, &e) * seeded_prime(seed, &format!("gw{i}/q"), half, &e));
        let message = message(seed);
        let ciphertexts: [BigInt; 3] = std::array::from_fn(|i| encrypt(params, seed, &format!("gw{i}"), &moduli[i], &message));
        let short = short(seed);
        let short_ciphertext = encrypt(params, seed, "pin", &moduli[0], &short);
        Instance { moduli, ciphertexts, message, short, short_ciphertext }
    })
}

/// The attack, as the learner runs it: CRT on the three ciphertexts, then an integer cube root.
/// Returns the recovered bytes and whether the root was exact.
pub fn broadcast_attack(moduli: &[BigInt; 3], ciphertexts: &[BigInt; 3]) -> (Vec<u8>, bool) {
    let pairs: Vec<_> = ciphertexts.iter().cloned().zip(moduli.iter().cloned()).collect();
    let (cube, _) = bigint::crt(&pairs).expect("distinct random moduli are coprime");
    let (root, exact) = bigint::iroot(&cube, E).expect("non-negative");
    (bigint::to_bytes(&root), exact)
}

static CALC_OPS: [&str; 7] = ["crt", "root", "text", "modpow", "modinv", "mul", "egcd"];
static CALC_INPUTS: [InputSpec; 4] = calc_inputs(&CALC_OPS, Some("ciphertexts"), Some("e"), Some("moduli"));

impl Engine for RsaHastad {
    fn kind(&self) -> &'static str {
        "rsa-hastad"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Petit exposant sans bourrage (Håstad)", en: "Small exponent without padding (Håstad)" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Un même message chiffré sans bourrage avec e = 3 pour trois passerelles. Paramètres : bits (512, 768 ou 1024 ; taille des modules), oaep (vrai : le correctif, bourrage OAEP-SHA256 ; demande bits = 1024). Variables : e, n1, n2, n3, c1, c2, c3, moduli, ciphertexts, c0 (le PIN envoyé à la passerelle 1). Contrôles : message, pin (texte).",
            en: "One message encrypted without padding under e = 3 for three gateways. Parameters: bits (512, 768 or 1024; size of the moduli), oaep (true: the fix, OAEP-SHA256 padding; needs bits = 1024). Variables: e, n1, n2, n3, c1, c2, c3, moduli, ciphertexts, c0 (the PIN sent to gateway 1). Checks: message, pin (text).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["bits", "oaep"]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        let mut errors = unknown_params(params, self.param_names());
        let fixed = super::fixed_variant(params, "oaep", "the OAEP-padded fix", &mut errors);
        match params.get("bits") {
            None => {}
            Some(toml::Value::Integer(b)) if SIZES.contains(b) => {}
            Some(other) => errors.push(ParamError { key: "bits".into(), message: format!("`bits` is {other}; expected 512, 768 or 1024"), fix: "write `bits = 512` (the default), 768 or 1024".into() }),
        }
        if fixed && bits(params) < 1024 {
            errors.push(ParamError {
                key: "bits".into(),
                message: format!("OAEP-SHA256 needs 66 bytes of padding: a {}-bit modulus cannot carry the message", bits(params)),
                fix: "write `bits = 1024` with `oaep = true`".into(),
            });
        }
        errors
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["e", "n1", "n2", "n3", "c1", "c2", "c3", "moduli", "ciphertexts", "c0"]
    }

    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let i = instance(params, seed);
        let mut v = BTreeMap::from([
            ("e".to_string(), E.to_string()),
            ("moduli".to_string(), hex_list(&i.moduli.iter().collect::<Vec<_>>())),
            ("ciphertexts".to_string(), hex_list(&i.ciphertexts.iter().collect::<Vec<_>>())),
            ("c0".to_string(), bigint::hex(&i.short_ciphertext)),
        ]);
        for k in 0..3 {
            v.insert(format!("n{}", k + 1), bigint::hex(&i.moduli[k]));
            v.insert(format!("c{}", k + 1), bigint::hex(&i.ciphertexts[k]));
        }
        v
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["message", "pin"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        match check {
            "message" => Some(message(seed)),
            "pin" => Some(short(seed)),
            _ => None,
        }
    }

    fn grade(&self, params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        super::grade_text(self.reference(params, seed, check), answer)
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![calc_tool(&CALC_INPUTS)]
    }

    fn run_tool(&self, _params: &Params, _seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        match tool {
            "calc" => run_calc(inputs, &CALC_OPS).map(Into::into),
            _ => Err(super::unknown_tool(tool)),
        }
    }

    fn workbench_link(&self, _params: &Params, vars: &BTreeMap<String, String>) -> Option<(&'static str, Vec<(&'static str, String)>)> {
        Some(("bigint", vec![("op", "crt".to_string()), ("x", vars.get("ciphertexts")?.clone()), ("y", String::new()), ("m", vars.get("moduli")?.clone())]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::{inputs_of, params_with};

    /// The attack: CRT then cube root gives the broadcast message on every instance, and the
    /// short PIN is a plain cube root of one ciphertext.
    #[test]
    fn crt_and_cube_root_recover_the_broadcast() {
        let p = Params::new();
        for s in 0..8u8 {
            let seed = InstanceSeed::derive(&[s; 32], "seclab-core", "rsa-hastad");
            let i = instance(&p, &seed);
            assert!(i.moduli.iter().all(|n| n.bits() == 512));
            let (m, exact) = broadcast_attack(&i.moduli, &i.ciphertexts);
            assert!(exact);
            let text = String::from_utf8(m).unwrap();
            assert_eq!(RsaHastad.grade(&p, &seed, "message", &text), LabVerdict::Correct);
            // No single ciphertext gives it: m³ exceeds each modulus.
            let (alone, exact_alone) = bigint::iroot(&i.ciphertexts[0], 3).unwrap();
            assert!(!exact_alone && bigint::to_bytes(&alone) != message(&seed).as_bytes());
            let (pin, exact_pin) = bigint::iroot(&i.short_ciphertext, 3).unwrap();
            assert!(exact_pin);
            assert_eq!(RsaHastad.grade(&p, &seed, "pin", &String::from_utf8(bigint::to_bytes(&pin)).unwrap()), LabVerdict::Correct);
            assert_eq!(RsaHastad.grade(&p, &seed, "pin", "PIN 0000x"), LabVerdict::Wrong);
        }
    }

    /// The same path through the engine's calculator tool, with its prefilled fields.
    #[test]
    fn the_calculator_tool_runs_the_attack() {
        let p = Params::new();
        let seed = InstanceSeed::derive(&[9; 32], "seclab-core", "rsa-hastad");
        let v = RsaHastad.variables(&p, &seed);
        let run = |pairs: &[(&str, &str)]| RsaHastad.run_tool(&p, &seed, "calc", &inputs_of(pairs)).unwrap().outputs;
        let cube = run(&[("op", ""), ("x", &v["ciphertexts"]), ("y", "3"), ("m", &v["moduli"])])[0].value.clone();
        let root = run(&[("op", "root"), ("x", &cube), ("y", "3"), ("m", "")])[0].value.clone();
        let text = run(&[("op", "text"), ("x", &root), ("y", ""), ("m", "")])[1].value.clone();
        assert_eq!(text, message(&seed));
        let pin = run(&[("op", "root"), ("x", &v["c0"]), ("y", "3"), ("m", "")])[0].value.clone();
        assert_eq!(run(&[("op", "text"), ("x", &pin), ("y", ""), ("m", "")])[1].value, short(&seed));
    }

    /// The fix: OAEP randomises each encryption, so the three ciphertexts are not cubes of one
    /// integer and the same attack recovers nothing; the PIN's cube root is not exact either.
    #[test]
    fn oaep_padding_defeats_the_attack() {
        let mut p = params_with("oaep", true);
        assert!(!RsaHastad.check_params(&p).is_empty(), "OAEP on 512 bits is refused");
        p.insert("bits".into(), toml::Value::Integer(1024));
        assert!(RsaHastad.check_params(&p).is_empty());
        let seed = InstanceSeed::derive(&[3; 32], "seclab-core", "rsa-hastad");
        let i = instance(&p, &seed);
        assert!(i.moduli.iter().all(|n| n.bits() == 1024));
        let (m, exact) = broadcast_attack(&i.moduli, &i.ciphertexts);
        assert!(!exact);
        assert!(!m.windows(5).any(|w| w == b"FWKEY"));
        assert!(!bigint::iroot(&i.short_ciphertext, 3).unwrap().1);
        assert_eq!(instance(&p, &seed).ciphertexts, i.ciphertexts, "reproducible per instance");
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
        let mut p = Params::new();
        p.insert("bits".into(), toml::Value::Integer(2048));
        assert_eq!(RsaHastad.check_params(&p)[0].fix, "write `bits = 512` (the default), 768 or 1024");
    }
}

