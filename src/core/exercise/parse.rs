//! Reading one exercise file: TOML with spans, then the checks of EXERCISE_FORMAT.md, each
//! failure reported with file, line, column, what was found, what was expected and the fix.

use serde::Deserialize;
use toml::Spanned;

use super::diagnostic::{Diagnostic, Locator};
use super::model::*;
use crate::core::engines;
use crate::core::grading::seal::Sealed;
use crate::core::grading::{HashedAnswer, Normalization, NumericRule};
use crate::core::i18n::Lang;
use crate::core::{markdown, referential};

#[derive(Deserialize)]
struct FormatOnly {
    format: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    #[allow(dead_code)]
    format: toml::Value,
    id: Spanned<String>,
    difficulty: Option<Spanned<i64>>,
    minutes: Option<Spanned<i64>>,
    #[serde(default)]
    competencies: Vec<Spanned<String>>,
    #[serde(default)]
    requires: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<String>,
    title: Spanned<Text>,
    statement: Spanned<Text>,
    lab: Option<Spanned<toml::Table>>,
    questions: Vec<Spanned<RawQuestion>>,
    #[serde(default)]
    hints: Vec<Spanned<RawHint>>,
    solution: Option<Spanned<Text>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    prompt: Spanned<Text>,
    grading: Spanned<String>,
    answers: Option<Spanned<Vec<Spanned<String>>>>,
    normalize: Option<Vec<Spanned<String>>>,
    points: Option<Spanned<i64>>,
    multiple: Option<Spanned<bool>>,
    choices: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    value: Option<Spanned<f64>>,
    tolerance: Option<Spanned<f64>>,
    absolute: Option<Spanned<bool>>,
    unit: Option<Spanned<String>>,
    check: Option<Spanned<String>>,
    columns: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    options: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    rows: Option<Spanned<Vec<Spanned<RawRow>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    id: Spanned<String>,
    fr: Option<String>,
    en: Option<String>,
    cells: Option<Spanned<Vec<Spanned<String>>>>,
    reasons: Option<Spanned<Vec<Spanned<RawReason>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReason {
    fr: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    id: Spanned<String>,
    fr: Option<String>,
    en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHint {
    fr: Option<String>,
    en: Option<String>,
    cost: Option<Spanned<i64>>,
}

pub const GRADING_KINDS: [&str; 5] = ["hash", "choice", "numeric", "lab", "grid"];

/// Where some parts of a loaded exercise stand in its file, for checks made at pack level.
#[derive(Debug, Clone)]
pub struct Locations {
    pub id: usize,
    pub requires: Vec<usize>,
    pub questions: Vec<(String, usize)>,
}

#[derive(Debug, Clone)]
pub struct Parsed {
    pub exercise: Exercise,
    pub locations: Locations,
    pub warnings: Vec<Diagnostic>,
}

pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty() && !id.starts_with('-') && !id.ends_with('-') && !id.contains("--") && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A TOML or serde error, with a fix that fits the kind of mistake.
pub fn toml_error(loc: &Locator, err: &toml::de::Error) -> Diagnostic {
    let offset = err.span().map(|s| s.start).unwrap_or(0);
    // serde names Rust types; say what an instructor writes instead.
    let message = err
        .message()
        .trim()
        .replace('\n', " ")
        .replace("expected i64", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a boolean", "expected true or false")
        .replace("expected a sequence", "expected a list in [ ]");
    let fix = if message.contains("unknown field") {
        "remove this key or correct its spelling; the keys of format 1 are listed in EXERCISE_FORMAT.md"
    } else if message.contains("missing field") {
        "add this key; EXERCISE_FORMAT.md shows each key with an example"
    } else if message.contains("invalid type") {
        "write the value with the type shown in EXERCISE_FORMAT.md (text in quotes, numbers bare, lists in [ ])"
    } else if message.contains("duplicate key") {
        "keep one of the two definitions"
    } else {
        "correct the TOML syntax here (quotes, brackets, commas, one key = value per line)"
    };
    loc.error(offset, message, fix)
}

/// Strips a byte-order mark, which some Windows editors add, so offsets match what people see.
pub fn strip_bom(source: &str) -> &str {
    source.strip_prefix('\u{feff}').unwrap_or(source)
}

/// Checks the `format` key before anything else, so a newer file is refused with that reason
/// rather than with the first unknown key it uses.
pub fn check_format(loc: &Locator, source: &str) -> Result<(), Diagnostic> {
    let parsed: FormatOnly = toml::from_str(source).map_err(|e| toml_error(loc, &e))?;
    let Some(format) = parsed.format else {
        return Err(loc.error(0, "there is no `format` key; expected `format = 1` at the top of the file", "add `format = 1` as the first line"));
    };
    match format.get_ref() {
        toml::Value::Integer(n) if *n == FORMAT_VERSION => Ok(()),
        toml::Value::Integer(n) if *n > FORMAT_VERSION => Err(loc.error(
            format.span().start,
            format!("this file uses exercise format {n}, newer than this version of SecLab, which reads format {FORMAT_VERSION}"),
            "update SecLab to a version that reads this format, or rewrite the file for format 1",
        )),
        other => Err(loc.error(format.span().start, format!("`format` is {other}; expected the whole number 1"), "write `format = 1`")),
    }
}

fn text_warnings(loc: &Locator, what: &str, text: &Text, offset: usize, warnings: &mut Vec<Diagnostic>) {
    if text.fr.is_none() && text.en.is_none() {
        return;
    }
    if let Some(lang) = text.missing() {
        let (has, lacks) = match lang {
            Lang::Fr => ("English", "French"),
            Lang::En => ("French", "English"),
        };
        warnings.push(loc.warning(
            offset,
            format!("{what} is in {has} only; learners reading {lacks} will see it with a notice"),
            format!("add `{} = \"...\"` beside the `{}` text", lang.code(), lang.other().code()),
        ));
    }
}

fn require_text(loc: &Locator, what: &str, text: &Spanned<Text>, errors: &mut Vec<Diagnostic>) {
    let t = text.get_ref();
    let empty = |s: &Option<String>| s.as_deref().map(str::trim).unwrap_or("").is_empty();
    if empty(&t.fr) && empty(&t.en) {
        errors.push(loc.error(text.span().start, format!("{what} has no text; expected `fr` and `en`"), format!("give {what} a `fr = \"...\"` and an `en = \"...\"`")));
    }
}

fn hashed_answers(loc: &Locator, qid: &str, answers: &Option<Spanned<Vec<Spanned<String>>>>, q_offset: usize, errors: &mut Vec<Diagnostic>) -> Vec<HashedAnswer> {
    let Some(answers) = answers else {
        errors.push(loc.error(
            q_offset,
            format!("question `{qid}` has no `answers`; expected one or more hashed answers"),
            "add `answers = [\"sha256:SALT:DIGEST\"]`; `seclab hash --salt SALT ANSWER` prints the line",
        ));
        return Vec::new();
    };
    if answers.get_ref().is_empty() {
        errors.push(loc.error(
            answers.span().start,
            format!("question `{qid}` has an empty `answers` list; expected at least one hashed answer"),
            "add one: `seclab hash --salt SALT ANSWER` prints the line",
        ));
    }
    answers
        .get_ref()
        .iter()
        .filter_map(|a| match HashedAnswer::parse(a.get_ref()) {
            Ok(h) => Some(h),
            Err(e) => {
                errors.push(loc.error(
                    a.span().start,
                    format!("answer of question `{qid}` is not a hashed answer: {}; expected \"sha256:SALT:DIGEST\" with 64 lower-case hex digits", e.describe()),
                    "make the line with `seclab hash --salt SALT ANSWER`, or `printf '%s' 'SALT:answer' | sha256sum`; never write the answer itself",
                ));
                None
            }
        })
        .collect()
}

pub fn parse_exercise(pack: &str, path: &str, file: &str, source: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let source = strip_bom(source);
    let loc = Locator::new(file, source);
    check_format(&loc, source).map_err(|d| vec![d])?;
    let raw: RawExercise = toml::from_str(source).map_err(|e| vec![toml_error(&loc, &e)])?;
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    let id = raw.id.get_ref().clone();
    if !is_kebab_case(&id) {
        errors.push(loc.error(
            raw.id.span().start,
            format!("exercise id \"{id}\" is not kebab-case; expected lower-case letters, digits and single hyphens"),
            format!("rename it, for example \"{}\"", suggest_kebab(&id)),
        ));
    }

    let difficulty = match &raw.difficulty {
        None => 1,
        Some(d) if (1..=5).contains(d.get_ref()) => *d.get_ref() as u8,
        Some(d) => {
            errors.push(loc.error(d.span().start, format!("`difficulty` is {}; expected a whole number from 1 (first contact) to 5 (capstone)", d.get_ref()), "write a difficulty between 1 and 5"));
            1
        }
    };
    let minutes = match &raw.minutes {
        None => 0,
        Some(m) if (1..=600).contains(m.get_ref()) => *m.get_ref() as u32,
        Some(m) => {
            errors.push(loc.error(m.span().start, format!("`minutes` is {}; expected an estimate from 1 to 600", m.get_ref()), "write the estimated time in minutes"));
            0
        }
    };

    for c in &raw.competencies {
        if referential::competency(c.get_ref()).is_none() {
            errors.push(loc.error(
                c.span().start,
                format!("competency \"{}\" is not in the RNCP40345 referential; expected C1 to C43", c.get_ref()),
                "use the competency ids of CURRICULUM.md, written like \"C14\"",
            ));
        }
    }
    for r in &raw.requires {
        if !is_kebab_case(r.get_ref()) {
            errors.push(loc.error(r.span().start, format!("`requires` names \"{}\", which is not an exercise id (kebab-case)", r.get_ref()), "write the `id` of another exercise of the pack"));
        }
    }

    require_text(&loc, "the title", &raw.title, &mut errors);
    text_warnings(&loc, "the title", raw.title.get_ref(), raw.title.span().start, &mut warnings);
    require_text(&loc, "the statement", &raw.statement, &mut errors);
    text_warnings(&loc, "the statement", raw.statement.get_ref(), raw.statement.span().start, &mut warnings);

    // The engine, its parameters and the variables it offers to texts.
    let mut lab = None;
    let mut variables: Vec<&'static str> = Vec::new();
    let mut engine_checks: Vec<&'static str> = Vec::new();
    if let Some(table) = &raw.lab {
        let span = table.span();
        let mut params = table.get_ref().clone();
        match params.remove("kind") {
            None => errors.push(loc.error(
                span.start,
                "the [lab] table has no `kind`; expected the name of a registered engine",
                format!("add `kind = \"...\"`, one of: {}", engines::known_kinds().join(", ")),
            )),
            Some(toml::Value::String(kind)) => match engines::find(&kind) {
                None => errors.push(loc.error(
                    loc.key_in(span.clone(), "kind"),
                    format!("lab kind \"{kind}\" is not a registered engine; known kinds: {}", engines::known_kinds().join(", ")),
                    "use one of the known kinds, or remove the [lab] table for an exercise without an engine",
                )),
                Some(engine) => {
                    if let Some(Err(e)) = engines::check_params(&kind, &params) {
                        let at = if e.key.is_empty() { span.start } else { loc.key_in(span.clone(), &e.key) };
                        errors.push(loc.error(at, format!("{} (engine {kind})", e.message), e.fix));
                    }
                    variables = engine.variable_names();
                    engine_checks = engine.check_names();
                    lab = Some(Lab { kind, params });
                }
            },
            Some(other) => errors.push(loc.error(
                loc.key_in(span.clone(), "kind"),
                format!("`kind` is {other}; expected a quoted engine name"),
                format!("write `kind = \"...\"`, one of: {}", engines::known_kinds().join(", ")),
            )),
        }
    }
    let known_vars = |text: &Text, what: &str, offset: usize, errors: &mut Vec<Diagnostic>| {
        for body in [&text.fr, &text.en].into_iter().flatten() {
            for name in markdown::placeholders(body) {
                if !variables.contains(&name.as_str()) {
                    let offered = if variables.is_empty() { "this exercise has no [lab], so no variables".to_string() } else { format!("the engine offers {}", variables.join(", ")) };
                    errors.push(loc.error(
                        offset,
                        format!("{what} uses {{{{{name}}}}}, which is not a variable of this exercise; {offered}"),
                        "use one of the offered names, or write the value itself",
                    ));
                }
            }
        }
    };
    // Prompts, hints and solutions get the same substitution, but the format only promises it
    // for statements: there an unknown name is an error, elsewhere it is left as written.
    known_vars(raw.statement.get_ref(), "the statement", raw.statement.span().start, &mut errors);

    if raw.questions.is_empty() {
        errors.push(loc.error(0, "the exercise has no question; expected at least one [[questions]] table", "add a [[questions]] table; the exercise is solved when every question is answered right"));
    }
    let mut questions = Vec::new();
    let mut question_locations = Vec::new();
    for sq in &raw.questions {
        let q = sq.get_ref();
        let q_offset = sq.span().start;
        let qid = q.id.get_ref().clone();
        if !is_kebab_case(&qid) {
            errors.push(loc.error(
                q.id.span().start,
                format!("question id \"{qid}\" is not kebab-case; expected lower-case letters, digits and hyphens"),
                format!("rename it, for example \"{}\"", suggest_kebab(&qid)),
            ));
        }
        if questions.iter().any(|other: &Question| other.id == qid) {
            errors.push(loc.error(q.id.span().start, format!("question id \"{qid}\" is used twice in this exercise; expected each question id once"), "give each question its own id (q1, q2, ...)"));
        }
        require_text(&loc, &format!("the prompt of question `{qid}`"), &q.prompt, &mut errors);
        text_warnings(&loc, &format!("the prompt of question `{qid}`"), q.prompt.get_ref(), q.prompt.span().start, &mut warnings);
        let points = match &q.points {
            None => 10,
            Some(p) if (0..=1000).contains(p.get_ref()) => *p.get_ref() as u32,
            Some(p) => {
                errors.push(loc.error(p.span().start, format!("`points` is {}; expected a whole number from 0 to 1000", p.get_ref()), "write the points this question is worth (default 10)"));
                10
            }
        };

        // Keys that belong to another grading kind are a sign of a mistake: say which.
        let present: Vec<(&str, usize)> = [
            ("answers", q.answers.as_ref().map(|a| a.span().start)),
            ("normalize", q.normalize.as_ref().and_then(|n| n.first()).map(|n| n.span().start)),
            ("multiple", q.multiple.as_ref().map(|m| m.span().start)),
            ("choices", q.choices.as_ref().map(|c| c.span().start)),
            ("value", q.value.as_ref().map(|v| v.span().start)),
            ("tolerance", q.tolerance.as_ref().map(|v| v.span().start)),
            ("absolute", q.absolute.as_ref().map(|v| v.span().start)),
            ("unit", q.unit.as_ref().map(|v| v.span().start)),
            ("check", q.check.as_ref().map(|v| v.span().start)),
            ("columns", q.columns.as_ref().map(|v| v.span().start)),
            ("options", q.options.as_ref().map(|v| v.span().start)),
            ("rows", q.rows.as_ref().map(|v| v.span().start)),
        ]
        .into_iter()
        .filter_map(|(k, o)| o.map(|o| (k, o)))
        .collect();
        let grading_name = q.grading.get_ref().as_str();
        let allowed: &[&str] = match grading_name {
            "hash" => &["answers", "normalize"],
            "choice" => &["answers", "multiple", "choices"],
            "numeric" => &["value", "tolerance", "absolute", "unit"],
            "lab" => &["check"],
            "grid" => &["columns", "options", "rows"],
            _ => &[],
        };
        if GRADING_KINDS.contains(&grading_name) {
            for (key, offset) in &present {
                if !allowed.contains(key) {
                    errors.push(loc.error(
                        *offset,
                        format!(
                            "`{key}` does not apply to grading = \"{grading_name}\" (question `{qid}`); this kind takes {}",
                            allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                        ),
                        format!("remove `{key}`, or change `grading`"),
                    ));
                }
            }
        }

        let grading = match grading_name {
            "hash" => {
                let answers = hashed_answers(&loc, &qid, &q.answers, q_offset, &mut errors);
                let normalize = match &q.normalize {
                    None => vec![Normalization::Trim],
                    Some(list) => list
                        .iter()
                        .filter_map(|n| {
                            Normalization::parse(n.get_ref()).or_else(|| {
                                errors.push(loc.error(
                                    n.span().start,
                                    format!(
                                        "normalisation \"{}\" is unknown; expected one of {}",
                                        n.get_ref(),
                                        Normalization::ALL.iter().map(|(name, _)| format!("\"{name}\"")).collect::<Vec<_>>().join(", ")
                                    ),
                                    "use the names of the table in EXERCISE_FORMAT.md",
                                ));
                                None
                            })
                        })
                        .collect(),
                };
                Some(Grading::Hash { answers, normalize })
            }
            "choice" => {
                let answers = hashed_answers(&loc, &qid, &q.answers, q_offset, &mut errors);
                let mut choices: Vec<Choice> = Vec::new();
                match &q.choices {
                    None => errors.push(loc.error(
                        q_offset,
                        format!("choice question `{qid}` has no `choices`; expected a list of {{ id, fr, en }}"),
                        "add `choices = [{ id = \"a\", fr = \"...\", en = \"...\" }, ...]`",
                    )),
                    Some(list) if list.get_ref().len() < 2 => {
                        errors.push(loc.error(list.span().start, format!("choice question `{qid}` has {} choice; expected at least 2", list.get_ref().len()), "add the other choices"))
                    }
                    Some(_) => {}
                }
                for c in q.choices.iter().flat_map(|l| l.get_ref().iter()) {
                    let raw_choice = c.get_ref();
                    let cid = raw_choice.id.get_ref().trim().to_string();
                    if cid.is_empty() || cid.contains(',') || cid.chars().any(char::is_whitespace) {
                        errors.push(loc.error(
                            raw_choice.id.span().start,
                            format!("choice id \"{cid}\" cannot be used; expected a short id without spaces or commas"),
                            "use ids such as \"a\", \"b\", \"c\"",
                        ));
                    } else if choices.iter().any(|other| other.id == cid) {
                        errors.push(loc.error(
                            raw_choice.id.span().start,
                            format!("choice id \"{cid}\" appears twice in question `{qid}`; expected each choice id once"),
                            "give each choice its own id",
                        ));
                    }
                    let text = Text { fr: raw_choice.fr.clone(), en: raw_choice.en.clone() };
                    if text.fr.is_none() && text.en.is_none() {
                        errors.push(loc.error(c.span().start, format!("choice \"{cid}\" of question `{qid}` has no text; expected `fr` and `en`"), "add `fr = \"...\", en = \"...\"` to the choice"));
                    }
                    text_warnings(&loc, &format!("choice \"{cid}\" of question `{qid}`"), &text, c.span().start, &mut warnings);
                    choices.push(Choice { id: cid, text });
                }
                let multiple = q.multiple.as_ref().map(|m| *m.get_ref()).unwrap_or(false);
                Some(Grading::Choice { multiple, choices, answers })
            }
            "numeric" => {
                let tolerance = q.tolerance.as_ref().map(|t| *t.get_ref()).unwrap_or(0.0);
                if let Some(t) = &q.tolerance {
                    if !(t.get_ref().is_finite() && *t.get_ref() >= 0.0) {
                        errors.push(loc.error(
                            t.span().start,
                            format!("`tolerance` is {}; expected a number ≥ 0", t.get_ref()),
                            "write a relative tolerance such as 0.05, or an absolute one with `absolute = true`",
                        ));
                    }
                }
                match &q.value {
                    None => {
                        errors.push(loc.error(q_offset, format!("numeric question `{qid}` has no `value`; expected the right number"), "add `value = ...` and a `tolerance`"));
                        None
                    }
                    Some(v) if !v.get_ref().is_finite() => {
                        errors.push(loc.error(v.span().start, format!("`value` is {}; expected a finite number", v.get_ref()), "write the right number"));
                        None
                    }
                    Some(v) => Some(Grading::Numeric {
                        rule: NumericRule { value: *v.get_ref(), tolerance, absolute: q.absolute.as_ref().map(|a| *a.get_ref()).unwrap_or(false) },
                        unit: q.unit.as_ref().map(|u| u.get_ref().clone()),
                    }),
                }
            }
            "lab" => match (&q.check, &lab) {
                (None, _) => {
                    errors.push(loc.error(
                        q_offset,
                        format!("lab question `{qid}` has no `check`; expected a check name of the engine"),
                        if engine_checks.is_empty() { "add `check = \"...\"` and a [lab] table".to_string() } else { format!("add `check = \"...\"`, one of: {}", engine_checks.join(", ")) },
                    ));
                    None
                }
                (Some(check), None) => {
                    if raw.lab.is_none() {
                        errors.push(loc.error(
                            check.span().start,
                            format!("question `{qid}` is graded by the lab, but the exercise has no [lab] table"),
                            "add a [lab] table with a `kind`, or use another grading",
                        ));
                    }
                    None
                }
                (Some(check), Some(lab)) => {
                    if engine_checks.contains(&check.get_ref().as_str()) {
                        Some(Grading::Lab { check: check.get_ref().clone() })
                    } else {
                        errors.push(loc.error(
                            check.span().start,
                            format!("check \"{}\" is not declared by engine {}; it declares {}", check.get_ref(), lab.kind, engine_checks.join(", ")),
                            "use one of the declared checks",
                        ));
                        None
                    }
                }
            },
            "grid" => grid(&loc, &qid, q, q_offset, &mut errors, &mut warnings),
            other => {
                errors.push(loc.error(
                    q.grading.span().start,
                    format!("grading \"{other}\" is unknown; expected one of \"hash\", \"choice\", \"numeric\", \"lab\", \"grid\""),
                    "choose one of the five grading kinds",
                ));
                None
            }
        };
        question_locations.push((qid.clone(), q_offset));
        if let Some(grading) = grading {
            questions.push(Question { id: qid, prompt: q.prompt.get_ref().clone(), points, grading });
        }
    }

    let mut hints = Vec::new();
    for (i, h) in raw.hints.iter().enumerate() {
        let hint = h.get_ref();
        let text = Text { fr: hint.fr.clone(), en: hint.en.clone() };
        if text.fr.is_none() && text.en.is_none() {
            errors.push(loc.error(h.span().start, format!("hint {} has no text; expected `fr` and `en`", i + 1), "add `fr = \"...\"` and `en = \"...\"`"));
        }
        text_warnings(&loc, &format!("hint {}", i + 1), &text, h.span().start, &mut warnings);
        let cost = match &hint.cost {
            None => 0,
            Some(c) if (0..=1000).contains(c.get_ref()) => *c.get_ref() as u32,
            Some(c) => {
                errors.push(loc.error(c.span().start, format!("`cost` is {}; expected a whole number of points ≥ 0", c.get_ref()), "write the points the hint takes off"));
                0
            }
        };
        hints.push(Hint { text, cost });
    }
    if let Some(solution) = &raw.solution {
        text_warnings(&loc, "the solution", solution.get_ref(), solution.span().start, &mut warnings);
    } else {
        warnings.push(loc.warning(0, "the exercise has no [solution]; learners will have nothing to read once they solve it", "add a [solution] table with `fr` and `en` that explain why"));
    }

    if !errors.is_empty() {
        errors.extend(warnings);
        return Err(errors);
    }
    let exercise = Exercise {
        pack: pack.to_string(),
        id,
        path: path.to_string(),
        difficulty,
        minutes,
        competencies: raw.competencies.iter().map(|c| c.get_ref().clone()).collect(),
        requires: raw.requires.iter().map(|r| r.get_ref().clone()).collect(),
        tags: raw.tags,
        title: raw.title.into_inner(),
        statement: raw.statement.into_inner(),
        lab,
        questions,
        hints,
        solution: raw.solution.map(Spanned::into_inner),
    };
    let locations = Locations { id: raw.id.span().start, requires: raw.requires.iter().map(|r| r.span().start).collect(), questions: question_locations };
    Ok(Parsed { exercise, locations, warnings })
}

/// The labelled ids of a grid (its columns or its options): kebab-case, each once, with a text.
fn grid_labels(
    loc: &Locator,
    qid: &str,
    (what, min): (&str, usize),
    list: &Option<Spanned<Vec<Spanned<RawChoice>>>>,
    q_offset: usize,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Choice> {
    let Some(list) = list else {
        errors.push(loc.error(
            q_offset,
            format!("grid question `{qid}` has no `{what}`; expected a list of {{ id, fr, en }}"),
            format!("add `{what} = [{{ id = \"...\", fr = \"...\", en = \"...\" }}, ...]` (see the grid example in EXERCISE_FORMAT.md)"),
        ));
        return Vec::new();
    };
    if list.get_ref().len() < min {
        errors.push(loc.error(list.span().start, format!("grid question `{qid}` lists {} in `{what}`; expected at least {min}", list.get_ref().len()), format!("add the other {what}")));
    }
    let mut out: Vec<Choice> = Vec::new();
    for item in list.get_ref() {
        let raw = item.get_ref();
        let id = raw.id.get_ref().clone();
        if !is_kebab_case(&id) {
            errors.push(loc.error(
                raw.id.span().start,
                format!("{what} id \"{id}\" of question `{qid}` is not kebab-case; expected lower-case letters, digits and single hyphens"),
                format!("rename it, for example \"{}\"", suggest_kebab(&id)),
            ));
        } else if out.iter().any(|o| o.id == id) {
            errors.push(loc.error(raw.id.span().start, format!("{what} id \"{id}\" appears twice in question `{qid}`; expected each id once"), "give each its own id"));
        }
        let text = Text { fr: raw.fr.clone(), en: raw.en.clone() };
        if text.fr.is_none() && text.en.is_none() {
            errors.push(loc.error(item.span().start, format!("{what} \"{id}\" of question `{qid}` has no text; expected `fr` and `en`"), "add `fr = \"...\", en = \"...\"`"));
        }
        text_warnings(loc, &format!("{what} \"{id}\" of question `{qid}`"), &text, item.span().start, warnings);
        out.push(Choice { id, text });
    }
    out
}

/// A `grading = "grid"` question: columns, options, and rows whose cells are hashed option ids
/// and whose reasons are sealed under them, one of each per column; every salt used once.
fn grid(loc: &Locator, qid: &str, q: &RawQuestion, q_offset: usize, errors: &mut Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>) -> Option<Grading> {
    let before = errors.len();
    let columns = grid_labels(loc, qid, ("columns", 1), &q.columns, q_offset, errors, warnings);
    let options = grid_labels(loc, qid, ("options", 2), &q.options, q_offset, errors, warnings);
    let Some(raw_rows) = &q.rows else {
        errors.push(loc.error(
            q_offset,
            format!("grid question `{qid}` has no `rows`; expected [[questions.rows]] tables with `id`, `fr`, `en`, `cells` and `reasons`"),
            "add a [[questions.rows]] table per row after the question's keys (see the grid example in EXERCISE_FORMAT.md)",
        ));
        return None;
    };
    if raw_rows.get_ref().is_empty() {
        errors.push(loc.error(raw_rows.span().start, format!("grid question `{qid}` has no row; expected at least 1"), "add a [[questions.rows]] table"));
    }
    let mut cell_salts: Vec<String> = Vec::new();
    let mut seal_salts: Vec<String> = Vec::new();
    let mut rows: Vec<GridRow> = Vec::new();
    for sr in raw_rows.get_ref() {
        let raw = sr.get_ref();
        let rid = raw.id.get_ref().clone();
        if !is_kebab_case(&rid) {
            errors.push(loc.error(
                raw.id.span().start,
                format!("row id \"{rid}\" of question `{qid}` is not kebab-case; expected lower-case letters, digits and single hyphens"),
                format!("rename it, for example \"{}\"", suggest_kebab(&rid)),
            ));
        } else if rows.iter().any(|r| r.id == rid) {
            errors.push(loc.error(raw.id.span().start, format!("row id \"{rid}\" appears twice in question `{qid}`; expected each row id once"), "give each row its own id"));
        }
        let text = Text { fr: raw.fr.clone(), en: raw.en.clone() };
        if text.fr.is_none() && text.en.is_none() {
            errors.push(loc.error(sr.span().start, format!("row \"{rid}\" of question `{qid}` has no text; expected `fr` and `en`"), "add `fr = \"...\"` and `en = \"...\"` to the row"));
        }
        text_warnings(loc, &format!("row \"{rid}\" of question `{qid}`"), &text, sr.span().start, warnings);
        let count_error = |errors: &mut Vec<Diagnostic>, key: &str, at: usize, got: usize, fix: &str| {
            errors.push(loc.error(
                at,
                format!("row \"{rid}\" of question `{qid}` has {got} `{key}`; expected {} (one per column: {})", columns.len(), columns.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")),
                fix.to_string(),
            ))
        };
        let mut cells = Vec::new();
        match &raw.cells {
            None => {
                count_error(errors, "cells", sr.span().start, 0, "add `cells = [\"sha256:SALT:DIGEST\", ...]`, the hash of each cell's right option id; `seclab hash --salt SALT OPTION-ID` prints it")
            }
            Some(list) => {
                if list.get_ref().len() != columns.len() {
                    count_error(errors, "cells", list.span().start, list.get_ref().len(), "give one hashed answer per column, in the order of `columns`");
                }
                for c in list.get_ref() {
                    match HashedAnswer::parse(c.get_ref()) {
                        Ok(h) => {
                            if cell_salts.contains(&h.salt) {
                                errors.push(loc.error(
                                    c.span().start,
                                    format!("salt \"{}\" is used by two cells of question `{qid}`; expected a salt per cell (equal digests would show equal answers)", h.salt),
                                    "give each cell its own salt, such as EXERCISE-QUESTION-ROW-COLUMN",
                                ));
                            }
                            cell_salts.push(h.salt.clone());
                            cells.push(h);
                        }
                        Err(e) => errors.push(loc.error(
                            c.span().start,
                            format!("cell of row \"{rid}\" (question `{qid}`) is not a hashed answer: {}; expected \"sha256:SALT:DIGEST\" with 64 lower-case hex digits", e.describe()),
                            "make the line with `seclab hash --salt SALT OPTION-ID`; never write the option itself",
                        )),
                    }
                }
            }
        }
        let mut reasons = Vec::new();
        match &raw.reasons {
            None => {
                count_error(errors, "reasons", sr.span().start, 0, "add `reasons = [{ fr = \"sealed:...\", en = \"sealed:...\" }, ...]`; `seclab seal --salt SALT --answer OPTION-ID TEXT` prints each")
            }
            Some(list) => {
                if list.get_ref().len() != columns.len() {
                    count_error(errors, "reasons", list.span().start, list.get_ref().len(), "give one reason per column, in the order of `columns`");
                }
                for r in list.get_ref() {
                    let raw_reason = r.get_ref();
                    if raw_reason.fr.is_none() && raw_reason.en.is_none() {
                        errors.push(loc.error(
                            r.span().start,
                            format!("a reason of row \"{rid}\" (question `{qid}`) has no text; expected `fr` and `en`, each sealed"),
                            "add `fr = \"sealed:...\", en = \"sealed:...\"`",
                        ));
                    }
                    let mut open = |text: &Option<Spanned<String>>| -> Option<Sealed> {
                        let text = text.as_ref()?;
                        match Sealed::parse(text.get_ref()) {
                            Ok(s) => {
                                if seal_salts.contains(&s.salt) {
                                    errors.push(loc.error(
                                        text.span().start,
                                        format!("salt \"{}\" seals two reasons of question `{qid}`; expected a salt per sealed text (two texts under one key would leak each other)", s.salt),
                                        "seal each text, in each language, with its own salt, such as EXERCISE-QUESTION-ROW-COLUMN-fr",
                                    ));
                                }
                                seal_salts.push(s.salt.clone());
                                Some(s)
                            }
                            Err(e) => {
                                errors.push(loc.error(
                                    text.span().start,
                                    format!(
                                        "a reason of row \"{rid}\" (question `{qid}`) is not sealed: {}; expected \"sealed:SALT:HEX\", readable only once the cell is answered right",
                                        e.describe()
                                    ),
                                    "make the line with `seclab seal --salt SALT --answer OPTION-ID \"the reason\"`; never write the reason in clear",
                                ));
                                None
                            }
                        }
                    };
                    let fr = open(&raw_reason.fr);
                    let en = open(&raw_reason.en);
                    let langs = Text { fr: raw_reason.fr.as_ref().map(|s| s.get_ref().clone()), en: raw_reason.en.as_ref().map(|s| s.get_ref().clone()) };
                    text_warnings(loc, &format!("a reason of row \"{rid}\" (question `{qid}`)"), &langs, r.span().start, warnings);
                    reasons.push(SealedText { fr, en });
                }
            }
        }
        rows.push(GridRow { id: rid, text, cells, reasons });
    }
    (errors.len() == before).then_some(Grading::Grid { columns, options, rows })
}

/// A kebab-case version of a rejected id, to put in the fix.
pub fn suggest_kebab(id: &str) -> String {
    let mut out = String::new();
    for c in id.trim().chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "my-exercise".into()
    } else {
        out
    }
}
