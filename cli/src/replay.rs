//! `ia87 replay FILE…`: the timeline of each case, as text, JSON lines (the
//! core's own JSON, byte for byte what the C ABI and Python give) or one
//! HTML page.

use crate::engine::{self, json, LineResult, Report, Severity, Sink, Zone};
use crate::html::{HtmlCase, HtmlRow, Page};
use crate::output::Out;
use crate::run::{run_file, Tally, Track, Tracked};
use crate::{text, Fail, ReplayArgs, ReplayFormat};
use anstyle::Style;

struct ReplaySink<'a> {
    out: &'a mut Out,
    format: ReplayFormat,
    track: Track,
    tally: Tally,
    fail_on: Option<Severity>,
    io: Option<Fail>,
    color: bool,
    /// Per case: (id, events, rejected, findings by severity).
    summary: Option<(String, u32, u32, [u32; 5])>,
    page: Option<&'a mut Page>,
}

impl ReplaySink<'_> {
    fn write(&mut self, s: &str) {
        if self.io.is_none() && !s.is_empty() {
            if let Err(e) = self.out.put_str(s) {
                self.io = Some(e);
            }
        }
    }

    /// The closing line of a case's timeline.
    fn close_case(&mut self) {
        if let Some((id, events, rejected, by)) = self.summary.take() {
            if self.format != ReplayFormat::Text {
                return;
            }
            let mut parts: Vec<String> = Vec::new();
            for (i, n) in by.iter().enumerate() {
                if *n > 0 {
                    parts.push(format!("{n} {}", Severity::ALL[i].name()));
                }
            }
            let findings = if parts.is_empty() {
                "no findings".to_string()
            } else {
                parts.join(", ")
            };
            let s =
                format!("-- case {id}: {events} event lines, {rejected} rejected, {findings}\n\n");
            self.write(&s);
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
                match self.format {
                    ReplayFormat::Text => {
                        let head = format!("== case {case} ({})", self.track.file);
                        s.push_str(&text::paint(self.color, Style::new().bold(), &head));
                        s.push('\n');
                    }
                    ReplayFormat::Html => {
                        if let Some(p) = self.page.as_deref_mut() {
                            p.cases.push(HtmlCase::new(case, &self.track.file));
                        }
                    }
                    ReplayFormat::Json => {}
                }
            }
            Report::Line {
                line,
                case,
                result,
                event,
                zone,
            } => {
                if let LineResult::Rejected(r, ..) = result {
                    self.track.rejected(line, r);
                }
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
                    if let Some(sev) = self.fail_on {
                        if o.findings.iter().any(|f| f.severity == sev) {
                            self.tally.failed = true;
                        }
                    }
                }
                match self.format {
                    ReplayFormat::Json => {
                        let _ = json::line(&mut s, case, line, result, zone);
                        s.push('\n');
                    }
                    ReplayFormat::Text => {
                        let shown = self.track.shown();
                        text::line(&mut s, line, &shown, result, zone, self.color);
                    }
                    ReplayFormat::Html => {
                        let row = HtmlRow::new(
                            line,
                            zone,
                            &self.track.raw,
                            self.track.too_long,
                            event,
                            result,
                        );
                        if let Some(p) = self.page.as_deref_mut() {
                            if p.cases.is_empty() {
                                // Lines before any `case` line.
                                p.cases.push(HtmlCase::new("", &self.track.file));
                            }
                            if let Some(c) = p.cases.last_mut() {
                                c.zone = zone;
                                c.rows.push(row);
                            }
                        }
                    }
                }
            }
            Report::Unexpected {
                line, rejection, ..
            } => {
                self.track
                    .report_unexpected(line, rejection, &mut self.tally);
            }
            Report::Expect { .. } => {}
        }
        self.write(&s);
    }
}

impl Tracked for ReplaySink<'_> {
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

/// Runs `ia87 replay`.
pub fn run(args: &ReplayArgs) -> Result<u8, Fail> {
    let fail_on = match args.fail_on.as_deref() {
        None => None,
        Some(s) => Some(engine::severity(s).ok_or_else(|| {
            Fail::Usage(format!(
                "--fail-on is a severity ({})",
                engine::severity_names().join(", ")
            ))
        })?),
    };
    let color =
        args.format == ReplayFormat::Text && args.output.is_none() && crate::diag::stdout_color();
    let mut out = Out::to(args.output.as_deref(), &args.files)?;
    let mut page = Page::default();
    let mut tally = Tally::default();
    for path in &args.files {
        let mut sink = ReplaySink {
            out: &mut out,
            format: args.format,
            track: Track::new(path),
            tally: Tally::default(),
            fail_on,
            io: None,
            color,
            summary: None,
            page: Some(&mut page),
        };
        run_file(path, &mut sink)?;
        sink.close_case();
        if let Some(e) = sink.io.take() {
            return Err(e);
        }
        tally.merge(sink.tally);
    }
    if args.format == ReplayFormat::Html {
        let mut s = String::new();
        page.zone_default = Zone::Mainland;
        page.render(&mut s);
        out.put_str(&s)?;
    }
    out.finish()?;
    Ok(tally.code())
}
