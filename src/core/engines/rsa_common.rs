//! What the RSA engines share: per-instance primes, integer answers, the big-integer calculator
//! as an engine tool, and a small cache so that building an instance's primes happens once.

use std::collections::BTreeMap;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::One;

use super::{InputKind, InputSpec, InstanceSeed, LabVerdict, ToolOutput, ToolSpec};
use crate::core::crypto::bigint;
use crate::core::i18n::{Bilingual, L10n};

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
pub fn grade_integer(reference: Option<String>, answer: &str) -> LabVerdict {
    use subtle::ConstantTimeEq;
    let Some(reference) = reference else {
        return LabVerdict::Unreadable(Bilingual::new("contrôle inconnu", "unknown check"));
    };
    match bigint::parse(answer, "answer") {
        Err(_) => LabVerdict::Unreadable(Bilingual::new(
            "la réponse doit être un entier : en décimal (chiffres 0-9), ou en hexadécimal précédé de 0x",
            "the answer must be an integer: in decimal (digits 0-9), or in hex after 0x",
        )),
        Ok(given) => {
            if bool::from(given.to_string().as_bytes().ct_eq(reference.as_bytes())) {
                LabVerdict::Correct
            } else {
                LabVerdict::Wrong
            }
        }
    }
}

const OP: L10n = L10n { fr: "Opération", en: "Operation" };
const X: L10n = L10n { fr: "x", en: "x" };
const Y: L10n = L10n { fr: "y", en: "y" };
const M: L10n = L10n { fr: "m (module)", en: "m (modulus)" };

/// The calculator's inputs for an engine: `ops` in the order the engine suggests, and the
/// instance variables that prefill x, y and m.
pub const fn calc_inputs(ops: &'static [&'static str], x: Option<&'static str>, y: Option<&'static str>, m: Option<&'static str>) -> [InputSpec; 4] {
    [
        InputSpec { id: "op", label: OP, kind: InputKind::Select(ops), prefill: None },
        InputSpec { id: "x", label: X, kind: InputKind::Text, prefill: x },
        InputSpec { id: "y", label: Y, kind: InputKind::Text, prefill: y },
        InputSpec { id: "m", label: M, kind: InputKind::Text, prefill: m },
    ]
}

/// The calculator as an engine tool.
pub fn calc_tool(inputs: &'static [InputSpec]) -> ToolSpec {
    ToolSpec {
        id: "calc",
        title: L10n { fr: "Calculatrice de grands entiers", en: "Big-integer calculator" },
        help: L10n {
            fr: "Décimal, ou hexadécimal précédé de 0x. modpow : x^y mod m ; modinv : x⁻¹ mod m ; egcd : pgcd et coefficients de Bézout de x et y ; crt : restes « a1, a2, a3 » dans x et modules « n1, n2, n3 » dans m ; root : racine y-ième entière de x ; mul : x·y mod m ; text : x lu comme du texte.",
            en: "Decimal, or hex after 0x. modpow: x^y mod m; modinv: x⁻¹ mod m; egcd: gcd and Bézout coefficients of x and y; crt: residues \"a1, a2, a3\" in x and moduli \"n1, n2, n3\" in m; root: integer y-th root of x; mul: x·y mod m; text: x read as text.",
        },
        inputs,
        button: L10n { fr: "Calculer", en: "Compute" },
        oracle: false,
    }
}

/// Runs the calculator; an operation left unchosen is the first one the engine suggests.
pub fn run_calc(inputs: &BTreeMap<String, String>, ops: &[&str]) -> Result<Vec<ToolOutput>, Bilingual> {
    let mut inputs = inputs.clone();
    if inputs.get("op").map(|s| s.trim().is_empty()).unwrap_or(true) {
        inputs.insert("op".into(), ops[0].to_string());
    }
    crate::core::workbench::bigint_calc(&inputs)
}

/// A list of integers in hex, as the calculator reads them.
pub fn hex_list(values: &[&BigInt]) -> String {
    values.iter().map(|v| bigint::hex(v)).collect::<Vec<_>>().join(", ")
}

/// A per-thread cache of the last few instances of an engine (building one means finding primes).
pub struct Cache<T: Clone + 'static> {
    cell: &'static std::thread::LocalKey<std::cell::RefCell<Vec<(Vec<u8>, T)>>>,
}

impl<T: Clone + 'static> Cache<T> {
    pub const fn new(cell: &'static std::thread::LocalKey<std::cell::RefCell<Vec<(Vec<u8>, T)>>>) -> Self {
        Cache { cell }
    }

    pub fn get_or(&self, key: Vec<u8>, build: impl FnOnce() -> T) -> T {
        if let Some(hit) = self.cell.with(|c| c.borrow().iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())) {
            return hit;
        }
        let value = build();
        self.cell.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() >= 8 {
                c.remove(0);
            }
            c.push((key, value.clone()));
        });
        value
    }
}

/// The cache key of an instance: its seed and its parameters.
pub fn cache_key(seed: &InstanceSeed, params: &super::Params) -> Vec<u8> {
    let mut k = seed.0.to_vec();
    k.extend_from_slice(params.to_string().as_bytes());
    k
}
