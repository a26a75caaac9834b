//! The validated form of an exercise: what the engines, grading and UI use. Built only by
//! `parse`, so every value here has passed the checks of EXERCISE_FORMAT.md.

use crate::core::grading::seal::Sealed;
use crate::core::grading::{HashedAnswer, Normalization, NumericRule};
use crate::core::i18n::Lang;

pub const FORMAT_VERSION: i64 = 1;

/// A text in French and English; either may be missing (shown with a notice, warned by `check`).
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// French.
    pub fr: Option<String>,
    /// English.
    pub en: Option<String>,
}

impl Text {
    /// The text in `lang`, or in the other language with `true` when `lang` is missing.
    pub fn get(&self, lang: Lang) -> (&str, bool) {
        let (wanted, other) = match lang {
            Lang::Fr => (&self.fr, &self.en),
            Lang::En => (&self.en, &self.fr),
        };
        match (wanted, other) {
            (Some(t), _) => (t, false),
            (None, Some(t)) => (t, true),
            (None, None) => ("", false),
        }
    }

    pub fn missing(&self) -> Option<Lang> {
        match (&self.fr, &self.en) {
            (None, Some(_)) => Some(Lang::Fr),
            (Some(_), None) => Some(Lang::En),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    pub pack: String,
    pub id: String,
    /// Path inside the pack, as catalog.toml names it.
    pub path: String,
    pub difficulty: u8,
    pub minutes: u32,
    pub competencies: Vec<String>,
    pub requires: Vec<String>,
    pub tags: Vec<String>,
    pub title: Text,
    pub statement: Text,
    pub lab: Option<Lab>,
    pub questions: Vec<Question>,
    pub hints: Vec<Hint>,
    pub solution: Option<Text>,
}

impl Exercise {
    /// "pack-id/exercise-id": the key of its progress.
    pub fn key(&self) -> String {
        format!("{}/{}", self.pack, self.id)
    }

    pub fn max_points(&self) -> u32 {
        self.questions.iter().map(|q| q.points).sum()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lab {
    pub kind: String,
    pub params: toml::Table,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub prompt: Text,
    pub points: u32,
    pub grading: Grading,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub id: String,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Grading {
    Hash {
        answers: Vec<HashedAnswer>,
        normalize: Vec<Normalization>,
    },
    Choice {
        multiple: bool,
        choices: Vec<Choice>,
        answers: Vec<HashedAnswer>,
    },
    Numeric {
        rule: NumericRule,
        unit: Option<String>,
    },
    Lab {
        check: String,
    },
    /// A protocol × property grid: each cell takes one of `options`; rows in file order.
    Grid {
        columns: Vec<Choice>,
        options: Vec<Choice>,
        rows: Vec<GridRow>,
    },
}

/// One row of a grid: its label, then per column (same order) the hashed right option id and
/// the reason, sealed under that option id.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    pub id: String,
    pub text: Text,
    pub cells: Vec<HashedAnswer>,
    pub reasons: Vec<SealedText>,
}

/// A text sealed per language (each with its own salt): see `grading::seal`.
#[derive(Debug, Clone, PartialEq)]
pub struct SealedText {
    pub fr: Option<Sealed>,
    pub en: Option<Sealed>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    pub text: Text,
    pub cost: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    pub id: String,
    pub title: Text,
    pub summary: Text,
    /// Exercise ids in the order shown to learners (only those that loaded).
    pub exercises: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PackInfo {
    pub id: String,
    pub title: Text,
    pub authors: Vec<String>,
}
