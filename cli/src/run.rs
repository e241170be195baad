//! Running one case file through the core line by line, as the commands
//! share it: bounded reading, the line each report is about, the column a
//! rejection is reported at, and the exit status.

use crate::diag;
use crate::engine::{self, Rejection, Runner, Sink};
use crate::escape;
use crate::input::{read_error, shown_path, Lines, GIVE_UP};
use crate::Fail;
use std::path::Path;

/// What a run found, for the exit code.
#[derive(Clone, Copy, Default, Debug)]
pub struct Tally {
    /// Expectations failed, or findings of the `--fail-on` severity (1).
    pub failed: bool,
    /// Input that is not valid (2).
    pub bad_input: bool,
    /// An engine limit dropped a line (3).
    pub limit: bool,
}

impl Tally {
    /// The exit code: the most serious of what happened.
    pub fn code(self) -> u8 {
        if self.limit {
            crate::EXIT_LIMIT
        } else if self.bad_input {
            crate::EXIT_BAD_INPUT
        } else if self.failed {
            crate::EXIT_FAILED
        } else {
            0
        }
    }

    /// Both tallies together.
    pub fn merge(&mut self, other: Tally) {
        self.failed |= other.failed;
        self.bad_input |= other.bad_input;
        self.limit |= other.limit;
    }
}

/// The line being read, and the last rejected line (a rejection is reported
/// as unexpected only when the next line shows no `expect rejected=` covers
/// it; blank lines and comments may come between).
#[derive(Default)]
pub struct Track {
    /// The file, as shown in messages.
    pub file: String,
    /// The current line's number.
    pub n: u32,
    /// The current line as read (at most `input::KEEP` bytes).
    pub raw: Vec<u8>,
    /// True when the current line is over the length limit.
    pub too_long: bool,
    /// For a `config` line: the column of the setting the case refuses.
    config_hint: Option<u16>,
    last_rejected: Option<(u32, String, u16)>,
}

impl Track {
    /// A track for `path`.
    pub fn new(path: &Path) -> Self {
        Track {
            file: shown_path(path),
            ..Track::default()
        }
    }

    /// The current line, escaped (cut when over the limit).
    pub fn shown(&self) -> String {
        escape::shown_line(&self.raw, self.too_long)
    }

    fn column_for(&self, r: &Rejection) -> u16 {
        if r.column > 0 {
            r.column
        } else if let Some(c) = self.config_hint {
            c
        } else {
            engine::column_hint(None, &self.raw)
        }
    }

    /// Remembers a rejected line: it may be reported later as unexpected.
    pub fn rejected(&mut self, line: u32, r: &Rejection) {
        if line == self.n {
            self.last_rejected = Some((line, self.shown(), self.column_for(r)));
        }
    }

    /// The shown text and 1-based column of line `line`'s rejection `r`.
    pub fn locate(&self, line: u32, r: &Rejection) -> (String, u16) {
        match &self.last_rejected {
            Some((n, shown, col)) if *n == line => (shown.clone(), *col),
            _ if line == self.n => (self.shown(), self.column_for(r)),
            _ => (String::new(), r.column.max(1)),
        }
    }

    /// `FILE:LINE:COLUMN` of line `line`'s rejection `r`.
    pub fn loc(&self, line: u32, r: &Rejection) -> String {
        format!("{}:{line}:{}", self.file, self.locate(line, r).1)
    }

    /// Reports an unexpected rejection on standard error when it is an
    /// input error or an engine limit, and counts it in `tally`.
    pub fn report_unexpected(&self, line: u32, r: &Rejection, tally: &mut Tally) {
        if engine::is_engine_limit(r) {
            tally.limit = true;
            diag::at(
                &self.loc(line, r),
                &format!(
                    "engine limit reached: {} ({}); the line was not applied",
                    r.message, r.code
                ),
            );
        } else if r.code.is_input_error() {
            tally.bad_input = true;
            diag::at(&self.loc(line, r), &format!("{} ({})", r.message, r.code));
        }
    }
}

/// A sink that keeps a [`Track`] and may ask the run to stop (its output
/// failed).
pub trait Tracked: Sink {
    /// The sink's track.
    fn track(&mut self) -> &mut Track;
    /// True when the run should stop.
    fn stopped(&self) -> bool;
    /// Called when a line over [`GIVE_UP`] bytes ended the reading.
    fn gave_up(&mut self);
    /// Called with each case of the file when it is complete (before the
    /// next `case` line, and at the end).
    fn case_done(&mut self, _case: &ia87_core::Case) {}
}

/// Feeds the lines of `path` to a new runner and `sink`.
pub fn run_file<S: Tracked>(path: &Path, sink: &mut S) -> Result<(), Fail> {
    let mut lines = Lines::open(path)?;
    let mut runner = Runner::new();
    let mut gave_up_at = None;
    loop {
        let line = lines.next_line().map_err(|e| read_error(path, &e))?;
        let Some(line) = line else { break };
        let gave_up = line.gave_up;
        {
            let t = sink.track();
            t.n = t.n.saturating_add(1);
            t.raw.clear();
            t.raw.extend_from_slice(line.bytes);
            t.too_long = line.too_long;
            t.config_hint = if engine::is_config_line(line.bytes) {
                Some(engine::column_hint(runner.case(), line.bytes))
            } else {
                None
            };
        }
        if engine::is_case_line(line.bytes) {
            if let Some(c) = runner.case() {
                sink.case_done(c);
            }
        }
        runner.feed(line.bytes, sink);
        if gave_up {
            gave_up_at = Some(sink.track().n);
            sink.gave_up();
        }
        if sink.stopped() {
            return Ok(());
        }
    }
    runner.finish(sink);
    if let Some(c) = runner.case() {
        sink.case_done(c);
    }
    if let Some(n) = gave_up_at {
        diag::at(
            &format!("{}:{n}", sink.track().file),
            &format!(
                "a line longer than {} MiB: the rest of the file is not read (line-too-long)",
                GIVE_UP >> 20
            ),
        );
    }
    Ok(())
}
