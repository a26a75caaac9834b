//! `rsa-common-modulus`: a vendor provisions its valve controllers with one RSA modulus n and a
//! different public exponent per role (e1 for the operator, e2 for maintenance). The same command
//! is encrypted, unpadded, for both roles. Since gcd(e1, e2) = 1, Bézout gives a·e1 + b·e2 = 1 and
//! c1^a · c2^b = m^(a·e1 + b·e2) = m mod n: no private key needed (Simmons, 1983). With
//! `distinct_moduli = true` (the fix: one key pair per device and role) the second ciphertext is
//! under another modulus and the same computation gives garbage.

use num_bigint::BigInt;
use serde::{Deserialize, Serialize};

use super::rsa_common::{calc_fields, calc_tool, run_calc, seeded_prime, text_int};
use super::{grade_text, AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, ParamKind, ParamSpec, VarSpec, Vars, WorkbenchLink};
use crate::core::crypto::bigint;
use crate::core::msg::{Msg, M};
use crate::core::tools::{Cost, Field, Inputs, ToolRun};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The fix: one modulus per device and role.
    pub distinct_moduli: bool,
}

impl super::Params for Params {}

pub const E1: u32 = 65537;
/// Small prime exponents the maintenance role may get (per learner).
const E2_CHOICES: [u32; 4] = [17, 257, 641, 673];
const PRIME_BITS: u32 = 256;

static CALC_OPS: [&str; 7] = ["egcd", "modpow", "mul", "modinv", "text", "crt", "root"];
static CALC_FIELDS: [Field; 4] = calc_fields(&CALC_OPS, Some("e1"), Some("e2"), Some("n"));

pub static SPEC: EngineSpec = EngineSpec {
    kind: "rsa-common-modulus",
    title: M::RsaCommonModulusTitle,
    teaches: M::RsaCommonModulusTeaches,
    params: &[ParamSpec { name: "distinct_moduli", doc: "true: the fix, one key pair per device and role; the second ciphertext is under another modulus and the attack gives garbage.", kind: ParamKind::Bool, required: false, expect: "true or false", example: "true" }],
    variables: &[
        VarSpec { name: "n", doc: "The operator role's modulus, shared by both roles unless `distinct_moduli` (0x-hex, 512 bits)." },
        VarSpec { name: "n2", doc: "The maintenance role's modulus: the same as `n`, or another one with `distinct_moduli` (0x-hex)." },
        VarSpec { name: "e1", doc: "The operator's public exponent, 65537." },
        VarSpec { name: "e2", doc: "The maintenance public exponent, a small prime (17, 257, 641 or 673) per learner." },
        VarSpec { name: "c1", doc: "The command encrypted under (n, e1) (0x-hex)." },
        VarSpec { name: "c2", doc: "The command encrypted under (n2, e2) (0x-hex)." },
    ],
    checks: &[CheckSpec { name: "message", doc: "The valve command recovered from the two ciphertexts, as text.", answer: AnswerKind::Text }],
    tools: &[calc_tool(&CALC_FIELDS)],
    cost: Cost::Light,
    view: None,
    rule: None,
};

pub fn message(seed: &InstanceSeed) -> String {
    let v = seed.value("valve", 1);
    format!("valve-{:02}: open at 06:30, token {}", v[0] % 64, hex::encode(seed.value("token", 6)))
}

pub struct Instance {
    pub n1: BigInt,
    pub n2: BigInt,
    pub e2: BigInt,
    pub c1: BigInt,
    pub c2: BigInt,
    pub message: String,
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    let e1 = BigInt::from(E1);
    let e2 = BigInt::from(E2_CHOICES[seed.value("e2", 1)[0] as usize % E2_CHOICES.len()]);
    let both = &e1 * &e2;
    let n1 = seeded_prime(seed, "p", PRIME_BITS, &both) * seeded_prime(seed, "q", PRIME_BITS, &both);
    let n2 = if params.distinct_moduli { seeded_prime(seed, "p2", PRIME_BITS, &both) * seeded_prime(seed, "q2", PRIME_BITS, &both) } else { n1.clone() };
    let message = message(seed);
    let m = text_int(&message);
    Instance { c1: m.modpow(&e1, &n1), c2: m.modpow(&e2, &n2), n1, n2, e2, message }
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

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([
            ("n".to_string(), bigint::hex(&self.n1)),
            ("n2".to_string(), bigint::hex(&self.n2)),
            ("e1".to_string(), E1.to_string()),
            ("e2".to_string(), self.e2.to_string()),
            ("c1".to_string(), bigint::hex(&self.c1)),
            ("c2".to_string(), bigint::hex(&self.c2)),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "message").then(|| self.message.clone())
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
        Some(WorkbenchLink::new("bigint", &[("op", "egcd"), ("x", &E1.to_string()), ("y", &self.e2.to_string()), ("m", &bigint::hex(&self.n1))]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tools::inputs_of;

    /// The attack recovers the command on every instance, with the calculator's operations.
    #[test]
    fn bezout_recovers_the_message_under_a_shared_modulus() {
        for s in 0..10u8 {
            let seed = InstanceSeed::derive(&[s; 32], "seclab-core", "rsa-common-modulus");
            let i = build(&Params::default(), &seed);
            assert_eq!(i.n1, i.n2);
            let m = common_modulus_attack(&i.n1, &i.e2, &i.c1, &i.c2).unwrap();
            assert_eq!(i.grade("message", &String::from_utf8(m).unwrap()), LabVerdict::Correct);
            assert_eq!(i.grade("message", "valve-00: open"), LabVerdict::Wrong);
        }
    }

    #[test]
    fn the_calculator_tool_runs_the_attack() {
        let seed = InstanceSeed::derive(&[5; 32], "seclab-core", "rsa-common-modulus");
        let lab = build(&Params::default(), &seed);
        let v = lab.variables();
        let run = |pairs: &[(&str, &str)]| lab.run_tool("calc", &inputs_of(pairs)).unwrap().outputs.iter().map(|o| o.value.plain().unwrap_or_default()).collect::<Vec<_>>();
        let bezout = run(&[("op", ""), ("x", &v["e1"]), ("y", &v["e2"]), ("m", "")]);
        assert_eq!(bezout[0], "1");
        let (a, b) = (bezout[1].clone(), bezout[2].clone());
        let x = run(&[("op", "modpow"), ("x", &v["c1"]), ("y", &a), ("m", &v["n"])])[0].clone();
        let y = run(&[("op", "modpow"), ("x", &v["c2"]), ("y", &b), ("m", &v["n"])])[0].clone();
        let m = run(&[("op", "mul"), ("x", &x), ("y", &y), ("m", &v["n"])])[0].clone();
        assert_eq!(run(&[("op", "text"), ("x", &m), ("y", ""), ("m", "")])[1], message(&seed));
        // The workbench's calculator, opened from the instance, gives the same Bézout coefficients.
        let link = lab.workbench_link().unwrap();
        let mut inputs = crate::core::workbench::defaults(crate::core::workbench::info(&link.tool).unwrap());
        inputs.extend(link.fields);
        let from_workbench: Vec<String> = crate::core::workbench::run(&link.tool, &inputs).unwrap().outputs.iter().map(|o| o.value.plain().unwrap()).collect();
        assert_eq!(from_workbench, bezout);
    }

    /// The fix: a distinct modulus per device and role; the same computation gives garbage.
    #[test]
    fn distinct_moduli_defeat_the_attack() {
        let p = crate::core::engines::parse_params::<Params>(&SPEC, &toml::from_str("distinct_moduli = true").unwrap()).unwrap();
        assert!(p.distinct_moduli);
        for s in 0..10u8 {
            let seed = InstanceSeed::derive(&[s; 32], "seclab-core", "rsa-common-modulus");
            let i = build(&p, &seed);
            assert_ne!(i.n1, i.n2);
            let garbage = common_modulus_attack(&i.n1, &i.e2, &i.c1, &i.c2);
            assert_ne!(garbage.as_deref(), Some(message(&seed).as_bytes()));
        }
    }
}
