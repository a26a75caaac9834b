//! Messages about exercise files, in the shape mdBook and rustc use: where, what, and the fix.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; 0 when the problem is about the whole file (it could not be read at all).
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    /// What was found and what was expected.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line == 0 {
            write!(f, "{}: {severity}: {}\n  fix: {}", self.file, self.message, self.fix)
        } else {
            write!(f, "{}:{}:{}: {severity}: {}\n  fix: {}", self.file, self.line, self.column, self.message, self.fix)
        }
    }
}

/// Turns byte offsets into 1-based line and column (columns count characters, as editors do).
pub struct Locator<'a> {
    pub file: &'a str,
    source: &'a str,
}

impl<'a> Locator<'a> {
    pub fn new(file: &'a str, source: &'a str) -> Self {
        Locator { file, source }
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let offset = (0..=offset).rev().find(|i| self.source.is_char_boundary(*i)).unwrap_or(0);
        let before = &self.source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    pub fn at(&self, offset: usize, severity: Severity, message: impl Into<String>, fix: impl Into<String>) -> Diagnostic {
        let (line, column) = self.line_col(offset);
        Diagnostic { file: self.file.to_string(), line, column, severity, message: message.into(), fix: fix.into() }
    }

    pub fn error(&self, offset: usize, message: impl Into<String>, fix: impl Into<String>) -> Diagnostic {
        self.at(offset, Severity::Error, message, fix)
    }

    pub fn warning(&self, offset: usize, message: impl Into<String>, fix: impl Into<String>) -> Diagnostic {
        self.at(offset, Severity::Warning, message, fix)
    }

    /// Offset of `key =` in the table that starts at `range.start`, for values that carry no
    /// span of their own, such as an engine's free-form parameters. The search stops at the
    /// next table header; it falls back to the table's start.
    pub fn key_in(&self, range: std::ops::Range<usize>, key: &str) -> usize {
        let start = range.start.min(self.source.len());
        let mut pos = start;
        for (i, line) in self.source[start..].split_inclusive('\n').enumerate() {
            let trimmed = line.trim_start();
            if i > 0 && trimmed.starts_with('[') {
                break;
            }
            if let Some(rest) = trimmed.strip_prefix(key) {
                if rest.trim_start().starts_with('=') {
                    return pos + (line.len() - trimmed.len());
                }
            }
            pos += line.len();
        }
        start
    }
}

/// The problem a file that could not be fetched or read at all.
pub fn unreadable(file: &str, reason: &str) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line: 0,
        column: 0,
        severity: Severity::Error,
        message: format!("the file could not be read ({reason})"),
        fix: "check that the file exists at this path inside the pack and that catalog.toml names it exactly (paths are relative to the pack folder)".into(),
    }
}
