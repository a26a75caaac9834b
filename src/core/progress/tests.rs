use super::*;
use crate::core::exercise::parse::parse_exercise;
use crate::core::grading::HashedAnswer;

fn exercise() -> Exercise {
    let hashed = HashedAnswer::make("t-q1", "8439");
    let choice = HashedAnswer::make("t-q2", "a,c");
    let text = format!(
        r#"format = 1
id = "demo"
[title]
fr = "Démo"
en = "Demo"
[statement]
fr = "x"
en = "x"
[[questions]]
id = "q1"
prompt = {{ fr = "?", en = "?" }}
grading = "hash"
answers = ["{hashed}"]
[[questions]]
id = "q2"
prompt = {{ fr = "?", en = "?" }}
grading = "choice"
multiple = true
choices = [{{ id = "a", fr = "a", en = "a" }}, {{ id = "b", fr = "b", en = "b" }}, {{ id = "c", fr = "c", en = "c" }}]
answers = ["{choice}"]
points = 5
[[hints]]
fr = "h"
en = "h"
cost = 3
[[hints]]
fr = "h2"
en = "h2"
cost = 20
[solution]
fr = "s"
en = "s"
"#
    );
    parse_exercise("pack", "demo.toml", "demo.toml", &text).unwrap().exercise
}

fn fresh() -> Progress {
    Progress::new([5; 32], 1000.0)
}

#[test]
fn answers_hints_and_score_are_kept() {
    let ex = exercise();
    let mut p = fresh();
    assert_eq!(p.answer(&ex, "q1", &Answer::Text("7539".into()), 2000.0), Verdict::Wrong);
    assert_eq!(p.answer(&ex, "q1", &Answer::Text(" 8439 ".into()), 3000.0), Verdict::Correct);
    assert!(matches!(p.answer(&ex, "q2", &Answer::Choices(vec![]), 3500.0), Verdict::Unreadable(_)));
    assert_eq!(p.reveal_hint(&ex, 3600.0), 1);
    assert_eq!(p.answer(&ex, "q2", &Answer::Choices(vec!["c".into(), "a".into()]), 4000.0), Verdict::Correct);
    let e = p.get(&ex).unwrap();
    assert_eq!(e.questions["q1"].attempts, 2);
    assert_eq!(e.questions["q2"].attempts, 1, "an empty answer is not an attempt");
    assert_eq!(e.questions["q2"].answer, "a,c");
    assert_eq!(e.solved_at, Some(4000.0));
    assert_eq!(score(&ex, Some(e)), 10 + 5 - 3);
    assert_eq!(e.score, 12);
    assert!(is_solved(&ex, Some(e)));
    // A right answer stays right.
    assert_eq!(p.answer(&ex, "q1", &Answer::Text("nope".into()), 5000.0), Verdict::Correct);
    assert!(p.get(&ex).unwrap().questions["q1"].correct);
}

#[test]
fn hints_stop_at_the_last_and_the_score_never_goes_below_zero() {
    let ex = exercise();
    let mut p = fresh();
    p.answer(&ex, "q2", &Answer::Choices(vec!["a".into(), "c".into()]), 1.0);
    assert_eq!(p.reveal_hint(&ex, 2.0), 1);
    assert_eq!(p.reveal_hint(&ex, 3.0), 2);
    assert_eq!(p.reveal_hint(&ex, 4.0), 2);
    assert_eq!(score(&ex, p.get(&ex)), 0);
}

#[test]
fn codec_round_trips_and_refuses_foreign_and_future_files() {
    let ex = exercise();
    let mut p = fresh();
    p.answer(&ex, "q1", &Answer::Text("8439".into()), 2000.0);
    p.visit(&ex, 2100.0);
    let text = encode(&p);
    assert_eq!(decode(&text).unwrap(), p);
    assert!(matches!(decode("{ not json"), Err(DecodeError::NotJson(_))));
    assert_eq!(decode("{\"hello\": 1}"), Err(DecodeError::NotProgress));
    assert_eq!(decode("[1,2]"), Err(DecodeError::NotProgress));
    let future = text.replace("\"version\": 1", "\"version\": 7");
    assert_eq!(decode(&future), Err(DecodeError::FutureVersion(7)));
    let bad_seed = text.replace(&p.seed, "zz");
    assert!(matches!(decode(&bad_seed), Err(DecodeError::Invalid(_))));
    assert_eq!(DecodeError::FutureVersion(7).msg().en(), "this file was written by a newer SecLab (format 7; this one reads up to format 1); update SecLab");
}

#[test]
fn merge_never_drops_a_newer_or_better_result() {
    let ex = exercise();
    let mut ours = fresh();
    ours.answer(&ex, "q1", &Answer::Text("8439".into()), 2000.0);
    let mut theirs = fresh();
    theirs.answer(&ex, "q1", &Answer::Text("1".into()), 5000.0);
    theirs.answer(&ex, "q1", &Answer::Text("2".into()), 5001.0);
    theirs.answer(&ex, "q1", &Answer::Text("3".into()), 5002.0);
    theirs.answer(&ex, "q2", &Answer::Choices(vec!["a".into(), "c".into()]), 6000.0);
    theirs.reveal_hint(&ex, 6100.0);
    let report = ours.merge(&theirs).unwrap();
    assert_eq!(report, MergeReport { added: 0, updated: 1, unchanged: 0, seed_adopted: false });
    assert_eq!(ours.get(&ex).unwrap().solved_at, None, "neither half was solved");
    ours.reconcile(&pack_of(&ex));
    let e = ours.get(&ex).unwrap();
    assert!(e.questions["q1"].correct, "a later wrong answer does not replace a right one");
    assert_eq!(e.questions["q1"].attempts, 3);
    assert!(e.questions["q2"].correct);
    assert_eq!(e.hints_revealed, 1);
    assert_eq!(e.solved_at, Some(6000.0));
    assert_eq!(e.score, 10 + 5 - 3);
    // The budget: allowed below it, refused at it, unlimited without one.
    let mut b = fresh();
    assert!(b.may_query(&ex, Some(2)));
    b.spend_queries(&ex, 2, 1.0);
    assert!(!b.may_query(&ex, Some(2)));
    assert!(b.may_query(&ex, None));
    // Query counts keep the larger side.
    let mut more = ours.clone();
    more.spend_queries(&ex, 300, 7000.0);
    ours.spend_queries(&ex, 10, 7001.0);
    ours.merge(&more).unwrap();
    assert_eq!(ours.queries(&ex), 300);
    // Merging again changes nothing.
    let again = ours.merge(&more).unwrap();
    assert_eq!(again.unchanged, 1);
}

#[test]
fn merge_adopts_the_seed_only_into_an_empty_progress() {
    let ex = exercise();
    let mut theirs = Progress::new([9; 32], 10.0);
    theirs.answer(&ex, "q1", &Answer::Text("8439".into()), 20.0);
    let mut empty = fresh();
    let report = empty.merge(&theirs).unwrap();
    assert!(report.seed_adopted);
    assert_eq!(empty.seed, theirs.seed);
    let mut busy = fresh();
    busy.answer(&ex, "q1", &Answer::Text("x".into()), 30.0);
    let before = busy.clone();
    assert!(matches!(busy.merge(&theirs), Err(MergeError::OtherLearner { .. })));
    assert_eq!(busy, before, "a refused merge changes nothing");
}

fn pack_of(ex: &Exercise) -> Pack {
    use crate::core::exercise::{PackInfo, Text};
    Pack { info: PackInfo { id: "pack".into(), title: Text::default(), authors: vec![] }, tracks: vec![], exercises: [(ex.id.clone(), ex.clone())].into(), diagnostics: vec![] }
}

#[test]
fn reverification_flags_an_edited_export() {
    let ex = exercise();
    let mut p = fresh();
    p.answer(&ex, "q1", &Answer::Text("8439".into()), 1.0);
    p.answer(&ex, "q2", &Answer::Choices(vec!["b".into()]), 2.0);
    let pack = pack_of(&ex);
    let lines = verify::reverify(&p, &pack);
    assert!(lines.iter().all(|l| l.finding == verify::Finding::Confirmed), "{lines:?}");
    // A learner edits the export to claim q2.
    let mut forged = p.clone();
    forged.exercises.get_mut("pack/demo").unwrap().questions.get_mut("q2").unwrap().correct = true;
    let lines = verify::reverify(&forged, &pack);
    assert!(lines.iter().any(|l| l.question == "q2" && l.finding == verify::Finding::ClaimedRightButWrong));
}
