//! `ia87._native`: the pyo3 extension under the `ia87` Python package.
//!
//! This layer stays thin: it turns the core's values into plain Python
//! tuples, lists and strings, and the pure-Python package (`python/ia87/`)
//! builds the public objects (`Outcome`, `Rejected`, tables) from them.
//!
//! - [`PyCase`]: one case, line by line (`apply_line`, `advance`, snapshots).
//! - [`files`]: case files through the core's runner, exactly as `ia87 replay
//!   --format json` and `ia87 check` run them.
//! - [`audit`]: an event table in Arrow (through [`arrow_io`]'s PyCapsules)
//!   to findings, rejected rows and final states in Arrow, on every core.
//! - [`bulk`]: many cases from columns in one call, without the GIL.
//! - [`diagram`]: the machines drawn from the core's transition tables.
//! - [`report`]: the out-of-hours oversight report (crate `ia87-report`).

mod arrow_io;
mod audit;
mod bulk;
mod files;
mod report;

use ia87_core::codec::{decode_case, encode_case, MAX_SNAPSHOT_LEN};
use ia87_core::json;
use ia87_core::lang::parse::{parse_line, Line};
use ia87_core::machines::{
    border::BorderState, eligibility::EligibilityState, status::StatusState, transit::TransitState,
};
use ia87_core::time::{parse_timestamp, Instant, Timestamp, Zone};
use ia87_core::{Case, DeadlineName, ErrorCode, FindingCode, Outcome, Rejection, RuleId, Severity};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use std::borrow::Cow;

/// The case-language name of a zone.
pub(crate) fn zone_name(zone: Zone) -> &'static str {
    match zone {
        Zone::Mainland => "mainland",
        Zone::Chatham => "chatham",
    }
}

/// The canonical text of an instant shown in a zone (as in the JSON).
pub(crate) fn timestamp_text(at: Instant, zone: Zone) -> String {
    Timestamp::new(at, zone).to_string()
}

/// An instant as (UTC seconds, offset east of UTC in seconds in `zone`).
type When = (i64, i32);

fn when(at: Instant, zone: Zone) -> When {
    (at.unix_seconds(), zone.utc_offset(at))
}

/// A deadline: (name, due, due-strict, rule, kind).
type DeadlineTuple = (&'static str, When, Option<When>, &'static str, &'static str);
/// A finding: (severity, code, rule, at).
type FindingTuple = (&'static str, &'static str, &'static str, When);
/// An outcome: (states, status, deadlines, findings, trace, zone, JSON fields).
type OutcomeTuple = (
    Vec<String>,
    Option<&'static str>,
    Vec<DeadlineTuple>,
    Vec<FindingTuple>,
    Vec<&'static str>,
    &'static str,
    String,
);
/// A rejection: (code, rule, message, column, JSON error field).
type RejectionTuple = (
    &'static str,
    Option<&'static str>,
    &'static str,
    u16,
    String,
);

fn outcome_tuple(o: &Outcome, zone: Zone) -> OutcomeTuple {
    let mut fields = String::new();
    // Writing into a String cannot fail.
    let _ = json::outcome_fields(&mut fields, o, zone);
    (
        o.states.iter().map(|s| s.to_string()).collect(),
        o.status.map(StatusState::name),
        o.deadlines
            .iter()
            .map(|d| {
                (
                    d.name.name(),
                    when(d.due, zone),
                    d.due_strict.map(|s| when(s, zone)),
                    d.rule.id(),
                    d.kind().name(),
                )
            })
            .collect(),
        o.findings
            .iter()
            .map(|f| {
                (
                    f.severity.name(),
                    f.code.name(),
                    f.rule.id(),
                    when(f.at, zone),
                )
            })
            .collect(),
        o.trace.iter().map(|r| r.id()).collect(),
        zone_name(zone),
        fields,
    )
}

fn rejection_tuple(r: &Rejection) -> RejectionTuple {
    let mut field = String::new();
    let _ = json::error_fields(&mut field, r);
    (
        r.code.name(),
        r.rule.map(RuleId::id),
        r.message,
        r.column,
        field,
    )
}

/// The result of one line: `(True, outcome)`, or `(False, rejection,
/// unchanged)` where `unchanged` is the outcome that describes the case as it
/// stands (a rejected line leaves it unchanged).
fn line_result(
    py: Python<'_>,
    r: Result<Outcome, Rejection>,
    zone: Zone,
    case: &Case,
) -> PyResult<Py<PyAny>> {
    Ok(match r {
        Ok(o) => (true, outcome_tuple(&o, zone))
            .into_pyobject(py)?
            .into_any()
            .unbind(),
        Err(e) => {
            let unchanged = case
                .snapshot_outcome()
                .ok()
                .map(|o| outcome_tuple(&o, case.zone()));
            (false, rejection_tuple(&e), unchanged)
                .into_pyobject(py)?
                .into_any()
                .unbind()
        }
    })
}

/// Applies one parsed line to a case, as the core's runner does.
pub(crate) fn apply_parsed(case: &mut Case, line: Line<'_>) -> Result<Outcome, Rejection> {
    match line {
        Line::Event(e) => case.apply(&e),
        Line::Person(p) => case.set_person(&p),
        Line::Config(items) => {
            case.configure(&items)?;
            case.snapshot_outcome()
        }
        Line::Policy(p) => {
            case.set_policy(p);
            case.snapshot_outcome()
        }
        Line::Blank | Line::Header(_) | Line::Case(_) | Line::Expect(_) => Err(Rejection::new(
            ErrorCode::BadSyntax,
            "expected an event, tick, person, config or policy line",
        )
        .at_column(1)),
    }
}

/// The bytes of a line given as `str` or `bytes` (a case file may hold bytes
/// that are not UTF-8: the core rejects them as `bad-utf8`).
fn line_bytes<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(b.as_bytes()));
    }
    let s = obj
        .cast::<PyString>()
        .map_err(|_| pyo3::exceptions::PyTypeError::new_err("a line is a str or bytes"))?;
    Ok(Cow::Owned(s.to_cow()?.into_owned().into_bytes()))
}

/// One person's case (the core's `Case`), fed one line at a time.
#[pyclass(name = "Case", module = "ia87._native")]
#[derive(Clone, Default)]
struct PyCase {
    inner: Case,
}

#[pymethods]
impl PyCase {
    #[new]
    fn new() -> Self {
        PyCase::default()
    }

    /// Applies one line of the case language (an event, `tick`, `person`,
    /// `config` or `policy` line). On a rejection the case is unchanged.
    fn apply_line(&mut self, py: Python<'_>, line: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let zone = self.inner.zone();
        let bytes = line_bytes(line)?;
        let r = parse_line(&bytes).and_then(|l| apply_parsed(&mut self.inner, l));
        line_result(py, r, zone, &self.inner)
    }

    /// Advances the clocks to `seconds` (UTC seconds since the epoch).
    fn advance(&mut self, py: Python<'_>, seconds: i64) -> PyResult<Py<PyAny>> {
        let zone = self.inner.zone();
        let r = self.inner.advance(Instant::from_unix_seconds(seconds));
        line_result(py, r, zone, &self.inner)
    }

    /// The case as it stands: states, status and deadlines.
    fn outcome(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        line_result(
            py,
            self.inner.snapshot_outcome(),
            self.inner.zone(),
            &self.inner,
        )
    }

    /// The postcard snapshot (framed, with a CRC).
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let mut buf = [0u8; MAX_SNAPSHOT_LEN];
        let n =
            encode_case(&self.inner, &mut buf).map_err(|e| PyValueError::new_err(e.message()))?;
        Ok(PyBytes::new(py, buf.get(..n).unwrap_or_default()))
    }

    /// A case decoded from a snapshot.
    #[staticmethod]
    fn restore(data: &[u8]) -> PyResult<Self> {
        decode_case(data)
            .map(|inner| PyCase { inner })
            .map_err(|e| PyValueError::new_err(e.message()))
    }

    /// A copy of the case.
    fn copy(&self) -> Self {
        self.clone()
    }

    /// The zone local times are shown in: `mainland` or `chatham`.
    #[getter]
    fn zone(&self) -> &'static str {
        zone_name(self.inner.zone())
    }

    /// The instant of the last event applied (UTC seconds), if any.
    #[getter]
    fn now(&self) -> Option<i64> {
        self.inner.now().map(Instant::unix_seconds)
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

/// What kind of line `line` is, and the case id of a `case` line:
/// `blank`, `header`, `case`, `person`, `config`, `policy`, `event`, `expect`,
/// or `error` when it does not parse.
#[pyfunction]
fn line_kind(line: &Bound<'_, PyAny>) -> PyResult<(&'static str, Option<String>)> {
    let bytes = line_bytes(line)?;
    Ok(match parse_line(&bytes) {
        Ok(Line::Blank) => ("blank", None),
        Ok(Line::Header(_)) => ("header", None),
        Ok(Line::Case(id)) => ("case", Some(id.to_string())),
        Ok(Line::Person(_)) => ("person", None),
        Ok(Line::Config(_)) => ("config", None),
        Ok(Line::Policy(_)) => ("policy", None),
        Ok(Line::Event(_)) => ("event", None),
        Ok(Line::Expect(_)) => ("expect", None),
        Err(_) => ("error", None),
    })
}

/// Parses an RFC 3339 timestamp with an explicit offset into UTC seconds.
#[pyfunction]
fn parse_time(text: &str) -> PyResult<i64> {
    parse_timestamp(text)
        .map(Instant::unix_seconds)
        .map_err(|e| PyValueError::new_err(format!("{text:?}: {}", e.message())))
}

/// The canonical text of UTC `seconds` in New Zealand local time, and its
/// offset east of UTC in seconds.
#[pyfunction]
#[pyo3(signature = (seconds, zone = "mainland"))]
fn local_time(seconds: i64, zone: &str) -> PyResult<(String, i32)> {
    let z = match zone {
        "mainland" => Zone::Mainland,
        "chatham" => Zone::Chatham,
        _ => return Err(PyValueError::new_err("zone is `mainland` or `chatham`")),
    };
    let at = Instant::from_unix_seconds(seconds);
    Ok((timestamp_text(at, z), z.utc_offset(at)))
}

/// `s` as a JSON string, escaped exactly as the core's JSON output.
#[pyfunction]
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len().saturating_add(2));
    let _ = json::string(&mut out, s);
    out
}

/// Every rule: id, cite, summary, quote, and the date it came into force.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    RuleId::ALL
        .iter()
        .map(|r| {
            let d = PyDict::new(py);
            d.set_item("id", r.id())?;
            d.set_item("cite", r.cite())?;
            d.set_item("summary", r.summary())?;
            d.set_item("quote", r.quote())?;
            d.set_item(
                "in_force",
                ia87_core::time::DateDisplay(r.in_force_from()).to_string(),
            )?;
            Ok(d)
        })
        .collect()
}

fn names_of<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().copied().map(name).collect()
}

/// The fixed vocabularies of the outcome model, in the core's order.
#[pyfunction]
fn names(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("severity", names_of(Severity::ALL, Severity::name))?;
    d.set_item("finding", names_of(FindingCode::ALL, FindingCode::name))?;
    d.set_item("error", names_of(ErrorCode::ALL, ErrorCode::name))?;
    d.set_item("deadline", names_of(DeadlineName::ALL, DeadlineName::name))?;
    d.set_item("rule", names_of(RuleId::ALL, RuleId::id))?;
    let states = PyDict::new(py);
    states.set_item("status", names_of(StatusState::ALL, StatusState::name))?;
    states.set_item("border", names_of(BorderState::ALL, BorderState::name))?;
    states.set_item(
        "eligibility",
        names_of(EligibilityState::ALL, EligibilityState::name),
    )?;
    states.set_item("transit", names_of(TransitState::ALL, TransitState::name))?;
    d.set_item("state", states)?;
    Ok(d)
}

/// The machine drawn from the transition table the core executes.
#[pyfunction]
#[pyo3(signature = (machine, format = "mermaid"))]
fn diagram(machine: &str, format: &str) -> PyResult<String> {
    use ia87_core::machines::diagram::{render, Format};
    let format = match format {
        "mermaid" => Format::Mermaid,
        "dot" => Format::Dot,
        _ => return Err(PyValueError::new_err("format is `mermaid` or `dot`")),
    };
    use ia87_core::outcome::Machine;
    let m = Machine::from_name(machine).ok_or_else(|| {
        let known: Vec<&str> = Machine::ALL.iter().map(|m| m.name()).collect();
        PyValueError::new_err(format!(
            "unknown machine {machine:?} ({})",
            known.join(", ")
        ))
    })?;
    let mut s = String::new();
    render(&mut s, m, format).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(s)
}

#[pymodule]
#[pyo3(name = "_native")]
fn ia87_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCase>()?;
    m.add_function(wrap_pyfunction!(line_kind, m)?)?;
    m.add_function(wrap_pyfunction!(parse_time, m)?)?;
    m.add_function(wrap_pyfunction!(local_time, m)?)?;
    m.add_function(wrap_pyfunction!(json_string, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(names, m)?)?;
    m.add_function(wrap_pyfunction!(diagram, m)?)?;
    m.add_function(wrap_pyfunction!(files::replay_file, m)?)?;
    m.add_function(wrap_pyfunction!(files::check_file, m)?)?;
    m.add_function(wrap_pyfunction!(bulk::replay_events, m)?)?;
    m.add_function(wrap_pyfunction!(audit::audit_arrow, m)?)?;
    m.add_class::<arrow_io::ArrowTable>()?;
    m.add_function(wrap_pyfunction!(report::report_ooh, m)?)?;
    m.add("CORE_VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(case: &mut Case, line: &str) -> Result<Outcome, Rejection> {
        parse_line(line.as_bytes()).and_then(|l| apply_parsed(case, l))
    }

    #[test]
    fn non_event_lines_are_refused_and_leave_the_case_alone() {
        let mut case = Case::new();
        for line in ["ia87 1", "case x", "expect no-finding", "", "# note"] {
            let r = apply(&mut case, line);
            assert_eq!(r.map_err(|e| e.code), Err(ErrorCode::BadSyntax), "{line}");
        }
        assert_eq!(case, Case::new());
    }

    #[test]
    fn outcome_tuple_carries_the_json_fields() {
        let mut case = Case::new();
        let o = apply(
            &mut case,
            "2009-03-02T06:10+13:00 arrive craft=NZ001 place=customs",
        );
        let Ok(o) = o else {
            panic!("arrive was refused: {o:?}");
        };
        let t = outcome_tuple(&o, Zone::Mainland);
        assert_eq!(t.0, vec!["status.arrived".to_string()]);
        assert_eq!(t.1, Some("arrived"));
        assert!(t.6.starts_with("\"state\":[\"status.arrived\"]"), "{}", t.6);
        let r = rejection_tuple(&Rejection::new(ErrorCode::TimeReversed, "back"));
        assert_eq!(r.0, "time-reversed");
        assert!(
            r.4.starts_with("\"error\":{\"code\":\"time-reversed\""),
            "{}",
            r.4
        );
    }
}
