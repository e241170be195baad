//! Splitting one line of the case language into tokens (case-format.md §1).
//!
//! - At most [`MAX_LINE`] bytes; UTF-8; no NUL bytes.
//! - Tokens are separated by spaces or tabs; `#` outside a quoted value starts a
//!   comment that runs to the end of the line.
//! - A token is a bare token (`[A-Za-z0-9._:+()/@-]+`), optionally `KEY=VALUE`,
//!   where VALUE may instead be a double-quoted string with `\"` and `\\`
//!   escapes of at most [`MAX_QUOTED`] bytes.
//!
//! The lexer never allocates: tokens borrow from the line.

use crate::outcome::{ErrorCode, Rejection};
use heapless::Vec;

/// The longest line, in bytes (excluding the line end).
pub const MAX_LINE: usize = 1024;
/// The longest quoted value, in bytes after unescaping.
pub const MAX_QUOTED: usize = 255;
/// The most tokens on one line.
pub const MAX_TOKENS: usize = 40;

/// One token of a line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Token<'a> {
    /// The key, when the token is `KEY=VALUE`.
    pub key: Option<&'a str>,
    /// The value (the whole token when there is no key); for a quoted value,
    /// the text between the quotes, escapes not yet removed.
    pub value: &'a str,
    /// True if the value was quoted.
    pub quoted: bool,
    /// 1-based byte column where the token starts.
    pub column: u16,
    /// 1-based byte column where the value starts.
    pub value_column: u16,
}

/// A tokenised line.
pub type Tokens<'a> = Vec<Token<'a>, MAX_TOKENS>;

/// Which bytes a bare token is made of: `[A-Za-z0-9._:+()/@-]`. Evaluated by
/// the compiler (an index out of bounds would be a compile error).
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const BARE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0usize;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'.' | b'_' | b':' | b'+' | b'(' | b')' | b'/' | b'@' | b'-'
            );
        c += 1;
    }
    t
};

fn is_bare(c: u8) -> bool {
    // A u8 always indexes a 256-entry table.
    BARE.get(usize::from(c)).copied().unwrap_or(false)
}

/// The length of the run of bare bytes of `b` from `i`.
fn bare_run(b: &[u8], i: usize) -> usize {
    let rest = b.get(i..).unwrap_or(&[]);
    rest.iter().position(|&c| !is_bare(c)).unwrap_or(rest.len())
}

fn col(i: usize) -> u16 {
    u16::try_from(i.saturating_add(1)).unwrap_or(u16::MAX)
}

/// Checks the raw bytes of a line and returns it as text, without its line end.
pub fn line_text(raw: &[u8]) -> Result<&str, Rejection> {
    let raw = match raw {
        [rest @ .., b'\r'] => rest,
        other => other,
    };
    if raw.len() > MAX_LINE {
        return Err(
            Rejection::new(ErrorCode::LineTooLong, "line is longer than 1024 bytes")
                .at_column(col(MAX_LINE)),
        );
    }
    if let Some(i) = find_nul(raw) {
        return Err(Rejection::new(ErrorCode::BadUtf8, "NUL byte in line").at_column(col(i)));
    }
    core::str::from_utf8(raw).map_err(|e| {
        Rejection::new(ErrorCode::BadUtf8, "line is not valid UTF-8")
            .at_column(col(e.valid_up_to()))
    })
}

/// The position of the first NUL byte of `raw`, looking at 8 bytes at a time
/// (a word has a zero byte iff `(w - 0x01…01) & !w & 0x80…80` is not zero).
fn find_nul(raw: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = raw.chunks_exact(8);
    let mut at = 0usize;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let w = u64::from_le_bytes(w);
        if w.wrapping_sub(ONES) & !w & HIGHS != 0 {
            return c.iter().position(|&b| b == 0).map(|i| at.saturating_add(i));
        }
        at = at.saturating_add(8);
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == 0)
        .map(|i| at.saturating_add(i))
}

/// Splits a line (already checked by [`line_text`]) into tokens.
pub fn tokenize(line: &str) -> Result<Tokens<'_>, Rejection> {
    let mut out = Tokens::new();
    tokenize_into(line, true, &mut out)?;
    Ok(out)
}

/// Splits one cell of tabular input into tokens: as [`tokenize`], but a `#`
/// outside a quoted value is an error (comments belong to case files; in a
/// cell they would silently drop the rest of it), and so is any control
/// character, quoted or not.
pub fn tokenize_cell(cell: &str) -> Result<Tokens<'_>, Rejection> {
    if let Some(i) = cell.bytes().position(|c| c < 0x20 || c == 0x7F) {
        return Err(
            Rejection::new(ErrorCode::BadSyntax, "control character in a cell").at_column(col(i)),
        );
    }
    let mut out = Tokens::new();
    tokenize_append(cell, false, &mut out)?;
    Ok(out)
}

/// [`tokenize_cell`], adding the cell's tokens to those already in `out`
/// (tabular input gathers the tokens of several key cells in one list,
/// without a copy of each cell's list).
pub(crate) fn tokenize_cell_append<'a>(
    cell: &'a str,
    out: &mut Tokens<'a>,
) -> Result<(), Rejection> {
    if let Some(i) = cell.bytes().position(|c| c < 0x20 || c == 0x7F) {
        return Err(
            Rejection::new(ErrorCode::BadSyntax, "control character in a cell").at_column(col(i)),
        );
    }
    tokenize_append(cell, false, out)
}

/// Splits `line` into `out` (cleared first); with `comments`, a `#` outside a
/// quoted value ends the line, without it it is an error. Scans runs of bare
/// bytes at a time (a 256-entry table), not byte by byte.
pub(crate) fn tokenize_into<'a>(
    line: &'a str,
    comments: bool,
    out: &mut Tokens<'a>,
) -> Result<(), Rejection> {
    out.clear();
    tokenize_append(line, comments, out)
}

/// [`tokenize_into`] without clearing `out` first.
fn tokenize_append<'a>(
    line: &'a str,
    comments: bool,
    out: &mut Tokens<'a>,
) -> Result<(), Rejection> {
    let b = line.as_bytes();
    // Offsets below stay within the line (`i <= b.len()`, and a slice is
    // shorter than isize::MAX): the wrapping additions are exact.
    let mut i = 0usize;
    loop {
        // Skip separators.
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i = i.wrapping_add(1);
        }
        let start = i;
        match b.get(i) {
            None => return Ok(()),
            Some(b'#') if comments => return Ok(()),
            Some(b'#') => {
                return Err(Rejection::new(
                    ErrorCode::BadSyntax,
                    "'#' is not allowed in a cell outside a quoted value",
                )
                .at_column(col(i)))
            }
            _ => {}
        }
        let mut key_end: Option<usize> = None;
        let mut value_start = start;
        let mut quoted = false;
        let value_end;
        loop {
            i = i.wrapping_add(bare_run(b, i));
            match b.get(i) {
                None | Some(b' ' | b'\t' | b'#') => {
                    value_end = i;
                    break;
                }
                Some(b'=') if key_end.is_none() && i > start => {
                    key_end = Some(i);
                    i = i.wrapping_add(1);
                    value_start = i;
                }
                Some(b'"') if i == value_start => {
                    // A quoted value: up to the closing unescaped quote.
                    quoted = true;
                    i = i.wrapping_add(1);
                    let qstart = i;
                    let mut escapes = 0usize;
                    loop {
                        // Jump to the next quote or backslash.
                        let rest = b.get(i..).unwrap_or(&[]);
                        match rest.iter().position(|&c| c == b'"' || c == b'\\') {
                            None => {
                                return Err(Rejection::new(
                                    ErrorCode::BadSyntax,
                                    "quoted value is not closed",
                                )
                                .at_column(col(value_start)))
                            }
                            Some(p) => i = i.wrapping_add(p),
                        }
                        if b.get(i) == Some(&b'"') {
                            break;
                        }
                        match b.get(i.wrapping_add(1)) {
                            Some(b'"' | b'\\') => {
                                i = i.wrapping_add(2);
                                escapes = escapes.wrapping_add(1);
                            }
                            _ => {
                                return Err(Rejection::new(
                                    ErrorCode::BadSyntax,
                                    "only \\\" and \\\\ escapes are allowed in a quoted value",
                                )
                                .at_column(col(i)))
                            }
                        }
                    }
                    let unescaped_len = i.saturating_sub(qstart).saturating_sub(escapes);
                    if unescaped_len > MAX_QUOTED {
                        return Err(Rejection::new(
                            ErrorCode::BadValue,
                            "quoted value is longer than 255 bytes",
                        )
                        .at_column(col(value_start)));
                    }
                    value_start = qstart;
                    value_end = i;
                    i = i.wrapping_add(1); // the closing quote
                    match b.get(i) {
                        None | Some(b' ' | b'\t' | b'#') => break,
                        Some(_) => {
                            return Err(Rejection::new(
                                ErrorCode::BadSyntax,
                                "expected a space after the closing quote",
                            )
                            .at_column(col(i)))
                        }
                    }
                }
                Some(_) => {
                    return Err(Rejection::new(
                        ErrorCode::BadSyntax,
                        "character not allowed outside a quoted value",
                    )
                    .at_column(col(i)))
                }
            }
        }
        let key = match key_end {
            Some(k) => Some(line.get(start..k).unwrap_or("")),
            None => None,
        };
        let value = line.get(value_start..value_end).unwrap_or("");
        if key.is_some() && value.is_empty() && !quoted {
            return Err(
                Rejection::new(ErrorCode::BadSyntax, "empty value after '='")
                    .at_column(col(value_start)),
            );
        }
        let value_column = if quoted {
            col(value_start.saturating_sub(1))
        } else {
            col(value_start)
        };
        out.push(Token {
            key,
            value,
            quoted,
            column: col(start),
            value_column,
        })
        .map_err(|_| {
            Rejection::capacity("more than 40 tokens on one line").at_column(col(start))
        })?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_keys_values_quotes_and_comments() {
        let t = tokenize("2009-05-20T09:00+12:00 deliver-up location=\"DoL \\\"A\\\" office\" # c")
            .unwrap();
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].value, "2009-05-20T09:00+12:00");
        assert_eq!(t[1].value, "deliver-up");
        assert_eq!(t[2].key, Some("location"));
        assert_eq!(t[2].value, "DoL \\\"A\\\" office");
        assert!(t[2].quoted);
        assert_eq!(t[2].column, 35);
    }

    #[test]
    fn rejects_bad_characters_with_their_column() {
        let e = tokenize("case a,b").unwrap_err();
        assert_eq!(e.code, ErrorCode::BadSyntax);
        assert_eq!(e.column, 7);
        let e = tokenize("x k=\"open").unwrap_err();
        assert_eq!(e.code, ErrorCode::BadSyntax);
        let e = tokenize("x k=\"a\\n\"").unwrap_err();
        assert_eq!(e.code, ErrorCode::BadSyntax);
    }

    #[test]
    fn checks_length_utf8_and_nul() {
        let long = [b'a'; 1025];
        assert_eq!(line_text(&long).unwrap_err().code, ErrorCode::LineTooLong);
        assert_eq!(line_text(&[b'a'; 1024]).map(str::len), Ok(1024));
        assert_eq!(line_text(b"ab\xffc").unwrap_err().column, 3);
        assert_eq!(line_text(b"a\0").unwrap_err().code, ErrorCode::BadUtf8);
        assert_eq!(line_text(b"ia87 1\r"), Ok("ia87 1"));
    }
}
