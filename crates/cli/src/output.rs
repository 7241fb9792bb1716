//! Rendering tables for people and for programs: aligned text on a terminal, Markdown, CSV. JSON is
//! serde's rendering of the analysis result itself, so `--format json` and any future HTTP API share
//! one shape. Nothing here computes.

use std::fmt::Write as _;

/// The output formats every command offers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    #[default]
    Table,
    Json,
    /// Comma-separated values; several tables are separated by a `# title` line.
    Csv,
    Markdown,
    /// One JSON object a line (`entente code`).
    Jsonl,
    /// Scenario `[[event]]` entries for review (`entente code`).
    Toml,
}

/// A titled table of text cells.
pub struct Table {
    pub title: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(title: impl Into<String>, headers: &[&'static str]) -> Table {
        Table {
            title: title.into(),
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; a row of the wrong width is a bug (caught in tests), and is padded or cut to the
    /// headers rather than break the rendering.
    pub fn row(&mut self, mut cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len());
        cells.resize(self.headers.len(), String::new());
        self.rows.push(cells);
    }
}

/// The widest a terminal column grows before its cells wrap.
const WRAP: usize = 64;

fn wrap(cell: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in cell.split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            let wl = word.chars().count();
            let ll = line.chars().count();
            if ll > 0 && ll + 1 + wl > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// A CSV cell, quoted when it needs to be (RFC 4180).
pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

/// Renders tables in the chosen text format (not JSON).
pub fn render(tables: &[Table], format: Format) -> String {
    let mut out = String::new();
    for (n, t) in tables.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        match format {
            Format::Csv => {
                if tables.len() > 1 {
                    let _ = writeln!(out, "# {}", t.title);
                }
                let _ = writeln!(
                    out,
                    "{}",
                    t.headers
                        .iter()
                        .map(|h| csv_cell(h))
                        .collect::<Vec<_>>()
                        .join(",")
                );
                for r in &t.rows {
                    let _ = writeln!(
                        out,
                        "{}",
                        r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",")
                    );
                }
            }
            // `entente code` writes these itself; other commands refuse them before rendering.
            Format::Markdown | Format::Jsonl | Format::Toml => {
                let _ = writeln!(out, "## {}\n", t.title);
                if t.rows.is_empty() {
                    let _ = writeln!(out, "(none)");
                    continue;
                }
                let _ = writeln!(out, "| {} |", t.headers.join(" | "));
                let _ = writeln!(out, "|{}", "---|".repeat(t.headers.len()));
                for r in &t.rows {
                    let _ = writeln!(
                        out,
                        "| {} |",
                        r.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ")
                    );
                }
            }
            Format::Table | Format::Json => {
                let _ = writeln!(out, "{}", t.title);
                if t.rows.is_empty() {
                    let _ = writeln!(out, "  (none)");
                    continue;
                }
                let cells: Vec<Vec<Vec<String>>> = t
                    .rows
                    .iter()
                    .map(|r| r.iter().map(|c| wrap(c, WRAP)).collect())
                    .collect();
                let widths: Vec<usize> = (0..t.headers.len())
                    .map(|i| {
                        cells
                            .iter()
                            .flat_map(|r| r[i].iter().map(|l| l.chars().count()))
                            .chain(std::iter::once(t.headers[i].chars().count()))
                            .max()
                            .unwrap_or(0)
                    })
                    .collect();
                let line = |parts: Vec<&str>| -> String {
                    let mut s = String::from(" ");
                    for (i, p) in parts.iter().enumerate() {
                        let pad = widths[i] - p.chars().count();
                        s.push(' ');
                        s.push_str(p);
                        if i + 1 < parts.len() {
                            s.push_str(&" ".repeat(pad + 1));
                        }
                    }
                    s.trim_end().to_string()
                };
                let _ = writeln!(out, "{}", line(t.headers.clone()));
                let _ = writeln!(
                    out,
                    "{}",
                    line(
                        widths
                            .iter()
                            .map(|w| "-".repeat(*w))
                            .collect::<Vec<_>>()
                            .iter()
                            .map(String::as_str)
                            .collect()
                    )
                );
                for r in &cells {
                    let height = r.iter().map(Vec::len).max().unwrap_or(1);
                    for k in 0..height {
                        let _ = writeln!(
                            out,
                            "{}",
                            line(
                                r.iter()
                                    .map(|c| c.get(k).map_or("", String::as_str))
                                    .collect()
                            )
                        );
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new("Pacts", &["a", "bb"]);
        t.row(vec!["x,y".into(), "say \"hi\"".into()]);
        t.row(vec!["long".into(), "|".into()]);
        t
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(
            render(&[sample()], Format::Csv),
            "a,bb\n\"x,y\",\"say \"\"hi\"\"\"\nlong,|\n"
        );
    }

    #[test]
    fn markdown_escapes_pipes() {
        assert!(render(&[sample()], Format::Markdown).contains("| long | \\| |"));
    }

    #[test]
    fn table_aligns_columns() {
        let t = render(&[sample()], Format::Table);
        assert_eq!(
            t,
            "Pacts\n  a     bb\n  ----  --------\n  x,y   say \"hi\"\n  long  |\n"
        );
    }
}
