//! Case files through the core's [`Runner`], line by line, the way the
//! command line runs them: `replay_file` gives the JSON lines of
//! `ia87 replay --format json FILE`, `check_file` the counts of `ia87 check`.

use ia87_core::json;
use ia87_core::lang::expect::LineResult;
use ia87_core::runner::{Report, Runner, Sink};
use ia87_core::time::Zone;
use ia87_core::RuleId;
use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::{Path, PathBuf};

fn read(path: &Path) -> PyResult<Vec<u8>> {
    std::fs::read(path).map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))
}

/// The lines of a file, each with its line end (as `BufRead::read_until`
/// gives them: no empty piece after a final newline).
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.split_inclusive(|&b| b == b'\n')
}

struct JsonSink {
    zone: Zone,
    out: Vec<String>,
}

impl Sink for JsonSink {
    fn report(&mut self, report: Report<'_>) {
        if let Report::Line {
            line,
            case,
            result,
            zone,
            ..
        } = report
        {
            self.zone = zone;
            let mut s = String::new();
            let _ = json::line(&mut s, case, line, result, self.zone);
            self.out.push(s);
        }
    }
}

/// The JSON line of every directive and event line of the file at `path`
/// (without line ends), exactly as `ia87 replay --format json` prints them.
#[pyfunction]
pub fn replay_file(py: Python<'_>, path: PathBuf) -> PyResult<Vec<String>> {
    let bytes = read(&path)?;
    Ok(py.detach(|| {
        let mut sink = JsonSink {
            zone: Zone::Mainland,
            out: Vec::new(),
        };
        let mut runner = Runner::new();
        for raw in lines(&bytes) {
            runner.feed(raw, &mut sink);
        }
        runner.finish(&mut sink);
        sink.out
    }))
}

/// One failed expectation, or a rejected line that no `expect rejected=` covered.
struct Failure {
    file: String,
    line: u32,
    case: String,
    kind: &'static str,
    text: String,
    target: u32,
    actual: String,
    code: Option<&'static str>,
    rule: Option<&'static str>,
    message: Option<&'static str>,
}

struct CheckSink<'a> {
    file: String,
    raw: Vec<&'a [u8]>,
    zone: Zone,
    passed: u64,
    failed: u64,
    failures: Vec<Failure>,
}

impl CheckSink<'_> {
    fn text(&self, line: u32) -> String {
        let i = usize::try_from(line)
            .unwrap_or(usize::MAX)
            .saturating_sub(1);
        self.raw
            .get(i)
            .map(|r| String::from_utf8_lossy(r).trim().to_string())
            .unwrap_or_default()
    }
}

impl Sink for CheckSink<'_> {
    fn report(&mut self, report: Report<'_>) {
        match report {
            Report::Line { zone, .. } => self.zone = zone,
            Report::Expect { passed: true, .. } => self.passed = self.passed.saturating_add(1),
            Report::Expect {
                passed: false,
                line,
                target,
                case,
                result,
                ..
            } => {
                self.failed = self.failed.saturating_add(1);
                let mut actual = String::new();
                let _ = json::line(&mut actual, case, target, result, self.zone);
                self.failures.push(Failure {
                    file: self.file.clone(),
                    line,
                    case: case.to_string(),
                    kind: "expect",
                    text: self.text(line),
                    target,
                    actual,
                    code: None,
                    rule: None,
                    message: None,
                });
            }
            Report::Unexpected {
                line,
                case,
                rejection,
            } => {
                self.failed = self.failed.saturating_add(1);
                let mut actual = String::new();
                let _ = json::line(
                    &mut actual,
                    case,
                    line,
                    LineResult::Rejected(rejection, None),
                    self.zone,
                );
                self.failures.push(Failure {
                    file: self.file.clone(),
                    line,
                    case: case.to_string(),
                    kind: "unexpected-rejection",
                    text: self.text(line),
                    target: line,
                    actual,
                    code: Some(rejection.code.name()),
                    rule: rejection.rule.map(RuleId::id),
                    message: Some(rejection.message),
                });
            }
            _ => {}
        }
    }
}

/// The `.case` files under `path` (recursively, sorted), or `path` itself.
fn case_files(path: &Path, out: &mut Vec<PathBuf>) -> PyResult<()> {
    let meta = std::fs::metadata(path)
        .map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for e in entries {
        if e.is_dir() || e.extension().is_some_and(|x| x == "case") {
            case_files(&e, out)?;
        }
    }
    Ok(())
}

/// Runs the expectations of a case file (or of every `.case` file under a
/// directory): `(passed, failed, failures)`, counted as `ia87 check` counts.
#[pyfunction]
pub fn check_file<'py>(
    py: Python<'py>,
    path: PathBuf,
) -> PyResult<(u64, u64, Vec<Bound<'py, PyDict>>)> {
    let mut paths = Vec::new();
    case_files(&path, &mut paths)?;
    let mut contents = Vec::with_capacity(paths.len());
    for p in &paths {
        contents.push((p.display().to_string(), read(p)?));
    }
    let (passed, failed, failures) = py.detach(|| {
        let (mut passed, mut failed) = (0u64, 0u64);
        let mut failures = Vec::new();
        for (name, bytes) in &contents {
            let mut sink = CheckSink {
                file: name.clone(),
                raw: lines(bytes).collect(),
                zone: Zone::Mainland,
                passed: 0,
                failed: 0,
                failures: Vec::new(),
            };
            let mut runner = Runner::new();
            for raw in lines(bytes) {
                runner.feed(raw, &mut sink);
            }
            runner.finish(&mut sink);
            passed = passed.saturating_add(sink.passed);
            failed = failed.saturating_add(sink.failed);
            failures.append(&mut sink.failures);
        }
        (passed, failed, failures)
    });
    let list = failures
        .into_iter()
        .map(|f| {
            let d = PyDict::new(py);
            d.set_item("file", f.file)?;
            d.set_item("line", f.line)?;
            d.set_item("case", f.case)?;
            d.set_item("kind", f.kind)?;
            d.set_item("text", f.text)?;
            d.set_item("target", f.target)?;
            d.set_item("actual", f.actual)?;
            d.set_item("code", f.code)?;
            d.set_item("rule", f.rule)?;
            d.set_item("message", f.message)?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok((passed, failed, list))
}
