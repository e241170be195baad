//! `ia87 audit FILE`: many cases in one event table, one findings table out.
//!
//! Input: CSV with a header row `case_id,at,verb,args…`; every further column
//! is a `key=value` token of the case language (empty cells are skipped), and
//! a row whose verb is `config`, `person` or `policy` applies that directive
//! (its `at` cell is ignored). Rows of one case must be in time order; cases
//! may interleave. A case-language file (`ia87 1` …) is also accepted.
//!
//! Output (`--format csv`, the default): `case_id,row,at,severity,code,rule`;
//! `--format json`: one JSON object per finding. Rejected rows are reported on
//! stderr with their row number and do not stop the run (exit code 2 at the end).

use crate::{for_each_line, parse_opts};
use ia87_core::lang::parse::{parse_line, Line};
use ia87_core::runner::{Report, Runner, Sink};
use ia87_core::time::Timestamp;
use ia87_core::{json, Case, Outcome};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

struct Out {
    w: Box<dyn Write>,
    json: bool,
    findings: u64,
}

impl Out {
    fn finding(
        &mut self,
        case: &str,
        row: u64,
        o: &Outcome,
        zone: ia87_core::time::Zone,
    ) -> Result<(), String> {
        for f in &o.findings {
            self.findings += 1;
            let at = Timestamp::new(f.at, zone);
            let line = if self.json {
                let mut s = String::from("{\"case\":");
                let _ = json::string(&mut s, case);
                s.push_str(&format!(
                    ",\"row\":{row},\"at\":\"{at}\",\"severity\":\"{}\",\"code\":\"{}\",\"rule\":\"{}\"}}\n",
                    f.severity, f.code, f.rule.id()
                ));
                s
            } else {
                format!(
                    "{},{row},{at},{},{},\"{}\"\n",
                    csv_field(case),
                    f.severity,
                    f.code,
                    f.rule.id()
                )
            };
            self.w
                .write_all(line.as_bytes())
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Splits one CSV record (RFC 4180 quoting).
fn csv_split(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches(['\r', '\n']).chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Rebuilds a case-language token from a CSV cell: a value with spaces is quoted.
fn token(cell: &str) -> String {
    match cell.split_once('=') {
        Some((k, v)) if v.contains([' ', '\t', '#']) && !v.starts_with('"') => {
            format!("{k}=\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
        }
        _ => cell.to_string(),
    }
}

struct FileSink<'a> {
    out: &'a mut Out,
    error: Option<String>,
    rejected: u64,
    file: String,
}

impl Sink for FileSink<'_> {
    fn report(&mut self, report: Report<'_>) {
        match report {
            Report::Line {
                line,
                case,
                result: ia87_core::lang::LineResult::Accepted(o),
                zone,
                ..
            } => {
                if let Err(e) = self.out.finding(case, u64::from(line), o, zone) {
                    self.error.get_or_insert(e);
                }
            }
            Report::Unexpected {
                line, rejection, ..
            } => {
                self.rejected += 1;
                eprintln!(
                    "{}:{line}:{}: {} ({})",
                    self.file, rejection.column, rejection.message, rejection.code
                );
            }
            _ => {}
        }
    }
}

pub fn run(args: &[String]) -> Result<u8, String> {
    if let Some(i) = args.iter().position(|a| a == "--report") {
        return report(args, i);
    }
    let opts = parse_opts(args, &["csv", "json"])?;
    let [file] = opts.files.as_slice() else {
        return Err("audit needs one input file".into());
    };
    let w: Box<dyn Write> = match &opts.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| format!("{p}: {e}"))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    let mut out = Out {
        w,
        json: opts.format.as_deref() == Some("json"),
        findings: 0,
    };
    if !out.json {
        out.w
            .write_all(b"case_id,row,at,severity,code,rule\n")
            .map_err(|e| e.to_string())?;
    }
    let path = Path::new(file);
    let mut rejected = 0u64;
    let mut rows = 0u64;
    if path.extension().is_some_and(|e| e == "case") {
        let mut sink = FileSink {
            out: &mut out,
            error: None,
            rejected: 0,
            file: file.clone(),
        };
        let mut runner = Runner::new();
        for_each_line(path, |raw| {
            rows += 1;
            runner.feed(raw, &mut sink);
        })?;
        runner.finish(&mut sink);
        if let Some(e) = sink.error {
            return Err(e);
        }
        rejected = sink.rejected;
    } else {
        let mut cases: HashMap<String, Case> = HashMap::new();
        let mut header = true;
        let mut err: Option<String> = None;
        for_each_line(path, |raw| {
            rows += 1;
            if err.is_some() {
                return;
            }
            let text = String::from_utf8_lossy(raw);
            if header {
                header = false;
                if text.starts_with("case_id") {
                    return;
                }
            }
            if text.trim().is_empty() {
                return;
            }
            let cells = csv_split(&text);
            let [id, at, verb, rest @ ..] = cells.as_slice() else {
                eprintln!("{file}:{rows}: expected case_id,at,verb,…");
                rejected += 1;
                return;
            };
            let args: Vec<String> = rest
                .iter()
                .filter(|c| !c.is_empty())
                .map(|c| token(c))
                .collect();
            let line = match verb.as_str() {
                "config" | "person" | "policy" => format!("{verb} {}", args.join(" ")),
                _ => format!("{at} {verb} {}", args.join(" ")),
            };
            let case = cases.entry(id.clone()).or_default();
            let result = match parse_line(line.as_bytes()) {
                Ok(Line::Event(e)) => case.apply(&e),
                Ok(Line::Config(items)) => {
                    case.configure(&items).and_then(|_| case.snapshot_outcome())
                }
                Ok(Line::Person(p)) => case.set_person(&p),
                Ok(Line::Policy(p)) => {
                    case.set_policy(p);
                    case.snapshot_outcome()
                }
                Ok(_) => Err(ia87_core::Rejection::new(
                    ia87_core::ErrorCode::BadSyntax,
                    "not an event row",
                )),
                Err(r) => Err(r),
            };
            match result {
                Ok(o) => {
                    if let Err(e) = out.finding(id, rows, &o, case.zone()) {
                        err = Some(e);
                    }
                }
                Err(r) => {
                    rejected += 1;
                    eprintln!("{file}:{rows}: case {id}: {} ({})", r.message, r.code);
                }
            }
        })?;
        if let Some(e) = err {
            return Err(e);
        }
    }
    out.w.flush().map_err(|e| e.to_string())?;
    eprintln!(
        "ia87 audit: {rows} rows, {} findings, {rejected} rejected",
        out.findings
    );
    Ok(if rejected > 0 { 2 } else { 0 })
}

/// `ia87 audit FILE --report ooh [--format text|csv|json] [--output FILE]`:
/// the oversight report of out-of-hours operations, counted and rendered by
/// `ia87-report` (the same code as the Python package's `report_ooh`).
fn report(args: &[String], at: usize) -> Result<u8, String> {
    use ia87_report::{ooh, CaseTable, Format, OohReport, Progress};
    match args.get(at + 1).map(String::as_str) {
        Some("ooh") => {}
        _ => return Err("--report is one of: ooh".into()),
    }
    let rest: Vec<String> = [&args[..at], &args[at + 2..]].concat();
    let opts = parse_opts(&rest, &["text", "csv", "json"])?;
    let [file] = opts.files.as_slice() else {
        return Err("audit needs one input file".into());
    };
    let format =
        Format::from_name(opts.format.as_deref().unwrap_or("text")).unwrap_or(Format::Text);
    let path = Path::new(file);
    let f = std::fs::File::open(path).map_err(|e| format!("{file}: {e}"))?;
    let mut progress = Progress::for_input(f.metadata().map_or(0, |m| m.len()));
    let mut input = std::io::BufReader::new(f);
    let (report, rejected) = if path.extension().is_some_and(|e| e == "case") {
        let mut r = OohReport::new();
        let stats =
            ooh::read_case_file(&mut input, &mut r, &mut progress, &mut |line, case, rej| {
                eprintln!("{file}:{line}: case {case}: {} ({})", rej.message, rej.code)
            })
            .map_err(|e| format!("{file}: {e}"))?;
        (r, stats.rejected)
    } else {
        let mut table = CaseTable::new();
        let (mut row, mut buf) = (0u64, Vec::new());
        loop {
            buf.clear();
            let n = std::io::BufRead::read_until(&mut input, b'\n', &mut buf)
                .map_err(|e| format!("{file}: {e}"))?;
            if n == 0 {
                break;
            }
            row += 1;
            progress.advance(n as u64, table.cases().count() as u64);
            let text = String::from_utf8_lossy(&buf);
            if (row == 1 && text.starts_with("case_id")) || text.trim().is_empty() {
                continue;
            }
            let cells = csv_split(&text);
            let [id, at, verb, keys @ ..] = cells.as_slice() else {
                eprintln!("{file}:{row}: expected case_id,at,verb,…");
                continue;
            };
            let keys: Vec<&str> = keys
                .iter()
                .map(String::as_str)
                .filter(|c| !c.is_empty())
                .collect();
            if table.row(id, Some(at.as_str()), verb, &keys).is_none() {
                if let Some(r) = table.rejected.last() {
                    eprintln!("{file}:{row}: case {id}: {} ({})", r.message, r.code);
                }
            }
        }
        progress.finish();
        (table.report(), table.rejected.len() as u64)
    };
    let text = report.render(format);
    match &opts.output {
        Some(p) => std::fs::write(p, text).map_err(|e| format!("{p}: {e}"))?,
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string())?,
    }
    Ok(if rejected > 0 { 2 } else { 0 })
}
