//! `ia87`: the command line (case-format.md §6).
//!
//! ```text
//! ia87 replay FILE… [--format text|json]
//! ia87 check FILE|DIR…
//! ia87 audit FILE [--format csv|json] [--output FILE]
//! ia87 diagram MACHINE [--format mermaid|dot]
//! ia87 rules [--format text|json]
//! ```
//!
//! Exit codes: 0 success; 1 expectations failed (or findings with
//! `--fail-on`); 2 bad input, with the file, line and column.

mod audit;
mod diagram;
mod text;

use ia87_core::json;
use ia87_core::lang::expect::LineResult;
use ia87_core::runner::{Report, Runner, Sink};
use ia87_core::time::Zone;
use ia87_core::RuleId;
use std::fmt::Write as _;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  ia87 replay FILE... [--format text|json] [--fail-on SEVERITY]
  ia87 check FILE|DIR...
  ia87 audit FILE [--format csv|json] [--output FILE]
  ia87 diagram MACHINE [--format mermaid|dot]      (MACHINE: status, border, eligibility, transit, removal, removal-detention)
  ia87 rules [--format text|json]

exit codes: 0 ok, 1 expectations failed (or findings with --fail-on), 2 bad input";

/// Exit code for bad input.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(BAD_INPUT);
    };
    let result = match cmd.as_str() {
        "replay" => replay(rest),
        "check" => check(rest),
        "audit" => audit::run(rest),
        "diagram" => diagram::run(rest),
        "rules" => rules(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(0)
        }
        "--version" | "-V" => {
            println!("ia87 {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("ia87: {msg}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

/// Options common to the commands.
pub(crate) struct Opts {
    pub files: Vec<String>,
    pub format: Option<String>,
    pub fail_on: Option<String>,
    pub output: Option<String>,
}

pub(crate) fn parse_opts(args: &[String], formats: &[&str]) -> Result<Opts, String> {
    let mut o = Opts {
        files: Vec::new(),
        format: None,
        fail_on: None,
        output: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match a.as_str() {
            "--format" => {
                let v = value("--format")?;
                if !formats.contains(&v.as_str()) {
                    return Err(format!("--format is one of: {}", formats.join(", ")));
                }
                o.format = Some(v);
            }
            "--fail-on" => o.fail_on = Some(value("--fail-on")?),
            "--output" | "-o" => o.output = Some(value("--output")?),
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`\n{USAGE}")),
            s => o.files.push(s.to_string()),
        }
    }
    Ok(o)
}

/// Calls `f` for each line of `path`, as raw bytes (a line may not be UTF-8).
pub(crate) fn for_each_line(path: &Path, mut f: impl FnMut(&[u8])) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut reader = io::BufReader::new(file);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if n == 0 {
            return Ok(());
        }
        f(&buf);
    }
}

// ------------------------------------------------------------------ replay

struct ReplaySink<'a> {
    out: &'a mut dyn Write,
    json: bool,
    file: String,
    raw: String,
    zone: Zone,
    input_errors: u32,
    findings: Vec<ia87_core::Severity>,
    io_error: Option<io::Error>,
    /// Per case: (id, events, rejected, findings by severity).
    summary: Option<(String, u32, u32, [u32; 5])>,
}

impl ReplaySink<'_> {
    /// The closing line of a case's timeline.
    fn close_case(&mut self) {
        if let Some((id, events, rejected, by)) = self.summary.take() {
            if self.json {
                return;
            }
            let mut parts: Vec<String> = Vec::new();
            for (i, n) in by.iter().enumerate() {
                if *n > 0 {
                    parts.push(format!("{n} {}", ia87_core::Severity::ALL[i].name()));
                }
            }
            let findings = if parts.is_empty() {
                "no findings".to_string()
            } else {
                parts.join(", ")
            };
            let s =
                format!("-- case {id}: {events} event lines, {rejected} rejected, {findings}\n\n");
            if let Err(e) = self.out.write_all(s.as_bytes()) {
                self.io_error.get_or_insert(e);
            }
        }
    }
}

impl Sink for ReplaySink<'_> {
    fn report(&mut self, report: Report<'_>) {
        let mut s = String::new();
        match report {
            Report::CaseStart { case, .. } => {
                self.close_case();
                self.summary = Some((case.to_string(), 0, 0, [0; 5]));
                if !self.json {
                    let _ = writeln!(s, "== case {case} ({})", self.file);
                }
            }
            Report::Line {
                line,
                case,
                result,
                event,
                zone,
            } => {
                self.zone = zone;
                if let Some((_, events, rejected, by)) = self.summary.as_mut() {
                    if event {
                        *events += 1;
                    }
                    match result {
                        LineResult::Accepted(o) => {
                            for f in &o.findings {
                                by[usize::from(f.severity.code())] += 1;
                            }
                        }
                        LineResult::Rejected(..) => *rejected += 1,
                    }
                }
                if let LineResult::Accepted(o) = result {
                    self.findings.extend(o.findings.iter().map(|f| f.severity));
                }
                if self.json {
                    let _ = json::line(&mut s, case, line, result, self.zone);
                    s.push('\n');
                } else {
                    text::line(&mut s, line, self.raw.trim_end(), result, self.zone);
                }
            }
            Report::Unexpected {
                line, rejection, ..
            } if rejection.code.is_input_error() => {
                self.input_errors += 1;
                eprintln!(
                    "{}:{}:{}: {} ({})",
                    self.file, line, rejection.column, rejection.message, rejection.code
                );
            }
            _ => {}
        }
        if let Err(e) = self.out.write_all(s.as_bytes()) {
            self.io_error.get_or_insert(e);
        }
    }
}

fn replay(args: &[String]) -> Result<u8, String> {
    let opts = parse_opts(args, &["text", "json"])?;
    if opts.files.is_empty() {
        return Err(format!("replay needs a case file\n{USAGE}"));
    }
    let fail_on = match opts.fail_on.as_deref() {
        None => None,
        Some(s) => Some(
            ia87_core::Severity::from_name(s)
                .ok_or("--fail-on is a severity (violation, warning, gap, undetermined, info)")?,
        ),
    };
    let stdout = io::stdout();
    let mut lock = io::BufWriter::new(stdout.lock());
    let mut code = 0u8;
    for f in &opts.files {
        let path = PathBuf::from(f);
        let mut sink = ReplaySink {
            out: &mut lock,
            json: opts.format.as_deref() == Some("json"),
            file: f.clone(),
            raw: String::new(),
            zone: Zone::Mainland,
            input_errors: 0,
            findings: Vec::new(),
            io_error: None,
            summary: None,
        };
        let mut runner = Runner::new();
        for_each_line(&path, |raw| {
            sink.raw = String::from_utf8_lossy(raw).into_owned();
            runner.feed(raw, &mut sink);
        })?;
        runner.finish(&mut sink);
        sink.close_case();
        if let Some(e) = sink.io_error {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Ok(code);
            }
            return Err(format!("writing output: {e}"));
        }
        if sink.input_errors > 0 {
            code = BAD_INPUT;
        } else if code == 0 && fail_on.is_some_and(|s| sink.findings.contains(&s)) {
            code = 1;
        }
    }
    lock.flush().map_err(|e| format!("writing output: {e}"))?;
    Ok(code)
}

// ------------------------------------------------------------------ check

struct CheckSink {
    file: String,
    raw_lines: Vec<String>,
    passed: u32,
    failed: u32,
    input_errors: u32,
}

impl Sink for CheckSink {
    fn report(&mut self, report: Report<'_>) {
        match report {
            Report::Expect { passed: true, .. } => self.passed += 1,
            Report::Expect {
                passed: false,
                line,
                target,
                case,
                expectation,
                result,
            } => {
                self.failed += 1;
                let raw = self
                    .raw_lines
                    .get(line as usize - 1)
                    .map_or("", |s| s.trim());
                println!("FAIL {}:{line}: case {case}: `{raw}`", self.file);
                println!("     {}", text::actual(expectation, result, target));
            }
            Report::Unexpected {
                line,
                case,
                rejection,
            } => {
                self.failed += 1;
                if rejection.code.is_input_error() {
                    self.input_errors += 1;
                }
                let raw = self
                    .raw_lines
                    .get(line as usize - 1)
                    .map_or("", |s| s.trim());
                println!(
                    "FAIL {}:{line}:{}: case {case}: rejected without an `expect rejected=`: {} ({}{}): `{raw}`",
                    self.file,
                    rejection.column,
                    rejection.message,
                    rejection.code,
                    rejection.rule.map(|r| format!(", {}", r.cite())).unwrap_or_default()
                );
            }
            _ => {}
        }
    }
}

fn collect_case_files(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "case") {
                collect_case_files(&e, out)?;
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn check(args: &[String]) -> Result<u8, String> {
    let opts = parse_opts(args, &[])?;
    if opts.files.is_empty() {
        return Err(format!("check needs a file or directory\n{USAGE}"));
    }
    let mut files = Vec::new();
    for f in &opts.files {
        collect_case_files(Path::new(f), &mut files)?;
    }
    let (mut passed, mut failed, mut input_errors) = (0, 0, 0);
    for path in &files {
        let mut sink = CheckSink {
            file: path.display().to_string(),
            raw_lines: Vec::new(),
            passed: 0,
            failed: 0,
            input_errors: 0,
        };
        let mut runner = Runner::new();
        for_each_line(path, |raw| {
            sink.raw_lines
                .push(String::from_utf8_lossy(raw).into_owned());
            runner.feed(raw, &mut sink);
        })?;
        runner.finish(&mut sink);
        passed += sink.passed;
        failed += sink.failed;
        input_errors += sink.input_errors;
    }
    println!("{passed} passed, {failed} failed");
    Ok(if input_errors > 0 {
        BAD_INPUT
    } else if failed > 0 {
        1
    } else {
        0
    })
}

// ------------------------------------------------------------------ rules

fn rules(args: &[String]) -> Result<u8, String> {
    let opts = parse_opts(args, &["text", "json"])?;
    let mut s = String::new();
    if opts.format.as_deref() == Some("json") {
        s.push('[');
        for (i, r) in RuleId::ALL.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str("\n{\"id\":");
            let _ = json::string(&mut s, r.id());
            s.push_str(",\"cite\":");
            let _ = json::string(&mut s, r.cite());
            s.push_str(",\"summary\":");
            let _ = json::string(&mut s, r.summary());
            s.push_str(",\"quote\":");
            let _ = json::string(&mut s, r.quote());
            let _ = write!(
                s,
                ",\"in-force\":\"{}\"}}",
                ia87_core::time::DateDisplay(r.in_force_from())
            );
        }
        s.push_str("\n]\n");
    } else {
        for r in RuleId::ALL {
            let _ = writeln!(s, "{:<18} {:<18} {}", r.id(), r.cite(), r.summary());
        }
    }
    io::stdout()
        .write_all(s.as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(0)
}
