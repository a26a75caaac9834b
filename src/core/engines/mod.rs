//! Lab engines: one module per kind of interactive exercise, listed in [`REGISTRY`].
//!
//! An engine declares its parameters (checked when an exercise file is loaded), builds a
//! learner's instance deterministically from the instance seed, offers named variables to the
//! statement, declares the checks that `grading = "lab"` questions may name, and offers tools
//! (the embedded lab) that the UI renders from their description alone.
//!
//! Instance seeds follow EXERCISE_FORMAT.md: HKDF-SHA256(ikm = learner seed, no salt,
//! info = "pack-id/exercise-id"). Each value of an instance is then
//! HKDF-SHA256(ikm = instance seed, no salt, info = value name), so adding a value to an engine
//! never changes the values already given to learners.

use std::collections::BTreeMap;

use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n, Lang};

pub mod aead_frame;
pub mod aes_block;
pub mod cbc_bitflip;
pub mod ctr_nonce_reuse;
pub mod ecb_picture;
pub mod ecdsa_nonce_reuse;
pub mod firmware_update;
pub mod fleet_keys;
pub mod gcm_nonce_reuse;
pub mod hmac_challenge;
pub mod key_hierarchy;
pub mod kex_mitm;
pub mod length_extension;
pub mod manifest_signatures;
pub mod padding_oracle;
pub mod password_crack;
pub mod secure_boot;
pub mod rsa_common;
pub mod rsa_common_modulus;
pub mod rsa_hastad;
pub mod rsa_textbook;
pub mod x25519;

pub type Params = toml::Table;

/// Every registered engine, in the order the authoring page lists them.
pub static REGISTRY: &[&dyn Engine] = &[&aes_block::AesBlock, &x25519::X25519Exchange, &padding_oracle::PaddingOracle, &cbc_bitflip::CbcBitflip, &ctr_nonce_reuse::CtrNonceReuse, &ecb_picture::EcbPicture, &length_extension::LengthExtension, &hmac_challenge::HmacChallenge, &key_hierarchy::KeyHierarchy, &aead_frame::AeadFrame, &gcm_nonce_reuse::GcmNonceReuse, &password_crack::PasswordCrack, &manifest_signatures::ManifestSignatures, &ecdsa_nonce_reuse::EcdsaNonceReuse, &fleet_keys::FleetKeys, &secure_boot::SecureBoot, &firmware_update::FirmwareUpdate, &kex_mitm::KexMitm, &rsa_textbook::RsaTextbook, &rsa_hastad::RsaHastad, &rsa_common_modulus::RsaCommonModulus];

pub fn find(kind: &str) -> Option<&'static dyn Engine> {
    REGISTRY.iter().copied().find(|e| e.kind() == kind)
}

pub fn known_kinds() -> Vec<&'static str> {
    REGISTRY.iter().map(|e| e.kind()).collect()
}

/// The 32-byte seed of one learner's instance of one exercise.
#[derive(Clone, PartialEq, Eq)]
pub struct InstanceSeed(pub [u8; 32]);

impl std::fmt::Debug for InstanceSeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InstanceSeed({})", hex::encode(self.0))
    }
}

impl InstanceSeed {
    pub fn derive(learner_seed: &[u8], pack_id: &str, exercise_id: &str) -> InstanceSeed {
        let okm = crypto::hkdf_sha256(&[], learner_seed, format!("{pack_id}/{exercise_id}").as_bytes(), 32)
            .expect("32 bytes is within HKDF's limit");
        InstanceSeed(okm.try_into().expect("asked for 32 bytes"))
    }

    /// `len` bytes of the instance value called `name`.
    pub fn value(&self, name: &str, len: usize) -> Vec<u8> {
        crypto::hkdf_sha256(&[], &self.0, name.as_bytes(), len).expect("instance values are short")
    }
}

/// A problem with an engine's parameters in an exercise file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    /// The parameter at fault, or "kind"/"" when the problem is the section itself.
    pub key: String,
    pub message: String,
    pub fix: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Hexadecimal bytes; `bytes` is the exact length when it is fixed.
    Hex { bytes: Option<usize> },
    Text,
    /// One of the listed values.
    Select(&'static [&'static str]),
    Number,
}

#[derive(Debug, Clone, Copy)]
pub struct InputSpec {
    pub id: &'static str,
    pub label: L10n,
    pub kind: InputKind,
    /// The instance variable the field starts with, if any.
    pub prefill: Option<&'static str>,
}

#[derive(Debug, Clone, Copy)]
pub struct ToolSpec {
    pub id: &'static str,
    pub title: L10n,
    pub help: L10n,
    pub inputs: &'static [InputSpec],
    pub button: L10n,
    /// Each run is a query to the target: it counts against the exercise's budget.
    pub oracle: bool,
}

/// What a tool gave, and how many oracle queries it spent (0 for a plain calculator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolRun {
    pub outputs: Vec<ToolOutput>,
    pub queries: u32,
}

impl From<Vec<ToolOutput>> for ToolRun {
    fn from(outputs: Vec<ToolOutput>) -> Self {
        ToolRun { outputs, queries: 0 }
    }
}

/// One line of a tool's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolOutput {
    pub label: L10n,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabVerdict {
    Correct,
    Wrong,
    /// The answer could not even be read (wrong length, not hex...): say why, count no attempt.
    Unreadable(Bilingual),
}

pub trait Engine: Sync {
    fn kind(&self) -> &'static str;
    fn title(&self) -> L10n;
    fn description(&self) -> L10n;
    /// The parameters the `[lab]` table may carry besides `kind`, for messages and the authoring page.
    fn param_names(&self) -> &'static [&'static str];
    fn check_params(&self, params: &Params) -> Vec<ParamError>;
    fn variable_names(&self, params: &Params) -> Vec<&'static str>;
    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String>;
    fn checks(&self, params: &Params) -> Vec<&'static str>;
    /// The answer a check expects for this instance. Computed, never stored in a file.
    fn reference(&self, params: &Params, seed: &InstanceSeed, check: &str) -> Option<String>;
    fn tools(&self, params: &Params) -> Vec<ToolSpec>;
    fn run_tool(
        &self,
        params: &Params,
        seed: &InstanceSeed,
        tool: &str,
        inputs: &BTreeMap<String, String>,
    ) -> Result<ToolRun, Bilingual>;

    /// How many oracle queries a learner may make on this instance, if they are limited.
    fn budget(&self, _params: &Params) -> Option<u32> {
        None
    }

    /// A workbench tool and the field values that open it on this instance, if one fits.
    fn workbench_link(&self, _params: &Params, _vars: &BTreeMap<String, String>) -> Option<(&'static str, Vec<(&'static str, String)>)> {
        None
    }

    /// Grades a lab answer. The default reads hex answers of the reference's length.
    fn grade(&self, params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        let Some(reference) = self.reference(params, seed, check) else {
            return LabVerdict::Unreadable(Bilingual::new(
                format!("le contrôle « {check} » n'existe pas pour ce moteur"),
                format!("check \"{check}\" does not exist for this engine"),
            ));
        };
        grade_hex(&reference, answer)
    }
}

/// Compares a hex answer with the reference in constant time, after the `hex` normalisation.
pub fn grade_hex(reference: &str, answer: &str) -> LabVerdict {
    use subtle::ConstantTimeEq;
    let given = crate::core::grading::Normalization::Hex.apply(answer);
    let expected_len = reference.len() / 2;
    match hex::decode(&given) {
        Err(_) => LabVerdict::Unreadable(Bilingual::new(
            "la réponse doit être en hexadécimal (0-9, a-f)",
            "the answer must be hexadecimal (0-9, a-f)",
        )),
        Ok(bytes) if bytes.len() != expected_len => LabVerdict::Unreadable(Bilingual::new(
            format!("la réponse fait {} ; attendu : {} ({} chiffres hexadécimaux)", octets(bytes.len()), octets(expected_len), expected_len * 2),
            format!("the answer is {}; expected {} ({} hex digits)", bytes_en(bytes.len()), bytes_en(expected_len), expected_len * 2),
        )),
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

fn bytes_en(n: usize) -> String {
    if n == 1 { "1 byte".into() } else { format!("{n} bytes") }
}

fn octets(n: usize) -> String {
    if n <= 1 { format!("{n} octet") } else { format!("{n} octets") }
}

/// Compares a text answer (a recovered secret) after trimming, in constant time.
pub fn grade_text(reference: Option<String>, answer: &str) -> LabVerdict {
    use subtle::ConstantTimeEq;
    match reference {
        Some(expected) if bool::from(answer.trim().as_bytes().ct_eq(expected.as_bytes())) => LabVerdict::Correct,
        Some(_) => LabVerdict::Wrong,
        None => LabVerdict::Unreadable(Bilingual::new("contrôle inconnu", "unknown check")),
    }
}

/// A true/false parameter that switches an engine to its fixed variant: reads it, or says how
/// to write it.
pub fn fixed_variant(params: &Params, key: &str, what: &str, errors: &mut Vec<ParamError>) -> bool {
    match params.get(key) {
        None => false,
        Some(toml::Value::Boolean(b)) => *b,
        Some(other) => {
            errors.push(ParamError { key: key.into(), message: format!("`{key}` is {other}; expected true or false"), fix: format!("write `{key} = true` for {what}, or leave it out") });
            false
        }
    }
}

/// The error for a tool name an engine does not have (a stale page or a hand-made request).
pub fn unknown_tool(tool: &str) -> Bilingual {
    Bilingual::new(format!("outil inconnu : {tool}"), format!("unknown tool: {tool}"))
}

/// A hex input that may be left empty (an optional tag, salt or known state).
pub fn optional_hex_input(inputs: &BTreeMap<String, String>, id: &str, label: L10n) -> Result<Option<Vec<u8>>, Bilingual> {
    match inputs.get(id).map(|v| v.trim()).unwrap_or("") {
        "" => Ok(None),
        _ => hex_input(inputs, id, label).map(Some),
    }
}

/// Tool inputs from pairs, for tests.
#[cfg(test)]
pub(crate) fn inputs_of(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Engine parameters with one true/false switch, for tests of fixed variants.
#[cfg(test)]
pub(crate) fn params_with(key: &str, on: bool) -> Params {
    let mut p = Params::new();
    if on {
        p.insert(key.into(), toml::Value::Boolean(true));
    }
    p
}

/// Reads a hex tool input, naming the field in the error.
pub fn hex_input(inputs: &BTreeMap<String, String>, id: &str, label: L10n) -> Result<Vec<u8>, Bilingual> {
    let raw = inputs.get(id).map(String::as_str).unwrap_or("");
    let cleaned = crate::core::grading::Normalization::Hex.apply(raw);
    if cleaned.is_empty() {
        return Err(Bilingual::new(format!("« {} » est vide", label.fr), format!("\"{}\" is empty", label.en)));
    }
    hex::decode(&cleaned).map_err(|_| {
        Bilingual::new(
            format!("« {} » doit être en hexadécimal, un nombre pair de chiffres 0-9 a-f", label.fr),
            format!("\"{}\" must be hexadecimal, an even number of digits 0-9 a-f", label.en),
        )
    })
}

const XOR_A: L10n = L10n { fr: "A (hex)", en: "A (hex)" };
const XOR_B: L10n = L10n { fr: "B (hex)", en: "B (hex)" };
static XOR_INPUTS: [InputSpec; 2] = [
    InputSpec { id: "a", label: XOR_A, kind: InputKind::Hex { bytes: None }, prefill: None },
    InputSpec { id: "b", label: XOR_B, kind: InputKind::Hex { bytes: None }, prefill: None },
];

/// The XOR calculator that attack engines share.
pub fn xor_tool() -> ToolSpec {
    ToolSpec {
        id: "xor",
        title: L10n { fr: "XOR", en: "XOR" },
        help: L10n { fr: "A ⊕ B, octet par octet (même longueur).", en: "A ⊕ B, byte by byte (same length)." },
        inputs: &XOR_INPUTS,
        button: L10n { fr: "Calculer", en: "Compute" },
        oracle: false,
    }
}

pub fn run_xor(inputs: &BTreeMap<String, String>) -> Result<Vec<ToolOutput>, Bilingual> {
    let a = hex_input(inputs, "a", XOR_A)?;
    let b = hex_input(inputs, "b", XOR_B)?;
    if a.len() != b.len() {
        return Err(Bilingual::new(
            format!("A fait {} octets et B {} ; il faut la même longueur", a.len(), b.len()),
            format!("A is {} bytes and B is {}; they must be the same length", a.len(), b.len()),
        ));
    }
    let x: Vec<u8> = a.iter().zip(&b).map(|(p, q)| p ^ q).collect();
    let mut out = vec![ToolOutput { label: L10n { fr: "A ⊕ B (hex)", en: "A ⊕ B (hex)" }, value: hex::encode(&x) }];
    if let Ok(t) = std::str::from_utf8(&x) {
        if t.chars().all(|c| !c.is_control()) {
            out.push(ToolOutput { label: L10n { fr: "A ⊕ B (texte)", en: "A ⊕ B (text)" }, value: t.to_string() });
        }
    }
    Ok(out)
}

const HKDF_SALT: L10n = L10n { fr: "Sel (hex)", en: "Salt (hex)" };
const HKDF_IKM: L10n = L10n { fr: "Secret d'entrée (hex)", en: "Input keying material (hex)" };
const HKDF_INFO: L10n = L10n { fr: "Info (texte UTF-8)", en: "Info (UTF-8 text)" };
const HKDF_LENGTH: L10n = L10n { fr: "Longueur (octets)", en: "Length (bytes)" };
static HKDF_INPUTS: [InputSpec; 4] = [
    InputSpec { id: "salt", label: HKDF_SALT, kind: InputKind::Hex { bytes: None }, prefill: Some("salt") },
    InputSpec { id: "ikm", label: HKDF_IKM, kind: InputKind::Hex { bytes: None }, prefill: None },
    InputSpec { id: "info", label: HKDF_INFO, kind: InputKind::Text, prefill: Some("info") },
    InputSpec { id: "length", label: HKDF_LENGTH, kind: InputKind::Number, prefill: None },
];

/// The HKDF-SHA256 calculator that key-exchange and key-management engines share; it starts
/// with the instance's `salt` and `info` variables.
pub fn hkdf_tool() -> ToolSpec {
    ToolSpec {
        id: "hkdf",
        title: L10n { fr: "HKDF-SHA256", en: "HKDF-SHA256" },
        help: L10n { fr: "Extract puis Expand (RFC 5869). Longueur par défaut : 32 octets.", en: "Extract then Expand (RFC 5869). Default length: 32 bytes." },
        inputs: &HKDF_INPUTS,
        button: L10n { fr: "Dériver", en: "Derive" },
        oracle: false,
    }
}

pub fn run_hkdf(inputs: &BTreeMap<String, String>) -> Result<Vec<ToolOutput>, Bilingual> {
    let salt = optional_hex_input(inputs, "salt", HKDF_SALT)?.unwrap_or_default();
    let ikm = hex_input(inputs, "ikm", HKDF_IKM)?;
    let info = inputs.get("info").cloned().unwrap_or_default();
    let length = match inputs.get("length").map(|s| s.trim()).unwrap_or("") {
        "" => 32,
        text => text
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| Bilingual::new("la longueur doit être un entier entre 1 et 8160", "the length must be a whole number from 1 to 8160"))?,
    };
    let okm = crypto::hkdf_sha256(&salt, &ikm, info.as_bytes(), length).map_err(crypto_error)?;
    Ok(vec![
        ToolOutput { label: L10n { fr: "PRK (Extract)", en: "PRK (Extract)" }, value: hex::encode(crypto::hkdf_sha256_extract(&salt, &ikm)) },
        ToolOutput { label: L10n { fr: "Clé dérivée (Expand)", en: "Derived key (Expand)" }, value: hex::encode(okm) },
    ])
}

pub fn crypto_error(e: crypto::CryptoError) -> Bilingual {
    Bilingual::new(e.describe(Lang::Fr), e.describe(Lang::En))
}

/// Refuses parameters the engine does not know, listing those it does.
pub fn unknown_params(params: &Params, known: &[&str]) -> Vec<ParamError> {
    params
        .keys()
        .filter(|k| *k != "kind" && !known.contains(&k.as_str()))
        .map(|k| ParamError {
            key: k.clone(),
            message: format!(
                "unknown lab parameter `{k}`; this engine takes {}",
                if known.is_empty() { "no parameter".to_string() } else { known.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ") }
            ),
            fix: format!("remove `{k}` or check its spelling"),
        })
        .collect()
}

/// Groups hex in 16-byte blocks separated by spaces, so block patterns are visible.
pub fn hex_blocks(bytes: &[u8]) -> String {
    bytes.chunks(16).map(hex::encode).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(find(kind).unwrap().kind(), kind);
        }
        assert!(find("enigma").is_none());
    }

    #[test]
    fn every_engine_grades_its_reference_right_and_a_tampered_one_wrong() {
        let seed = InstanceSeed::derive(&[1u8; 32], "p", "e");
        for engine in REGISTRY {
            let params = default_params(engine.kind());
            assert!(engine.check_params(&params).is_empty(), "{}", engine.kind());
            for check in engine.checks(&params) {
                let reference = engine.reference(&params, &seed, check).unwrap();
                assert_eq!(engine.grade(&params, &seed, check, &reference), LabVerdict::Correct);
                // An integer answer (textbook RSA): the next integer is wrong, a word unreadable.
                if let (true, Ok(n)) = (engine.kind() == "rsa-textbook", reference.parse::<num_bigint::BigUint>()) {
                    assert_eq!(engine.grade(&params, &seed, check, &(n + 1u32).to_string()), LabVerdict::Wrong);
                    assert!(matches!(engine.grade(&params, &seed, check, "zz"), LabVerdict::Unreadable(_)));
                    continue;
                }
                match hex::decode(&reference) {
                    Ok(mut tampered) => {
                        tampered[0] ^= 1;
                        assert_eq!(engine.grade(&params, &seed, check, &hex::encode(tampered)), LabVerdict::Wrong);
                        assert!(matches!(engine.grade(&params, &seed, check, "zz"), LabVerdict::Unreadable(_)));
                    }
                    // A text answer (a recovered secret): any other text is wrong.
                    Err(_) => assert_eq!(engine.grade(&params, &seed, check, &format!("{reference}x")), LabVerdict::Wrong, "{}", engine.kind()),
                }
            }
            for name in engine.variable_names(&params) {
                assert!(engine.variables(&params, &seed).contains_key(name), "{} lacks {name}", engine.kind());
            }
        }
    }

    #[test]
    fn workbench_links_name_real_tools_and_fields() {
        let seed = InstanceSeed::derive(&[2u8; 32], "p", "e");
        for engine in REGISTRY {
            let params = default_params(engine.kind());
            let vars = engine.variables(&params, &seed);
            if let Some((tool, fields)) = engine.workbench_link(&params, &vars) {
                let info = crate::core::workbench::info(tool).unwrap_or_else(|| panic!("{} links to unknown tool {tool}", engine.kind()));
                for (field, _) in &fields {
                    assert!(info.fields.iter().any(|f| f.id == *field), "{}: {tool} has no field {field}", engine.kind());
                }
            }
        }
    }

    pub(crate) fn default_params(kind: &str) -> Params {
        let mut params = Params::new();
        if kind == "aes-block" {
            params.insert("mode".into(), toml::Value::String("cbc".into()));
        }
        params
    }

    #[test]
    fn hex_answers_of_the_wrong_length_are_unreadable_not_wrong() {
        assert_eq!(grade_hex("00ff", "00 FF"), LabVerdict::Correct);
        assert_eq!(grade_hex("00ff", "0x00:ff"), LabVerdict::Correct);
        assert_eq!(grade_hex("00ff", "00fe"), LabVerdict::Wrong);
        match grade_hex("00ff", "00") {
            LabVerdict::Unreadable(m) => assert_eq!(m.en, "the answer is 1 byte; expected 2 bytes (4 hex digits)"),
            other => panic!("{other:?}"),
        }
    }
}
