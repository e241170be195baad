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
use crate::time::rfc3339::{parse_common_timestamp, COMMON_TIMESTAMP_LEN};
use crate::time::Instant;
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
        return Err(nul_error(i));
    }
    core::str::from_utf8(raw).map_err(|e| {
        Rejection::new(ErrorCode::BadUtf8, "line is not valid UTF-8")
            .at_column(col(e.valid_up_to()))
    })
}

fn nul_error(i: usize) -> Rejection {
    Rejection::new(ErrorCode::BadUtf8, "NUL byte in line").at_column(col(i))
}

/// [`line_text`] then [`tokenize_into`] (with comments), with the same
/// tokens and the same first error, but the lines of the common kind are
/// searched for NUL bytes only where the lexer did not look at every byte:
/// a NUL is not a bare byte, so outside quoted values and comments the lexer
/// stops at it (and the error it would report is then replaced by the NUL's).
///
/// A line that starts with a timestamp of the common form
/// (`YYYY-MM-DDTHH:MM±HH:MM`, then a separator) has it read as it is lexed:
/// its instant is returned, and is what [`parse_timestamp`] gives for the
/// first token.
///
/// [`parse_timestamp`]: crate::time::parse_timestamp
pub(crate) fn lex_line<'a>(
    raw: &'a [u8],
    out: &mut Tokens<'a>,
) -> Result<Option<Instant>, Rejection> {
    let body = match raw {
        [rest @ .., b'\r'] => rest,
        other => other,
    };
    let text = match (body.len() <= MAX_LINE).then(|| core::str::from_utf8(body)) {
        Some(Ok(text)) => text,
        // Too long or not UTF-8: the full check finds the first error.
        _ => return line_text(raw).map(|_| None),
    };
    out.clear();
    let mut at = None;
    let mut from = 0;
    if let Some(t) = parse_common_timestamp(body) {
        if matches!(
            body.get(COMMON_TIMESTAMP_LEN),
            None | Some(b' ' | b'\t' | b'#')
        ) {
            // Digits, `-`, `T`, `:`, `+`: a bare token, as `lex` would find it.
            out.push(Token {
                key: None,
                value: text.get(..COMMON_TIMESTAMP_LEN).unwrap_or(""),
                quoted: false,
                column: 1,
                value_column: 1,
            })
            .map_err(|_| Rejection::capacity("more than 40 tokens on one line").at_column(1))?;
            at = Some(t);
            from = COMMON_TIMESTAMP_LEN;
        }
    }
    let lexed = lex(text, from, true, out);
    if !matches!(lexed, Ok(false)) {
        if let Some(i) = find_nul(body) {
            return Err(nul_error(i));
        }
    }
    lexed.map(|_| at)
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
    lex(line, 0, comments, out).map(|_| ())
}

/// The index of the first byte of `b` from `i` that is not bare (`b.len()`
/// if there is none).
fn bare_end(b: &[u8], i: usize) -> usize {
    // `i + run <= b.len()`: the wrapping addition is exact.
    i.wrapping_add(bare_run(b, i))
}

/// A lexer error at byte `i` (kept out of line: the loop is hot).
#[cold]
#[inline(never)]
fn fail(code: ErrorCode, message: &'static str, i: usize) -> Rejection {
    Rejection::new(code, message).at_column(col(i))
}

/// The lexer proper: appends the tokens of `line` from byte `from` (a token
/// boundary) to `out`. Returns whether
/// the line has a quoted value or a comment, the only places where bytes the
/// lexer does not look at (a NUL, say) can hide.
fn lex<'a>(
    line: &'a str,
    from: usize,
    comments: bool,
    out: &mut Tokens<'a>,
) -> Result<bool, Rejection> {
    let b = line.as_bytes();
    let mut opaque = false;
    // Offsets below stay within the line (`i <= b.len()`, and a slice is
    // shorter than isize::MAX): the wrapping additions are exact.
    let mut i = from;
    loop {
        // Skip separators.
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i = i.wrapping_add(1);
        }
        let start = i;
        match b.get(i) {
            None => return Ok(opaque),
            Some(b'#') if comments => return Ok(true),
            Some(b'#') => {
                return Err(fail(
                    ErrorCode::BadSyntax,
                    "'#' is not allowed in a cell outside a quoted value",
                    i,
                ))
            }
            _ => {}
        }
        i = bare_end(b, i);
        let mut key = None;
        let mut value_start = start;
        if i > start && b.get(i) == Some(&b'=') {
            key = Some(line.get(start..i).unwrap_or(""));
            i = i.wrapping_add(1);
            value_start = i;
            i = bare_end(b, i);
        }
        let (value, quoted, value_column) = match b.get(i) {
            None | Some(b' ' | b'\t' | b'#') => {
                if key.is_some() && i == value_start {
                    return Err(fail(
                        ErrorCode::BadSyntax,
                        "empty value after '='",
                        value_start,
                    ));
                }
                (line.get(value_start..i), false, col(value_start))
            }
            Some(b'"') if i == value_start => {
                opaque = true;
                let close = closing_quote(b, i)?;
                let value = line.get(i.wrapping_add(1)..close);
                i = close.wrapping_add(1);
                match b.get(i) {
                    None | Some(b' ' | b'\t' | b'#') => {}
                    Some(_) => {
                        return Err(fail(
                            ErrorCode::BadSyntax,
                            "expected a space after the closing quote",
                            i,
                        ))
                    }
                }
                (value, true, col(value_start))
            }
            Some(_) => {
                return Err(fail(
                    ErrorCode::BadSyntax,
                    "character not allowed outside a quoted value",
                    i,
                ))
            }
        };
        out.push(Token {
            key,
            value: value.unwrap_or(""),
            quoted,
            column: col(start),
            value_column,
        })
        .map_err(|_| {
            Rejection::capacity("more than 40 tokens on one line").at_column(col(start))
        })?;
    }
}

/// The index of the quote that closes the quoted value opening at `open`
/// (checking its escapes and its length).
#[inline(never)]
fn closing_quote(b: &[u8], open: usize) -> Result<usize, Rejection> {
    let mut i = open.wrapping_add(1);
    let mut escapes = 0usize;
    loop {
        // Jump to the next quote or backslash.
        let rest = b.get(i..).unwrap_or(&[]);
        match rest.iter().position(|&c| c == b'"' || c == b'\\') {
            None => {
                return Err(
                    Rejection::new(ErrorCode::BadSyntax, "quoted value is not closed")
                        .at_column(col(open)),
                )
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
    let unescaped_len = i
        .saturating_sub(open.wrapping_add(1))
        .saturating_sub(escapes);
    if unescaped_len > MAX_QUOTED {
        return Err(
            Rejection::new(ErrorCode::BadValue, "quoted value is longer than 255 bytes")
                .at_column(col(open)),
        );
    }
    Ok(i)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    extern crate std;

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

    /// The lexer before the fast paths (one token at a time, NUL searched
    /// first): the reference for the property tests below.
    #[allow(clippy::arithmetic_side_effects)]
    fn reference_append<'a>(
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

    fn reference_line(raw: &[u8]) -> Result<Tokens<'_>, Rejection> {
        let text = line_text(raw)?;
        let mut out = Tokens::new();
        reference_append(text, true, &mut out)?;
        Ok(out)
    }

    /// Lines made of pieces that exercise every path of the lexer.
    fn line() -> impl proptest::strategy::Strategy<Value = std::vec::Vec<u8>> {
        use proptest::prelude::*;
        const PIECES: &[&[u8]] = &[
            b"2009-03-02T06:10+13:00",
            b"2009-03-02T06:10-12:00",
            b"2009-02-30T06:10+13:00",
            b"2009-03-02T06:10Z",
            b"2009-03-02t06:10+13:00",
            b"arrive",
            b"craft=NZ031",
            b"k=",
            b"k=\"a b\"",
            b"k=\"\\\"\"",
            b"\"q\"",
            b"\"",
            b"\\",
            b"#c",
            b"#",
            b" ",
            b" ",
            b"\t",
            b"=",
            b"\0",
            b"\xc3\xa9",
            b"\xff",
            b"a",
            b"1",
            b"+",
            b",",
            b"\r",
        ];
        prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|ps| ps.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(8192))]

        /// `lex_line` (timestamp read while lexing, NUL searched only when
        /// needed) gives the tokens and the first error of `line_text` then
        /// the reference lexer, and the instant `parse_timestamp` gives.
        #[test]
        fn lex_line_agrees_with_the_reference(raw in line()) {
            let mut tokens = Tokens::new();
            let fast = lex_line(&raw, &mut tokens);
            let slow = reference_line(&raw);
            match (&fast, &slow) {
                (Ok(at), Ok(expected)) => {
                    proptest::prop_assert_eq!(&tokens, expected);
                    if let Some(at) = at {
                        let first = expected.first().unwrap();
                        proptest::prop_assert_eq!(crate::time::parse_timestamp(first.value), Ok(*at));
                    }
                }
                (Err(a), Err(b)) => proptest::prop_assert_eq!(a, b),
                _ => proptest::prop_assert!(false, "{:?} vs {:?}", fast, slow),
            }
            // The lexer of cells and of checked text agrees too.
            if let Ok(text) = line_text(&raw) {
                let mut a = Tokens::new();
                let mut b = Tokens::new();
                let fast = tokenize_append(text, false, &mut a);
                let slow = reference_append(text, false, &mut b);
                proptest::prop_assert_eq!(fast, slow);
                proptest::prop_assert_eq!(a, b);
            }
        }
    }
}
