//! Grading one question of an exercise for one learner: the five kinds in one place, so the
//! browser, the command line and the tests give the same verdict.

use std::collections::BTreeMap;

use crate::core::engines::{self, InstanceSeed, Lab, LabVerdict};
use crate::core::exercise::{Exercise, Grading, Question};
use crate::core::msg::Msg;

use super::{choice_key, grade_choice, grade_hash, grade_numeric, grid, NumericVerdict};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Correct,
    Wrong,
    /// Not an answer to grade (empty, not a number, not hex): no attempt is counted.
    Unreadable(Msg),
}

/// What a learner gives: typed text, or the ids of ticked choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Text(String),
    Choices(Vec<String>),
    /// A grid: option id per cell, keyed "row.column" (see `grading::grid`).
    Grid(BTreeMap<String, String>),
}

impl Answer {
    /// The form kept in progress and exports ("a,c" for choices).
    pub fn stored(&self) -> String {
        match self {
            Answer::Text(t) => t.clone(),
            Answer::Choices(ids) => choice_key(ids),
            Answer::Grid(cells) => grid::stored(cells),
        }
    }

    /// Reads back a stored answer for a question.
    pub fn from_stored(question: &Question, stored: &str) -> Answer {
        match question.grading {
            Grading::Choice { .. } => Answer::Choices(stored.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()),
            Grading::Grid { .. } => Answer::Grid(grid::from_stored(stored)),
            _ => Answer::Text(stored.to_string()),
        }
    }
}

pub fn instance_seed(exercise: &Exercise, learner_seed: &[u8]) -> InstanceSeed {
    InstanceSeed::derive(learner_seed, &exercise.pack, &exercise.id)
}

/// Grades a question whose answer needs no engine (hash, choice, numeric): what the page does
/// itself. None for a lab question, which the worker grades.
pub fn grade_local(question: &Question, answer: &Answer) -> Option<Verdict> {
    let empty = match answer {
        Answer::Text(t) => t.trim().is_empty(),
        Answer::Choices(c) => c.is_empty(),
        Answer::Grid(cells) => cells.values().all(|v| v.trim().is_empty()),
    };
    if empty {
        return Some(Verdict::Unreadable(Msg::AnswerEmpty()));
    }
    let right = match (&question.grading, answer) {
        (Grading::Hash { answers, normalize }, Answer::Text(t)) => grade_hash(answers, normalize, t),
        (Grading::Choice { answers, .. }, Answer::Choices(ids)) => grade_choice(answers, ids),
        (Grading::Numeric { rule, .. }, Answer::Text(t)) => match grade_numeric(rule, t) {
            NumericVerdict::Correct => true,
            NumericVerdict::Wrong => false,
            NumericVerdict::NotANumber => return Some(Verdict::Unreadable(Msg::AnswerNotANumber())),
        },
        (Grading::Grid { columns, options, rows }, Answer::Grid(cells)) => match grid::grade_grid(columns, options, rows, cells) {
            Ok(v) => v.all_right(),
            Err(m) => return Some(Verdict::Unreadable(m)),
        },
        (Grading::Lab { .. }, Answer::Text(_)) => return None,
        _ => return Some(Verdict::Unreadable(Msg::AnswerWrongKind())),
    };
    Some(if right { Verdict::Correct } else { Verdict::Wrong })
}

impl From<LabVerdict> for Verdict {
    fn from(v: LabVerdict) -> Verdict {
        match v {
            LabVerdict::Correct => Verdict::Correct,
            LabVerdict::Wrong => Verdict::Wrong,
            LabVerdict::Unreadable(m) => Verdict::Unreadable(m),
        }
    }
}

/// Grades any question, a lab one against `lab`, the learner's instance (built by the caller,
/// once for all the questions of an exercise).
pub fn grade_with(question: &Question, answer: &Answer, lab: Option<&dyn Lab>) -> Verdict {
    if let Some(v) = grade_local(question, answer) {
        return v;
    }
    match (&question.grading, answer, lab) {
        (Grading::Lab { check }, Answer::Text(t), Some(lab)) => lab.grade(check, t).into(),
        _ => Verdict::Unreadable(Msg::LabUnavailable()),
    }
}

/// Builds the learner's instance of an exercise's lab (the command line and the tests).
pub fn build_lab(exercise: &Exercise, learner_seed: &[u8]) -> Option<Box<dyn Lab>> {
    let lab = exercise.lab.as_ref()?;
    engines::build(&lab.kind, &lab.params, &instance_seed(exercise, learner_seed)).ok()
}

/// Grades one question for one learner, building the instance if the question needs it.
pub fn grade(exercise: &Exercise, question: &Question, learner_seed: &[u8], answer: &Answer) -> Verdict {
    match grade_local(question, answer) {
        Some(v) => v,
        None => grade_with(question, answer, build_lab(exercise, learner_seed).as_deref()),
    }
}
