//! Re-verification of an exported progress by an instructor: every stored answer is graded
//! again from the learner seed and the exercise files, and compared with what the export claims.

use super::Progress;
use crate::core::exercise::Pack;
use crate::core::grading::{self, Answer, Verdict};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The claim holds: right is right, wrong is wrong.
    Confirmed,
    /// The export says right but the answer grades wrong (edited file, or changed exercise).
    ClaimedRightButWrong,
    /// The export says wrong but the answer grades right (the exercise's answers changed).
    ClaimedWrongButRight,
    /// The exercise or question is not in the pack given.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub exercise: String,
    pub question: String,
    pub finding: Finding,
}

pub fn reverify(progress: &Progress, pack: &Pack) -> Vec<Line> {
    let seed = progress.seed_bytes();
    let mut lines = Vec::new();
    for (key, ex_progress) in &progress.exercises {
        let Some(id) = key.strip_prefix(&format!("{}/", pack.info.id)) else { continue };
        for (qid, q) in &ex_progress.questions {
            let finding = match pack.exercise(id).and_then(|ex| ex.question(qid).map(|question| (ex, question))) {
                None => Finding::Unknown,
                Some((ex, question)) => {
                    let right = grading::grade(ex, question, &seed, &Answer::from_stored(question, &q.answer)) == Verdict::Correct;
                    match (q.correct, right) {
                        (true, false) => Finding::ClaimedRightButWrong,
                        (false, true) => Finding::ClaimedWrongButRight,
                        _ => Finding::Confirmed,
                    }
                }
            };
            lines.push(Line { exercise: key.clone(), question: qid.clone(), finding });
        }
    }
    lines
}
