//! Reading scenario files into the model.

use crate::diagnostic::Diagnostic;
use entente_model::origin::closest;
use entente_model::{Facts, Issue, Origin, Overlay, Scenario, ScenarioInfo, Seg, Severity};
use serde::de::DeserializeOwned;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// One scenario file: the path to show and its text.
#[derive(Clone, Debug)]
pub struct ScenarioFile {
    pub path: String,
    pub text: String,
}

/// What loading produced: the scenario (when a `[scenario]` table was found) and every diagnostic,
/// sorted by file, line and column. A scenario with error diagnostics must not be analysed.
#[derive(Debug)]
pub struct Loaded {
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, in order.
    pub files: Vec<String>,
}

impl Loaded {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// The scenario, if it loaded without errors.
    pub fn valid(&self) -> Option<&Scenario> {
        if self.count(Severity::Error) == 0 {
            self.scenario.as_ref()
        } else {
            None
        }
    }
}

/// A problem that stops loading before any file is read: the path itself is unusable.
#[derive(Debug)]
pub enum LoadError {
    NotFound(PathBuf),
    NotScenario(PathBuf),
    NoFiles(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound(p) => write!(f, "{}: no such file or directory", p.display()),
            LoadError::NotScenario(p) => {
                write!(
                    f,
                    "{}: not a scenario (give a directory of .toml files, or one .toml file)",
                    p.display()
                )
            }
            LoadError::NoFiles(p) => {
                write!(f, "{}: the directory holds no .toml files", p.display())
            }
            LoadError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads a scenario directory, or a single `.toml` file.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_path_buf()),
        _ => LoadError::Io(path.to_path_buf(), e),
    })?;
    if meta.is_dir() {
        load_dir(path)
    } else if path.extension().is_some_and(|e| e == "toml") {
        if let Some(d) = too_big(path, meta.len()) {
            return Ok(refused(vec![d]));
        }
        let bytes = std::fs::read(path).map_err(|e| LoadError::Io(path.to_path_buf(), e))?;
        Ok(load_bytes(vec![(path.display().to_string(), bytes)]))
    } else {
        Err(LoadError::NotScenario(path.to_path_buf()))
    }
}

/// Loads every `.toml` file under `dir` (subdirectories included, hidden ones skipped), in path order.
pub fn load_dir(dir: &Path) -> Result<Loaded, LoadError> {
    let mut paths = Vec::new();
    collect_toml(dir, &mut paths)?;
    paths.sort();
    if paths.is_empty() {
        return Err(LoadError::NoFiles(dir.to_path_buf()));
    }
    let mut files = Vec::new();
    let mut big = Vec::new();
    for p in paths {
        let len = std::fs::metadata(&p)
            .map_err(|e| LoadError::Io(p.clone(), e))?
            .len();
        if let Some(d) = too_big(&p, len) {
            big.push(d);
            continue;
        }
        let bytes = std::fs::read(&p).map_err(|e| LoadError::Io(p.clone(), e))?;
        files.push((p.display().to_string(), bytes));
    }
    if !big.is_empty() {
        return Ok(refused(big));
    }
    Ok(load_bytes(files))
}

/// A file over [`MAX_FILE_BYTES`], refused before it is read.
fn too_big(path: &Path, len: u64) -> Option<Diagnostic> {
    (len > MAX_FILE_BYTES).then(|| Diagnostic {
        severity: Severity::Error,
        file: path.display().to_string(),
        line: 1,
        column: 1,
        message: format!(
            "the file is {:.1} MiB; scenario files are limited to {} MiB, so it was not read",
            len as f64 / (1 << 20) as f64,
            MAX_FILE_BYTES >> 20
        ),
        hint: Some(
            "split the scenario into several files (a directory of .toml files is one scenario)"
                .into(),
        ),
        source_line: String::new(),
        width: 1,
    })
}

/// The result of refusing files before reading any: only the refusals.
fn refused(diagnostics: Vec<Diagnostic>) -> Loaded {
    Loaded {
        scenario: None,
        files: diagnostics.iter().map(|d| d.file.clone()).collect(),
        diagnostics,
    }
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError::Io(dir.to_path_buf(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| LoadError::Io(dir.to_path_buf(), e))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let ty = entry
            .file_type()
            .map_err(|e| LoadError::Io(path.clone(), e))?;
        if hidden {
            continue;
        }
        if ty.is_dir() {
            collect_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

fn load_bytes(raw: Vec<(String, Vec<u8>)>) -> Loaded {
    let mut files = Vec::new();
    let mut early = Vec::new();
    for (path, bytes) in raw {
        match String::from_utf8(bytes) {
            Ok(text) => files.push(ScenarioFile { path, text }),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                early.push(Diagnostic::at_span(
                    Severity::Error,
                    &path,
                    &text,
                    at..at + 1,
                    "the file is not valid UTF-8".into(),
                    Some("save the file as UTF-8".into()),
                ));
            }
        }
    }
    let mut loaded = load_files(&files);
    loaded.diagnostics.extend(early);
    loaded
        .diagnostics
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    loaded
}

/// The bundled scenario, loaded from the text embedded in the binary.
pub fn load_bundled() -> Loaded {
    load_files(&crate::bundled_files())
}

const FACT_SECTIONS: [&str; 13] = [
    "source",
    "actor",
    "membership",
    "region",
    "agreement",
    "capability",
    "force",
    "event",
    "flashpoint",
    "disagreement",
    "assessment",
    "war",
    "issue",
];

/// Loads a scenario from files already in memory. Never fails: problems are diagnostics.
pub fn load_files(files: &[ScenarioFile]) -> Loaded {
    let mut reader = Reader {
        files,
        diagnostics: Vec::new(),
        indexes: files.iter().map(|_| std::cell::OnceCell::new()).collect(),
        errors: vec![0; files.len()],
        skipped: vec![0; files.len()],
    };
    let mut facts = Facts::default();
    let mut info: Option<ScenarioInfo> = None;
    let mut overlays: Vec<Overlay> = Vec::new();
    for (n, file) in files.iter().enumerate() {
        reader.read_file(n, file, &mut facts, &mut info, &mut overlays);
    }
    let Some(info) = info else {
        let file = files
            .first()
            .map(|f| f.path.as_str())
            .unwrap_or("<scenario>");
        let text = files.first().map(|f| f.text.as_str()).unwrap_or("");
        reader.diagnostics.push(Diagnostic::at_span(
            Severity::Error,
            file,
            text,
            0..0,
            "the scenario has no [scenario] table".into(),
            Some("add to one file: [scenario] with id, title and as_of (see docs/scenario-format.md)".into()),
        ));
        return reader.finish(None);
    };
    let mut scenario = Scenario {
        info,
        facts,
        overlays,
    };
    let issues = entente_model::validate(&scenario);
    let tables: Vec<Spanned<DeTable<'_>>> = files
        .iter()
        .map(|f| DeTable::parse_recoverable(&f.text).0)
        .collect();
    for issue in issues {
        reader.issue(&tables, issue);
    }
    let clean = !reader
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    if clean {
        entente_model::canonicalize(&mut scenario);
    }
    reader.finish(Some(scenario))
}

/// Errors reported per file; past it the loader counts the rest and says how many it skipped, so a
/// huge malformed file gives a bounded report in bounded time.
pub const MAX_ERRORS_PER_FILE: usize = 100;

/// The largest scenario file read (4 MiB; the bundled scenario's largest file is 22 KB): a bigger one is
/// refused before it is read, so that diagnosing any file stays within about a second and 150 MB.
pub const MAX_FILE_BYTES: u64 = 4 << 20;

struct Reader<'f> {
    files: &'f [ScenarioFile],
    diagnostics: Vec<Diagnostic>,
    /// Each file's line index, built on its first diagnostic.
    indexes: Vec<std::cell::OnceCell<crate::diagnostic::LineIndex>>,
    /// Errors reported, and errors skipped past the cap, per file.
    errors: Vec<usize>,
    skipped: Vec<usize>,
}

impl Reader<'_> {
    fn finish(mut self, scenario: Option<Scenario>) -> Loaded {
        for (n, skipped) in self.skipped.clone().into_iter().enumerate() {
            if skipped > 0 {
                let f = &self.files[n];
                let end = f.text.len();
                self.diagnostics.push(Diagnostic::at_span_in(
                    Severity::Error,
                    &f.path,
                    &f.text,
                    self.indexes[n].get_or_init(|| crate::diagnostic::LineIndex::new(&f.text)),
                    end..end,
                    format!(
                        "{skipped} more errors in this file not shown (the first {MAX_ERRORS_PER_FILE} are)"
                    ),
                    Some("fix the errors shown and run `entente check` again".into()),
                ));
            }
        }
        let order: Vec<&str> = self.files.iter().map(|f| f.path.as_str()).collect();
        let rank = |p: &str| order.iter().position(|x| *x == p).unwrap_or(usize::MAX);
        self.diagnostics.sort_by(|a, b| {
            (rank(&a.file), a.line, a.column, a.severity).cmp(&(
                rank(&b.file),
                b.line,
                b.column,
                b.severity,
            ))
        });
        self.diagnostics.dedup();
        Loaded {
            scenario,
            diagnostics: self.diagnostics,
            files: order.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn push(
        &mut self,
        file: usize,
        severity: Severity,
        span: Range<usize>,
        message: String,
        hint: Option<String>,
    ) {
        if severity == Severity::Error {
            if self.errors[file] >= MAX_ERRORS_PER_FILE {
                self.skipped[file] += 1;
                return;
            }
            self.errors[file] += 1;
        }
        let f = &self.files[file];
        let index = self.indexes[file].get_or_init(|| crate::diagnostic::LineIndex::new(&f.text));
        self.diagnostics.push(Diagnostic::at_span_in(
            severity, &f.path, &f.text, index, span, message, hint,
        ));
    }

    fn issue(&mut self, tables: &[Spanned<DeTable<'_>>], issue: Issue) {
        let file = issue.origin.file.min(self.files.len().saturating_sub(1));
        let span = tables
            .get(file)
            .map_or(0..0, |t| locate(t, &issue.origin.path));
        self.push(file, issue.severity, span, issue.message, issue.hint);
    }

    fn serde_error(&mut self, file: usize, fallback: Range<usize>, e: toml::de::Error) {
        let (message, hint) = explain(e.message());
        self.push(
            file,
            Severity::Error,
            e.span().unwrap_or(fallback),
            message,
            hint,
        );
    }

    fn read_file(
        &mut self,
        n: usize,
        file: &ScenarioFile,
        facts: &mut Facts,
        info: &mut Option<ScenarioInfo>,
        overlays: &mut Vec<Overlay>,
    ) {
        let (root, errors) = DeTable::parse_recoverable(&file.text);
        for e in errors {
            let span = e
                .span()
                .unwrap_or_else(|| deepest_nesting(&file.text).unwrap_or(0..0));
            self.push(
                n,
                Severity::Error,
                span,
                format!("TOML syntax: {}", e.message().trim_end()),
                Some(
                    "fix the TOML syntax here; each fact is a [[section]] of `key = value` lines"
                        .into(),
                ),
            );
        }
        for (key, value) in root.into_inner() {
            let name: &str = key.get_ref().as_ref();
            let key_span = key.span();
            match name {
                "scenario" => {
                    if matches!(value.get_ref(), DeValue::Array(_)) {
                        self.push(
                            n,
                            Severity::Error,
                            key_span,
                            "`scenario` must be a single table".into(),
                            Some("write [scenario] (single brackets), once per scenario".into()),
                        );
                        continue;
                    }
                    if info.is_some() {
                        self.push(n, Severity::Error, key_span, "a second [scenario] table".into(), Some("a scenario directory has exactly one [scenario] table; remove this one".into()));
                        continue;
                    }
                    let span = value.span();
                    match ScenarioInfo::deserialize_from(value) {
                        Ok(mut i) => {
                            i.origin = Origin::new(n, vec![Seg::Key("scenario".into())]);
                            *info = Some(i);
                        }
                        Err(e) => self.serde_error(n, span, e),
                    }
                }
                "overlay" => {
                    for (i, item) in self.items(n, name, key_span, value) {
                        let span = item.span();
                        match Overlay::deserialize_from(item) {
                            Ok(mut o) => {
                                o.origin = Origin::new(n, vec!["overlay".into(), i.into()]);
                                set_origins(&mut o.add, &o.origin.key("add"));
                                set_origins(&mut o.replace, &o.origin.key("replace"));
                                overlays.push(o);
                            }
                            Err(e) => self.serde_error(n, span, e),
                        }
                    }
                }
                _ if FACT_SECTIONS.contains(&name) => {
                    // Read the section as a one-section Facts, entry by entry, so one bad entry does not
                    // hide the next; then give each entry its true index as origin.
                    for (i, item) in self.items(n, name, key_span, value) {
                        let span = item.span();
                        let mut table = DeTable::new();
                        let mut arr = toml::de::DeArray::new();
                        arr.push(item);
                        table.insert(
                            Spanned::new(key.span(), name.to_string().into()),
                            Spanned::new(span.clone(), DeValue::Array(arr)),
                        );
                        match Facts::deserialize_from(Spanned::new(
                            span.clone(),
                            DeValue::Table(table),
                        )) {
                            Ok(mut one) => {
                                set_origins(&mut one, &Origin::new(n, vec![]));
                                reindex(&mut one, i);
                                facts.extend(one);
                            }
                            Err(e) => self.serde_error(n, span, e),
                        }
                    }
                }
                _ => {
                    let mut known: Vec<&str> = FACT_SECTIONS.to_vec();
                    known.extend(["scenario", "overlay"]);
                    let hint = match closest(name, known.iter().copied()) {
                        Some(s) => format!("did you mean [[{s}]]?"),
                        None => format!(
                            "sections are [scenario], {}",
                            known
                                .iter()
                                .filter(|k| **k != "scenario")
                                .map(|k| format!("[[{k}]]"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    self.push(
                        n,
                        Severity::Error,
                        key_span,
                        format!("unknown section `{name}`"),
                        Some(hint),
                    );
                }
            }
        }
    }

    /// The entries of an array-of-tables section, or a diagnostic if the section is not one.
    fn items<'i>(
        &mut self,
        n: usize,
        name: &str,
        key_span: Range<usize>,
        value: Spanned<DeValue<'i>>,
    ) -> Vec<(usize, Spanned<DeValue<'i>>)> {
        match value.into_inner() {
            DeValue::Array(arr) => arr.into_iter().enumerate().collect(),
            _ => {
                self.push(
                    n,
                    Severity::Error,
                    key_span,
                    format!("`{name}` must be a list of tables"),
                    Some(format!(
                        "write each entry under its own [[{name}]] header (double brackets)"
                    )),
                );
                Vec::new()
            }
        }
    }
}

/// Deserialising one TOML value, keeping its spans for errors.
trait DeserializeFrom: Sized {
    fn deserialize_from(value: Spanned<DeValue<'_>>) -> Result<Self, toml::de::Error>;
}

impl<T: DeserializeOwned> DeserializeFrom for T {
    fn deserialize_from(value: Spanned<DeValue<'_>>) -> Result<Self, toml::de::Error> {
        T::deserialize(ValueDeserializer::from(value))
    }
}

/// Sets every fact's origin to `base` + `[section, index]`.
fn set_origins(facts: &mut Facts, base: &Origin) {
    macro_rules! each {
        ($($field:ident => $key:literal),*) => {
            $( for (i, x) in facts.$field.iter_mut().enumerate() { x.origin = base.item($key, i); } )*
        };
    }
    each!(sources => "source", actors => "actor", memberships => "membership", regions => "region",
          agreements => "agreement", capabilities => "capability", forces => "force", events => "event",
          flashpoints => "flashpoint", disagreements => "disagreement", assessments => "assessment", wars => "war", issues => "issue");
}

/// Replaces the index of a one-entry section's origin with the entry's index in its file.
fn reindex(facts: &mut Facts, index: usize) {
    macro_rules! each {
        ($($field:ident),*) => {
            $( for x in facts.$field.iter_mut() { if let Some(Seg::Index(i)) = x.origin.path.last_mut() { *i = index; } } )*
        };
    }
    each!(
        sources,
        actors,
        memberships,
        regions,
        agreements,
        capabilities,
        forces,
        events,
        flashpoints,
        disagreements,
        assessments,
        wars,
        issues
    );
}

/// Where a TOML parser without a position (its recursion limit) most likely gave up: the line with
/// the deepest nesting of brackets, braces and dotted-key segments. Linear in the text.
fn deepest_nesting(text: &str) -> Option<Range<usize>> {
    let mut best: Option<(usize, Range<usize>)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let (mut depth, mut max) = (0usize, 0usize);
        let mut dots = 0usize;
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' | '\'' => quoted = !quoted,
                '[' | '{' if !quoted => {
                    depth += 1;
                    max = max.max(depth);
                }
                ']' | '}' if !quoted => depth = depth.saturating_sub(1),
                '.' if !quoted => dots += 1,
                '=' if !quoted => break,
                '#' if !quoted => break,
                _ => {}
            }
        }
        let score = max + dots;
        if score > 0 && best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, at..at + line.trim_end().len().min(1)));
        }
        at += line.len();
    }
    best.filter(|(s, _)| *s >= 32).map(|(_, r)| r)
}

/// The span of the deepest part of `path` that exists in the document.
fn locate(root: &Spanned<DeTable<'_>>, path: &[Seg]) -> Range<usize> {
    let mut span = 0..0;
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    let mut value: Option<&Spanned<DeValue<'_>>> = None;
    for seg in path {
        let next = match (seg, table, value.map(|v| v.get_ref())) {
            (Seg::Key(k), Some(t), _) => t
                .iter()
                .find(|(key, _)| key.get_ref().as_ref() == k.as_str())
                .map(|(_, v)| v),
            (Seg::Index(i), _, Some(DeValue::Array(a))) => a.get(*i),
            _ => None,
        };
        let Some(v) = next else { break };
        span = v.span();
        value = Some(v);
        table = match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    span
}

/// Turns serde's messages into a shorter message and a hint: a "did you mean" for misspelt fields and
/// values, what to add for missing ones.
fn explain(message: &str) -> (String, Option<String>) {
    let message = message.trim_end();
    let ticked = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    for (prefix, what) in [("unknown field `", "field"), ("unknown variant `", "value")] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let words = ticked(&format!("`{rest}"));
            let Some((name, allowed)) = words.split_first() else {
                break;
            };
            let suggestion = closest(name, allowed.iter().map(String::as_str));
            let allowed_list = allowed
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = match suggestion {
                Some(s) => format!("did you mean `{s}`? (allowed: {allowed_list})"),
                None if allowed.is_empty() => format!("this table takes no `{name}`"),
                None => format!("allowed: {allowed_list}"),
            };
            return (format!("unknown {what} `{name}`"), Some(hint));
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        let example = match name {
            "cite" => "cite = [{ source = \"…\", lines = \"…\" }]".to_string(),
            "confidence" => {
                "confidence = \"confirmed\" (or reported, estimated, disputed, assumed)".to_string()
            }
            _ => format!("{name} = …"),
        };
        return (
            format!("missing field `{name}`"),
            Some(format!("add `{example}` to this table")),
        );
    }
    (message.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_typos() {
        let (m, h) = explain("unknown field `membrs`, expected one of `id`, `members`, `name`");
        assert_eq!(m, "unknown field `membrs`");
        assert!(h.unwrap().starts_with("did you mean `members`?"));
        let (m, h) = explain("missing field `cite`");
        assert_eq!(m, "missing field `cite`");
        assert!(h.unwrap().contains("source ="));
    }
}
