//! `ia87 audit FILE`: many cases in one event table, one findings table out.
//!
//! Input, by extension (or `--input-format`):
//!
//! - `*.case`: a case file;
//! - `*.parquet`, `*.parq`, `*.pq`: a Parquet table;
//! - anything else: CSV.
//!
//! A table has the columns `case_id`, `at`, `verb`, then the keys, either
//! as cells of `KEY=VALUE` tokens (columns named `keys` or `args`, which may
//! repeat or carry a suffix: `keys2`, `args_1`) or as one column per key (the
//! column's name is the key, the cell its value; an empty or null cell is
//! absent). A column with any other name is an error that names it. A CSV
//! file without a header row (no cell of its first row is `case_id`) has
//! the columns `case_id, at, verb`, then token cells.
//!
//! Every cell is validated for its column by the core's cell validation
//! (`ia87_core::lang::cells`) before it becomes part of an event: an `at`
//! cell must be one timestamp, a `verb` cell one verb, a key cell only
//! `KEY=VALUE` tokens, a case id a bare token of at most 32 bytes. Nothing
//! is joined into a line of text and parsed again. A row whose verb is
//! `config`, `person` or `policy` applies that directive (its `at` is empty).
//! Rows of one case must be in time order; cases may interleave.
//!
//! Output (`--format csv`, the default): `case_id,row,at,severity,code,rule`,
//! with cells a spreadsheet would run as a formula defused (a leading `'`);
//! `--format json`: one JSON object a line. `row` is the line of the CSV file
//! (the header is line 1), the line of a case file, or the 1-based row of a
//! Parquet table. Rejected rows are reported on standard error and do not
//! stop the run (exit code 2 at the end; 3 when an engine limit dropped one).

use crate::diag;
use crate::engine::{
    self, check_case_id, parse_row, Case, CellError, Column, LineResult, Outcome, Rejection,
    Report, Severity, Sink, Timestamp, Zone,
};
use crate::escape::{csv_defuse, echo};
use crate::input::{read_error, shown_path, Bounded};
use crate::output::Out;
use crate::run::{run_file, Tally, Track, Tracked};
use crate::{AuditArgs, AuditFormat, AuditInput, AuditReport, Fail};
use ia87_report::{Format as ReportFormat, OohReport};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// The most bytes one CSV record may take (however it is quoted).
const MAX_RECORD: u64 = 1 << 20;

// ------------------------------------------------------------ findings out

#[derive(Serialize)]
struct FindingJson<'a> {
    case: &'a str,
    row: u64,
    at: String,
    severity: &'a str,
    code: &'a str,
    rule: &'a str,
}

struct Findings<'o> {
    out: &'o mut Out,
    json: bool,
    count: u64,
    fail_on: Option<Severity>,
    failed: bool,
    /// `--report`: findings are counted but not written; the cases are
    /// added to the report instead.
    report: Option<OohReport>,
}

impl<'o> Findings<'o> {
    fn new(
        out: &'o mut Out,
        json: bool,
        fail_on: Option<Severity>,
        report: Option<OohReport>,
    ) -> Result<Self, Fail> {
        let mut f = Findings {
            out,
            json,
            count: 0,
            fail_on,
            failed: false,
            report,
        };
        if !json && f.report.is_none() {
            f.csv_row(&["case_id", "row", "at", "severity", "code", "rule"])?;
        }
        Ok(f)
    }

    fn csv_row(&mut self, fields: &[&str]) -> Result<(), Fail> {
        let mut buf = Vec::with_capacity(128);
        {
            let mut w = csv::WriterBuilder::new()
                .quote_style(csv::QuoteStyle::Necessary)
                .buffer_capacity(256)
                .from_writer(&mut buf);
            w.write_record(fields.iter().map(|f| csv_defuse(f).into_owned()))
                .and_then(|_| w.flush().map_err(csv::Error::from))
                .map_err(|e| Fail::Output(format!("writing CSV: {e}")))?;
        }
        self.out.put(&buf)
    }

    fn outcome(&mut self, case: &str, row: u64, o: &Outcome, zone: Zone) -> Result<(), Fail> {
        for f in &o.findings {
            self.count += 1;
            if self.fail_on == Some(f.severity) {
                self.failed = true;
            }
            if self.report.is_some() {
                continue;
            }
            let at = Timestamp::new(f.at, zone).to_string();
            if self.json {
                let rec = FindingJson {
                    case,
                    row,
                    at,
                    severity: f.severity.name(),
                    code: f.code.name(),
                    rule: f.rule.id(),
                };
                let mut line = serde_json::to_vec(&rec)
                    .map_err(|e| Fail::Output(format!("writing JSON: {e}")))?;
                line.push(b'\n');
                self.out.put(&line)?;
            } else {
                let row = row.to_string();
                self.csv_row(&[
                    case,
                    &row,
                    &at,
                    f.severity.name(),
                    f.code.name(),
                    f.rule.id(),
                ])?;
            }
        }
        Ok(())
    }
}

// ------------------------------------------------------------ the command

/// Runs `ia87 audit`.
pub fn run(args: &AuditArgs) -> Result<u8, Fail> {
    let fail_on = match args.fail_on.as_deref() {
        None => None,
        Some(s) => Some(engine::severity(s).ok_or_else(|| {
            Fail::Usage(format!(
                "--fail-on is a severity ({})",
                engine::severity_names().join(", ")
            ))
        })?),
    };
    let path = args.file.as_path();
    let kind = match args.input_format {
        AuditInput::Auto => {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            match ext.as_deref() {
                Some("case") => AuditInput::Case,
                Some("parquet" | "parq" | "pq") => AuditInput::Parquet,
                _ => AuditInput::Csv,
            }
        }
        k => k,
    };
    let format = args.format.unwrap_or(if args.report.is_some() {
        AuditFormat::Text
    } else {
        AuditFormat::Csv
    });
    if format == AuditFormat::Text && args.report.is_none() {
        return Err(Fail::Usage(
            "--format text goes with --report; findings are csv or json".into(),
        ));
    }
    let mut out = Out::to(args.output.as_deref(), std::slice::from_ref(&args.file))?;
    let stdout_used = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    let report = args.report.map(|AuditReport::Ooh| OohReport::new());
    let mut findings = Findings::new(&mut out, format == AuditFormat::Json, fail_on, report)?;
    let (rows, rejected, mut tally) = match kind {
        AuditInput::Case => case_file(path, &mut findings)?,
        AuditInput::Parquet => {
            let mut t = Table::new(path, &mut findings);
            crate::parquet_in::read(path, &mut t, stdout_used)?;
            t.report_cases();
            (t.rows, t.rejected, t.tally)
        }
        _ => {
            let mut t = Table::new(path, &mut findings);
            csv_file(path, &mut t, stdout_used)?;
            t.report_cases();
            (t.rows, t.rejected, t.tally)
        }
    };
    tally.failed |= findings.failed;
    let count = findings.count;
    if let Some(r) = findings.report.take() {
        let format = match format {
            AuditFormat::Csv => ReportFormat::Csv,
            AuditFormat::Json => ReportFormat::Json,
            AuditFormat::Text => ReportFormat::Text,
        };
        out.put(r.render(format).as_bytes())?;
    }
    out.finish()?;
    diag::line(&format!(
        "ia87 audit: {rows} rows, {count} findings, {rejected} rejected"
    ));
    Ok(tally.code())
}

// ------------------------------------------------------------ a case file

struct CaseSink<'a, 'o> {
    findings: &'a mut Findings<'o>,
    track: Track,
    tally: Tally,
    rejected: u64,
    io: Option<Fail>,
}

impl Sink for CaseSink<'_, '_> {
    fn report(&mut self, report: Report<'_>) {
        match report {
            Report::Line {
                line,
                case,
                result,
                zone,
                ..
            } => match result {
                LineResult::Accepted(o) => {
                    if self.io.is_none() {
                        if let Err(e) = self.findings.outcome(case, u64::from(line), o, zone) {
                            self.io = Some(e);
                        }
                    }
                }
                LineResult::Rejected(r, ..) => self.track.rejected(line, r),
            },
            Report::Unexpected {
                line, rejection, ..
            } => {
                self.rejected += 1;
                if engine::is_engine_limit(rejection) || rejection.code.is_input_error() {
                    self.track
                        .report_unexpected(line, rejection, &mut self.tally);
                } else {
                    self.tally.bad_input = true;
                    diag::at(
                        &self.track.loc(line, rejection),
                        &format!("{} ({})", rejection.message, rejection.code),
                    );
                }
            }
            _ => {}
        }
    }
}

impl Tracked for CaseSink<'_, '_> {
    fn track(&mut self) -> &mut Track {
        &mut self.track
    }
    fn case_done(&mut self, case: &ia87_core::Case) {
        if let Some(r) = self.findings.report.as_mut() {
            r.add_case(case);
        }
    }
    fn stopped(&self) -> bool {
        self.io.is_some()
    }
    fn gave_up(&mut self) {
        self.tally.bad_input = true;
    }
}

fn case_file(path: &Path, findings: &mut Findings<'_>) -> Result<(u64, u64, Tally), Fail> {
    let mut sink = CaseSink {
        findings,
        track: Track::new(path),
        tally: Tally::default(),
        rejected: 0,
        io: None,
    };
    run_file(path, &mut sink)?;
    if let Some(e) = sink.io.take() {
        return Err(e);
    }
    Ok((u64::from(sink.track.n), sink.rejected, sink.tally))
}

// ------------------------------------------------------------ tables

/// What a column after `case_id`, `at` and `verb` holds.
#[derive(Clone, Debug)]
pub enum KeyKind {
    /// `KEY=VALUE` tokens.
    Tokens,
    /// The value of the key of that name.
    Key,
}

/// A key column of a table.
#[derive(Clone, Debug)]
pub struct KeyCol {
    /// Position in the row.
    pub index: usize,
    /// Its name, as the table has it (the key, for [`KeyKind::Key`]).
    pub name: String,
    /// What its cells hold.
    pub kind: KeyKind,
}

/// Where a table's columns are.
#[derive(Clone, Debug)]
pub struct Layout {
    /// `case_id`.
    pub case_id: usize,
    /// `at`.
    pub at: usize,
    /// `verb`.
    pub verb: usize,
    /// The key columns.
    pub keys: Vec<KeyCol>,
    /// Without a header: every cell from this position on is a token cell.
    pub tokens_from: Option<usize>,
    /// With a header: how many columns there are.
    pub width: Option<usize>,
}

/// True for a name of a token column: `keys` or `args`, perhaps followed by
/// digits, `_`, `.` or `-` (`keys2`, `args_1`).
fn is_token_column(name: &str) -> bool {
    ["keys", "args"].iter().any(|p| {
        name.strip_prefix(p).is_some_and(|rest| {
            rest.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
        })
    })
}

/// True for a name that can be a key of the case language (lower-case
/// letters, digits, `-` and `.`, starting with a letter).
fn is_key_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.'))
        && name.len() <= 40
}

impl Layout {
    /// The layout of a table without a header row.
    pub fn positional() -> Layout {
        Layout {
            case_id: 0,
            at: 1,
            verb: 2,
            keys: Vec::new(),
            tokens_from: Some(3),
            width: None,
        }
    }

    /// The layout named by a header row (CSV) or a schema (Parquet).
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Result<Layout, Fail> {
        let mut case_id = None;
        let mut at = None;
        let mut verb = None;
        let mut keys = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let n = n.as_ref();
            let slot = match n {
                "case_id" => &mut case_id,
                "at" => &mut at,
                "verb" => &mut verb,
                _ if is_token_column(n) => {
                    keys.push(KeyCol {
                        index: i,
                        name: n.to_string(),
                        kind: KeyKind::Tokens,
                    });
                    continue;
                }
                _ if is_key_name(n) => {
                    if keys.iter().any(|k: &KeyCol| k.name == n) {
                        return Err(Fail::Input(format!("column `{n}` appears twice")));
                    }
                    keys.push(KeyCol {
                        index: i,
                        name: n.to_string(),
                        kind: KeyKind::Key,
                    });
                    continue;
                }
                _ => {
                    return Err(Fail::Input(format!(
                        "unknown column `{}`: the columns are case_id, at, verb, then keys \
                         (a column of KEY=VALUE tokens named `keys`, or one column per key named by the key)",
                        echo(n)
                    )))
                }
            };
            if slot.is_some() {
                return Err(Fail::Input(format!("column `{n}` appears twice")));
            }
            *slot = Some(i);
        }
        let need = |c: Option<usize>, name: &str| {
            c.ok_or_else(|| Fail::Input(format!("the table has no `{name}` column")))
        };
        Ok(Layout {
            case_id: need(case_id, "case_id")?,
            at: need(at, "at")?,
            verb: need(verb, "verb")?,
            keys,
            tokens_from: None,
            width: Some(names.len()),
        })
    }
}

/// One row's cells, by role.
pub struct RowCells<'a> {
    /// `case_id`.
    pub case_id: Option<Cow<'a, str>>,
    /// `at` (absent or empty on a directive row).
    pub at: Option<Cow<'a, str>>,
    /// `verb`.
    pub verb: Option<Cow<'a, str>>,
    /// Key cells that are not empty: (column name, `KEY=VALUE` token text).
    pub keys: Vec<(Cow<'a, str>, String)>,
}

/// The token cell for `key` = `value` of a per-key column: the value bare
/// when it is a bare token, else quoted with `\"` and `\\` escaped (the
/// core's cell validation then refuses what a key may not hold).
pub fn key_token(key: &str, value: &str) -> String {
    let bare = !value.is_empty()
        && value.bytes().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    b'.' | b'_' | b':' | b'+' | b'(' | b')' | b'/' | b'@' | b'-'
                )
        });
    if bare {
        format!("{key}={value}")
    } else {
        format!(
            "{key}=\"{}\"",
            value.replace('\\', "\\\\").replace('"', "\\\"")
        )
    }
}

/// The cases of a table being replayed.
pub struct Table<'a, 'o> {
    file: String,
    cases: HashMap<String, Case>,
    findings: &'a mut Findings<'o>,
    /// Rows read.
    pub rows: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// For the exit code.
    pub tally: Tally,
}

impl<'a, 'o> Table<'a, 'o> {
    fn new(path: &Path, findings: &'a mut Findings<'o>) -> Self {
        Table {
            file: shown_path(path),
            cases: HashMap::new(),
            findings,
            rows: 0,
            rejected: 0,
            tally: Tally::default(),
        }
    }

    /// With `--report`, adds every case of the table to the report (in order
    /// of case id: the report's counts do not depend on it).
    fn report_cases(&mut self) {
        if let Some(r) = self.findings.report.as_mut() {
            let mut ids: Vec<&String> = self.cases.keys().collect();
            ids.sort();
            for id in ids {
                if let Some(c) = self.cases.get(id) {
                    r.add_case(c);
                }
            }
        }
    }

    /// The file, as shown in messages.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Reports row `row` as rejected.
    pub fn reject(&mut self, row: u64, case: &str, what: &str, r: &Rejection) {
        self.rejected += 1;
        let case = if case.is_empty() {
            String::new()
        } else {
            format!("case {}: ", echo(case))
        };
        let loc = format!("{}:{row}", self.file);
        if engine::is_engine_limit(r) {
            self.tally.limit = true;
            diag::at(
                &loc,
                &format!(
                    "{case}{what}engine limit reached: {} ({}); the row was not applied",
                    r.message, r.code
                ),
            );
        } else {
            self.tally.bad_input = true;
            diag::at(&loc, &format!("{case}{what}{} ({})", r.message, r.code));
        }
    }

    fn cell_error(&mut self, row: u64, case: &str, cells: &RowCells<'_>, e: &CellError) {
        let (name, hint) = match e.column {
            // A key that is missing is in no cell (the core names the first).
            Column::Keys(_) if e.rejection.code == engine::ErrorCode::MissingKey => {
                ("keys".to_string(), "")
            }
            Column::Keys(i) => match cells.keys.get(usize::from(i)) {
                Some((name, token)) => {
                    // A per-key column whose cells hold tokens: a header of
                    // an older table (`a1,a2,…`).
                    let hint = if e.rejection.code == engine::ErrorCode::UnknownKey
                        && token
                            .split_once('=')
                            .is_some_and(|(k, v)| k == name && v.contains('='))
                    {
                        " (a column of KEY=VALUE tokens is named `keys`)"
                    } else {
                        ""
                    };
                    (name.to_string(), hint)
                }
                None => ("keys".to_string(), ""),
            },
            c => (c.name().to_string(), ""),
        };
        let byte = if e.rejection.column > 0 {
            format!(" (byte {})", e.rejection.column)
        } else {
            String::new()
        };
        let what = format!("column `{}`{byte}{hint}: ", echo(&name));
        self.reject(row, case, &what, &e.rejection);
    }

    /// Validates one row cell by cell and applies it to its case.
    pub fn row(&mut self, row: u64, cells: RowCells<'_>) -> Result<(), Fail> {
        self.rows += 1;
        let id = cells.case_id.as_deref().unwrap_or("");
        if let Err(e) = check_case_id(id) {
            self.cell_error(row, id, &cells, &e);
            return Ok(());
        }
        for (text, name) in [(cells.at.as_deref(), "at"), (cells.verb.as_deref(), "verb")]
            .into_iter()
            .chain(
                cells
                    .keys
                    .iter()
                    .map(|(n, t)| (Some(t.as_str()), n.as_ref())),
            )
        {
            if text.is_some_and(|t| t.len() > engine::MAX_LINE) {
                let r = Rejection::new(
                    engine::ErrorCode::LineTooLong,
                    "cell is longer than 1024 bytes",
                );
                self.reject(row, id, &format!("column `{}`: ", echo(name)), &r);
                return Ok(());
            }
        }
        let verb = cells.verb.as_deref().unwrap_or("");
        let keys: Vec<&str> = cells.keys.iter().map(|(_, t)| t.as_str()).collect();
        let line = match parse_row(cells.at.as_deref(), verb, &keys) {
            Ok(l) => l,
            Err(e) => {
                let id = id.to_string();
                self.cell_error(row, &id, &cells, &e);
                return Ok(());
            }
        };
        let case = match self.cases.get_mut(id) {
            Some(c) => c,
            None => self.cases.entry(id.to_string()).or_default(),
        };
        match engine::apply_row(case, &line) {
            Ok(o) => {
                let zone = case.zone();
                self.findings.outcome(id, row, &o, zone)?;
            }
            Err(r) => {
                let id = id.to_string();
                self.reject(row, &id, "", &r);
            }
        }
        Ok(())
    }
}

// ------------------------------------------------------------ CSV

fn utf8_cell<'r>(
    t: &mut Table<'_, '_>,
    row: u64,
    raw: Option<&'r [u8]>,
    name: &str,
) -> Result<Option<Cow<'r, str>>, ()> {
    match raw {
        None => Ok(None),
        Some(b) => match std::str::from_utf8(b) {
            Ok(s) => Ok(Some(Cow::Borrowed(s))),
            Err(e) => {
                let r = Rejection::new(engine::ErrorCode::BadUtf8, "cell is not valid UTF-8")
                    .at_column(u16::try_from(e.valid_up_to() + 1).unwrap_or(u16::MAX));
                t.reject(row, "", &format!("column `{}`: ", echo(name)), &r);
                Err(())
            }
        },
    }
}

fn csv_file(path: &Path, t: &mut Table<'_, '_>, stdout_used: bool) -> Result<(), Fail> {
    let file = std::fs::File::open(path).map_err(|e| read_error(path, &e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let (reader, mark) = Bounded::new(std::io::BufReader::new(file), MAX_RECORD);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let bar = diag::progress(size, "bytes", stdout_used);
    bar.message("audit");
    let mut rec = csv::ByteRecord::new();
    let mut layout: Option<Layout> = None;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e
                    .position()
                    .map(|p| format!(":{}", p.line()))
                    .unwrap_or_default();
                let msg = match e.kind() {
                    csv::ErrorKind::Io(io) => io.to_string(),
                    _ => e.to_string(),
                };
                return Err(Fail::Input(format!("{}{at}: {}", t.file(), echo(&msg))));
            }
        }
        mark.mark();
        let pos = rec.position().cloned();
        bar.set(pos.as_ref().map_or(0, |p| p.byte()));
        let row = pos.as_ref().map_or(0, |p| p.line());
        let layout = match &layout {
            Some(l) => l,
            None => {
                let bom =
                    |c: &[u8]| -> Vec<u8> { c.strip_prefix(b"\xef\xbb\xbf").unwrap_or(c).to_vec() };
                let l = if rec.iter().any(|c| bom(c) == b"case_id") {
                    let names: Vec<String> = rec
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            let c = if i == 0 {
                                c.strip_prefix(b"\xef\xbb\xbf").unwrap_or(c)
                            } else {
                                c
                            };
                            String::from_utf8_lossy(c).into_owned()
                        })
                        .collect();
                    layout = Some(Layout::from_names(&names).map_err(|e| match e {
                        Fail::Input(m) => Fail::Input(format!("{}:1: {m}", t.file())),
                        other => other,
                    })?);
                    continue;
                } else {
                    Layout::positional()
                };
                layout.insert(l)
            }
        };
        if rec.iter().all(|c| c.is_empty()) {
            continue; // a blank line
        }
        if let Some(w) = layout.width {
            if rec.len() > w {
                let r = Rejection::new(
                    engine::ErrorCode::BadSyntax,
                    "the row has more cells than the header has columns",
                );
                t.reject(row, "", "", &r);
                continue;
            }
        }
        let Ok(case_id) = utf8_cell(t, row, rec.get(layout.case_id), "case_id") else {
            continue;
        };
        let Ok(at) = utf8_cell(t, row, rec.get(layout.at), "at") else {
            continue;
        };
        let Ok(verb) = utf8_cell(t, row, rec.get(layout.verb), "verb") else {
            continue;
        };
        let mut keys = Vec::new();
        let mut bad = false;
        let positional: Vec<KeyCol> = match layout.tokens_from {
            Some(from) => (from..rec.len())
                .map(|i| KeyCol {
                    index: i,
                    name: format!("column {}", i + 1),
                    kind: KeyKind::Tokens,
                })
                .collect(),
            None => Vec::new(),
        };
        for k in layout.keys.iter().chain(positional.iter()) {
            match utf8_cell(t, row, rec.get(k.index), &k.name) {
                Ok(Some(v)) if !v.is_empty() => {
                    let token = match k.kind {
                        KeyKind::Tokens => v.into_owned(),
                        KeyKind::Key => key_token(&k.name, &v),
                    };
                    keys.push((Cow::Owned(k.name.clone()), token));
                }
                Ok(_) => {}
                Err(()) => {
                    bad = true;
                    break;
                }
            }
        }
        if bad {
            continue;
        }
        t.row(
            row,
            RowCells {
                case_id,
                at: at.filter(|a| !a.is_empty()),
                verb,
                keys,
            },
        )?;
    }
    if layout.is_none() {
        diag::at(t.file(), "the table is empty");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert!(is_token_column("keys") && is_token_column("args_2") && is_token_column("keys3"));
        assert!(!is_token_column("keysx") && !is_token_column("a1"));
        assert!(is_key_name("requested-by") && is_key_name("s7-1"));
        assert!(!is_key_name("Colour") && !is_key_name("a b") && !is_key_name(""));
        assert!(Layout::from_names(&["case_id", "at", "verb", "Bad Name"]).is_err());
        assert!(Layout::from_names(&["case_id", "verb", "keys"]).is_err());
        let l = Layout::from_names(&["verb", "case_id", "at", "craft", "keys"]).unwrap();
        assert_eq!((l.case_id, l.at, l.verb, l.keys.len()), (1, 2, 0, 2));
    }

    #[test]
    fn key_values_are_quoted_when_not_bare() {
        assert_eq!(key_token("craft", "NZ1"), "craft=NZ1");
        assert_eq!(
            key_token("location", "Office #2 \"B\""),
            "location=\"Office #2 \\\"B\\\"\""
        );
        assert_eq!(key_token("place", "x y=z"), "place=\"x y=z\"");
    }
}
