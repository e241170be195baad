//! `ia87 check FILE|DIR…`: runs the expectations of case files.

use crate::engine::{LineResult, Report, Sink};
use crate::input::case_files;
use crate::output::Out;
use crate::run::{run_file, Tally, Track, Tracked};
use crate::{diag, text, CheckArgs, Fail};
use anstyle::{AnsiColor, Style};

struct CheckSink<'a> {
    out: &'a mut Out,
    track: Track,
    tally: Tally,
    passed: u32,
    failed: u32,
    io: Option<Fail>,
    color: bool,
}

impl CheckSink<'_> {
    fn write(&mut self, s: &str) {
        if self.io.is_none() {
            if let Err(e) = self.out.put_str(s) {
                self.io = Some(e);
            }
        }
    }

    fn fail_tag(&self) -> String {
        text::paint(
            self.color,
            Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            "FAIL",
        )
    }
}

impl Sink for CheckSink<'_> {
    fn report(&mut self, report: Report<'_>) {
        match report {
            Report::Line {
                line,
                result: LineResult::Rejected(r, ..),
                ..
            } => self.track.rejected(line, r),
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
                let shown = self.track.shown();
                let s = format!(
                    "{} {}:{line}: case {case}: `{}`\n     {}\n",
                    self.fail_tag(),
                    self.track.file,
                    shown.trim(),
                    text::actual(expectation, result, target)
                );
                self.write(&s);
            }
            Report::Unexpected {
                line,
                case,
                rejection,
            } => {
                self.failed += 1;
                let (shown, column) = self.track.locate(line, rejection);
                self.track
                    .report_unexpected(line, rejection, &mut self.tally);
                let s = format!(
                    "{} {}:{line}:{column}: case {case}: rejected without an `expect rejected=`: {} ({}{}): `{}`\n",
                    self.fail_tag(),
                    self.track.file,
                    rejection.message,
                    rejection.code,
                    rejection
                        .rule
                        .map(|r| format!(", {}", r.cite()))
                        .unwrap_or_default(),
                    shown.trim()
                );
                self.write(&s);
            }
            _ => {}
        }
    }
}

impl Tracked for CheckSink<'_> {
    fn track(&mut self) -> &mut Track {
        &mut self.track
    }
    fn stopped(&self) -> bool {
        self.io.is_some()
    }
    fn gave_up(&mut self) {
        self.tally.bad_input = true;
    }
}

/// Runs `ia87 check`.
pub fn run(args: &CheckArgs) -> Result<u8, Fail> {
    let files = case_files(&args.paths)?;
    let color = diag::stdout_color();
    let mut out = Out::stdout();
    let (mut passed, mut failed) = (0u32, 0u32);
    let mut tally = Tally::default();
    let bar = diag::progress(files.len() as u64, "files", true);
    bar.message("check");
    for path in &files {
        let mut sink = CheckSink {
            out: &mut out,
            track: Track::new(path),
            tally: Tally::default(),
            passed: 0,
            failed: 0,
            io: None,
            color,
        };
        run_file(path, &mut sink)?;
        if let Some(e) = sink.io.take() {
            return Err(e);
        }
        passed += sink.passed;
        failed += sink.failed;
        tally.merge(sink.tally);
        bar.inc(1);
    }
    drop(bar);
    tally.failed |= failed > 0;
    let summary = format!("{passed} passed, {failed} failed");
    let style = if failed > 0 {
        Style::new().bold().fg_color(Some(AnsiColor::Red.into()))
    } else {
        Style::new().bold().fg_color(Some(AnsiColor::Green.into()))
    };
    out.put_str(&text::paint(color, style, &summary))?;
    out.put_str("\n")?;
    out.finish()?;
    Ok(tally.code())
}
