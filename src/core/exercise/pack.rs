//! A pack: `catalog.toml` and the exercise files it lists. The catalogue is read first; the
//! caller (browser fetch or command line) then reads each listed file and hands them to
//! [`assemble`], so the same checks run in both places. A broken file is reported and skipped;
//! every other exercise still loads.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use toml::Spanned;

use super::diagnostic::{unreadable, Diagnostic, Locator};
use super::model::*;
use super::parse::{check_format, is_kebab_case, parse_exercise, strip_bom, suggest_kebab, toml_error};
use crate::core::grading::{self, choice_key, grade_choice, grade_hash, grade_numeric, NumericVerdict};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[allow(dead_code)]
    format: toml::Value,
    pack: Spanned<RawPackInfo>,
    #[serde(default)]
    tracks: Vec<Spanned<RawTrack>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPackInfo {
    id: Spanned<String>,
    title: Text,
    #[serde(default)]
    authors: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrack {
    id: Spanned<String>,
    title: Text,
    summary: Option<Text>,
    #[serde(default)]
    exercises: Vec<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub struct CatalogTrack {
    pub id: String,
    pub title: Text,
    pub summary: Text,
    /// Exercise file paths, relative to the pack folder, in order.
    pub files: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Catalog {
    pub info: PackInfo,
    pub tracks: Vec<CatalogTrack>,
    /// How the pack folder is named in messages ("exercises/").
    pub base: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Catalog {
    /// Every listed file once, in catalogue order: what the caller must read.
    pub fn files(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        self.tracks.iter().flat_map(|t| t.files.iter()).filter(|f| seen.insert((*f).clone())).cloned().collect()
    }
}

#[derive(Debug, Clone)]
pub struct Pack {
    pub info: PackInfo,
    pub tracks: Vec<Track>,
    pub exercises: BTreeMap<String, Exercise>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Pack {
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.get(id)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn track_of(&self, exercise_id: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.exercises.iter().any(|e| e == exercise_id))
    }
}

/// A file path in a catalogue must stay inside the pack: relative, no "..", a .toml file.
fn path_problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        Some("it is empty")
    } else if path.starts_with('/') || path.starts_with('\\') || path.contains(':') {
        Some("it is absolute; paths are relative to the pack folder")
    } else if path.split(['/', '\\']).any(|part| part == "..") {
        Some("it leaves the pack folder with \"..\"")
    } else if !path.ends_with(".toml") {
        Some("it does not end in .toml")
    } else {
        None
    }
}

pub fn parse_catalog(base: &str, source: &str) -> Result<Catalog, Vec<Diagnostic>> {
    let file = format!("{base}catalog.toml");
    let source = strip_bom(source);
    let loc = Locator::new(&file, source);
    check_format(&loc, source).map_err(|d| vec![d])?;
    let raw: RawCatalog = toml::from_str(source).map_err(|e| vec![toml_error(&loc, &e)])?;
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let pack = raw.pack.get_ref();
    if !is_kebab_case(pack.id.get_ref()) {
        errors.push(loc.error(
            pack.id.span().start,
            format!("pack id \"{}\" is not kebab-case; expected lower-case letters, digits and hyphens", pack.id.get_ref()),
            format!("rename it, for example \"{}\"", suggest_kebab(pack.id.get_ref())),
        ));
    }
    if raw.tracks.is_empty() {
        warnings.push(loc.warning(0, "the catalogue lists no track; learners will see an empty pack", "add [[tracks]] tables, each with an `exercises` list"));
    }
    let mut tracks = Vec::new();
    let mut track_ids = BTreeSet::new();
    let mut listed: BTreeMap<String, String> = BTreeMap::new();
    for t in &raw.tracks {
        let track = t.get_ref();
        let id = track.id.get_ref();
        if !is_kebab_case(id) {
            errors.push(loc.error(
                track.id.span().start,
                format!("track id \"{id}\" is not kebab-case; expected lower-case letters, digits and hyphens"),
                format!("rename it, for example \"{}\"", suggest_kebab(id)),
            ));
        }
        if !track_ids.insert(id.clone()) {
            errors.push(loc.error(track.id.span().start, format!("track id \"{id}\" is used twice; expected each track once"), "merge the two tracks or rename one"));
        }
        let mut files = Vec::new();
        for f in &track.exercises {
            let path = f.get_ref().trim_start_matches("./").to_string();
            if let Some(problem) = path_problem(&path) {
                errors.push(loc.error(
                    f.span().start,
                    format!("exercise path \"{}\" cannot be used: {problem}", f.get_ref()),
                    "write the path of a .toml file inside the pack folder, such as \"symmetric/aes-kat.toml\"",
                ));
                continue;
            }
            if let Some(other) = listed.insert(path.clone(), id.clone()) {
                warnings.push(loc.warning(f.span().start, format!("\"{path}\" is listed in track \"{other}\" and again in track \"{id}\""), "list each exercise in one track"));
            }
            files.push(path);
        }
        tracks.push(CatalogTrack { id: id.clone(), title: track.title.clone(), summary: track.summary.clone().unwrap_or_default(), files });
    }
    if !errors.is_empty() {
        errors.extend(warnings);
        return Err(errors);
    }
    Ok(Catalog { info: PackInfo { id: pack.id.get_ref().clone(), title: pack.title.clone(), authors: pack.authors.clone() }, tracks, base: base.to_string(), diagnostics: warnings })
}

/// Builds a pack one file at a time, so that a caller can yield between files and never hold
/// the page for the whole pack. [`assemble`] does it in one go.
pub struct PackBuilder {
    catalog: Catalog,
    diagnostics: Vec<Diagnostic>,
    exercises: BTreeMap<String, Exercise>,
    by_path: BTreeMap<String, String>,
    /// For each loaded exercise: its display name, source and the offsets of its `requires`.
    requires_locations: Vec<(String, String, String, Vec<usize>)>,
}

impl PackBuilder {
    pub fn new(catalog: Catalog) -> PackBuilder {
        let diagnostics = catalog.diagnostics.clone();
        PackBuilder { catalog, diagnostics, exercises: BTreeMap::new(), by_path: BTreeMap::new(), requires_locations: Vec::new() }
    }

    /// Every listed file once, in catalogue order: what to pass to [`PackBuilder::add`].
    pub fn files(&self) -> Vec<String> {
        self.catalog.files()
    }

    /// Adds one listed file: its text, or why it could not be read.
    pub fn add(&mut self, path: &str, file: Result<&str, &str>) {
        let display = format!("{}{path}", self.catalog.base);
        let source = match file {
            Err(reason) => return self.diagnostics.push(unreadable(&display, reason)),
            Ok(source) => source,
        };
        match parse_exercise(&self.catalog.info.id, path, &display, source) {
            Err(mut diags) => self.diagnostics.append(&mut diags),
            Ok(parsed) => {
                self.diagnostics.extend(parsed.warnings);
                let id = parsed.exercise.id.clone();
                if let Some(first) = self.exercises.get(&id) {
                    let loc = Locator::new(&display, strip_bom(source));
                    self.diagnostics.push(loc.error(
                        parsed.locations.id,
                        format!("exercise id \"{id}\" is already used by {}{}; ids are unique in a pack", self.catalog.base, first.path),
                        "give this exercise another id (progress is keyed by it, so never rename a published one)",
                    ));
                    return;
                }
                self.requires_locations.push((display, source.to_string(), id.clone(), parsed.locations.requires.clone()));
                self.by_path.insert(path.to_string(), id.clone());
                self.exercises.insert(id, parsed.exercise);
            }
        }
    }

    /// The checks that need the whole pack (`requires`), then the pack.
    pub fn finish(mut self) -> Pack {
        // `requires` must name exercises of the pack; an unresolved one is reported and dropped.
        for (display, source, id, offsets) in std::mem::take(&mut self.requires_locations) {
            let loc = Locator::new(&display, strip_bom(&source));
            let requires = self.exercises[&id].requires.clone();
            let mut kept = Vec::new();
            for (required, offset) in requires.iter().zip(offsets) {
                if required == &id {
                    self.diagnostics.push(loc.error(offset, format!("exercise \"{id}\" requires itself"), "remove it from `requires`"));
                } else if self.exercises.contains_key(required) {
                    kept.push(required.clone());
                } else {
                    self.diagnostics.push(loc.error(
                        offset,
                        format!("`requires` names \"{required}\", which is not an exercise of pack \"{}\"", self.catalog.info.id),
                        "write the id of an exercise listed in catalog.toml, or remove it",
                    ));
                }
            }
            self.exercises.get_mut(&id).expect("inserted by add").requires = kept;
        }
        let by_path = &self.by_path;
        let tracks = self
            .catalog
            .tracks
            .iter()
            .map(|t| Track { id: t.id.clone(), title: t.title.clone(), summary: t.summary.clone(), exercises: t.files.iter().filter_map(|f| by_path.get(f).cloned()).collect() })
            .collect();
        Pack { info: self.catalog.info, tracks, exercises: self.exercises, diagnostics: self.diagnostics }
    }
}

/// Parses every file the catalogue lists (`files` maps a listed path to its text, or to why it
/// could not be read), then checks what needs the whole pack: unique ids, `requires`.
pub fn assemble(catalog: Catalog, files: &BTreeMap<String, Result<String, String>>) -> Pack {
    let mut builder = PackBuilder::new(catalog);
    for path in builder.files() {
        match files.get(&path) {
            None => builder.add(&path, Err("it was not read")),
            Some(Ok(text)) => builder.add(&path, Ok(text)),
            Some(Err(reason)) => builder.add(&path, Err(reason)),
        }
    }
    builder.finish()
}

/// Checks the instructor's sidecar (`[exercise-id] question-id = "plain answer"`) against the
/// hashed answers of the pack: every answer given must grade right.
pub fn check_solutions(pack: &Pack, file: &str, source: &str) -> Vec<Diagnostic> {
    let source = strip_bom(source);
    let loc = Locator::new(file, source);
    let table: BTreeMap<String, Spanned<BTreeMap<String, Spanned<toml::Value>>>> = match toml::from_str(source) {
        Ok(t) => t,
        Err(e) => return vec![toml_error(&loc, &e)],
    };
    let mut out = Vec::new();
    for (exercise_id, answers) in &table {
        let Some(exercise) = pack.exercise(exercise_id) else {
            out.push(loc.error(answers.span().start, format!("[{exercise_id}] is not an exercise of pack \"{}\"", pack.info.id), "use the `id` of an exercise of the pack"));
            continue;
        };
        for (qid, answer) in answers.get_ref() {
            let at = answer.span().start;
            let Some(question) = exercise.question(qid) else {
                out.push(loc.error(at, format!("exercise \"{exercise_id}\" has no question \"{qid}\""), "use a question id of the exercise"));
                continue;
            };
            if matches!(question.grading, Grading::Grid { .. }) {
                check_grid(&loc, &format!("{exercise_id}/{qid}"), at, question, answer.get_ref(), &mut out);
                continue;
            }
            let text = match answer.get_ref() {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Float(f) => f.to_string(),
                other => {
                    out.push(loc.error(at, format!("the answer of {exercise_id}/{qid} is {other}; expected a text or a number"), "write the plain answer in quotes"));
                    continue;
                }
            };
            let right = match &question.grading {
                Grading::Hash { answers, normalize } => grade_hash(answers, normalize, &text),
                Grading::Choice { answers, choices, .. } => {
                    let ids: Vec<String> = text.split(',').map(|s| s.trim().to_string()).collect();
                    if let Some(bad) = ids.iter().find(|id| !choices.iter().any(|c| &c.id == *id)) {
                        out.push(loc.error(
                            at,
                            format!("the answer of {exercise_id}/{qid} ticks \"{bad}\", which is not a choice of the question"),
                            "write the ids of the right choices, separated by commas",
                        ));
                        continue;
                    }
                    grade_choice(answers, &ids)
                }
                Grading::Numeric { rule, .. } => grade_numeric(rule, &text) == NumericVerdict::Correct,
                Grading::Grid { .. } => unreachable!("checked above"),
                Grading::Lab { .. } => {
                    out.push(loc.warning(
                        at,
                        format!("{exercise_id}/{qid} is graded by the lab engine, per learner; a plain answer cannot be checked here"),
                        "remove this line; lab answers are checked by `seclab verify`",
                    ));
                    continue;
                }
            };
            if !right {
                let hint = match &question.grading {
                    Grading::Choice { .. } => format!("the hash of \"{}\"", choice_key(&text.split(',').map(str::to_string).collect::<Vec<_>>())),
                    Grading::Hash { normalize, .. } => format!("the hash of \"{}\" after normalisation", grading::normalize(normalize, &text)),
                    _ => "the value".into(),
                };
                out.push(loc.error(
                    at,
                    format!("the reference answer of {exercise_id}/{qid} does not grade right against the exercise file"),
                    format!("recompute {hint} with `seclab hash`, or correct the answer here"),
                ));
            }
        }
    }
    for exercise in pack.exercises.values() {
        for q in &exercise.questions {
            let needs = matches!(q.grading, Grading::Hash { .. } | Grading::Choice { .. } | Grading::Grid { .. });
            let given = table.get(&exercise.id).map(|a| a.get_ref().contains_key(&q.id)).unwrap_or(false);
            if needs && !given {
                out.push(loc.warning(
                    0,
                    format!("{}/{} has hashed answers but no reference answer here, so they are not proven", exercise.id, q.id),
                    format!("add `{} = \"...\"` under [{}]", q.id, exercise.id),
                ));
            }
        }
    }
    out
}

/// The plain cells of a grid in the sidecar: a table of rows, each a table of columns
/// (`row = { column = "option", ... }`), or flat keys `"row.column" = "option"`; both may mix.
pub fn grid_cells_of(value: &toml::Value) -> Result<BTreeMap<String, String>, String> {
    let toml::Value::Table(table) = value else {
        return Err(format!("is {value}; expected a table of rows, `row = {{ column = \"option\", ... }}`"));
    };
    let mut cells = BTreeMap::new();
    for (key, v) in table {
        match v {
            toml::Value::String(option) => {
                cells.insert(key.clone(), option.trim().to_string());
            }
            toml::Value::Table(columns) => {
                for (column, option) in columns {
                    let Some(option) = option.as_str() else {
                        return Err(format!("gives {key}.{column} = {option}; expected the option id in quotes"));
                    };
                    cells.insert(grading::grid::cell_key(key, column), option.trim().to_string());
                }
            }
            other => return Err(format!("gives {key} = {other}; expected a table of columns or an option id in quotes")),
        }
    }
    Ok(cells)
}

/// A grid's plain cells against its file: every cell given, its hash matches, and both sealed
/// reasons open with it.
fn check_grid(loc: &Locator, what: &str, at: usize, question: &Question, value: &toml::Value, out: &mut Vec<Diagnostic>) {
    let Grading::Grid { columns, options, rows } = &question.grading else { return };
    let cells = match grid_cells_of(value) {
        Ok(c) => c,
        Err(e) => {
            out.push(loc.error(at, format!("the reference grid of {what} {e}"), "write `[EXERCISE.QUESTION]` then one line per row: `row-id = { column-id = \"option-id\", ... }`"));
            return;
        }
    };
    let row_at = |row: &str| loc.key_in(at..at, row);
    for key in cells.keys() {
        let known = rows.iter().any(|r| columns.iter().any(|c| grading::grid::cell_key(&r.id, &c.id) == *key));
        if !known {
            out.push(loc.error(
                row_at(key.split('.').next().unwrap_or(key)),
                format!("the reference grid of {what} names cell \"{key}\", which is not in the grid"),
                "use the row and column ids of the question",
            ));
        }
    }
    for row in rows {
        for (c, column) in columns.iter().enumerate() {
            let key = grading::grid::cell_key(&row.id, &column.id);
            let Some(option) = cells.get(&key) else {
                out.push(loc.error(row_at(&row.id), format!("the reference grid of {what} has no value for cell \"{key}\""), format!("add `{} = \"...\"` to row `{}`", column.id, row.id)));
                continue;
            };
            if !options.iter().any(|o| &o.id == option) {
                out.push(loc.error(
                    row_at(&row.id),
                    format!("the reference grid of {what} gives \"{option}\" for cell \"{key}\", which is not an option of the question"),
                    format!("use one of: {}", options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ")),
                ));
                continue;
            }
            if !row.cells.get(c).is_some_and(|h| h.matches(option)) {
                out.push(loc.error(
                    row_at(&row.id),
                    format!("the reference answer of {what}, cell \"{key}\", does not grade right against the exercise file"),
                    format!("recompute the cell with `seclab hash --salt {} {option}`, or correct the answer here", row.cells.get(c).map(|h| h.salt.as_str()).unwrap_or("SALT")),
                ));
            }
            let Some(reason) = row.reasons.get(c) else { continue };
            for (lang, sealed) in [("fr", &reason.fr), ("en", &reason.en)] {
                if let Some(sealed) = sealed {
                    if sealed.open(option).is_none() {
                        out.push(loc.error(
                            row_at(&row.id),
                            format!("the {lang} reason of {what}, cell \"{key}\", does not open with \"{option}\" (sealed under another answer, or changed)"),
                            format!("seal it again with `seclab seal --salt {} --answer {option} \"...\"`", sealed.salt),
                        ));
                    }
                }
            }
        }
    }
}

/// Reads a pack folder from disk (command line and native tests), exactly as the browser reads
/// the served folder: the catalogue first, then every file it lists.
pub fn load_dir(dir: &std::path::Path) -> Result<Pack, Vec<Diagnostic>> {
    let base = format!("{}/", dir.display().to_string().trim_end_matches('/'));
    let source = std::fs::read_to_string(dir.join("catalog.toml")).map_err(|e| vec![unreadable(&format!("{base}catalog.toml"), &e.to_string())])?;
    let catalog = parse_catalog(&base, &source)?;
    let files = catalog
        .files()
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(&f)).map_err(|e| e.to_string());
            (f, text)
        })
        .collect();
    Ok(assemble(catalog, &files))
}
