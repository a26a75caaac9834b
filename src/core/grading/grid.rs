//! Grid questions, graded per cell: the learner picks one option per (row, column); a cell is
//! right when its option id matches the cell's hashed answer, and its reason, sealed under that
//! option id, then opens. The question is right when every cell is. The page, `seclab verify`
//! and the tests use these functions.

use std::collections::BTreeMap;

use crate::core::exercise::{Choice, GridRow, Text};
use crate::core::msg::Msg;

/// The key of a cell in a grid answer: "row.column" (ids are kebab-case, so "." is free).
pub fn cell_key(row: &str, column: &str) -> String {
    format!("{row}.{column}")
}

/// The form kept in progress and exports: "row.col=option;..." in key order.
pub fn stored(cells: &BTreeMap<String, String>) -> String {
    cells.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| format!("{k}={}", v.trim())).collect::<Vec<_>>().join(";")
}

/// Reads back [`stored`]; pieces without "=" are dropped (grading then reports the cell missing).
pub fn from_stored(text: &str) -> BTreeMap<String, String> {
    text.split(';').filter_map(|p| p.split_once('=')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).filter(|(k, v)| !k.is_empty() && !v.is_empty()).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellVerdict {
    pub row: usize,
    pub column: usize,
    /// The option id given.
    pub given: String,
    pub right: bool,
}

/// Every cell's verdict, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridVerdict {
    pub cells: Vec<CellVerdict>,
}

impl GridVerdict {
    pub fn right(&self) -> usize {
        self.cells.iter().filter(|c| c.right).count()
    }

    pub fn total(&self) -> usize {
        self.cells.len()
    }

    pub fn all_right(&self) -> bool {
        !self.cells.is_empty() && self.right() == self.total()
    }

    pub fn cell(&self, row: usize, column: usize) -> Option<&CellVerdict> {
        self.cells.iter().find(|c| c.row == row && c.column == column)
    }
}

/// Grades every cell. An answer that is not a full grid of known options is unreadable (no
/// attempt is counted): empty, a cell missing, a cell or an option that is not in the grid.
pub fn grade_grid(columns: &[Choice], options: &[Choice], rows: &[GridRow], given: &BTreeMap<String, String>) -> Result<GridVerdict, Msg> {
    if given.values().all(|v| v.trim().is_empty()) {
        return Err(Msg::AnswerEmpty());
    }
    let total = rows.len() * columns.len();
    for (key, option) in given {
        let known = rows.iter().any(|r| columns.iter().any(|c| cell_key(&r.id, &c.id) == *key));
        if !known {
            return Err(Msg::GridUnknownCell(key));
        }
        if !option.trim().is_empty() && !options.iter().any(|o| o.id == option.trim()) {
            return Err(Msg::GridUnknownOption(option.trim(), key));
        }
    }
    let filled = given.values().filter(|v| !v.trim().is_empty()).count();
    if filled < total {
        return Err(Msg::GridIncomplete(filled, total));
    }
    let mut cells = Vec::with_capacity(total);
    for (r, row) in rows.iter().enumerate() {
        for (c, column) in columns.iter().enumerate() {
            let option = given[&cell_key(&row.id, &column.id)].trim().to_string();
            let right = row.cells.get(c).is_some_and(|h| h.matches(&option));
            cells.push(CellVerdict { row: r, column: c, given: option, right });
        }
    }
    Ok(GridVerdict { cells })
}

/// The reason of a cell, opened with the option id given: None unless it is the right one.
pub fn open_reason(row: &GridRow, column: usize, option: &str) -> Option<Text> {
    let reason = row.reasons.get(column)?;
    let option = option.trim();
    let fr = reason.fr.as_ref().and_then(|s| s.open(option));
    let en = reason.en.as_ref().and_then(|s| s.open(option));
    (fr.is_some() || en.is_some()).then_some(Text { fr, en })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exercise::SealedText;
    use crate::core::grading::seal::Sealed;
    use crate::core::grading::HashedAnswer;

    fn choice(id: &str) -> Choice {
        Choice { id: id.into(), text: Text { fr: Some(id.into()), en: Some(id.into()) } }
    }

    /// Two rows × two columns; the right option of (r, c) is `answers[r][c]`.
    fn grid() -> (Vec<Choice>, Vec<Choice>, Vec<GridRow>) {
        let answers = [["yes", "no"], ["hop", "yes"]];
        let columns = vec![choice("conf"), choice("e2e")];
        let options = vec![choice("yes"), choice("no"), choice("hop")];
        let rows = ["mqtt", "oscore"]
            .iter()
            .enumerate()
            .map(|(r, id)| GridRow {
                id: id.to_string(),
                text: Text { fr: Some(id.to_string()), en: Some(id.to_string()) },
                cells: (0..2).map(|c| HashedAnswer::parse(&HashedAnswer::make(&format!("t-{id}-{c}"), answers[r][c])).unwrap()).collect(),
                reasons: (0..2)
                    .map(|c| SealedText {
                        fr: Some(Sealed::parse(&Sealed::make(&format!("t-{id}-{c}-fr"), answers[r][c], &format!("raison {id} {c}")).unwrap()).unwrap()),
                        en: Some(Sealed::parse(&Sealed::make(&format!("t-{id}-{c}-en"), answers[r][c], &format!("reason {id} {c}")).unwrap()).unwrap()),
                    })
                    .collect(),
            })
            .collect();
        (columns, options, rows)
    }

    fn answer(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn every_cell_is_graded_and_the_question_needs_them_all() {
        let (columns, options, rows) = grid();
        let right = answer(&[("mqtt.conf", "yes"), ("mqtt.e2e", "no"), ("oscore.conf", "hop"), ("oscore.e2e", "yes")]);
        let v = grade_grid(&columns, &options, &rows, &right).unwrap();
        assert!(v.all_right());
        assert_eq!((v.right(), v.total()), (4, 4));
        let one_wrong = answer(&[("mqtt.conf", "yes"), ("mqtt.e2e", "yes"), ("oscore.conf", "hop"), ("oscore.e2e", "yes")]);
        let v = grade_grid(&columns, &options, &rows, &one_wrong).unwrap();
        assert!(!v.all_right());
        assert_eq!(v.right(), 3);
        assert!(!v.cell(0, 1).unwrap().right);
        assert!(v.cell(1, 0).unwrap().right);
    }

    #[test]
    fn a_grid_that_is_not_full_or_names_unknown_cells_is_unreadable() {
        let (columns, options, rows) = grid();
        assert_eq!(grade_grid(&columns, &options, &rows, &BTreeMap::new()), Err(Msg::AnswerEmpty()));
        assert_eq!(grade_grid(&columns, &options, &rows, &answer(&[("mqtt.conf", "yes")])), Err(Msg::GridIncomplete(1usize, 4usize)));
        let extra = answer(&[("mqtt.conf", "yes"), ("mqtt.e2e", "no"), ("oscore.conf", "hop"), ("oscore.e2e", "yes"), ("ble.conf", "no")]);
        assert_eq!(grade_grid(&columns, &options, &rows, &extra), Err(Msg::GridUnknownCell("ble.conf")));
        let bad_option = answer(&[("mqtt.conf", "maybe"), ("mqtt.e2e", "no"), ("oscore.conf", "hop"), ("oscore.e2e", "yes")]);
        assert_eq!(grade_grid(&columns, &options, &rows, &bad_option), Err(Msg::GridUnknownOption("maybe", "mqtt.conf")));
    }

    #[test]
    fn a_reason_opens_only_for_the_right_option() {
        let (_, _, rows) = grid();
        let reason = open_reason(&rows[1], 0, "hop").unwrap();
        assert_eq!(reason.fr.as_deref(), Some("raison oscore 0"));
        assert_eq!(reason.en.as_deref(), Some("reason oscore 0"));
        assert_eq!(open_reason(&rows[1], 0, "yes"), None);
        assert_eq!(open_reason(&rows[1], 5, "hop"), None);
    }

    #[test]
    fn the_stored_form_reads_back() {
        let cells = answer(&[("oscore.e2e", "yes"), ("mqtt.conf", " hop "), ("mqtt.e2e", "")]);
        let text = stored(&cells);
        assert_eq!(text, "mqtt.conf=hop;oscore.e2e=yes");
        assert_eq!(from_stored(&text), answer(&[("mqtt.conf", "hop"), ("oscore.e2e", "yes")]));
        assert!(from_stored("garbage").is_empty());
    }
}
