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

fn is_bare(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'.' | b'_' | b':' | b'+' | b'(' | b')' | b'/' | b'@' | b'-'
        )
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
    if let Some(i) = raw.iter().position(|&b| b == 0) {
        return Err(Rejection::new(ErrorCode::BadUtf8, "NUL byte in line").at_column(col(i)));
    }
    core::str::from_utf8(raw).map_err(|e| {
        Rejection::new(ErrorCode::BadUtf8, "line is not valid UTF-8")
            .at_column(col(e.valid_up_to()))
    })
}

/// Splits a line (already checked by [`line_text`]) into tokens.
pub fn tokenize(line: &str) -> Result<Tokens<'_>, Rejection> {
    tokenize_with(line, true)
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
    tokenize_with(cell, false)
}

fn tokenize_with(line: &str, comments: bool) -> Result<Tokens<'_>, Rejection> {
    let b = line.as_bytes();
    let mut out: Tokens<'_> = Vec::new();
    let mut i = 0usize;
    loop {
        // Skip separators.
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i = i.saturating_add(1);
        }
        let start = i;
        match b.get(i) {
            None => return Ok(out),
            Some(b'#') if comments => return Ok(out),
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
            match b.get(i) {
                None | Some(b' ' | b'\t' | b'#') => {
                    value_end = i;
                    break;
                }
                Some(b'=') if key_end.is_none() && i > start => {
                    key_end = Some(i);
                    i = i.saturating_add(1);
                    value_start = i;
                }
                Some(b'"') if i == value_start => {
                    // A quoted value: up to the closing unescaped quote.
                    quoted = true;
                    i = i.saturating_add(1);
                    let qstart = i;
                    let mut unescaped_len = 0usize;
                    loop {
                        match b.get(i) {
                            None => {
                                return Err(Rejection::new(
                                    ErrorCode::BadSyntax,
                                    "quoted value is not closed",
                                )
                                .at_column(col(value_start)))
                            }
                            Some(b'"') => break,
                            Some(b'\\') => {
                                match b.get(i.saturating_add(1)) {
                                    Some(b'"' | b'\\') => i = i.saturating_add(2),
                                    _ => return Err(Rejection::new(
                                        ErrorCode::BadSyntax,
                                        "only \\\" and \\\\ escapes are allowed in a quoted value",
                                    )
                                    .at_column(col(i))),
                                }
                            }
                            Some(_) => i = i.saturating_add(1),
                        }
                        unescaped_len = unescaped_len.saturating_add(1);
                    }
                    if unescaped_len > MAX_QUOTED {
                        return Err(Rejection::new(
                            ErrorCode::BadValue,
                            "quoted value is longer than 255 bytes",
                        )
                        .at_column(col(value_start)));
                    }
                    value_start = qstart;
                    value_end = i;
                    i = i.saturating_add(1); // the closing quote
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
                Some(&c) if is_bare(c) => i = i.saturating_add(1),
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
