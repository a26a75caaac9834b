//! Verdicts for the four grading kinds of the exercise format: hashed answers (with the
//! normalisations of the format), choices, numeric values with a tolerance, and lab checks
//! (delegated to the engine, see `core::engines`). Digests are compared in constant time.

use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

pub use answer::{build_lab, grade, grade_local, grade_with, instance_seed, Answer, Verdict};

/// The normalisations of EXERCISE_FORMAT.md, applied in the order listed in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Normalization {
    Trim,
    Lowercase,
    CollapseSpaces,
    NoSpaces,
    Hex,
}

impl Normalization {
    pub const ALL: [(&'static str, Normalization); 5] = [
        ("trim", Normalization::Trim),
        ("lowercase", Normalization::Lowercase),
        ("collapse-spaces", Normalization::CollapseSpaces),
        ("no-spaces", Normalization::NoSpaces),
        ("hex", Normalization::Hex),
    ];

    pub fn parse(name: &str) -> Option<Normalization> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    pub fn apply(self, input: &str) -> String {
        match self {
            Normalization::Trim => input.trim().to_string(),
            Normalization::Lowercase => input.to_lowercase(),
            Normalization::CollapseSpaces => {
                let mut out = String::with_capacity(input.len());
                let mut in_run = false;
                for c in input.chars() {
                    if c.is_whitespace() {
                        if !in_run {
                            out.push(' ');
                        }
                        in_run = true;
                    } else {
                        out.push(c);
                        in_run = false;
                    }
                }
                out
            }
            Normalization::NoSpaces => input.chars().filter(|c| !c.is_whitespace()).collect(),
            Normalization::Hex => {
                let cleaned: String = input.chars().filter(|c| !c.is_whitespace() && *c != ':').collect();
                let cleaned = cleaned.strip_prefix("0x").or_else(|| cleaned.strip_prefix("0X")).unwrap_or(&cleaned).to_string();
                cleaned.to_lowercase()
            }
        }
    }
}

pub fn normalize(steps: &[Normalization], input: &str) -> String {
    steps.iter().fold(input.to_string(), |acc, step| step.apply(&acc))
}

/// A parsed `sha256:SALT:DIGEST` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashedAnswer {
    pub salt: String,
    pub digest: [u8; 32],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HashedAnswerError {
    Scheme,
    Parts,
    EmptySalt,
    DigestLength(usize),
    DigestNotHex,
    DigestUppercase,
}

impl HashedAnswerError {
    /// What was wrong, for a message that also says what was expected.
    pub fn describe(&self) -> String {
        match self {
            HashedAnswerError::Scheme => "it does not start with \"sha256:\"".into(),
            HashedAnswerError::Parts => "it does not have the three parts sha256, SALT and DIGEST separated by \":\"".into(),
            HashedAnswerError::EmptySalt => "its salt is empty".into(),
            HashedAnswerError::DigestLength(n) => format!("its digest has {n} characters instead of 64"),
            HashedAnswerError::DigestNotHex => "its digest has characters that are not hexadecimal".into(),
            HashedAnswerError::DigestUppercase => "its digest has upper-case letters; the format uses lower-case hex".into(),
        }
    }
}

impl HashedAnswer {
    pub fn parse(text: &str) -> Result<HashedAnswer, HashedAnswerError> {
        let rest = text.strip_prefix("sha256:").ok_or(HashedAnswerError::Scheme)?;
        let mut parts = rest.split(':');
        let (salt, digest) = match (parts.next(), parts.next(), parts.next()) {
            (Some(salt), Some(digest), None) => (salt, digest),
            _ => return Err(HashedAnswerError::Parts),
        };
        if salt.is_empty() {
            return Err(HashedAnswerError::EmptySalt);
        }
        if digest.len() != 64 {
            return Err(HashedAnswerError::DigestLength(digest.chars().count()));
        }
        if !digest.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(HashedAnswerError::DigestNotHex);
        }
        if digest.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(HashedAnswerError::DigestUppercase);
        }
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(digest, &mut bytes).map_err(|_| HashedAnswerError::DigestNotHex)?;
        Ok(HashedAnswer { salt: salt.to_string(), digest: bytes })
    }

    /// The line an instructor puts in `answers`, for an already normalised answer.
    pub fn make(salt: &str, normalized_answer: &str) -> String {
        format!("sha256:{salt}:{}", hex::encode(digest_of(salt, normalized_answer)))
    }

    /// Constant time in the digest, so a timing side channel tells nothing about how close a
    /// guess was (the lesson of PHY-01 applies to the lab itself).
    pub fn matches(&self, normalized_answer: &str) -> bool {
        digest_of(&self.salt, normalized_answer).ct_eq(&self.digest).into()
    }
}

fn digest_of(salt: &str, answer: &str) -> [u8; 32] {
    crate::core::crypto::sha256(format!("{salt}:{answer}").as_bytes())
}

/// True when the normalised answer matches any accepted hash. Every hash is checked, whatever
/// the result, to keep the time independent of which one matched.
pub fn grade_hash(accepted: &[HashedAnswer], steps: &[Normalization], answer: &str) -> bool {
    let normalized = normalize(steps, answer);
    accepted.iter().fold(false, |found, h| h.matches(&normalized) | found)
}

/// The canonical form of a set of ticked choices: sorted ids joined by ",".
pub fn choice_key(selected: &[String]) -> String {
    let mut ids: Vec<&str> = selected.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.join(",")
}

pub fn grade_choice(accepted: &[HashedAnswer], selected: &[String]) -> bool {
    let key = choice_key(selected);
    accepted.iter().fold(false, |found, h| h.matches(&key) | found)
}

/// Reads a number the way people type it: "4.3e9", "4,3e9", "4 300 000 000", "1_000".
pub fn parse_number(input: &str) -> Option<f64> {
    let cleaned: String = input.trim().chars().filter(|c| !c.is_whitespace() && *c != '_' && *c != '\u{202f}' && *c != '\u{a0}').map(|c| if c == ',' { '.' } else { c }).collect();
    if cleaned.is_empty() {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumericRule {
    pub value: f64,
    pub tolerance: f64,
    pub absolute: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumericVerdict {
    Correct,
    Wrong,
    NotANumber,
}

pub fn grade_numeric(rule: &NumericRule, answer: &str) -> NumericVerdict {
    let Some(given) = parse_number(answer) else {
        return NumericVerdict::NotANumber;
    };
    let bound = if rule.absolute { rule.tolerance } else { rule.tolerance * rule.value.abs() };
    // A small epsilon so that "exactly on the bound" and exact integers survive float rounding.
    let epsilon = f64::EPSILON * rule.value.abs().max(1.0) * 4.0;
    if (given - rule.value).abs() <= bound + epsilon {
        NumericVerdict::Correct
    } else {
        NumericVerdict::Wrong
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisations_do_what_the_format_says() {
        use Normalization::*;
        assert_eq!(Trim.apply("  ab c \n"), "ab c");
        assert_eq!(Lowercase.apply("ÉCB Mode"), "écb mode");
        // Every run becomes one space, leading and trailing runs included (trim removes those).
        assert_eq!(CollapseSpaces.apply(" a \t b\n\nc "), " a b c ");
        assert_eq!(NoSpaces.apply(" 3a d7\n7b "), "3ad77b");
        assert_eq!(Hex.apply("0x3A:D7 7B"), "3ad77b");
        assert_eq!(Hex.apply("3a:d7:7b"), "3ad77b");
        assert_eq!(normalize(&[Trim, Lowercase], "  RFC 8439 "), "rfc 8439");
        // Order matters: as listed.
        assert_eq!(normalize(&[CollapseSpaces, NoSpaces], "a b"), "ab");
        for (name, n) in Normalization::ALL {
            assert_eq!(Normalization::parse(name), Some(n));
        }
        assert_eq!(Normalization::parse("upper"), None);
    }

    #[test]
    fn collapse_spaces_keeps_single_spaces_between_words() {
        assert_eq!(Normalization::CollapseSpaces.apply("a \t b\n\nc"), "a b c");
    }

    #[test]
    fn hashed_answer_matches_the_sha256sum_recipe() {
        // printf '%s' 'demo-q1:8439' | sha256sum
        let line = HashedAnswer::make("demo-q1", "8439");
        let expected = hex::encode(crate::core::crypto::sha256(b"demo-q1:8439"));
        assert_eq!(line, format!("sha256:demo-q1:{expected}"));
        let parsed = HashedAnswer::parse(&line).unwrap();
        assert!(parsed.matches("8439"));
        assert!(!parsed.matches("7539"));
        assert!(grade_hash(std::slice::from_ref(&parsed), &[Normalization::Trim], "  8439 "));
        assert!(!grade_hash(&[parsed], &[], "  8439 "));
    }

    #[test]
    fn malformed_hash_lines_are_refused_with_the_reason() {
        let good_digest = "a".repeat(64);
        assert_eq!(HashedAnswer::parse("md5:x:ab"), Err(HashedAnswerError::Scheme));
        assert_eq!(HashedAnswer::parse("sha256:onlysalt"), Err(HashedAnswerError::Parts));
        assert_eq!(HashedAnswer::parse(&format!("sha256::{good_digest}")), Err(HashedAnswerError::EmptySalt));
        assert_eq!(HashedAnswer::parse("sha256:s:abc"), Err(HashedAnswerError::DigestLength(3)));
        assert_eq!(HashedAnswer::parse(&format!("sha256:s:{}", "g".repeat(64))), Err(HashedAnswerError::DigestNotHex));
        assert_eq!(HashedAnswer::parse(&format!("sha256:s:{}", "A".repeat(64))), Err(HashedAnswerError::DigestUppercase));
        assert_eq!(HashedAnswer::parse(&format!("sha256:a:b:{good_digest}")), Err(HashedAnswerError::Parts));
    }

    #[test]
    fn choices_are_sorted_and_deduplicated_before_hashing() {
        let accepted = [HashedAnswer::parse(&HashedAnswer::make("q", "a,c")).unwrap()];
        assert!(grade_choice(&accepted, &["c".into(), "a".into()]));
        assert!(grade_choice(&accepted, &["a".into(), "c".into(), "a".into()]));
        assert!(!grade_choice(&accepted, &["a".into()]));
        assert!(!grade_choice(&accepted, &["a".into(), "b".into(), "c".into()]));
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(parse_number("4.3e9"), Some(4.3e9));
        assert_eq!(parse_number("4,3e9"), Some(4.3e9));
        assert_eq!(parse_number("4 300 000 000"), Some(4.3e9));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("inf"), None);
    }

    #[test]
    fn numeric_tolerance_relative_and_absolute() {
        let rel = NumericRule { value: 4.3e9, tolerance: 0.05, absolute: false };
        assert_eq!(grade_numeric(&rel, "4.5e9"), NumericVerdict::Correct);
        assert_eq!(grade_numeric(&rel, "4.6e9"), NumericVerdict::Wrong);
        assert_eq!(grade_numeric(&rel, "beaucoup"), NumericVerdict::NotANumber);
        let abs = NumericRule { value: 63.0, tolerance: 0.0, absolute: true };
        assert_eq!(grade_numeric(&abs, "63"), NumericVerdict::Correct);
        assert_eq!(grade_numeric(&abs, "62"), NumericVerdict::Wrong);
        let abs = NumericRule { value: 10.0, tolerance: 0.5, absolute: true };
        assert_eq!(grade_numeric(&abs, "10.5"), NumericVerdict::Correct);
        assert_eq!(grade_numeric(&abs, "10.6"), NumericVerdict::Wrong);
    }
}
pub mod answer;
pub mod grid;
pub mod seal;
