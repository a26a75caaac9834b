//! What the RSA engines share: per-instance primes, integer answers and the big-integer
//! calculator as an engine tool. An instance's primes are found once, when the host builds it.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::One;

use super::{InstanceSeed, LabVerdict};
use crate::core::crypto::bigint;
use crate::core::msg::{Msg, M};
use crate::core::tools::{raw, Cost, Field, FieldKind, Inputs, ToolRun, ToolSpec};

/// A prime of `bits` bits (a multiple of 8) drawn from the instance seed under `label`, with
/// gcd(p − 1, e) = 1 so that e is a valid RSA exponent. Same seed, same prime.
pub fn seeded_prime(seed: &InstanceSeed, label: &str, bits: u32, e: &BigInt) -> BigInt {
    let e = e.magnitude().clone();
    let p = bigint::seeded_prime(u64::from(bits), |k| seed.value(&format!("{label}/{k}"), (bits / 8) as usize), |p| (p - 1u32).gcd(&e).is_one());
    BigInt::from(p)
}

/// A text message as an integer (OS2IP of its UTF-8 bytes).
pub fn text_int(text: &str) -> BigInt {
    bigint::from_bytes(text.as_bytes())
}

/// Grades an integer answer (decimal, or hex after 0x) against a decimal reference.
pub fn grade_integer(check: &str, reference: Option<String>, answer: &str) -> LabVerdict {
    use subtle::ConstantTimeEq;
    let Some(reference) = reference else {
        return LabVerdict::Unreadable(Msg::UnknownCheck(check));
    };
    match bigint::parse(answer, "answer") {
        Err(_) => LabVerdict::Unreadable(Msg::AnswerNotInteger()),
        Ok(given) => {
            if bool::from(given.to_string().as_bytes().ct_eq(reference.as_bytes())) {
                LabVerdict::Correct
            } else {
                LabVerdict::Wrong
            }
        }
    }
}

/// The calculator's fields for an engine: `ops` in the order the engine suggests (the first is
/// the default), and the instance variables that prefill x, y and m.
pub const fn calc_fields(ops: &'static [&'static str], x: Option<&'static str>, y: Option<&'static str>, m: Option<&'static str>) -> [Field; 4] {
    [
        Field::new("op", M::WbOperation, FieldKind::Select(ops)).default(ops[0]),
        Field { id: "x", label: M::WbBigintX, kind: FieldKind::Text, default: "", prefill: x },
        Field { id: "y", label: M::WbBigintY, kind: FieldKind::Text, default: "", prefill: y },
        Field { id: "m", label: M::WbBigintM, kind: FieldKind::Text, default: "", prefill: m },
    ]
}

/// The calculator as an engine tool.
pub const fn calc_tool(fields: &'static [Field]) -> ToolSpec {
    ToolSpec { id: "calc", title: M::WbBigintTitle, help: M::RsaCalcHelp, button: M::RsaCalcButton, fields, oracle: false, cost: Cost::Light, after_solving: false }
}

/// Runs the calculator; an operation left unchosen is the first one the engine suggests.
pub fn run_calc(inputs: &Inputs, ops: &[&str]) -> Result<ToolRun, Msg> {
    let mut inputs = inputs.clone();
    if raw(&inputs, "op").trim().is_empty() {
        inputs.insert("op".into(), ops[0].to_string());
    }
    crate::core::workbench::bigint_calc(&inputs)
}

/// A list of integers in hex, as the calculator reads them.
pub fn hex_list(values: &[&BigInt]) -> String {
    values.iter().map(|v| bigint::hex(v)).collect::<Vec<_>>().join(", ")
}
