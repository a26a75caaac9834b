//! `rsa-textbook` (toy, teaching): RSA with the box open. Each learner gets two 64-bit primes p
//! and q, e = 65537, a reading m to encrypt and a ciphertext c2 to decrypt; they compute
//! d = e⁻¹ mod φ(n), c = m^e mod n, m2 = c2^d mod n, and the CRT values dp, dq, qinv
//! (RFC 8017 §3.2). Unpadded RSA on a 128-bit modulus: for learning only, never for use.

use num_bigint::BigInt;
use serde::{Deserialize, Serialize};

use super::rsa_common::{calc_fields, calc_tool, grade_integer, run_calc, seeded_prime};
use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, VarSpec, Vars, WorkbenchLink};
use crate::core::crypto::bigint;
use crate::core::msg::{Msg, M};
use crate::core::tools::{Cost, Field, Inputs, ToolRun};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

/// Size of each prime, in bits.
pub const PRIME_BITS: u32 = 64;
pub const E: u32 = 65537;

static CALC_OPS: [&str; 7] = ["modinv", "modpow", "mul", "egcd", "crt", "root", "text"];
static CALC_FIELDS: [Field; 4] = calc_fields(&CALC_OPS, None, None, None);

pub static SPEC: EngineSpec = EngineSpec {
    kind: "rsa-textbook",
    title: M::RsaTextbookTitle,
    teaches: M::RsaTextbookTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "p", doc: "The first prime (decimal, 64 bits)." },
        VarSpec { name: "q", doc: "The second prime (decimal, 64 bits)." },
        VarSpec { name: "n", doc: "The modulus n = p·q (decimal, 128 bits)." },
        VarSpec { name: "e", doc: "The public exponent, 65537." },
        VarSpec { name: "m", doc: "The reading to encrypt (decimal, below 2^96)." },
        VarSpec { name: "c2", doc: "The ciphertext to decrypt (decimal)." },
    ],
    checks: &[
        CheckSpec { name: "d", doc: "The private exponent d = e⁻¹ mod φ(n), an integer.", answer: AnswerKind::Integer },
        CheckSpec { name: "c", doc: "The encryption c = m^e mod n, an integer.", answer: AnswerKind::Integer },
        CheckSpec { name: "m2", doc: "The decryption of c2, m2 = c2^d mod n, an integer.", answer: AnswerKind::Integer },
        CheckSpec { name: "dp", doc: "The CRT exponent dp = d mod (p − 1), an integer.", answer: AnswerKind::Integer },
        CheckSpec { name: "dq", doc: "The CRT exponent dq = d mod (q − 1), an integer.", answer: AnswerKind::Integer },
        CheckSpec { name: "qinv", doc: "The CRT coefficient qinv = q⁻¹ mod p, an integer.", answer: AnswerKind::Integer },
    ],
    tools: &[calc_tool(&CALC_FIELDS)],
    cost: Cost::Light,
    view: None,
    rule: None,
};

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

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
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
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([
            ("p".to_string(), self.p.to_string()),
            ("q".to_string(), self.q.to_string()),
            ("n".to_string(), self.n.to_string()),
            ("e".to_string(), self.e.to_string()),
            ("m".to_string(), self.m.to_string()),
            ("c2".to_string(), self.c2.to_string()),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        let value = match check {
            "d" => self.d.clone(),
            "c" => self.m.modpow(&self.e, &self.n),
            "m2" => self.m2.clone(),
            "dp" => &self.d % (&self.p - 1u32),
            "dq" => &self.d % (&self.q - 1u32),
            "qinv" => bigint::modinv(&self.q, &self.p).expect("distinct primes"),
            _ => return None,
        };
        Some(value.to_string())
    }

    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        grade_integer(check, self.reference(check), answer)
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "calc" => run_calc(inputs, &CALC_OPS),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }

    fn workbench_link(&self) -> Option<WorkbenchLink> {
        Some(WorkbenchLink::new("bigint", &[("op", "modinv"), ("x", &self.e.to_string()), ("m", "")]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tools::inputs_of;

    fn calc(op: &str, x: &str, y: &str, m: &str) -> String {
        let lab = build(&Params {}, &InstanceSeed([0; 32]));
        lab.run_tool("calc", &inputs_of(&[("op", op), ("x", x), ("y", y), ("m", m)])).unwrap().outputs[0].value.plain().unwrap()
    }

    /// The learner's path with the calculator alone: φ, d, c, m2 and the CRT decryption all agree
    /// with the engine's references, on many instances.
    #[test]
    fn the_calculator_solves_every_check() {
        for s in 0..20u8 {
            let seed = InstanceSeed::derive(&[s; 32], "seclab-core", "rsa-textbook");
            let lab = build(&Params {}, &seed);
            let v = lab.variables();
            let phi = calc("mul", &(bigint::parse(&v["p"], "p").unwrap() - 1u32).to_string(), &(bigint::parse(&v["q"], "q").unwrap() - 1u32).to_string(), "");
            let d = calc("modinv", &v["e"], "", &phi);
            assert_eq!(lab.grade("d", &d), LabVerdict::Correct);
            let c = calc("modpow", &v["m"], &v["e"], &v["n"]);
            assert_eq!(lab.grade("c", &c), LabVerdict::Correct);
            let m2 = calc("modpow", &v["c2"], &d, &v["n"]);
            assert_eq!(lab.grade("m2", &m2), LabVerdict::Correct);
            // CRT: m1 = c2^dp mod p, m2' = c2^dq mod q, h = qinv·(m1 − m2') mod p, m = m2' + h·q.
            let pm1 = (bigint::parse(&v["p"], "p").unwrap() - 1u32).to_string();
            let qm1 = (bigint::parse(&v["q"], "q").unwrap() - 1u32).to_string();
            let dp = calc("modpow", &d, "1", &pm1);
            let dq = calc("modpow", &d, "1", &qm1);
            let qinv = calc("modinv", &v["q"], "", &v["p"]);
            for (check, value) in [("dp", &dp), ("dq", &dq), ("qinv", &qinv)] {
                assert_eq!(lab.grade(check, value), LabVerdict::Correct, "{check}");
            }
            let a = calc("modpow", &v["c2"], &dp, &v["p"]);
            let b = calc("modpow", &v["c2"], &dq, &v["q"]);
            let diff = (bigint::parse(&a, "a").unwrap() - bigint::parse(&b, "b").unwrap()).to_string();
            let h = calc("mul", &qinv, &diff, &v["p"]);
            let crt_m = bigint::parse(&b, "b").unwrap() + bigint::parse(&h, "h").unwrap() * bigint::parse(&v["q"], "q").unwrap();
            assert_eq!(crt_m.to_string(), m2);
            // Hex answers are read too; tampered ones are wrong; words are unreadable.
            let d_int = bigint::parse(&d, "d").unwrap();
            assert_eq!(lab.grade("d", &bigint::hex(&d_int)), LabVerdict::Correct);
            assert_eq!(lab.grade("d", &(d_int + 1u32).to_string()), LabVerdict::Wrong);
            assert_eq!(lab.grade("d", "twelve"), LabVerdict::Unreadable(Msg::AnswerNotInteger()));
            assert!(matches!(lab.grade("e", "65537"), LabVerdict::Unreadable(_)));
        }
    }

    #[test]
    fn instances_are_per_learner_and_of_the_stated_size() {
        let a = build(&Params {}, &InstanceSeed::derive(&[1; 32], "seclab-core", "rsa-textbook"));
        let b = build(&Params {}, &InstanceSeed::derive(&[2; 32], "seclab-core", "rsa-textbook"));
        assert_ne!(a.n, b.n);
        assert_eq!(a.p.bits(), 64);
        assert_eq!(a.n.bits(), 128);
        assert!(a.m < a.n && a.m2 < a.n);
        // An operation left unchosen is the engine's first, modinv: Wikipedia's d = 17⁻¹ mod 3120.
        let lab = build(&Params {}, &InstanceSeed([0; 32]));
        assert_eq!(lab.run_tool("calc", &inputs_of(&[("x", "17"), ("m", "3120")])).unwrap().outputs[0].value, crate::core::tools::Value::Int("2753".into()));
        assert_eq!(SPEC.tools[0].fields[0].default, "modinv");
    }

    /// The workbench's calculator, opened from an instance, starts on d = e⁻¹ mod φ(n).
    #[test]
    fn the_workbench_link_opens_the_calculator_on_e() {
        let lab = build(&Params {}, &InstanceSeed::derive(&[4; 32], "seclab-core", "rsa-textbook"));
        let link = lab.workbench_link().unwrap();
        let mut inputs = crate::core::workbench::defaults(crate::core::workbench::info(&link.tool).unwrap());
        inputs.extend(link.fields);
        let v = lab.variables();
        let phi = (bigint::parse(&v["p"], "p").unwrap() - 1u32) * (bigint::parse(&v["q"], "q").unwrap() - 1u32);
        inputs.insert("m".into(), phi.to_string());
        let run = crate::core::workbench::run(&link.tool, &inputs).unwrap();
        assert_eq!(run.outputs[0].value.plain(), lab.reference("d"));
    }
}
