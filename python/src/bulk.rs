//! Bulk replay: many cases from four columns in one call.
//!
//! 1. With the GIL: every row becomes one line of the case language in a
//!    single text arena (`AT VERB ARGS`, or `VERB ARGS` for `config`,
//!    `person` and `policy` rows, whose time is ignored), and the rows are
//!    grouped by case id, in input order within a case. Text cells are taken
//!    as written: the core parses the line and says what is wrong with it, as
//!    it would for a line of a case file. A cell that cannot be made text (a
//!    missing case id, time or verb, a naive datetime, a wrong type, a line
//!    break) makes that row a rejected row; nothing is skipped silently.
//! 2. Without the GIL: the cases are replayed in batches, each batch split
//!    over a few threads (a case is always replayed by one thread, in order).
//!    Between batches the GIL is taken back to report progress and to let
//!    Ctrl-C through.
//! 3. With the GIL: the findings, the rejected rows and a per-case summary
//!    are returned as dicts of lists (columns), in input-row order.

use crate::{apply_parsed, timestamp_text};
use ia87_core::lang::parse::parse_line;
use ia87_core::machines::status::StatusState;
use ia87_core::outcome::Machine;
use ia87_core::time::{Instant, UtcTimestamp, Zone};
use ia87_core::{Case, ErrorCode, FindingCode, RuleId, Severity};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::time::Instant as Clock;

/// Rows a batch holds when no progress callback asks for smaller ones: the GIL
/// is taken back between batches so that Ctrl-C is seen.
const DEFAULT_BATCH: usize = 250_000;
/// Below this many rows a batch is replayed on one thread.
const MIN_ROWS_PER_THREAD: usize = 20_000;

/// A row that could not be turned into a line of the case language.
struct BadCell {
    code: ErrorCode,
    message: String,
}

/// One input row: its line in the arena, its case, or why it was refused.
struct Row {
    text: Range<usize>,
    case: Option<u32>,
    bad: Option<Box<BadCell>>,
}

/// The rows, as the replay loop reads them (no Python objects inside).
struct Input {
    arena: String,
    rows: Vec<Row>,
    /// Row numbers grouped by case (cases in order of first appearance, rows
    /// in input order within a case): case `k` is `order[starts[k]..starts[k + 1]]`.
    order: Vec<usize>,
    starts: Vec<usize>,
}

impl Input {
    fn cases(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn group(&self, k: usize) -> &[usize] {
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&a), Some(&b)) => self.order.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }
}

struct FindingRec {
    row: usize,
    case: u32,
    at: Instant,
    zone: Zone,
    severity: Severity,
    code: FindingCode,
    rule: RuleId,
}

struct RejectRec {
    row: usize,
    case: Option<u32>,
    code: ErrorCode,
    rule: Option<RuleId>,
    message: Cow<'static, str>,
    column: u16,
}

struct CaseRec {
    case: u32,
    rows: u32,
    rejected: u32,
    findings: u32,
    last: Option<Instant>,
    zone: Zone,
    states: [Option<&'static str>; 4],
    status: Option<StatusState>,
}

#[derive(Default)]
struct Part {
    findings: Vec<FindingRec>,
    rejected: Vec<RejectRec>,
    cases: Vec<CaseRec>,
}

impl Part {
    fn append(&mut self, mut other: Part) {
        self.findings.append(&mut other.findings);
        self.rejected.append(&mut other.rejected);
        self.cases.append(&mut other.cases);
    }
}

// ---------------------------------------------------------------- reading cells

/// A cell that holds no value: `None`, a float NaN, pandas' `NA` / `NaT`.
fn is_missing(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_none() {
        return true;
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    obj.get_type()
        .name()
        .is_ok_and(|n| n.to_cow().is_ok_and(|n| n == "NAType" || n == "NaTType"))
}

fn bad(code: ErrorCode, message: String) -> Box<BadCell> {
    Box::new(BadCell { code, message })
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

/// One cell: a slice of a joined column, or a Python object.
enum Cell<'a, 'py> {
    Str(&'a str),
    Obj(Bound<'py, PyAny>),
}

/// A string cell (`None`: missing).
fn text_cell<'a>(cell: &'a Cell<'_, '_>, what: &str) -> Result<Option<Cow<'a, str>>, Box<BadCell>> {
    let obj = match cell {
        Cell::Str(s) => return Ok(Some(Cow::Borrowed(s))),
        Cell::Obj(o) => o,
    };
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .to_cow()
            .map(|c| Some(Cow::Owned(c.into_owned())))
            .map_err(|_| bad(ErrorCode::BadUtf8, format!("{what}: not valid UTF-8")));
    }
    if is_missing(obj) {
        return Ok(None);
    }
    Err(bad(
        ErrorCode::BadValue,
        format!("{what}: expected str, got {}", type_name(obj)),
    ))
}

/// A case id: a string, or anything else through `str()` (ints, say). An
/// empty string is a missing id.
fn case_cell<'a>(cell: &Cell<'a, '_>) -> Result<Cow<'a, str>, Box<BadCell>> {
    let missing = || bad(ErrorCode::NoCase, "case_id is missing".into());
    let obj = match cell {
        Cell::Str("") => return Err(missing()),
        Cell::Str(s) => return Ok(Cow::Borrowed(s)),
        Cell::Obj(o) => o,
    };
    let text = if let Ok(s) = obj.cast::<PyString>() {
        s.to_cow()
            .map(|c| c.into_owned())
            .map_err(|_| bad(ErrorCode::BadUtf8, "case_id: not valid UTF-8".into()))?
    } else if is_missing(obj) {
        return Err(missing());
    } else {
        obj.str()
            .and_then(|s| s.to_cow().map(|c| c.into_owned()))
            .map_err(|_| {
                bad(
                    ErrorCode::BadValue,
                    "case_id: cannot be read as text".into(),
                )
            })?
    };
    if text.is_empty() {
        return Err(missing());
    }
    Ok(Cow::Owned(text))
}

/// Writes the timestamp of a row into `out`: a string as it is, an int as UTC
/// seconds, an aware `datetime` (or pandas `Timestamp`) by its instant.
fn write_time(cell: &Cell<'_, '_>, out: &mut String) -> Result<(), Box<BadCell>> {
    let obj = match cell {
        Cell::Str(s) => {
            out.push_str(s);
            return Ok(());
        }
        Cell::Obj(o) => o,
    };
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s
            .to_cow()
            .map_err(|_| bad(ErrorCode::BadUtf8, "timestamp: not valid UTF-8".into()))?;
        out.push_str(&s);
        return Ok(());
    }
    if obj.is_instance_of::<PyBool>() {
        return Err(bad(
            ErrorCode::BadValue,
            "timestamp: expected str, datetime or int, got bool".into(),
        ));
    }
    let seconds = if obj.is_instance_of::<PyInt>() {
        obj.extract::<i64>().map_err(|_| {
            bad(
                ErrorCode::BadTimestamp,
                "timestamp: int out of range".into(),
            )
        })?
    } else if is_missing(obj) {
        return Err(bad(ErrorCode::BadTimestamp, "timestamp is missing".into()));
    } else if let Ok(offset) = obj.call_method0("utcoffset") {
        if offset.is_none() {
            return Err(bad(
                ErrorCode::NoOffset,
                "timestamp is a naive datetime (no UTC offset): localize it first, e.g. Series.dt.tz_localize(\"UTC\")".into(),
            ));
        }
        let t: f64 = obj
            .call_method0("timestamp")
            .and_then(|t| t.extract())
            .map_err(|e| bad(ErrorCode::BadTimestamp, format!("timestamp: {e}")))?;
        // Whole seconds: the case language has no fractions of a second.
        t.floor() as i64
    } else if let Ok(n) = obj.extract::<i64>() {
        n
    } else {
        return Err(bad(
            ErrorCode::BadValue,
            format!(
                "timestamp: expected str, aware datetime or int (UTC seconds), got {}",
                type_name(obj)
            ),
        ));
    };
    let at = Instant::from_unix_seconds(seconds);
    if at.unix_seconds() != seconds {
        return Err(bad(
            ErrorCode::BadTimestamp,
            "timestamp out of range".into(),
        ));
    }
    let _ = write!(out, "{}", UtcTimestamp(at));
    Ok(())
}

fn is_directive(verb: &str) -> bool {
    matches!(verb, "config" | "person" | "policy")
}

/// Builds the line of one row at the end of `arena` (`case` known).
fn build_line(
    arena: &mut String,
    at: &Cell<'_, '_>,
    verb: &Cell<'_, '_>,
    args: &Cell<'_, '_>,
) -> Result<(), Box<BadCell>> {
    let Some(verb) = text_cell(verb, "verb")? else {
        return Err(bad(ErrorCode::BadSyntax, "verb is missing".into()));
    };
    let args = text_cell(args, "args")?;
    let start = arena.len();
    if !is_directive(&verb) {
        write_time(at, arena)?;
        arena.push(' ');
    }
    arena.push_str(&verb);
    if let Some(a) = args.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        arena.push(' ');
        arena.push_str(a);
    }
    if arena.get(start..).is_some_and(|l| l.contains(['\n', '\r'])) {
        return Err(bad(
            ErrorCode::BadSyntax,
            "a cell holds a line break".into(),
        ));
    }
    Ok(())
}

/// A column as the Python layer passes it: a list of objects, or a `str`
/// column joined with `\n` (one conversion instead of one per cell).
enum Source<'py> {
    List(Bound<'py, PyList>),
    Joined(String),
}

impl<'py> Source<'py> {
    fn new(obj: &Bound<'py, PyAny>, name: &str) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Source::Joined(s.to_cow()?.into_owned()));
        }
        obj.cast::<PyList>()
            .map(|l| Source::List(l.clone()))
            .map_err(|_| PyValueError::new_err(format!("{name}: expected a list")))
    }
}

/// A column read cell by cell, in row order.
enum Column<'a, 'py> {
    List(&'a Bound<'py, PyList>, usize),
    /// The cells, their number, and the bytes of text.
    Joined(std::str::Split<'a, char>, usize, usize),
}

impl<'a, 'py> Column<'a, 'py> {
    fn new(src: &'a Source<'py>) -> Self {
        match src {
            Source::List(l) => Column::List(l, 0),
            Source::Joined(s) => {
                Column::Joined(s.split('\n'), s.matches('\n').count() + 1, s.len())
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            Column::List(l, _) => l.len(),
            Column::Joined(_, n, _) => *n,
        }
    }

    /// The bytes of text the column holds, when known.
    fn text_len(&self) -> Option<usize> {
        match self {
            Column::List(..) => None,
            Column::Joined(_, _, bytes) => Some(*bytes),
        }
    }

    fn next_cell(&mut self) -> PyResult<Cell<'a, 'py>> {
        Ok(match self {
            Column::List(l, i) => {
                let c = Cell::Obj(l.get_item(*i)?);
                *i += 1;
                c
            }
            Column::Joined(it, ..) => Cell::Str(it.next().unwrap_or_default()),
        })
    }
}

/// FNV-1a: case ids are short, and the map is ours alone.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

type CaseIndex<'a> = HashMap<Cow<'a, str>, u32, std::hash::BuildHasherDefault<Fnv>>;

fn read_input<'a>(cols: [Column<'a, '_>; 4]) -> PyResult<(Input, Vec<String>)> {
    let [mut case_ids, mut timestamps, mut verbs, mut args] = cols;
    let n = case_ids.len();
    for (name, col) in [
        ("timestamps", &timestamps),
        ("verbs", &verbs),
        ("args", &args),
    ] {
        if col.len() != n {
            return Err(PyValueError::new_err(format!(
                "columns differ in length: case_ids has {n} rows, {name} has {}",
                col.len()
            )));
        }
    }
    // A line is its time, verb and args with two spaces.
    let known = [&timestamps, &verbs, &args].map(|c| c.text_len());
    let capacity = match known {
        [Some(a), Some(b), Some(c)] => a + b + c + n,
        _ => n.saturating_mul(72),
    };
    let mut input = Input {
        arena: String::with_capacity(capacity),
        rows: Vec::with_capacity(n),
        order: Vec::new(),
        starts: Vec::new(),
    };
    let mut names: Vec<Cow<'a, str>> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut index = CaseIndex::default();
    let mut last: Option<u32> = None;
    for _ in 0..n {
        let start = input.arena.len();
        // Every column moves on one cell per row, whatever the row holds.
        let id_cell = case_ids.next_cell()?;
        let at_cell = timestamps.next_cell()?;
        let verb_cell = verbs.next_cell()?;
        let args_cell = args.next_cell()?;
        let (case, bad) = match case_cell(&id_cell) {
            Err(b) => (None, Some(b)),
            Ok(id) => {
                let cached = last.filter(|&k| names.get(k as usize).is_some_and(|s| **s == *id));
                let k = match cached.or_else(|| index.get(id.as_ref()).copied()) {
                    Some(k) => k,
                    None => {
                        let k = u32::try_from(names.len())
                            .map_err(|_| PyValueError::new_err("too many cases"))?;
                        names.push(id.clone());
                        index.insert(id, k);
                        counts.push(0);
                        k
                    }
                };
                last = Some(k);
                let built = build_line(&mut input.arena, &at_cell, &verb_cell, &args_cell);
                (Some(k), built.err())
            }
        };
        if bad.is_some() {
            input.arena.truncate(start);
        }
        if let Some(c) = case.and_then(|k| counts.get_mut(k as usize)) {
            *c += 1;
        }
        input.rows.push(Row {
            text: start..input.arena.len(),
            case,
            bad,
        });
    }
    // Group the rows by case: a counting sort, stable within each case.
    let mut next = Vec::with_capacity(counts.len());
    let mut acc = 0usize;
    input.starts.reserve(counts.len() + 1);
    for c in &counts {
        input.starts.push(acc);
        next.push(acc);
        acc += c;
    }
    input.starts.push(acc);
    input.order = vec![0; acc];
    for (i, r) in input.rows.iter().enumerate() {
        if let Some(slot) = r.case.and_then(|k| next.get_mut(k as usize)) {
            if let Some(o) = input.order.get_mut(*slot) {
                *o = i;
            }
            *slot += 1;
        }
    }
    Ok((input, names.into_iter().map(Cow::into_owned).collect()))
}

// ---------------------------------------------------------------- replay

fn replay_cases(input: &Input, cases: Range<usize>) -> Part {
    let mut part = Part::default();
    for k in cases {
        let group = input.group(k);
        let case_no = u32::try_from(k).unwrap_or(u32::MAX);
        let mut case = Case::new();
        let mut rec = CaseRec {
            case: case_no,
            rows: 0,
            rejected: 0,
            findings: 0,
            last: None,
            zone: Zone::Mainland,
            states: [None; 4],
            status: None,
        };
        for &row in group {
            let Some(r) = input.rows.get(row) else {
                continue;
            };
            rec.rows = rec.rows.saturating_add(1);
            if let Some(b) = &r.bad {
                rec.rejected = rec.rejected.saturating_add(1);
                part.rejected.push(RejectRec {
                    row,
                    case: Some(case_no),
                    code: b.code,
                    rule: None,
                    message: Cow::Owned(b.message.clone()),
                    column: 0,
                });
                continue;
            }
            let text = input.arena.get(r.text.clone()).unwrap_or_default();
            match parse_line(text.as_bytes()).and_then(|l| apply_parsed(&mut case, l)) {
                Ok(o) => {
                    let zone = case.zone();
                    for f in &o.findings {
                        rec.findings = rec.findings.saturating_add(1);
                        part.findings.push(FindingRec {
                            row,
                            case: case_no,
                            at: f.at,
                            zone,
                            severity: f.severity,
                            code: f.code,
                            rule: f.rule,
                        });
                    }
                }
                Err(e) => {
                    rec.rejected = rec.rejected.saturating_add(1);
                    part.rejected.push(RejectRec {
                        row,
                        case: Some(case_no),
                        code: e.code,
                        rule: e.rule,
                        message: Cow::Borrowed(e.message),
                        column: e.column,
                    });
                }
            }
        }
        rec.last = case.now();
        rec.zone = case.zone();
        if let Ok(o) = case.snapshot_outcome() {
            rec.status = o.status;
            for (slot, m) in rec.states.iter_mut().zip(Machine::ALL) {
                *slot = o.state_of(*m).map(|s| s.state_name());
            }
        }
        part.cases.push(rec);
    }
    part
}

/// Splits `cases` into at most `threads` contiguous ranges of about equal rows.
fn split(input: &Input, cases: Range<usize>, rows: usize, threads: usize) -> Vec<Range<usize>> {
    let threads = threads.clamp(1, (rows / MIN_ROWS_PER_THREAD).max(1));
    if threads == 1 {
        return vec![cases];
    }
    let per = rows.div_ceil(threads);
    let mut out = Vec::with_capacity(threads);
    let (mut start, mut acc) = (cases.start, 0usize);
    for k in cases.clone() {
        acc += input.group(k).len();
        if acc >= per && out.len() + 1 < threads {
            out.push(start..k + 1);
            start = k + 1;
            acc = 0;
        }
    }
    if start < cases.end {
        out.push(start..cases.end);
    }
    out
}

fn replay_batch(input: &Input, cases: Range<usize>, rows: usize, threads: usize) -> Part {
    let ranges = split(input, cases, rows, threads);
    if ranges.len() <= 1 {
        return ranges
            .into_iter()
            .next()
            .map(|r| replay_cases(input, r))
            .unwrap_or_default();
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = ranges
            .into_iter()
            .map(|r| s.spawn(move || replay_cases(input, r)))
            .collect();
        let mut all = Part::default();
        for h in handles {
            match h.join() {
                Ok(p) => all.append(p),
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        all
    })
}

// ---------------------------------------------------------------- output

/// Python strings for every value of a fieldless enum, by its position.
fn interned<'py, T: Copy>(
    py: Python<'py>,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Vec<Bound<'py, PyString>> {
    all.iter().map(|&v| PyString::intern(py, name(v))).collect()
}

fn pick<'a, 'py>(v: &'a [Bound<'py, PyString>], i: u16) -> Option<&'a Bound<'py, PyString>> {
    v.get(usize::from(i))
}

#[allow(clippy::too_many_lines)]
fn tables<'py>(
    py: Python<'py>,
    input: &Input,
    names: &[String],
    mut all: Part,
) -> PyResult<Bound<'py, PyDict>> {
    // Input-row order; the sort is stable, so findings of one row keep theirs.
    all.findings.sort_by_key(|f| f.row);
    all.rejected.sort_by_key(|r| r.row);
    let ids: Vec<Bound<'py, PyString>> = names.iter().map(|s| PyString::new(py, s)).collect();
    let id = |k: u32| ids.get(k as usize);
    let sev = interned(py, Severity::ALL, Severity::name);
    let code = interned(py, FindingCode::ALL, FindingCode::name);
    let rule = interned(py, RuleId::ALL, RuleId::id);
    let err = interned(py, ErrorCode::ALL, ErrorCode::name);

    let f = &all.findings;
    let findings = PyDict::new(py);
    findings.set_item("case_id", PyList::new(py, f.iter().map(|x| id(x.case)))?)?;
    findings.set_item("row", PyList::new(py, f.iter().map(|x| x.row))?)?;
    findings.set_item(
        "at",
        PyList::new(py, f.iter().map(|x| timestamp_text(x.at, x.zone)))?,
    )?;
    findings.set_item(
        "at_utc",
        PyList::new(py, f.iter().map(|x| x.at.unix_seconds()))?,
    )?;
    findings.set_item(
        "severity",
        PyList::new(py, f.iter().map(|x| pick(&sev, x.severity.code())))?,
    )?;
    findings.set_item(
        "code",
        PyList::new(py, f.iter().map(|x| pick(&code, x.code.code())))?,
    )?;
    findings.set_item(
        "rule",
        PyList::new(py, f.iter().map(|x| pick(&rule, x.rule.code())))?,
    )?;

    let r = &all.rejected;
    let rejected = PyDict::new(py);
    rejected.set_item(
        "case_id",
        PyList::new(py, r.iter().map(|x| x.case.and_then(id)))?,
    )?;
    rejected.set_item("row", PyList::new(py, r.iter().map(|x| x.row))?)?;
    rejected.set_item(
        "code",
        PyList::new(py, r.iter().map(|x| pick(&err, x.code.code())))?,
    )?;
    rejected.set_item(
        "rule",
        PyList::new(
            py,
            r.iter().map(|x| x.rule.and_then(|q| pick(&rule, q.code()))),
        )?,
    )?;
    rejected.set_item(
        "message",
        PyList::new(py, r.iter().map(|x| x.message.as_ref()))?,
    )?;
    rejected.set_item("column", PyList::new(py, r.iter().map(|x| x.column))?)?;
    rejected.set_item(
        "line",
        PyList::new(
            py,
            r.iter().map(|x| {
                input
                    .rows
                    .get(x.row)
                    .and_then(|row| input.arena.get(row.text.clone()))
                    .unwrap_or_default()
            }),
        )?,
    )?;

    let c = &all.cases;
    let cases = PyDict::new(py);
    cases.set_item("case_id", PyList::new(py, c.iter().map(|x| id(x.case)))?)?;
    cases.set_item("rows", PyList::new(py, c.iter().map(|x| x.rows))?)?;
    cases.set_item("rejected", PyList::new(py, c.iter().map(|x| x.rejected))?)?;
    cases.set_item("findings", PyList::new(py, c.iter().map(|x| x.findings))?)?;
    cases.set_item(
        "last_at",
        PyList::new(
            py,
            c.iter().map(|x| x.last.map(|t| timestamp_text(t, x.zone))),
        )?,
    )?;
    cases.set_item(
        "status",
        PyList::new(py, c.iter().map(|x| x.status.map(StatusState::name)))?,
    )?;
    // The status machine's state is the status, already a column.
    for (i, m) in Machine::ALL.iter().enumerate().skip(1) {
        cases.set_item(
            m.name(),
            PyList::new(py, c.iter().map(|x| x.states.get(i).copied().flatten()))?,
        )?;
    }

    let out = PyDict::new(py);
    out.set_item("findings", findings)?;
    out.set_item("rejected", rejected)?;
    out.set_item("cases", cases)?;
    Ok(out)
}

/// Replays many cases from four columns of equal length (each a list, or a
/// `str` column joined with `\n`): see the module documentation. `progress(rows_done, rows_total)` is called about
/// every `progress_every` rows and once at the end.
#[pyfunction]
#[pyo3(signature = (case_ids, timestamps, verbs, args, progress = None, progress_every = 100_000, threads = None))]
#[allow(clippy::too_many_arguments)]
pub fn replay_events<'py>(
    py: Python<'py>,
    case_ids: &Bound<'py, PyAny>,
    timestamps: &Bound<'py, PyAny>,
    verbs: &Bound<'py, PyAny>,
    args: &Bound<'py, PyAny>,
    progress: Option<Bound<'py, PyAny>>,
    progress_every: usize,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    let t0 = Clock::now();
    let sources = [
        Source::new(case_ids, "case_ids")?,
        Source::new(timestamps, "timestamps")?,
        Source::new(verbs, "verbs")?,
        Source::new(args, "args")?,
    ];
    let (input, names) = read_input(sources.each_ref().map(Column::new))?;
    drop(sources);
    let t_read = t0.elapsed().as_secs_f64();
    let total = input.rows.len();
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let batch_rows = if progress.is_some() {
        progress_every.max(1)
    } else {
        DEFAULT_BATCH
    };

    let t1 = Clock::now();
    let mut all = Part::default();
    // Rows with no case id are rejected here: they belong to no case.
    for (row, r) in input.rows.iter().enumerate() {
        if let (None, Some(b)) = (r.case, &r.bad) {
            all.rejected.push(RejectRec {
                row,
                case: None,
                code: b.code,
                rule: None,
                message: Cow::Owned(b.message.clone()),
                column: 0,
            });
        }
    }
    let mut done = total - input.order.len();
    let mut start = 0usize;
    while start < input.cases() {
        let (mut end, mut rows) = (start, 0usize);
        while end < input.cases() && (rows < batch_rows || end == start) {
            rows += input.group(end).len();
            end += 1;
        }
        let input_ref = &input;
        let part = py.detach(move || replay_batch(input_ref, start..end, rows, threads));
        all.append(part);
        done += rows;
        start = end;
        if let Some(cb) = &progress {
            if start < input.cases() {
                cb.call1((done, total))?;
            }
        }
        py.check_signals()?;
    }
    if let Some(cb) = &progress {
        cb.call1((total, total))?;
    }
    let t_replay = t1.elapsed().as_secs_f64();

    let t2 = Clock::now();
    let out = tables(py, &input, &names, all)?;
    let stats = PyDict::new(py);
    stats.set_item("rows", total)?;
    stats.set_item("cases", names.len())?;
    stats.set_item("threads", threads)?;
    stats.set_item("seconds_read", t_read)?;
    stats.set_item("seconds_replay", t_replay)?;
    stats.set_item("seconds_tables", t2.elapsed().as_secs_f64())?;
    out.set_item("stats", stats)?;
    Ok(out)
}
