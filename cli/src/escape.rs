//! Making input safe to show: control characters escaped for a terminal,
//! long lines cut, spreadsheet formulas defused in CSV, and HTML escaped.

use std::borrow::Cow;
use std::fmt::Write as _;

/// How many characters of a rejected long line are shown.
pub const SHOWN_CHARS: usize = 80;

/// True for a character that a terminal would act on instead of showing:
/// C0 controls except tab (ESC starts CSI and OSC sequences, CR overwrites
/// the line, NUL…), DEL, C1 controls (U+0080–U+009F, which some terminals
/// read as CSI and OSC), and the bidirectional overrides and isolates that
/// reorder what is shown.
fn is_unsafe(c: char) -> bool {
    (c < ' ' && c != '\t')
        || c == '\u{7f}'
        || ('\u{80}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || c == '\u{200e}'
        || c == '\u{200f}'
        || c == '\u{61c}'
}

/// `s` with every unsafe character written as `\xNN` (below U+0100) or
/// `\u{NNNN}`, so that it shows as text on a terminal.
pub fn term(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            let n = u32::from(c);
            if n < 0x100 {
                let _ = write!(out, "\\x{n:02x}");
            } else {
                let _ = write!(out, "\\u{{{n:04x}}}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// At most `max` characters of `s`, with `…` when it was cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
    }
}

/// A line of input as shown next to its results: line end removed, control
/// characters escaped, and a line over the length limit cut to
/// [`SHOWN_CHARS`] characters.
pub fn shown_line(raw: &[u8], too_long: bool) -> String {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let text = String::from_utf8_lossy(raw);
    let text = if too_long {
        truncate(&text, SHOWN_CHARS)
    } else {
        text
    };
    term(&text).into_owned()
}

/// A value from input echoed in a message: escaped and cut to 80 characters.
pub fn echo(s: &str) -> String {
    term(&truncate(s, SHOWN_CHARS)).into_owned()
}

/// A CSV cell that a spreadsheet would read as a formula (it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so
/// that it is shown as text instead of being run.
pub fn csv_defuse(s: &str) -> Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// `s` escaped for HTML text and attribute values.
pub fn html(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) && !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls cannot be written in HTML as characters; show them.
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_run() {
        assert_eq!(term("a\u{1b}[2Jb"), "a\\x1b[2Jb");
        assert_eq!(term("\u{1b}]0;title\u{7}"), "\\x1b]0;title\\x07");
        assert_eq!(term("nul\0"), "nul\\x00");
        assert_eq!(term("c1\u{9b}31m"), "c1\\x9b31m");
        assert_eq!(term("del\u{7f}"), "del\\x7f");
        assert_eq!(term("rlo\u{202e}"), "rlo\\u{202e}");
        assert_eq!(term("tab\tok é"), "tab\tok é");
    }

    #[test]
    fn long_lines_are_cut() {
        let s = "x".repeat(200);
        let shown = shown_line(s.as_bytes(), true);
        assert_eq!(shown.chars().count(), SHOWN_CHARS + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(shown_line(b"short\r\n", false), "short");
    }

    #[test]
    fn formulas_are_defused() {
        for s in ["=1+1", "+64", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_defuse(s).starts_with('\''), "{s}");
        }
        assert_eq!(csv_defuse("p1"), "p1");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
