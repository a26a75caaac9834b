//! The stored and exported form of progress: JSON with a `kind` marker and a `version`.
//! Older versions are migrated step by step; newer ones are refused, never half-read, so a
//! downgrade cannot lose what a newer lab wrote.

use serde_json::Value;

use super::Progress;

pub const DOCUMENT_KIND: &str = "seclab-progress";
/// Version 1 is the first stored shape. A change of shape adds a step to `migrate`.
pub const CURRENT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    NotJson(String),
    NotProgress,
    FutureVersion(u64),
    Invalid(String),
}

impl DecodeError {
    /// The message for a learner (and, in English, for the command line).
    pub fn msg(&self) -> crate::core::msg::Msg {
        use crate::core::msg::Msg;
        match self {
            DecodeError::NotJson(e) => Msg::ImportNotJson(e),
            DecodeError::NotProgress => Msg::ImportNotProgress(),
            DecodeError::FutureVersion(v) => Msg::ImportFutureVersion(*v, CURRENT_VERSION),
            DecodeError::Invalid(e) => Msg::ImportInvalid(e),
        }
    }
}

pub fn encode(progress: &Progress) -> String {
    serde_json::to_string_pretty(progress).expect("progress is plain data")
}

pub fn decode(text: &str) -> Result<Progress, DecodeError> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    let object = value.as_object().ok_or(DecodeError::NotProgress)?;
    if object.get("kind").and_then(Value::as_str) != Some(DOCUMENT_KIND) {
        return Err(DecodeError::NotProgress);
    }
    let version = object.get("version").and_then(Value::as_u64).ok_or_else(|| DecodeError::Invalid("\"version\" is missing or not a whole number".into()))?;
    if version > CURRENT_VERSION as u64 {
        return Err(DecodeError::FutureVersion(version));
    }
    let value = migrate(value, version)?;
    let progress: Progress = serde_json::from_value(value).map_err(|e| DecodeError::Invalid(e.to_string()))?;
    validate(&progress)?;
    Ok(progress)
}

/// Brings a document of `version` up to CURRENT_VERSION, one step at a time.
fn migrate(value: Value, version: u64) -> Result<Value, DecodeError> {
    match version {
        0 => Err(DecodeError::Invalid("version 0 does not exist".into())),
        _ => Ok(value),
    }
}

fn validate(p: &Progress) -> Result<(), DecodeError> {
    if p.seed.len() != 64 || !p.seed.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(DecodeError::Invalid("\"seed\" must be 64 hexadecimal digits".into()));
    }
    for (key, ex) in &p.exercises {
        if !key.contains('/') {
            return Err(DecodeError::Invalid(format!("exercise key \"{key}\" is not \"pack/exercise\"")));
        }
        let times = [ex.started_at, ex.updated_at].into_iter().chain(ex.solved_at).chain(ex.gave_up_at).chain(ex.questions.values().map(|q| q.answered_at));
        for t in times {
            if !t.is_finite() || t < 0.0 {
                return Err(DecodeError::Invalid(format!("exercise \"{key}\" has a date that is not a time")));
            }
        }
    }
    Ok(())
}
