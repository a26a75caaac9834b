//! What the lab keeps for a learner, and how it is written: a versioned JSON document that the
//! browser stores, the learner exports and imports, and an instructor re-verifies.
//!
//! Merging is the one rule for import and for two open tabs: nothing newer or better is ever
//! dropped. A right answer beats a wrong one, then the later answer wins; counters keep the
//! largest value; the first solving date is kept.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::exercise::{Exercise, Pack};
use crate::core::grading::{self, Answer, Verdict};

pub mod codec;
pub mod verify;

pub use codec::{decode, encode, DecodeError, CURRENT_VERSION, DOCUMENT_KIND};

/// Milliseconds since the Unix epoch, as `Date.now()` gives them.
pub type Millis = f64;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Always "seclab-progress": tells our files from any other JSON.
    pub kind: String,
    pub version: u32,
    /// The learner seed, 32 bytes in hex. Every lab instance derives from it.
    pub seed: String,
    pub created_at: Millis,
    #[serde(default)]
    pub exercises: BTreeMap<String, ExerciseProgress>,
    #[serde(default)]
    pub last_visit: Option<Visit>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    /// "pack-id/exercise-id".
    pub exercise: String,
    pub at: Millis,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ExerciseProgress {
    #[serde(default)]
    pub questions: BTreeMap<String, QuestionProgress>,
    #[serde(default)]
    pub hints_revealed: u32,
    pub started_at: Millis,
    pub updated_at: Millis,
    #[serde(default)]
    pub solved_at: Option<Millis>,
    #[serde(default)]
    pub gave_up_at: Option<Millis>,
    /// Score when last updated, kept for exports read without the exercise files.
    #[serde(default)]
    pub score: u32,
    /// Oracle queries spent on this instance (an artefact of attack exercises).
    #[serde(default)]
    pub queries: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionProgress {
    pub attempts: u32,
    pub correct: bool,
    /// The last answer given (choices as sorted ids, "a,c").
    pub answer: String,
    pub answered_at: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// The other document belongs to another learner seed while this one already has work.
    OtherLearner { ours: String, theirs: String },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub seed_adopted: bool,
}

impl Progress {
    pub fn new(seed: [u8; 32], now: Millis) -> Progress {
        Progress { kind: DOCUMENT_KIND.into(), version: CURRENT_VERSION, seed: hex::encode(seed), created_at: now, exercises: BTreeMap::new(), last_visit: None }
    }

    pub fn seed_bytes(&self) -> Vec<u8> {
        hex::decode(&self.seed).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.exercises.is_empty()
    }

    pub fn get(&self, exercise: &Exercise) -> Option<&ExerciseProgress> {
        self.exercises.get(&exercise.key())
    }

    fn entry(&mut self, exercise: &Exercise, now: Millis) -> &mut ExerciseProgress {
        self.exercises.entry(exercise.key()).or_insert_with(|| ExerciseProgress { started_at: now, updated_at: now, ..Default::default() })
    }

    pub fn visit(&mut self, exercise: &Exercise, now: Millis) {
        self.last_visit = Some(Visit { exercise: exercise.key(), at: now });
    }

    /// Grades an answer and records it (the command line and the tests: lab questions build the
    /// learner's instance here). Unreadable answers are not recorded as attempts.
    pub fn answer(&mut self, exercise: &Exercise, question_id: &str, answer: &Answer, now: Millis) -> Verdict {
        let Some(question) = exercise.question(question_id) else {
            return Verdict::Unreadable(crate::core::msg::Msg::AnswerWrongKind());
        };
        let verdict = grading::grade(exercise, question, &self.seed_bytes(), answer);
        self.record(exercise, question_id, answer, verdict, now)
    }

    /// Records an answer graded elsewhere (the page grades lab answers in the worker).
    /// A question already answered right stays right, whatever is submitted afterwards.
    pub fn record(&mut self, exercise: &Exercise, question_id: &str, answer: &Answer, verdict: Verdict, now: Millis) -> Verdict {
        if matches!(verdict, Verdict::Unreadable(_)) || exercise.question(question_id).is_none() {
            return verdict;
        }
        let entry = self.entry(exercise, now);
        let q = entry.questions.entry(question_id.to_string()).or_insert(QuestionProgress { attempts: 0, correct: false, answer: String::new(), answered_at: now });
        if q.correct {
            return Verdict::Correct;
        }
        q.attempts += 1;
        q.answer = answer.stored();
        q.answered_at = now;
        q.correct = verdict == Verdict::Correct;
        entry.updated_at = now;
        self.refresh(exercise, now);
        verdict
    }

    /// Reveals the next hint, if any; returns how many are now revealed.
    pub fn reveal_hint(&mut self, exercise: &Exercise, now: Millis) -> u32 {
        let total = exercise.hints.len() as u32;
        let entry = self.entry(exercise, now);
        if entry.hints_revealed < total {
            entry.hints_revealed += 1;
            entry.updated_at = now;
        }
        let revealed = entry.hints_revealed;
        self.refresh(exercise, now);
        revealed
    }

    /// Records oracle queries; they are kept even after the exercise is solved.
    pub fn spend_queries(&mut self, exercise: &Exercise, queries: u32, now: Millis) -> u32 {
        let entry = self.entry(exercise, now);
        entry.queries = entry.queries.saturating_add(queries);
        entry.updated_at = now;
        entry.queries
    }

    /// Whether one more oracle query is allowed under `budget` (no budget: always).
    pub fn may_query(&self, exercise: &Exercise, budget: Option<u32>) -> bool {
        budget.is_none_or(|b| self.queries(exercise) < b)
    }

    pub fn queries(&self, exercise: &Exercise) -> u32 {
        self.get(exercise).map(|e| e.queries).unwrap_or(0)
    }

    pub fn give_up(&mut self, exercise: &Exercise, now: Millis) {
        let entry = self.entry(exercise, now);
        if entry.gave_up_at.is_none() && entry.solved_at.is_none() {
            entry.gave_up_at = Some(now);
            entry.updated_at = now;
        }
    }

    /// Recomputes the stored score and solving date from the answers.
    fn refresh(&mut self, exercise: &Exercise, now: Millis) {
        let score = score(exercise, self.get(exercise));
        let solved = is_solved(exercise, self.get(exercise));
        let entry = self.entry(exercise, now);
        entry.score = score;
        if solved && entry.solved_at.is_none() {
            entry.solved_at = Some(now);
        }
    }

    /// After a merge: recomputes scores and solving dates with the exercise files at hand (a
    /// merge of two halves can solve an exercise that neither half had solved).
    pub fn reconcile(&mut self, pack: &Pack) {
        for exercise in pack.exercises.values() {
            let Some(entry) = self.exercises.get(&exercise.key()) else { continue };
            let solved = is_solved(exercise, Some(entry));
            let last_right = entry.questions.values().filter(|q| q.correct).map(|q| q.answered_at).fold(0.0, f64::max);
            let new_score = score(exercise, Some(entry));
            let entry = self.exercises.get_mut(&exercise.key()).expect("present");
            entry.score = new_score;
            if solved && entry.solved_at.is_none() {
                entry.solved_at = Some(last_right);
            }
        }
    }

    /// Merges `other` into `self` (import, or another tab's save). See the module doc.
    pub fn merge(&mut self, other: &Progress) -> Result<MergeReport, MergeError> {
        let mut report = MergeReport::default();
        if other.seed != self.seed {
            if !self.is_empty() && !other.is_empty() {
                return Err(MergeError::OtherLearner { ours: self.seed.clone(), theirs: other.seed.clone() });
            }
            if self.is_empty() {
                // A fresh browser takes the exported identity, so lab instances match again.
                self.seed = other.seed.clone();
                self.created_at = other.created_at;
                report.seed_adopted = true;
            } else {
                return Ok(report);
            }
        }
        self.created_at = self.created_at.min(other.created_at);
        for (key, theirs) in &other.exercises {
            match self.exercises.get_mut(key) {
                None => {
                    self.exercises.insert(key.clone(), theirs.clone());
                    report.added += 1;
                }
                Some(ours) => {
                    let before = ours.clone();
                    merge_exercise(ours, theirs);
                    if *ours == before {
                        report.unchanged += 1;
                    } else {
                        report.updated += 1;
                    }
                }
            }
        }
        match (&self.last_visit, &other.last_visit) {
            (None, Some(v)) => self.last_visit = Some(v.clone()),
            (Some(a), Some(b)) if b.at > a.at => self.last_visit = Some(b.clone()),
            _ => {}
        }
        Ok(report)
    }
}

fn better(ours: &QuestionProgress, theirs: &QuestionProgress) -> bool {
    (theirs.correct && !ours.correct) || (theirs.correct == ours.correct && theirs.answered_at > ours.answered_at)
}

fn merge_exercise(ours: &mut ExerciseProgress, theirs: &ExerciseProgress) {
    for (qid, tq) in &theirs.questions {
        match ours.questions.get_mut(qid) {
            None => {
                ours.questions.insert(qid.clone(), tq.clone());
            }
            Some(oq) => {
                let attempts = oq.attempts.max(tq.attempts);
                if better(oq, tq) {
                    *oq = tq.clone();
                }
                oq.attempts = attempts;
            }
        }
    }
    ours.hints_revealed = ours.hints_revealed.max(theirs.hints_revealed);
    ours.started_at = ours.started_at.min(theirs.started_at);
    ours.updated_at = ours.updated_at.max(theirs.updated_at);
    ours.solved_at = match (ours.solved_at, theirs.solved_at) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    ours.gave_up_at = match (ours.gave_up_at, theirs.gave_up_at) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    // Without the exercise file at hand, keep the best score either side computed.
    ours.score = ours.score.max(theirs.score);
    ours.queries = ours.queries.max(theirs.queries);
}

/// Points of the questions answered right, less the cost of the hints revealed, never below 0.
pub fn score(exercise: &Exercise, progress: Option<&ExerciseProgress>) -> u32 {
    let Some(p) = progress else { return 0 };
    let earned: u32 = exercise.questions.iter().filter(|q| p.questions.get(&q.id).map(|a| a.correct).unwrap_or(false)).map(|q| q.points).sum();
    let cost: u32 = exercise.hints.iter().take(p.hints_revealed as usize).map(|h| h.cost).sum();
    earned.saturating_sub(cost)
}

pub fn is_solved(exercise: &Exercise, progress: Option<&ExerciseProgress>) -> bool {
    let Some(p) = progress else { return false };
    !exercise.questions.is_empty() && exercise.questions.iter().all(|q| p.questions.get(&q.id).map(|a| a.correct).unwrap_or(false))
}

pub fn is_attempted(progress: Option<&ExerciseProgress>) -> bool {
    progress.map(|p| !p.questions.is_empty() || p.hints_revealed > 0).unwrap_or(false)
}

/// Counts for one track of a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TrackSummary {
    pub exercises: usize,
    pub solved: usize,
    pub attempted: usize,
    pub score: u32,
    pub max_score: u32,
}

pub fn track_summary(pack: &Pack, track_id: &str, progress: &Progress) -> TrackSummary {
    let mut s = TrackSummary::default();
    let Some(track) = pack.tracks.iter().find(|t| t.id == track_id) else { return s };
    for ex in track.exercises.iter().filter_map(|id| pack.exercise(id)) {
        let p = progress.get(ex);
        s.exercises += 1;
        s.max_score += ex.max_points();
        s.score += score(ex, p);
        if is_solved(ex, p) {
            s.solved += 1;
        } else if is_attempted(p) {
            s.attempted += 1;
        }
    }
    s
}

#[cfg(test)]
mod tests;
