//! `report_ooh`: the oversight report of out-of-hours operations over the
//! rows of an event table, counted and rendered by `ia87-report` — the same
//! code as `ia87 audit FILE --report ooh`.

use ia87_report::{CaseTable, Format};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// A row the report could not apply: (0-based row, case id, error code, message).
type RejectedRow = (usize, String, &'static str, String);

/// The report over rows `(case_id, at, verb, args)`: `at` is an RFC 3339
/// timestamp with its offset (ignored, and may be None, on `person`, `config`
/// and `policy` rows); `args` the rest of the line, `key=value …`. Returns
/// the report in `format` (`json`, `csv` or `text`) and the rejected rows.
#[pyfunction]
#[pyo3(signature = (case_ids, timestamps, verbs, args, format = "json"))]
pub fn report_ooh(
    case_ids: Vec<String>,
    timestamps: Vec<Option<String>>,
    verbs: Vec<String>,
    args: Vec<Option<String>>,
    format: &str,
) -> PyResult<(String, Vec<RejectedRow>)> {
    let format = Format::from_name(format)
        .ok_or_else(|| PyValueError::new_err("format is json, csv or text"))?;
    let n = case_ids.len();
    if timestamps.len() != n || verbs.len() != n || args.len() != n {
        return Err(PyValueError::new_err("the columns differ in length"));
    }
    let mut table = CaseTable::new();
    for (((id, at), verb), a) in case_ids.iter().zip(&timestamps).zip(&verbs).zip(&args) {
        let keys: Vec<&str> = a.as_deref().filter(|s| !s.is_empty()).into_iter().collect();
        table.row(id, at.as_deref(), verb, &keys);
    }
    let rejected = table
        .rejected
        .iter()
        .map(|r| (r.row, r.case_id.clone(), r.code, r.message.clone()))
        .collect();
    Ok((table.report().render(format), rejected))
}
