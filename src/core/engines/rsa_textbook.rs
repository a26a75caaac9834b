//! `rsa-textbook` (toy, teaching): RSA with the box open. Each learner gets two 64-bit primes p
//! and q, e = 65537, a reading m to encrypt and a ciphertext c2 to decrypt; they compute
//! d = e⁻¹ mod φ(n), c = m^e mod n, m2 = c2^d mod n, and the CRT values dp, dq, qinv
//! (RFC 8017 §3.2). Unpadded RSA on a 128-bit modulus: for learning only, never for use.

use std::collections::BTreeMap;

use num_bigint::BigInt;

use super::rsa_common::{calc_inputs, calc_tool, grade_integer, run_calc, seeded_prime, Cache};
use super::{unknown_params, Engine, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolRun, ToolSpec};
use crate::core::crypto::bigint;
use crate::core::i18n::{Bilingual, L10n};

pub struct RsaTextbook;

/// Size of each prime, in bits.
pub const PRIME_BITS: u32 = 64;
pub const E: u32 = 65537;

#[derive(Clone)]
pub struct Instance {
    pub p: BigInt,
    pub q: BigInt,
    pub n: BigInt,
    pub e: BigInt,
    pub d: BigInt,
    pub m: BigInt,
    pub c2: BigInt,
    pub m2: BigInt,
}

thread_local! {
    static CACHE_CELL: std::cell::RefCell<Vec<(Vec<u8>, Instance)>> = const { std::cell::RefCell::new(Vec::new()) };
}
static CACHE: Cache<Instance> = Cache::new(&CACHE_CELL);

pub fn instance(seed: &InstanceSeed) -> Instance {
    CACHE.get_or(seed.0.to_vec(), || {
        let e = BigInt::from(E);
        let p = seeded_prime(seed, "p", PRIME_BITS, &e);
        let mut q = seeded_prime(seed, "q", PRIME_BITS, &e);
        let mut k = 0;
        while q == p {
            k += 1;
            q = seeded_prime(seed, &format!("q{k}"), PRIME_BITS, &e);
        }
        let n = &p * &q;
        let phi = (&p - 1u32) * (&q - 1u32);
        let d = bigint::modinv(&e, &phi).expect("gcd(e, p−1) = gcd(e, q−1) = 1 by construction");
        // Readings below 2^96 < n (both primes have their two top bits set: n ≥ 2^126).
        let m = bigint::from_bytes(&seed.value("m", 12));
        let m2 = bigint::from_bytes(&seed.value("m2", 12));
        let c2 = m2.modpow(&e, &n);
        Instance { p, q, n, e, d, m, c2, m2 }
    })
}

static CALC_OPS: [&str; 7] = ["modinv", "modpow", "mul", "egcd", "crt", "root", "text"];
static CALC_INPUTS: [InputSpec; 4] = calc_inputs(&CALC_OPS, None, None, None);

impl Engine for RsaTextbook {
    fn kind(&self) -> &'static str {
        "rsa-textbook"
    }

    fn title(&self) -> L10n {
        L10n { fr: "RSA « manuel » et CRT", en: "Textbook RSA and CRT" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "RSA sans bourrage sur deux premiers de 64 bits par apprenant (jouet pédagogique). Aucun paramètre. Variables : p, q, n, e, m, c2. Contrôles : d, c, m2, dp, dq, qinv (entiers).",
            en: "Unpadded RSA on two 64-bit primes per learner (a teaching toy). No parameter. Variables: p, q, n, e, m, c2. Checks: d, c, m2, dp, dq, qinv (integers).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        unknown_params(params, self.param_names())
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["p", "q", "n", "e", "m", "c2"]
    }

    fn variables(&self, _params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let i = instance(seed);
        BTreeMap::from([
            ("p".to_string(), i.p.to_string()),
            ("q".to_string(), i.q.to_string()),
            ("n".to_string(), i.n.to_string()),
            ("e".to_string(), i.e.to_string()),
            ("m".to_string(), i.m.to_string()),
            ("c2".to_string(), i.c2.to_string()),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["d", "c", "m2", "dp", "dq", "qinv"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        let i = instance(seed);
        let value = match check {
            "d" => i.d.clone(),
            "c" => i.m.modpow(&i.e, &i.n),
            "m2" => i.m2.clone(),
            "dp" => &i.d % (&i.p - 1u32),
            "dq" => &i.d % (&i.q - 1u32),
            "qinv" => bigint::modinv(&i.q, &i.p).expect("distinct primes"),
            _ => return None,
        };
        Some(value.to_string())
    }

    fn grade(&self, params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        grade_integer(self.reference(params, seed, check), answer)
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
        Some(("bigint", vec![("op", "modinv".to_string()), ("x", vars.get("e")?.clone()), ("m", String::new())]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::inputs_of;

    fn calc(op: &str, x: &str, y: &str, m: &str) -> String {
        RsaTextbook.run_tool(&Params::new(), &InstanceSeed([0; 32]), "calc", &inputs_of(&[("op", op), ("x", x), ("y", y), ("m", m)])).unwrap().outputs[0].value.clone()
    }

    /// The learner's path with the calculator alone: φ, d, c, m2 and the CRT decryption all agree
    /// with the engine's references, on many instances.
    #[test]
    fn the_calculator_solves_every_check() {
        let p = Params::new();
        for s in 0..20u8 {
            let seed = InstanceSeed::derive(&[s; 32], "seclab-core", "rsa-textbook");
            let v = RsaTextbook.variables(&p, &seed);
            let phi = calc("mul", &(bigint::parse(&v["p"], "p").unwrap() - 1u32).to_string(), &(bigint::parse(&v["q"], "q").unwrap() - 1u32).to_string(), "");
            let d = calc("modinv", &v["e"], "", &phi);
            assert_eq!(RsaTextbook.grade(&p, &seed, "d", &d), LabVerdict::Correct);
            let c = calc("modpow", &v["m"], &v["e"], &v["n"]);
            assert_eq!(RsaTextbook.grade(&p, &seed, "c", &c), LabVerdict::Correct);
            let m2 = calc("modpow", &v["c2"], &d, &v["n"]);
            assert_eq!(RsaTextbook.grade(&p, &seed, "m2", &m2), LabVerdict::Correct);
            // CRT: m1 = c2^dp mod p, m2' = c2^dq mod q, h = qinv·(m1 − m2') mod p, m = m2' + h·q.
            let pm1 = (bigint::parse(&v["p"], "p").unwrap() - 1u32).to_string();
            let qm1 = (bigint::parse(&v["q"], "q").unwrap() - 1u32).to_string();
            let dp = calc("modpow", &d, "1", &pm1);
            let dq = calc("modpow", &d, "1", &qm1);
            let qinv = calc("modinv", &v["q"], "", &v["p"]);
            for (check, value) in [("dp", &dp), ("dq", &dq), ("qinv", &qinv)] {
                assert_eq!(RsaTextbook.grade(&p, &seed, check, value), LabVerdict::Correct, "{check}");
            }
            let a = calc("modpow", &v["c2"], &dp, &v["p"]);
            let b = calc("modpow", &v["c2"], &dq, &v["q"]);
            let diff = (bigint::parse(&a, "a").unwrap() - bigint::parse(&b, "b").unwrap()).to_string();
            let h = calc("mul", &qinv, &diff, &v["p"]);
            let crt_m = bigint::parse(&b, "b").unwrap() + bigint::parse(&h, "h").unwrap() * bigint::parse(&v["q"], "q").unwrap();
            assert_eq!(crt_m.to_string(), m2);
            // Hex answers are read too; tampered ones are wrong; words are unreadable.
            let d_int = bigint::parse(&d, "d").unwrap();
            assert_eq!(RsaTextbook.grade(&p, &seed, "d", &bigint::hex(&d_int)), LabVerdict::Correct);
            assert_eq!(RsaTextbook.grade(&p, &seed, "d", &(d_int + 1u32).to_string()), LabVerdict::Wrong);
            assert!(matches!(RsaTextbook.grade(&p, &seed, "d", "twelve"), LabVerdict::Unreadable(_)));
        }
    }

    #[test]
    fn instances_are_per_learner_and_of_the_stated_size() {
        let a = instance(&InstanceSeed::derive(&[1; 32], "seclab-core", "rsa-textbook"));
        let b = instance(&InstanceSeed::derive(&[2; 32], "seclab-core", "rsa-textbook"));
        assert_ne!(a.n, b.n);
        assert_eq!(a.p.bits(), 64);
        assert_eq!(a.n.bits(), 128);
        assert!(a.m < a.n && a.m2 < a.n);
        assert_eq!(RsaTextbook.run_tool(&Params::new(), &InstanceSeed([0; 32]), "calc", &inputs_of(&[("x", "17"), ("m", "3120")])).unwrap().outputs[0].value, "2753");
    }
}
