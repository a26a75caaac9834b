//! `rsa-common-modulus`: a vendor provisions its valve controllers with one RSA modulus n and a
//! different public exponent per role (e1 for the operator, e2 for maintenance). The same command
//! is encrypted, unpadded, for both roles. Since gcd(e1, e2) = 1, Bézout gives a·e1 + b·e2 = 1 and
//! c1^a · c2^b = m^(a·e1 + b·e2) = m mod n: no private key needed (Simmons, 1983). With
//! `distinct_moduli = true` (the fix: one key pair per device and role) the second ciphertext is
//! under another modulus and the same computation gives garbage.

use std::collections::BTreeMap;

use num_bigint::BigInt;

use super::rsa_common::{cache_key, calc_inputs, calc_tool, run_calc, seeded_prime, text_int, Cache};
use super::{unknown_params, Engine, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolRun, ToolSpec};
use crate::core::crypto::bigint;
use crate::core::i18n::{Bilingual, L10n};

pub struct RsaCommonModulus;

pub const E1: u32 = 65537;
/// Small prime exponents the maintenance role may get (per learner).
const E2_CHOICES: [u32; 4] = [17, 257, 641, 673];
const PRIME_BITS: u32 = 256;

fn distinct(params: &Params) -> bool {
    params.get("distinct_moduli").and_then(|v| v.as_bool()).unwrap_or(false)
}

#[derive(Clone)]
pub struct Instance {
    pub n1: BigInt,
    pub n2: BigInt,
    pub e2: BigInt,
    pub c1: BigInt,
    pub c2: BigInt,
    pub message: String,
}

thread_local! {
    static CACHE_CELL: std::cell::RefCell<Vec<(Vec<u8>, Instance)>> = const { std::cell::RefCell::new(Vec::new()) };
}
static CACHE: Cache<Instance> = Cache::new(&CACHE_CELL);

pub fn message(seed: &InstanceSeed) -> String {
    let v = seed.value("valve", 1);
    format!("valve-{:02}: open at 06:30, token {}", v[0] % 64, hex::encode(seed.value("token", 6)))
}

pub fn instance(params: &Params, seed: &InstanceSeed) -> Instance {
    CACHE.get_or(cache_key(seed, params), || {
        let e1 = BigInt::from(E1);
        let e2 = BigInt::from(E2_CHOICES[seed.value("e2", 1)[0] as usize % E2_CHOICES.len()]);
        let both = &e1 * &e2;
        let n1 = seeded_prime(seed, "p", PRIME_BITS, &both) * seeded_prime(seed, "q", PRIME_BITS, &both);
        let n2 = if distinct(params) { seeded_prime(seed, "p2", PRIME_BITS, &both) * seeded_prime(seed, "q2", PRIME_BITS, &both) } else { n1.clone() };
        let message = message(seed);
        let m = text_int(&message);
        Instance { c1: m.modpow(&e1, &n1), c2: m.modpow(&e2, &n2), n1, n2, e2, message }
    })
}

/// The attack: Bézout coefficients of (e1, e2), then c1^a · c2^b mod n1.
pub fn common_modulus_attack(n: &BigInt, e2: &BigInt, c1: &BigInt, c2: &BigInt) -> Option<Vec<u8>> {
    let (g, a, b) = bigint::egcd(&BigInt::from(E1), e2);
    if g != BigInt::from(1) {
        return None;
    }
    let x = bigint::modpow(c1, &a, n).ok()?;
    let y = bigint::modpow(c2, &b, n).ok()?;
    Some(bigint::to_bytes(&bigint::modulo(&(x * y), n)))
}

static CALC_OPS: [&str; 7] = ["egcd", "modpow", "mul", "modinv", "text", "crt", "root"];
static CALC_INPUTS: [InputSpec; 4] = calc_inputs(&CALC_OPS, Some("e1"), Some("e2"), Some("n"));

impl Engine for RsaCommonModulus {
    fn kind(&self) -> &'static str {
        "rsa-common-modulus"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Module RSA partagé", en: "Shared RSA modulus" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Un même message chiffré sans bourrage sous un seul module n avec deux exposants premiers entre eux. Paramètre : distinct_moduli (vrai : le correctif, une clé par objet et par rôle). Variables : n, n2, e1, e2, c1, c2. Contrôle : message (texte).",
            en: "One message encrypted without padding under a single modulus n with two coprime exponents. Parameter: distinct_moduli (true: the fix, one key per device and role). Variables: n, n2, e1, e2, c1, c2. Check: message (text).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["distinct_moduli"]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        let mut errors = unknown_params(params, self.param_names());
        super::fixed_variant(params, "distinct_moduli", "one modulus per device and role", &mut errors);
        errors
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["n", "n2", "e1", "e2", "c1", "c2"]
    }

    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let i = instance(params, seed);
        BTreeMap::from([
            ("n".to_string(), bigint::hex(&i.n1)),
            ("n2".to_string(), bigint::hex(&i.n2)),
            ("e1".to_string(), E1.to_string()),
            ("e2".to_string(), i.e2.to_string()),
            ("c1".to_string(), bigint::hex(&i.c1)),
            ("c2".to_string(), bigint::hex(&i.c2)),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["message"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "message").then(|| message(seed))
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
        Some(("bigint", vec![("op", "egcd".to_string()), ("x", vars.get("e1")?.clone()), ("y", vars.get("e2")?.clone()), ("m", vars.get("n")?.clone())]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::{inputs_of, params_with};

    /// The attack recovers the command on every instance, with the calculator's operations.
    #[test]
    fn bezout_recovers_the_message_under_a_shared_modulus() {
        let p = Params::new();
        for s in 0..10u8 {
            let seed = InstanceSeed::derive(&[s; 32], "seclab-core", "rsa-common-modulus");
            let i = instance(&p, &seed);
            assert_eq!(i.n1, i.n2);
            let m = common_modulus_attack(&i.n1, &i.e2, &i.c1, &i.c2).unwrap();
            assert_eq!(RsaCommonModulus.grade(&p, &seed, "message", &String::from_utf8(m).unwrap()), LabVerdict::Correct);
            assert_eq!(RsaCommonModulus.grade(&p, &seed, "message", "valve-00: open"), LabVerdict::Wrong);
        }
    }

    #[test]
    fn the_calculator_tool_runs_the_attack() {
        let p = Params::new();
        let seed = InstanceSeed::derive(&[5; 32], "seclab-core", "rsa-common-modulus");
        let v = RsaCommonModulus.variables(&p, &seed);
        let run = |pairs: &[(&str, &str)]| RsaCommonModulus.run_tool(&p, &seed, "calc", &inputs_of(pairs)).unwrap().outputs;
        let bezout = run(&[("op", ""), ("x", &v["e1"]), ("y", &v["e2"]), ("m", "")]);
        assert_eq!(bezout[0].value, "1");
        let (a, b) = (bezout[1].value.clone(), bezout[2].value.clone());
        let x = run(&[("op", "modpow"), ("x", &v["c1"]), ("y", &a), ("m", &v["n"])])[0].value.clone();
        let y = run(&[("op", "modpow"), ("x", &v["c2"]), ("y", &b), ("m", &v["n"])])[0].value.clone();
        let m = run(&[("op", "mul"), ("x", &x), ("y", &y), ("m", &v["n"])])[0].value.clone();
        assert_eq!(run(&[("op", "text"), ("x", &m), ("y", ""), ("m", "")])[1].value, message(&seed));
    }

    /// The fix: a distinct modulus per device and role; the same computation gives garbage.
    #[test]
    fn distinct_moduli_defeat_the_attack() {
        let p = params_with("distinct_moduli", true);
        assert!(RsaCommonModulus.check_params(&p).is_empty());
        for s in 0..10u8 {
            let seed = InstanceSeed::derive(&[s; 32], "seclab-core", "rsa-common-modulus");
            let i = instance(&p, &seed);
            assert_ne!(i.n1, i.n2);
            let garbage = common_modulus_attack(&i.n1, &i.e2, &i.c1, &i.c2);
            assert_ne!(garbage.as_deref(), Some(message(&seed).as_bytes()));
        }
    }
}
