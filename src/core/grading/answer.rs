//! Grading one question of an exercise for one learner: the four kinds in one place, so the
//! browser, the command line and the tests give the same verdict.

use crate::core::engines::{self, InstanceSeed, LabVerdict};
use crate::core::exercise::{Exercise, Grading, Question};
use crate::core::i18n::Bilingual;

use super::{choice_key, grade_choice, grade_hash, grade_numeric, NumericVerdict};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Correct,
    Wrong,
    /// Not an answer to grade (empty, not a number, not hex): no attempt is counted.
    Unreadable(Bilingual),
}

/// What a learner gives: typed text, or the ids of ticked choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Text(String),
    Choices(Vec<String>),
}

impl Answer {
    /// The form kept in progress and exports ("a,c" for choices).
    pub fn stored(&self) -> String {
        match self {
            Answer::Text(t) => t.clone(),
            Answer::Choices(ids) => choice_key(ids),
        }
    }

    /// Reads back a stored answer for a question.
    pub fn from_stored(question: &Question, stored: &str) -> Answer {
        match question.grading {
            Grading::Choice { .. } => Answer::Choices(stored.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()),
            _ => Answer::Text(stored.to_string()),
        }
    }
}

pub fn instance_seed(exercise: &Exercise, learner_seed: &[u8]) -> InstanceSeed {
    InstanceSeed::derive(learner_seed, &exercise.pack, &exercise.id)
}

pub fn grade(exercise: &Exercise, question: &Question, learner_seed: &[u8], answer: &Answer) -> Verdict {
    let empty = match answer {
        Answer::Text(t) => t.trim().is_empty(),
        Answer::Choices(c) => c.is_empty(),
    };
    if empty {
        return Verdict::Unreadable(Bilingual::new("la réponse est vide", "the answer is empty"));
    }
    let right = match (&question.grading, answer) {
        (Grading::Hash { answers, normalize }, Answer::Text(t)) => grade_hash(answers, normalize, t),
        (Grading::Choice { answers, .. }, Answer::Choices(ids)) => grade_choice(answers, ids),
        (Grading::Numeric { rule, .. }, Answer::Text(t)) => match grade_numeric(rule, t) {
            NumericVerdict::Correct => true,
            NumericVerdict::Wrong => false,
            NumericVerdict::NotANumber => {
                return Verdict::Unreadable(Bilingual::new(
                    "ce n'est pas un nombre ; écrivez par exemple 4.3e9, 4,3e9 ou 4300000000",
                    "this is not a number; write for example 4.3e9 or 4300000000",
                ))
            }
        },
        (Grading::Lab { check }, Answer::Text(t)) => {
            let Some(lab) = &exercise.lab else { return Verdict::Wrong };
            let Some(engine) = engines::find(&lab.kind) else { return Verdict::Wrong };
            match engine.grade(&lab.params, &instance_seed(exercise, learner_seed), check, t) {
                LabVerdict::Correct => true,
                LabVerdict::Wrong => false,
                LabVerdict::Unreadable(m) => return Verdict::Unreadable(m),
            }
        }
        _ => return Verdict::Unreadable(Bilingual::new("ce type de réponse ne convient pas à cette question", "this kind of answer does not fit this question")),
    };
    if right {
        Verdict::Correct
    } else {
        Verdict::Wrong
    }
}
