//! Diagnostics in the compiler's shape: `file:line:column: error: message`, the offending line with a
//! caret under the problem, and a hint that says how to fix it.

use entente_model::Severity;
use serde::Serialize;
use std::fmt;

/// A problem at a place in a scenario file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user named it (or the bundled scenario's path in the repository).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The text of the offending line.
    #[serde(skip)]
    pub source_line: String,
    /// How many characters of the line the problem covers (at least 1).
    #[serde(skip)]
    pub width: usize,
}

/// Where each line of a text begins, so that a byte offset becomes a line number by binary search:
/// locating *k* diagnostics in a file of *n* bytes costs O(n + k log n), not O(n·k) — a file of
/// 60,000 bad lines is diagnosed in linear time.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line of byte `at`, and the byte where that line begins.
    pub fn line_of(&self, at: usize) -> (usize, usize) {
        let i = self.starts.partition_point(|&s| s <= at).max(1) - 1;
        (i + 1, self.starts[i])
    }
}

impl Diagnostic {
    /// A diagnostic at a byte span of `text`.
    pub fn at_span(
        severity: Severity,
        file: &str,
        text: &str,
        span: std::ops::Range<usize>,
        message: String,
        hint: Option<String>,
    ) -> Diagnostic {
        Diagnostic::at_span_in(
            severity,
            file,
            text,
            &LineIndex::new(text),
            span,
            message,
            hint,
        )
    }

    /// [`Diagnostic::at_span`] with the text's line index built once by the caller.
    pub fn at_span_in(
        severity: Severity,
        file: &str,
        text: &str,
        index: &LineIndex,
        span: std::ops::Range<usize>,
        message: String,
        hint: Option<String>,
    ) -> Diagnostic {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let (line, line_start) = index.line_of(start);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let column = text[line_start..start].chars().count() + 1;
        let end = floor_char_boundary(text, span.end.clamp(start, line_end));
        let width = text[start..end].chars().count().max(1);
        Diagnostic {
            severity,
            file: file.to_string(),
            line,
            column,
            message,
            hint,
            source_line: text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
            width,
        }
    }

    /// `file:line:column`.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        writeln!(f, "{}: {sev}: {}", self.location(), self.message)?;
        if !self.source_line.is_empty() {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {}", self.source_line)?;
            let lead: String = self
                .source_line
                .chars()
                .take(self.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} | {lead}{}", "^".repeat(self.width))?;
        }
        if let Some(h) = &self.hint {
            writeln!(f, "  = help: {h}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_columns_in_characters() {
        let text = "a = 1\nnäme = \"DPRK\"\n";
        let start = text.find("\"DPRK\"").unwrap();
        let d = Diagnostic::at_span(
            Severity::Error,
            "f.toml",
            text,
            start..start + 6,
            "bad".into(),
            Some("fix".into()),
        );
        assert_eq!((d.line, d.column, d.width), (2, 8, 6));
        let shown = d.to_string();
        assert!(shown.starts_with("f.toml:2:8: error: bad\n"), "{shown}");
        assert!(
            shown.contains("2 | näme = \"DPRK\"\n  |        ^^^^^^\n"),
            "{shown}"
        );
        assert!(shown.ends_with("  = help: fix\n"));
    }
}
