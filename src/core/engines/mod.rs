//! Lab engines: one module per kind of interactive exercise, listed once in [`registry!`].
//!
//! An engine module has three parts:
//! - `Params`: its `[lab]` parameters, a serde struct (`deny_unknown_fields`, every default in
//!   its `Default`), checked when an exercise file is loaded;
//! - `SPEC`: one static description ([`EngineSpec`]): title, what it teaches, parameters with
//!   their docs, variables, checks, tools with typed fields, cost and optional view. Forms,
//!   skeletons, the placeholder check, the worker's dispatch and the docs derive from it;
//! - `build(&Params, &InstanceSeed) -> Instance`, where the instance implements [`Lab`]: built
//!   once per (exercise, learner seed), it gives the variables, grades answers and runs tools.
//!
//! The page links the descriptions and the parameter checks only ([`SPECS`], [`check_params`]);
//! instances are built in the worker and the command line ([`build`]), so no engine crate
//! follows the page.
//!
//! Instance seeds follow the exercise format: HKDF-SHA256(ikm = learner seed, no salt,
//! info = "pack-id/exercise-id"). Each value of an instance is then
//! HKDF-SHA256(ikm = instance seed, no salt, info = value name), so adding a value to an engine
//! never changes the values already given to learners.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::core::crypto;
use crate::core::msg::{Arg, Msg, M};
pub use crate::core::tools::{Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};
use crate::core::views::{ViewData, ViewRequest};

pub mod host;
pub mod reference;
/// Helpers of the RSA engines (not an engine).
pub mod rsa_common;

/// Lists every engine module once: declares it, and derives [`SPECS`], [`check_params`],
/// [`defaults`] and [`build`] from it. Adding an engine is one name here.
macro_rules! registry {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every engine's description, in the order the docs and the authoring page list them.
        pub static SPECS: &[&EngineSpec] = &[$(&$module::SPEC),*];

        /// Checks an exercise's `[lab]` parameters against the engine's description.
        /// None when no engine has this kind.
        pub fn check_params(kind: &str, table: &toml::Table) -> Option<Result<(), ParamError>> {
            find(kind).map(|spec| check_table(spec, table))
        }

        /// The parameters an engine takes when the `[lab]` table gives none (required ones absent).
        pub fn defaults(kind: &str) -> Option<toml::Table> {
            $(if kind == $module::SPEC.kind {
                return Some(toml::Table::try_from(<$module::Params as Default>::default()).expect("parameters serialise to a table"));
            })*
            None
        }

        /// Builds a learner's instance (the worker and the command line; never the page).
        pub fn build(kind: &str, table: &toml::Table, seed: &InstanceSeed) -> Result<Box<dyn Lab>, ParamError> {
            $(if kind == $module::SPEC.kind {
                let params = parse_params::<$module::Params>(&$module::SPEC, table)?;
                return Ok(Box::new($module::build(&params, seed)));
            })*
            Err(ParamError { key: "kind".into(), message: format!("lab kind \"{kind}\" is not a registered engine; known kinds: {}", known_kinds().join(", ")), fix: "use one of the known kinds".into() })
        }
    };
}

registry!(
    aes_block,
    padding_oracle,
    cbc_bitflip,
    ctr_nonce_reuse,
    ecb_picture,
    length_extension,
    hmac_challenge,
    key_hierarchy,
    x25519,
    aead_frame,
    gcm_nonce_reuse,
    password_crack,
    manifest_signatures,
    ecdsa_nonce_reuse,
    secure_boot,
    firmware_update,
    kex_mitm,
    fleet_keys,
    rsa_textbook,
    rsa_hastad,
    rsa_common_modulus,
    mqtt_audit,
    oscore_replay,
    lorawan_abp,
    ble_pairing,
);

pub fn find(kind: &str) -> Option<&'static EngineSpec> {
    SPECS.iter().copied().find(|e| e.kind == kind)
}

pub fn known_kinds() -> Vec<&'static str> {
    SPECS.iter().map(|e| e.kind).collect()
}

/// A check across several `[lab]` parameters.
pub type ParamRule = fn(&toml::Table) -> Result<(), ParamError>;

/// One engine, described once.
#[derive(Debug)]
pub struct EngineSpec {
    pub kind: &'static str,
    pub title: M,
    /// What the engine teaches, in a sentence or two.
    pub teaches: M,
    pub params: &'static [ParamSpec],
    pub variables: &'static [VarSpec],
    pub checks: &'static [CheckSpec],
    pub tools: &'static [ToolSpec],
    /// Building an instance: light (milliseconds) or long (prime search ...).
    pub cost: Cost,
    /// The special view drawn under the tools, if any (see `ui::views`).
    pub view: Option<&'static str>,
    /// A rule between parameters, beyond each one's own values.
    pub rule: Option<ParamRule>,
}

impl EngineSpec {
    pub fn tool(&self, id: &str) -> Option<&'static ToolSpec> {
        self.tools.iter().find(|t| t.id == id)
    }

    pub fn check(&self, name: &str) -> Option<&'static CheckSpec> {
        self.checks.iter().find(|c| c.name == name)
    }

    pub fn variable_names(&self) -> Vec<&'static str> {
        self.variables.iter().map(|v| v.name).collect()
    }

    pub fn check_names(&self) -> Vec<&'static str> {
        self.checks.iter().map(|c| c.name).collect()
    }
}

/// A `[lab]` parameter, for instructors (English, like the loader's messages).
#[derive(Debug, Clone, Copy)]
pub struct ParamSpec {
    pub name: &'static str,
    pub doc: &'static str,
    /// The values it takes: what the loader checks, in the page as in the command line.
    pub kind: ParamKind,
    /// Whether a `[lab]` table must give it (it has no default).
    pub required: bool,
    /// What a valid value is, in words: "true or false", "one of \"ecb\", \"cbc\", \"ctr\"".
    pub expect: &'static str,
    /// A valid value as written in TOML.
    pub example: &'static str,
}

/// The TOML values a parameter accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    Bool,
    Int { min: i64, max: i64 },
    IntOneOf(&'static [i64]),
    OneOf(&'static [&'static str]),
    Text,
}

impl ParamKind {
    fn accepts(self, value: &toml::Value) -> bool {
        match (self, value) {
            (ParamKind::Bool, toml::Value::Boolean(_)) | (ParamKind::Text, toml::Value::String(_)) => true,
            (ParamKind::Int { min, max }, toml::Value::Integer(n)) => (min..=max).contains(n),
            (ParamKind::IntOneOf(options), toml::Value::Integer(n)) => options.contains(n),
            (ParamKind::OneOf(options), toml::Value::String(s)) => options.contains(&s.as_str()),
            _ => false,
        }
    }
}

/// A value of the instance that statements, hints and solutions may use as `{{name}}`.
#[derive(Debug, Clone, Copy)]
pub struct VarSpec {
    pub name: &'static str,
    pub doc: &'static str,
}

/// How a lab answer is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    /// Bytes in hex, of the reference's length.
    Hex,
    /// Text, compared after trimming.
    Text,
    /// A whole number, in decimal or 0x-hex.
    Integer,
    /// Several lines of text (a configuration file), kept as written: the page gives a text area.
    LongText,
}

/// A check that `grading = "lab"` questions may name.
#[derive(Debug, Clone, Copy)]
pub struct CheckSpec {
    pub name: &'static str,
    pub doc: &'static str,
    pub answer: AnswerKind,
}

/// An engine's typed parameters: what its `build` receives, once [`check_table`] has accepted
/// the `[lab]` table.
pub trait Params: DeserializeOwned + Serialize + Default {}

/// A problem with an engine's parameters in an exercise file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    /// The parameter at fault, or "" when the problem is the section itself.
    pub key: String,
    pub message: String,
    pub fix: String,
}

impl ParamError {
    /// "`budget` is 0; expected ..." with the fix from the parameter's description.
    pub fn invalid(spec: &EngineSpec, key: &str, value: &dyn std::fmt::Display) -> ParamError {
        let p = spec.params.iter().find(|p| p.name == key);
        ParamError {
            key: key.into(),
            message: format!("`{key}` is {value}; expected {}", p.map(|p| p.expect).unwrap_or("another value")),
            fix: match p {
                Some(p) => format!("write {}, for example `{key} = {}`", p.expect, p.example),
                None => format!("remove `{key}`"),
            },
        }
    }

    /// A required parameter left out.
    pub fn missing(spec: &EngineSpec, p: &ParamSpec) -> ParamError {
        let key = p.name;
        let choices = match p.kind {
            ParamKind::OneOf(options) => {
                let lines: Vec<String> = options.iter().map(|o| format!("`{key} = \"{o}\"`")).collect();
                match lines.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                    _ => lines.join(""),
                }
            }
            _ => format!("`{key} = {}`", p.example),
        };
        ParamError { key: String::new(), message: format!("the {} engine needs a `{key}`; none was given", spec.kind), fix: format!("add {choices} to the [lab] table") }
    }
}

/// Checks an exercise's `[lab]` table (its `kind` aside) against the engine's description: an
/// unknown key, a value of the wrong type or out of range, a missing required parameter and a
/// broken rule between parameters each name their key. Plain data, no deserializer: the page
/// runs it on every file it loads.
pub fn check_table(spec: &EngineSpec, table: &toml::Table) -> Result<(), ParamError> {
    for (key, value) in table.iter().filter(|(k, _)| *k != "kind") {
        let Some(p) = spec.params.iter().find(|p| p.name == key) else {
            let known = spec.params.iter().map(|p| format!("`{}`", p.name)).collect::<Vec<_>>();
            return Err(ParamError {
                key: key.clone(),
                message: format!("unknown lab parameter `{key}`; this engine takes {}", if known.is_empty() { "no parameter".to_string() } else { known.join(", ") }),
                fix: format!("remove `{key}` or check its spelling"),
            });
        };
        if !p.kind.accepts(value) {
            return Err(ParamError::invalid(spec, key, value));
        }
    }
    if let Some(p) = spec.params.iter().find(|p| p.required && !table.contains_key(p.name)) {
        return Err(ParamError::missing(spec, p));
    }
    spec.rule.map_or(Ok(()), |rule| rule(table))
}

/// Reads an exercise's `[lab]` table into the engine's typed parameters (the worker and the
/// command line), after [`check_table`].
pub fn parse_params<P: Params>(spec: &EngineSpec, table: &toml::Table) -> Result<P, ParamError> {
    check_table(spec, table)?;
    let mut table = table.clone();
    table.remove("kind");
    toml::Value::Table(table).try_into().map_err(|e| ParamError {
        key: String::new(),
        message: format!("{e} (engine {})", spec.kind),
        fix: "check the [lab] table against the engine's reference".into(),
    })
}

/// The 32-byte seed of one learner's instance of one exercise.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InstanceSeed(pub [u8; 32]);

impl std::fmt::Debug for InstanceSeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InstanceSeed({})", hex::encode(self.0))
    }
}

impl InstanceSeed {
    pub fn derive(learner_seed: &[u8], pack_id: &str, exercise_id: &str) -> InstanceSeed {
        let okm = crypto::hkdf_sha256(&[], learner_seed, format!("{pack_id}/{exercise_id}").as_bytes(), 32).expect("32 bytes is within HKDF's limit");
        InstanceSeed(okm.try_into().expect("asked for 32 bytes"))
    }

    /// `len` bytes of the instance value called `name`.
    pub fn value(&self, name: &str, len: usize) -> Vec<u8> {
        crypto::hkdf_sha256(&[], &self.0, name.as_bytes(), len).expect("instance values are short")
    }
}

pub type Vars = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LabVerdict {
    Correct,
    Wrong,
    /// The answer could not even be read (wrong length, not hex...): say why, count no attempt.
    Unreadable(Msg),
}

/// A workbench tool and the field values that open it on this instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkbenchLink {
    pub tool: String,
    pub fields: Vec<(String, String)>,
}

impl WorkbenchLink {
    pub fn new(tool: &str, fields: &[(&str, &str)]) -> WorkbenchLink {
        WorkbenchLink { tool: tool.into(), fields: fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() }
    }

    /// The page's address of the workbench opened on this tool with these fields, each value
    /// passed through `encode` (the browser's URI-component encoder).
    pub fn href(&self, encode: impl Fn(&str) -> String) -> String {
        let mut href = format!("/workbench?tool={}", encode(&self.tool));
        for (k, v) in &self.fields {
            href.push_str(&format!("&{k}={}", encode(v)));
        }
        href
    }
}

/// A long run (an attack replay, a dictionary, a key search): the host calls `step` until it
/// finishes, reporting progress and checking for a cancel in between. Each step should take a
/// few milliseconds.
pub trait Job {
    fn step(&mut self) -> JobStep;
}

pub enum JobStep {
    /// Work done so far out of `total` (any unit; the page shows a bar).
    Progress {
        done: u64,
        total: u64,
        note: Option<Msg>,
    },
    Done(Result<ToolRun, Msg>),
}

/// A learner's instance of an engine.
pub trait Lab {
    /// Every variable of the engine's `SPEC.variables`, by name.
    fn variables(&self) -> Vars;

    /// The answer a check expects. Computed, never stored in a file.
    fn reference(&self, check: &str) -> Option<String>;

    /// Grades a lab answer. The default reads hex answers of the reference's length.
    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        match self.reference(check) {
            Some(reference) => grade_hex(&reference, answer),
            None => LabVerdict::Unreadable(Msg::UnknownCheck(check)),
        }
    }

    /// Runs a light tool of `SPEC.tools`.
    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg>;

    /// Starts a long tool (`cost: Cost::Long`).
    fn start(&self, tool: &str, _inputs: &Inputs) -> Result<Box<dyn Job>, Msg> {
        Err(Msg::UnknownTool(tool))
    }

    /// How many oracle queries a learner may make on this instance, if they are limited.
    fn budget(&self) -> Option<u32> {
        None
    }

    /// A workbench tool that fits this instance, with its fields filled.
    fn workbench_link(&self) -> Option<WorkbenchLink> {
        None
    }

    /// The data of the engine's special view.
    fn view(&self, _request: &ViewRequest) -> Result<ViewData, Msg> {
        Err(Msg::LabUnavailable())
    }
}

/// Runs a tool to its end without progress: a light tool at once, a long one step after step
/// (the command line and the tests).
pub fn run_job(lab: &dyn Lab, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
    match lab.start(tool, inputs) {
        Err(e) if e == Msg::UnknownTool(tool) => lab.run_tool(tool, inputs),
        Err(e) => Err(e),
        Ok(job) => finish(job),
    }
}

/// Steps a job to its end and gives its result.
pub fn finish(mut job: Box<dyn Job>) -> Result<ToolRun, Msg> {
    loop {
        if let JobStep::Done(result) = job.step() {
            return result;
        }
    }
}

/// Compares a hex answer with the reference in constant time, after the `hex` normalisation.
pub fn grade_hex(reference: &str, answer: &str) -> LabVerdict {
    use subtle::ConstantTimeEq;
    let given = crate::core::grading::Normalization::Hex.apply(answer);
    let expected_len = reference.len() / 2;
    match hex::decode(&given) {
        Err(_) => LabVerdict::Unreadable(Msg::AnswerNotHex()),
        Ok(bytes) if bytes.len() != expected_len => LabVerdict::Unreadable(Msg::AnswerHexLength(Arg::bytes(bytes.len()), Arg::bytes(expected_len), expected_len * 2)),
        Ok(bytes) => {
            let expected = hex::decode(reference).expect("references are hex");
            if bool::from(bytes.ct_eq(&expected)) {
                LabVerdict::Correct
            } else {
                LabVerdict::Wrong
            }
        }
    }
}

/// Compares a text answer (a recovered secret) after trimming, in constant time.
pub fn grade_text(check: &str, reference: Option<String>, answer: &str) -> LabVerdict {
    use subtle::ConstantTimeEq;
    match reference {
        Some(expected) if bool::from(answer.trim().as_bytes().ct_eq(expected.as_bytes())) => LabVerdict::Correct,
        Some(_) => LabVerdict::Wrong,
        None => LabVerdict::Unreadable(Msg::UnknownCheck(check)),
    }
}

pub use crate::core::tools::hex_blocks;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::views::ViewRequest;

    #[test]
    fn instance_seed_is_hkdf_of_the_learner_seed_and_exercise() {
        let learner = [7u8; 32];
        let a = InstanceSeed::derive(&learner, "seclab-core", "aes-kat");
        // Recomputed independently with the RFC 5869 function, info = "pack/exercise".
        let expected = crypto::hkdf_sha256(&[], &learner, b"seclab-core/aes-kat", 32).unwrap();
        assert_eq!(a.0.to_vec(), expected);
        assert_eq!(a, InstanceSeed::derive(&learner, "seclab-core", "aes-kat"));
        assert_ne!(a, InstanceSeed::derive(&learner, "seclab-core", "aes-cbc"));
        assert_ne!(a, InstanceSeed::derive(&[8u8; 32], "seclab-core", "aes-kat"));
        assert_ne!(a.value("key", 16), a.value("iv", 16));
    }

    #[test]
    fn registry_kinds_are_unique_and_findable() {
        let kinds = known_kinds();
        let mut sorted = kinds.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), kinds.len());
        for kind in kinds {
            assert_eq!(find(kind).unwrap().kind, kind);
        }
        assert!(find("enigma").is_none());
    }

    /// The parameters an engine's tests and the skeleton start from: the defaults, plus the
    /// example of every required parameter.
    pub(crate) fn default_params(kind: &str) -> toml::Table {
        let spec = find(kind).unwrap();
        let mut table = defaults(kind).unwrap();
        for p in spec.params {
            if !table.contains_key(p.name) {
                table.insert(p.name.into(), toml::from_str::<toml::Table>(&format!("v = {}", p.example)).unwrap()["v"].clone());
            }
        }
        table
    }

    /// What every engine promises through its description, held to account on an instance.
    #[test]
    fn every_engine_keeps_the_promises_of_its_description() {
        for spec in SPECS {
            let kind = spec.kind;
            let table = default_params(kind);
            assert_eq!(check_params(kind, &table), Some(Ok(())), "{kind}: the defaults and examples are valid");
            // Every documented parameter is a field of Params, and the reverse.
            let mut documented: Vec<&str> = spec.params.iter().map(|p| p.name).collect();
            let mut fields: Vec<String> = table.keys().cloned().collect();
            documented.sort();
            fields.sort();
            assert_eq!(documented, fields, "{kind}: SPEC.params and Params differ");
            for p in spec.params {
                assert!(toml::from_str::<toml::Table>(&format!("v = {}", p.example)).is_ok(), "{kind}: example of {} is not TOML", p.name);
                assert!(!p.doc.is_empty() && !p.expect.is_empty(), "{kind}: {} is undocumented", p.name);
                // The words of `expect` say what `kind` checks.
                let said: Vec<String> = match p.kind {
                    ParamKind::Bool => vec!["true or false".into()],
                    ParamKind::Int { min, max } => vec![min.to_string(), max.to_string()],
                    ParamKind::IntOneOf(options) => options.iter().map(i64::to_string).collect(),
                    ParamKind::OneOf(options) => options.iter().map(|o| format!("\"{o}\"")).collect(),
                    ParamKind::Text => vec!["text".into()],
                };
                for word in said {
                    assert!(p.expect.contains(&word), "{kind}: `{}` expects \"{}\", which does not say {word}", p.name, p.expect);
                }
            }
            for seed_byte in 0..3u8 {
                let seed = InstanceSeed::derive(&[seed_byte; 32], "p", "e");
                let lab = build(kind, &table, &seed).unwrap();
                let vars = lab.variables();
                let mut produced: Vec<&str> = vars.keys().map(String::as_str).collect();
                let mut declared = spec.variable_names();
                produced.sort();
                declared.sort();
                assert_eq!(produced, declared, "{kind}: variables produced differ from SPEC.variables");
                for check in spec.checks {
                    let reference = lab.reference(check.name).unwrap_or_else(|| panic!("{kind}: no reference for {}", check.name));
                    assert_eq!(lab.grade(check.name, &reference), LabVerdict::Correct, "{kind}/{}", check.name);
                    let tampered = match check.answer {
                        AnswerKind::Integer => (reference.parse::<num_bigint::BigUint>().unwrap() + 1u32).to_string(),
                        AnswerKind::Hex => {
                            let mut b = hex::decode(&reference).unwrap();
                            b[0] ^= 1;
                            hex::encode(b)
                        }
                        AnswerKind::Text => format!("{reference}x"),
                        // A file with its last line left out.
                        AnswerKind::LongText => {
                            let lines: Vec<&str> = reference.trim_end().lines().collect();
                            lines[..lines.len() - 1].join("\n")
                        }
                    };
                    assert_eq!(lab.grade(check.name, &tampered), LabVerdict::Wrong, "{kind}/{}: tampered", check.name);
                    if !matches!(check.answer, AnswerKind::Text | AnswerKind::LongText) {
                        assert!(matches!(lab.grade(check.name, "zz"), LabVerdict::Unreadable(_)), "{kind}/{}: unreadable", check.name);
                    }
                }
                assert!(matches!(lab.grade("no-such-check", "00"), LabVerdict::Unreadable(_)));
                // Every declared tool is dispatched: its prefilled form never answers "unknown tool".
                for tool in spec.tools {
                    let inputs = tool.start_values(&vars);
                    for field in tool.fields {
                        if let Some(var) = field.prefill {
                            assert!(vars.contains_key(var), "{kind}/{}: field {} starts with unknown variable {var}", tool.id, field.id);
                        }
                    }
                    let unknown = Msg::UnknownTool(tool.id);
                    match tool.cost {
                        Cost::Light => assert_ne!(lab.run_tool(tool.id, &inputs).err(), Some(unknown), "{kind}: tool {} is not dispatched", tool.id),
                        Cost::Long => assert!(lab.start(tool.id, &inputs).is_ok(), "{kind}: long tool {} does not start", tool.id),
                    }
                }
                assert_eq!(lab.run_tool("no-such-tool", &Inputs::new()).err(), Some(Msg::UnknownTool("no-such-tool")));
                if let Some(link) = lab.workbench_link() {
                    let tool = crate::core::workbench::info(&link.tool).unwrap_or_else(|| panic!("{kind} links to unknown tool {}", link.tool));
                    for (field, _) in &link.fields {
                        assert!(tool.spec.field(field).is_some(), "{kind}: {} has no field {field}", link.tool);
                    }
                }
                if let Some(view) = spec.view {
                    assert!(crate::core::views::VIEWS.contains(&view), "{kind}: view {view} is not registered");
                    let request = ViewRequest::initial(view);
                    let data = lab.view(&request);
                    assert!(data.is_ok(), "{kind}: view {view} gives no data");
                    if let Ok(crate::core::views::ViewData::Captures(captures)) = data {
                        assert!(!captures.is_empty(), "{kind}: no capture");
                        for c in &captures {
                            assert!(!c.frames.is_empty(), "{kind}: capture {} is empty", c.id);
                            for (i, f) in c.frames.iter().enumerate() {
                                assert!(f.fields_in_bounds(), "{kind}: capture {} frame {i} has a field outside its bytes", c.id);
                                assert!(!f.fields.is_empty() && !f.kind.is_empty(), "{kind}: capture {} frame {i} is not decoded", c.id);
                            }
                        }
                    }
                }
            }
        }
    }

    /// The page checks `[lab]` tables by the description alone; the worker reads them into the
    /// typed `Params`. For every parameter of every engine, over valid, boundary and wrong
    /// values, what the description accepts the typed parameters read, and a wrong type is
    /// refused by both.
    #[test]
    fn the_description_and_the_typed_parameters_agree() {
        let seed = InstanceSeed([3; 32]);
        for spec in SPECS {
            let base = default_params(spec.kind);
            for p in spec.params {
                let mut values: Vec<toml::Value> = vec![true.into(), 0.into(), (-1).into(), 1.into(), 4_000_000_000i64.into(), "".into(), "x".into(), 1.5.into()];
                match p.kind {
                    ParamKind::Int { min, max } => values.extend([min.into(), max.into(), (min - 1).into(), (max + 1).into()]),
                    ParamKind::IntOneOf(options) => values.extend(options.iter().map(|o| toml::Value::from(*o))),
                    ParamKind::OneOf(options) => values.extend(options.iter().map(|o| toml::Value::from(*o))),
                    ParamKind::Bool => values.push(false.into()),
                    ParamKind::Text => values.push("seclab session v2".into()),
                }
                for value in values {
                    let mut table = base.clone();
                    table.insert(p.name.into(), value.clone());
                    let described = check_table(spec, &table);
                    let built = build(spec.kind, &table, &seed);
                    assert_eq!(described.is_ok(), built.is_ok(), "{}: `{} = {value}`: description {described:?}, typed {:?}", spec.kind, p.name, built.err());
                    if !p.kind.accepts(&value) {
                        assert_eq!(described.unwrap_err().key, p.name, "{}: the error names `{}`", spec.kind, p.name);
                    }
                }
            }
        }
    }

    #[test]
    fn parameters_are_typed_and_each_error_names_its_key() {
        let spec = &aes_block::SPEC;
        let t = |s: &str| toml::from_str::<toml::Table>(s).unwrap();
        let err = parse_params::<aes_block::Params>(spec, &t("kind = \"aes-block\"\nmode = \"ofb\"")).unwrap_err();
        assert_eq!((err.key.as_str(), err.message.as_str()), ("mode", "`mode` is \"ofb\"; expected one of \"ecb\", \"cbc\", \"ctr\""));
        let err = parse_params::<aes_block::Params>(spec, &t("mode = \"ecb\"\nrounds = 10")).unwrap_err();
        assert_eq!((err.key.as_str(), err.message.as_str()), ("rounds", "unknown lab parameter `rounds`; this engine takes `mode`"));
        let err = parse_params::<aes_block::Params>(spec, &t("")).unwrap_err();
        assert_eq!(err.message, "the aes-block engine needs a `mode`; none was given");
        let spec = &padding_oracle::SPEC;
        let err = parse_params::<padding_oracle::Params>(spec, &t("budget = \"lots\"")).unwrap_err();
        assert_eq!((err.key.as_str(), err.message.as_str()), ("budget", "`budget` is \"lots\"; expected a whole number of queries from 1 to 1000000"));
        let err = parse_params::<padding_oracle::Params>(spec, &t("budget = 0")).unwrap_err();
        assert_eq!(err.message, "`budget` is 0; expected a whole number of queries from 1 to 1000000");
        let err = parse_params::<padding_oracle::Params>(spec, &t("mac = \"yes\"")).unwrap_err();
        assert_eq!((err.key.as_str(), err.fix.as_str()), ("mac", "write true or false, for example `mac = true`"));
        assert_eq!(parse_params::<padding_oracle::Params>(spec, &t("")).unwrap().budget, padding_oracle::Params::default().budget);
    }

    #[test]
    fn a_workbench_link_is_an_address_with_every_field_encoded() {
        let link = WorkbenchLink::new("aes", &[("key", "00 11"), ("data", "a&b")]);
        assert_eq!(link.href(|v| v.replace(' ', "%20").replace('&', "%26")), "/workbench?tool=aes&key=00%2011&data=a%26b");
    }

    #[test]
    fn hex_answers_of_the_wrong_length_are_unreadable_not_wrong() {
        assert_eq!(grade_hex("00ff", "00 FF"), LabVerdict::Correct);
        assert_eq!(grade_hex("00ff", "0x00:ff"), LabVerdict::Correct);
        assert_eq!(grade_hex("00ff", "00fe"), LabVerdict::Wrong);
        match grade_hex("00ff", "00") {
            LabVerdict::Unreadable(m) => assert_eq!(m.en(), "the answer is 1 byte; expected 2 bytes (4 hex digits)"),
            other => panic!("{other:?}"),
        }
    }
}
