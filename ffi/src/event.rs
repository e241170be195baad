//! [`IA87Event`] to a case-language line: the line a binary event stands for.
//!
//! `ia87_case_apply_event` does not use this module: it converts the event
//! directly ([`crate::typed`]), so that a firmware calling it does not link the
//! text parser. [`render`] is the reference that conversion is tested against
//! (`ffi/tests/typed.rs`, `fuzz/fuzz_targets/ffi_apply.rs`): rendering an event
//! and applying its line must give the same outcome as applying the event,
//! once a rejection's column is read as the argument it falls in
//! ([`Spans::arg_at`]). No exported function calls it, so the linker drops it
//! from firmware.

use crate::convert::instant;
use crate::text::Local;
use crate::types::{IA87Event, IA87Status, IA87_MAX_ARGS, IA87_NONE};
use crate::vocab::{self, KeyType};
use core::fmt::Write;
use ia87_core::time::UtcTimestamp;
use ia87_core::{ErrorCode, Rejection, Verb};

/// Room for a rendered line (16 arguments stay far below the core's 1024 bytes).
///
/// cbindgen:ignore
pub const RENDER_MAX: usize = 1100;

/// A rendered event line and where each argument sits in it.
pub struct Rendered {
    /// The line.
    pub line: Local<RENDER_MAX>,
    /// Where the arguments are.
    pub spans: Spans,
}

/// Where each argument of a rendered event sits in its line.
#[derive(Clone, Copy, Debug)]
pub struct Spans {
    /// For each argument, its 1-based first and last byte columns.
    pub spans: [(u16, u16); IA87_MAX_ARGS],
    /// Number of arguments.
    pub count: usize,
}

impl Spans {
    /// The 1-based argument index that holds byte `column` (0: none).
    pub fn arg_at(&self, column: u16) -> u16 {
        let c = column;
        self.spans
            .iter()
            .take(self.count)
            .position(|&(a, b)| a <= c && c <= b)
            .and_then(|i| u16::try_from(i.saturating_add(1)).ok())
            .unwrap_or(0)
    }
}

/// Why an event could not be rendered.
pub enum RenderError {
    /// A caller error (unknown code, too many arguments).
    Status(IA87Status),
    /// A value the case language cannot express (an instant out of range).
    Reject(Rejection),
}

fn out_of_range(arg: u16) -> RenderError {
    RenderError::Reject(
        Rejection::new(
            ErrorCode::BadTimestamp,
            "instant out of range (years 0001 to 9999)",
        )
        .at_column(arg),
    )
}

fn date(w: &mut Local<RENDER_MAX>, v: i64) -> core::fmt::Result {
    if (1..=9999_1231).contains(&v) {
        let (y, m, d) = (v / 10000, (v / 100) % 100, v % 100);
        write!(w, "{y:04}-{m:02}-{d:02}")
    } else {
        // Not a date: the parser rejects it as a bad value.
        w.write_str("0000-00-00")
    }
}

fn word(code: u16) -> Result<&'static str, RenderError> {
    vocab::word(code).ok_or(RenderError::Status(IA87Status::IA87_ERR_UNKNOWN_CODE))
}

/// Writes `ev` as a case-language line.
#[inline(never)]
pub fn render(ev: &IA87Event) -> Result<Rendered, RenderError> {
    let full = || RenderError::Status(IA87Status::IA87_ERR_CAPACITY);
    let verb =
        Verb::from_code(ev.verb).ok_or(RenderError::Status(IA87Status::IA87_ERR_UNKNOWN_CODE))?;
    let n = usize::from(ev.arg_count);
    let args = ev
        .args
        .get(..n)
        .ok_or(RenderError::Status(IA87Status::IA87_ERR_BAD_ARGUMENT))?;
    let at = instant(ev.at).ok_or_else(|| out_of_range(0))?;
    let mut r = Rendered {
        line: Local::new(),
        spans: Spans {
            spans: [(0, 0); IA87_MAX_ARGS],
            count: n,
        },
    };
    write!(r.line, "{} {}", UtcTimestamp(at), verb.name()).map_err(|_| full())?;
    for (i, (a, span)) in args.iter().zip(r.spans.spans.iter_mut()).enumerate() {
        let index = u16::try_from(i.saturating_add(1)).unwrap_or(0);
        let (key, ty) =
            vocab::key(a.key).ok_or(RenderError::Status(IA87Status::IA87_ERR_UNKNOWN_CODE))?;
        r.line.push(b" ").map_err(|_| full())?;
        let start = r.line.len().saturating_add(1);
        write!(r.line, "{key}=").map_err(|_| full())?;
        let w = &mut r.line;
        match ty {
            KeyType::Word => w.write_str(word(a.word)?),
            KeyType::Number => write!(w, "{}", a.value),
            KeyType::Date => date(w, a.value),
            KeyType::Timestamp => {
                let t = instant(a.value).ok_or_else(|| out_of_range(index))?;
                write!(w, "{}", UtcTimestamp(t))
            }
            KeyType::Text => w.write_str("x"),
            // An id that does not unpack is written as one too long for the
            // parser (which rejects it as a bad value).
            KeyType::Id => match ia87_core::lang::values::OfficerId::from_i64(a.value) {
                Some(id) => w.write_str(id.as_str()),
                None => w.write_str("not-an-id"),
            },
            KeyType::Parent => {
                let kind = match a.word2 {
                    IA87_NONE => "",
                    k => word(k)?,
                };
                write!(w, "{}:{kind}:", word(a.word)?).and_then(|()| match a.value {
                    0 => Ok(()),
                    v => date(w, v),
                })
            }
        }
        .map_err(|_| full())?;
        let col = |x: usize| u16::try_from(x).unwrap_or(u16::MAX);
        *span = (col(start), col(r.line.len()));
    }
    Ok(r)
}

/// What the text form of `ev` parses to, with the column of a rejection read
/// as the index of the argument it falls in: the reference for
/// [`crate::typed::event`]. A text form longer than the 1024-byte line limit
/// is the rejection `line-too-long`, which the typed path does not have.
pub fn via_text(ev: &IA87Event) -> Result<Result<ia87_core::Event, Rejection>, IA87Status> {
    let rendered = match render(ev) {
        Err(RenderError::Status(s)) => return Err(s),
        Err(RenderError::Reject(r)) => return Ok(Err(r)),
        Ok(r) => r,
    };
    match ia87_core::parse_line(rendered.line.bytes()) {
        Ok(ia87_core::Line::Event(e)) => Ok(Ok(e)),
        Ok(_) => Err(IA87Status::IA87_ERR_BAD_ARGUMENT),
        Err(mut r) => {
            r.column = rendered.spans.arg_at(r.column);
            Ok(Err(r))
        }
    }
}
