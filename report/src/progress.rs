//! A progress line for long inputs: `ia87: 42% (1,234 cases)` rewritten in
//! place on stderr, only when the input is large and stderr is a terminal
//! (so that pipes, logs and CI output stay clean).

use std::io::{IsTerminal, Write};

/// Inputs of at least this many bytes are "large".
pub const LARGE: u64 = 1 << 20;

/// A progress line (see the module documentation).
pub struct Progress {
    total: u64,
    done: u64,
    shown: Option<u64>,
    out: Option<Box<dyn Write>>,
}

impl Progress {
    /// No progress line.
    pub fn none() -> Self {
        Progress {
            total: 0,
            done: 0,
            shown: None,
            out: None,
        }
    }

    /// A progress line on stderr for an input of `total` bytes, if the input
    /// is large ([`LARGE`]) and stderr is a terminal.
    pub fn for_input(total: u64) -> Self {
        if total >= LARGE && std::io::stderr().is_terminal() {
            Progress::to(total, Box::new(std::io::stderr()))
        } else {
            Progress::none()
        }
    }

    /// A progress line for `total` bytes written to `out` (tests, other sinks).
    pub fn to(total: u64, out: Box<dyn Write>) -> Self {
        Progress {
            total,
            done: 0,
            shown: None,
            out: Some(out),
        }
    }

    /// True if the line is shown.
    pub fn enabled(&self) -> bool {
        self.out.is_some()
    }

    /// `bytes` more of the input were read; `cases` have been counted so far.
    pub fn advance(&mut self, bytes: u64, cases: u64) {
        self.done = self.done.saturating_add(bytes);
        let Some(out) = self.out.as_mut() else {
            return;
        };
        // Whole percent, rounded down (100% only at the very end).
        let pct = self
            .done
            .saturating_mul(100)
            .checked_div(self.total)
            .unwrap_or(100)
            .min(100);
        if self.shown != Some(pct) {
            self.shown = Some(pct);
            let _ = write!(out, "\ria87: {pct:3}% ({cases} cases)");
            let _ = out.flush();
        }
    }

    /// Ends the line (nothing if it was never shown).
    pub fn finish(&mut self) {
        if let (Some(out), Some(_)) = (self.out.as_mut(), self.shown) {
            let _ = writeln!(out);
            let _ = out.flush();
        }
        self.shown = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_line_is_rewritten_once_per_percent() {
        let buf = Shared::default();
        let mut p = Progress::to(200, Box::new(buf.clone()));
        p.advance(1, 0);
        p.advance(1, 1); // still 1%
        p.advance(98, 5);
        p.advance(100, 9);
        p.finish();
        let s = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        assert_eq!(
            s,
            "\ria87:   0% (0 cases)\ria87:   1% (1 cases)\ria87:  50% (5 cases)\ria87: 100% (9 cases)\n"
        );
    }

    #[test]
    fn small_or_piped_inputs_show_nothing() {
        // Under `cargo test` stderr may or may not be a terminal; a small
        // input is never shown either way.
        assert!(!Progress::for_input(10).enabled());
        let mut p = Progress::none();
        p.advance(10, 1);
        p.finish();
        assert!(!p.enabled());
    }
}
