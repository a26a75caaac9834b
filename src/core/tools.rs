//! One tool system for engine tools and workbench tools: a tool describes its fields once
//! (label, kind, default, the instance variable it starts with), the page draws one form from
//! that description, the worker runs it, and the result is a list of typed outputs that the page
//! puts into words in the learner's language.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::grading::Normalization;
use crate::core::msg::{Arg, Msg, M};

/// What a field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Hexadecimal bytes (spaces, ":" and a leading 0x are ignored); `bytes` is the exact length
    /// when it is fixed.
    Hex { bytes: Option<usize> },
    /// One line of text.
    Text,
    /// Several lines (a message, a word list, packages).
    LongText,
    /// One of the listed values.
    Select(&'static [&'static str]),
    /// A whole number in `min..=max`.
    Number { min: u64, max: u64 },
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub id: &'static str,
    pub label: M,
    pub kind: FieldKind,
    /// The value it starts with (workbench tools: a published test vector).
    pub default: &'static str,
    /// The instance variable it starts with instead, in an exercise.
    pub prefill: Option<&'static str>,
}

impl Field {
    pub const fn new(id: &'static str, label: M, kind: FieldKind) -> Field {
        Field { id, label, kind, default: "", prefill: None }
    }

    /// Starts with the instance variable `var`.
    pub const fn prefill(self, var: &'static str) -> Field {
        Field { prefill: Some(var), ..self }
    }

    pub const fn default(self, value: &'static str) -> Field {
        Field { default: value, ..self }
    }
}

/// How long a run may take: light tools answer in milliseconds; long ones stream progress
/// events and can be cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cost {
    Light,
    Long,
}

#[derive(Debug, Clone, Copy)]
pub struct ToolSpec {
    pub id: &'static str,
    pub title: M,
    pub help: M,
    pub button: M,
    pub fields: &'static [Field],
    /// Each run is a query to the target: it counts against the exercise's budget.
    pub oracle: bool,
    pub cost: Cost,
    /// Shown only once the exercise is solved (it would give the answer away).
    pub after_solving: bool,
}

impl ToolSpec {
    pub fn field(&self, id: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The values a form starts with: each field's instance variable when it names one the
    /// instance has, its default otherwise.
    pub fn start_values(&self, vars: &BTreeMap<String, String>) -> Inputs {
        self.fields.iter().map(|f| (f.id.to_string(), f.prefill.and_then(|v| vars.get(v).cloned()).unwrap_or_else(|| f.default.to_string()))).collect()
    }

    /// A select field of this tool, checked against the options its description lists.
    pub fn select(&self, inputs: &Inputs, id: &str) -> Result<&'static str, Msg> {
        match self.field(id).map(|f| (f.label, f.kind)) {
            Some((label, FieldKind::Select(options))) => select_input(inputs, id, label, options),
            _ => Err(Msg::UnknownField(id)),
        }
    }

    /// A number field of this tool, checked against the range its description gives.
    pub fn number(&self, inputs: &Inputs, id: &str) -> Result<u64, Msg> {
        match self.field(id).map(|f| (f.label, f.kind)) {
            Some((label, FieldKind::Number { min, max })) => number_input(inputs, id, label, min, max),
            _ => Err(Msg::UnknownField(id)),
        }
    }
}

/// A typed result value; the page chooses how to show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// Bytes, shown in hex.
    Hex(Vec<u8>),
    /// Bytes in hex, grouped in 16-byte blocks so that block patterns show.
    Blocks(Vec<u8>),
    /// An integer of any size, in decimal.
    Int(String),
    /// Text that is the same in every language: a recovered secret, a name, a code.
    Text(String),
    /// A sentence in the learner's language.
    Msg(Msg),
    /// A yes/no outcome with its explanation (accepted, valid, refused ...).
    Verdict { ok: bool, text: Msg },
    /// Rows of cells under a header.
    Table { head: Vec<Msg>, rows: Vec<Vec<Value>> },
}

impl Value {
    pub fn int(n: impl std::fmt::Display) -> Value {
        Value::Int(n.to_string())
    }

    /// The language-neutral form of a value (copyable text), None for sentences.
    pub fn plain(&self) -> Option<String> {
        match self {
            Value::Hex(b) => Some(hex::encode(b)),
            Value::Blocks(b) => Some(hex_blocks(b)),
            Value::Int(s) | Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// The value as a person reads it in `lang`.
    pub fn render(&self, lang: crate::core::i18n::Lang) -> String {
        match self {
            Value::Msg(m) | Value::Verdict { text: m, .. } => m.render(lang),
            Value::Table { head, rows } => {
                let mut lines = vec![head.iter().map(|h| h.render(lang)).collect::<Vec<_>>().join(" | ")];
                lines.extend(rows.iter().map(|r| r.iter().map(|c| c.render(lang)).collect::<Vec<_>>().join(" | ")));
                lines.join("\n")
            }
            other => other.plain().unwrap_or_default(),
        }
    }
}

/// One line of a tool's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    pub label: Msg,
    pub value: Value,
}

impl Output {
    pub fn new(label: impl Into<Msg>, value: Value) -> Output {
        Output { label: label.into(), value }
    }
}

/// What a tool gave, and how many oracle queries it spent (0 for a plain calculator).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ToolRun {
    pub outputs: Vec<Output>,
    pub queries: u32,
}

impl From<Vec<Output>> for ToolRun {
    fn from(outputs: Vec<Output>) -> Self {
        ToolRun { outputs, queries: 0 }
    }
}

impl ToolRun {
    /// The output labelled `label`, for tests and links between tools.
    pub fn get(&self, label: M) -> Option<&Value> {
        self.outputs.iter().find(|o| o.label.id == label).map(|o| &o.value)
    }
}

pub type Inputs = BTreeMap<String, String>;

/// The raw text of a field ("" when absent).
pub fn raw<'a>(inputs: &'a Inputs, id: &str) -> &'a str {
    inputs.get(id).map(String::as_str).unwrap_or("")
}

/// Reads a hex field, naming it in the error.
pub fn hex_input(inputs: &Inputs, id: &str, label: M) -> Result<Vec<u8>, Msg> {
    let cleaned = Normalization::Hex.apply(raw(inputs, id));
    if cleaned.is_empty() {
        return Err(Msg::FieldEmpty(label));
    }
    hex::decode(&cleaned).map_err(|_| Msg::FieldNotHex(label))
}

/// A hex field that may be left empty (an optional tag, salt or known state).
pub fn optional_hex_input(inputs: &Inputs, id: &str, label: M) -> Result<Option<Vec<u8>>, Msg> {
    match raw(inputs, id).trim() {
        "" => Ok(None),
        _ => hex_input(inputs, id, label).map(Some),
    }
}

/// A hex field that may be empty, read as empty bytes then.
pub fn hex_or_empty(inputs: &Inputs, id: &str, label: M) -> Result<Vec<u8>, Msg> {
    optional_hex_input(inputs, id, label).map(Option::unwrap_or_default)
}

/// A whole number in `min..=max` (spaces, "_" and "," between digits are ignored).
pub fn number_input(inputs: &Inputs, id: &str, label: M, min: u64, max: u64) -> Result<u64, Msg> {
    let text: String = raw(inputs, id).chars().filter(|c| !c.is_whitespace() && *c != '_' && *c != ',').collect();
    match text.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Msg::FieldNotNumber(label, min, max)),
    }
}

/// One of `options` (compared after trimming and lower-casing).
pub fn select_input<'a>(inputs: &Inputs, id: &str, label: M, options: &[&'a str]) -> Result<&'a str, Msg> {
    let value = raw(inputs, id).trim().to_lowercase();
    options.iter().copied().find(|o| *o == value).ok_or_else(|| Msg::FieldNotOption(label, options.join(", ")))
}

/// Bytes of one of the given sizes; the error lists them ("16, 24 or 32 bytes").
pub fn sized(bytes: Vec<u8>, label: M, sizes: &[usize]) -> Result<Vec<u8>, Msg> {
    if sizes.contains(&bytes.len()) {
        return Ok(bytes);
    }
    let list: Vec<String> = sizes.iter().map(usize::to_string).collect();
    let sizes: Arg = match list.split_last() {
        Some((last, head)) if !head.is_empty() => Msg::ListOr(head.join(", "), last).into(),
        _ => list.join(", ").into(),
    };
    Err(Msg::FieldSize(label, Arg::bytes(bytes.len()), sizes))
}

/// Groups hex in 16-byte blocks separated by spaces, so block patterns are visible.
pub fn hex_blocks(bytes: &[u8]) -> String {
    bytes.chunks(16).map(hex::encode).collect::<Vec<_>>().join(" ")
}

const XOR_FIELDS: &[Field] = &[Field::new("a", M::XorA, FieldKind::Hex { bytes: None }), Field::new("b", M::XorB, FieldKind::Hex { bytes: None })];

/// The XOR calculator that attack engines share.
pub const XOR_TOOL: ToolSpec = ToolSpec { id: "xor", title: M::XorTitle, help: M::XorHelp, button: M::XorButton, fields: XOR_FIELDS, oracle: false, cost: Cost::Light, after_solving: false };

pub fn run_xor(inputs: &Inputs) -> Result<ToolRun, Msg> {
    let a = hex_input(inputs, "a", M::XorA)?;
    let b = hex_input(inputs, "b", M::XorB)?;
    if a.len() != b.len() {
        return Err(Msg::XorLengths(Arg::bytes(a.len()), Arg::bytes(b.len())));
    }
    let x: Vec<u8> = a.iter().zip(&b).map(|(p, q)| p ^ q).collect();
    let mut out = vec![Output::new(M::XorHex, Value::Hex(x.clone()))];
    if let Ok(t) = std::str::from_utf8(&x) {
        if t.chars().all(|c| !c.is_control()) {
            out.push(Output::new(M::XorText, Value::Text(t.to_string())));
        }
    }
    Ok(out.into())
}

const HKDF_FIELDS: &[Field] = &[
    Field::new("salt", M::HkdfSalt, FieldKind::Hex { bytes: None }).prefill("salt"),
    Field::new("ikm", M::HkdfIkm, FieldKind::Hex { bytes: None }),
    Field::new("info", M::HkdfInfo, FieldKind::Text).prefill("info"),
    Field::new("length", M::HkdfLength, FieldKind::Number { min: 1, max: 8160 }).default("32"),
];

/// The HKDF-SHA256 calculator that key-exchange and key-management engines share; it starts
/// with the instance's `salt` and `info` variables.
pub const HKDF_TOOL: ToolSpec = ToolSpec { id: "hkdf", title: M::HkdfTitle, help: M::HkdfHelp, button: M::HkdfButton, fields: HKDF_FIELDS, oracle: false, cost: Cost::Light, after_solving: false };

pub fn run_hkdf(inputs: &Inputs) -> Result<ToolRun, Msg> {
    let salt = hex_or_empty(inputs, "salt", M::HkdfSalt)?;
    let ikm = hex_input(inputs, "ikm", M::HkdfIkm)?;
    let info = raw(inputs, "info");
    let length = match raw(inputs, "length").trim() {
        "" => 32,
        _ => number_input(inputs, "length", M::HkdfLength, 1, 8160)? as usize,
    };
    let okm = crate::core::crypto::hkdf_sha256(&salt, &ikm, info.as_bytes(), length).map_err(|e| e.msg())?;
    Ok(vec![Output::new(M::HkdfPrk, Value::Hex(crate::core::crypto::hkdf_sha256_extract(&salt, &ikm).to_vec())), Output::new(M::HkdfOkm, Value::Hex(okm))].into())
}

#[cfg(test)]
pub(crate) fn inputs_of(pairs: &[(&str, &str)]) -> Inputs {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_read_with_errors_that_name_the_field() {
        let i = inputs_of(&[("a", "0x00:ff"), ("b", "xyz"), ("n", "1 000"), ("s", " CBC ")]);
        assert_eq!(hex_input(&i, "a", M::XorA), Ok(vec![0, 0xff]));
        assert_eq!(hex_input(&i, "b", M::XorB).unwrap_err().en(), "\"B (hex)\" must be hexadecimal, an even number of digits 0-9 a-f");
        assert_eq!(hex_input(&i, "c", M::XorB).unwrap_err().en(), "\"B (hex)\" is empty");
        assert_eq!(optional_hex_input(&i, "c", M::XorB), Ok(None));
        assert_eq!(number_input(&i, "n", M::HkdfLength, 1, 8160), Ok(1000));
        assert_eq!(number_input(&i, "n", M::HkdfLength, 1, 10).unwrap_err().en(), "\"Length (bytes)\" must be a whole number from 1 to 10");
        assert_eq!(select_input(&i, "s", M::AesBlockMode, &["ecb", "cbc"]), Ok("cbc"));
        assert_eq!(select_input(&i, "a", M::AesBlockMode, &["ecb", "cbc"]).unwrap_err().en(), "\"Mode\" must be one of: ecb, cbc");
        assert_eq!(sized(vec![0; 3], M::XorA, &[16, 24, 32]).unwrap_err().en(), "\"A (hex)\" is 3 bytes; valid sizes: 16, 24 or 32 bytes");
        assert_eq!(sized(vec![0; 3], M::XorA, &[16, 24, 32]).unwrap_err().render(crate::core::i18n::Lang::Fr), "« A (hex) » fait 3 octets ; valeurs possibles : 16, 24 ou 32 octets");
        assert_eq!(sized(vec![0; 16], M::XorA, &[16]), Ok(vec![0; 16]));
    }

    /// RFC 5869 A.1 (basic test case with SHA-256), then a tampered salt.
    #[test]
    fn the_shared_hkdf_tool_reproduces_rfc5869_a1() {
        let mut i = inputs_of(&[("salt", "000102030405060708090a0b0c"), ("ikm", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), ("length", "42")]);
        i.insert("info".into(), String::from_utf8(hex::decode("f0f1f2f3f4f5f6f7f8f9").unwrap()).unwrap_or_default());
        // Info of RFC 5869 A.1 is not UTF-8 text; the PRK does not depend on it.
        let run = run_hkdf(&i).unwrap();
        assert_eq!(run.get(M::HkdfPrk), Some(&Value::Hex(hex::decode("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5").unwrap())));
        i.insert("salt".into(), "000102030405060708090a0b0d".into());
        assert_ne!(run_hkdf(&i).unwrap().get(M::HkdfPrk), run.get(M::HkdfPrk));
    }

    #[test]
    fn xor_gives_hex_and_text_and_refuses_unequal_lengths() {
        let run = run_xor(&inputs_of(&[("a", "6869"), ("b", "0000")])).unwrap();
        assert_eq!(run.get(M::XorHex), Some(&Value::Hex(b"hi".to_vec())));
        assert_eq!(run.get(M::XorText), Some(&Value::Text("hi".into())));
        assert_eq!(run_xor(&inputs_of(&[("a", "00"), ("b", "0000")])).unwrap_err().en(), "A is 1 byte and B is 2 bytes; they must be the same length");
    }
}
