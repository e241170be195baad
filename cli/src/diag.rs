//! Messages on standard error, and the progress bar.
//!
//! Nothing here can panic or fail the command: a message that cannot be
//! written (standard error closed or full) is dropped. While a progress bar
//! is shown, messages are printed above it.

use anstyle::{AnsiColor, Style};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::sync::{Mutex, OnceLock};

static BAR: Mutex<Option<ProgressBar>> = Mutex::new(None);
static COLOR: OnceLock<bool> = OnceLock::new();

/// Whether standard error takes colour (a terminal, no `NO_COLOR`, and no
/// `--color never`).
pub fn color() -> bool {
    *COLOR.get_or_init(|| {
        anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
    })
}

/// Whether standard output takes colour.
pub fn stdout_color() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// Writes one line to standard error.
pub fn line(text: &str) {
    let write = || {
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(text.as_bytes());
        let _ = e.write_all(b"\n");
        let _ = e.flush();
    };
    match BAR.lock() {
        Ok(guard) => match guard.as_ref() {
            Some(bar) => bar.suspend(write),
            None => write(),
        },
        Err(_) => write(),
    }
}

/// `text` in `style` when standard error takes colour.
pub fn paint(style: Style, text: &str) -> String {
    if color() {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// An error of the command as a whole: `ia87: error: …`.
pub fn error(msg: &str) {
    let tag = paint(
        Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
        "error",
    );
    line(&format!("ia87: {tag}: {msg}"));
}

/// A located message: `FILE:LINE:COLUMN: …`.
pub fn at(loc: &str, msg: &str) {
    line(&format!("{}: {msg}", paint(Style::new().bold(), loc)));
}

/// Shows a progress bar of `total` units on standard error, when standard
/// error is a terminal; otherwise nothing is drawn. A command that writes
/// its results to standard output (`stdout_used`) draws no bar when that is
/// a terminal too, so that results and bar never share a line.
pub fn progress(total: u64, unit: &str, stdout_used: bool) -> Progress {
    if !std::io::stderr().is_terminal()
        || (stdout_used && std::io::stdout().is_terminal())
        || total == 0
    {
        return Progress(None);
    }
    let template = match unit {
        "bytes" => "{spinner} {msg} [{bar:30}] {bytes}/{total_bytes} ({eta})",
        _ => "{spinner} {msg} [{bar:30}] {pos}/{len} {prefix} ({eta})",
    };
    let style = ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(8))
        .with_style(style)
        .with_prefix(unit.to_string());
    if let Ok(mut g) = BAR.lock() {
        *g = Some(bar.clone());
    }
    Progress(Some(bar))
}

/// A progress bar, perhaps hidden; cleared when dropped.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// Moves the bar to `pos`.
    pub fn set(&self, pos: u64) {
        if let Some(b) = &self.0 {
            b.set_position(pos);
        }
    }

    /// Advances the bar by `n`.
    pub fn inc(&self, n: u64) {
        if let Some(b) = &self.0 {
            b.inc(n);
        }
    }

    /// The message beside the bar.
    pub fn message(&self, m: &str) {
        if let Some(b) = &self.0 {
            b.set_message(m.to_string());
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(b) = self.0.take() {
            b.finish_and_clear();
            if let Ok(mut g) = BAR.lock() {
                *g = None;
            }
        }
    }
}
