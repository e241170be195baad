//! Checks that need the case-language parser, run by the host build (the
//! firmware does not link the parser): every step's text parses to exactly
//! the typed step the firmware runs, and the parser's input errors come back
//! as rejections.

use crate::console::Console;
use crate::kiosk::person_line;
use crate::script::{Action, SCRIPT};
use crate::Checks;
use ia87_core::{parse_line, ErrorCode, Line};

/// Runs the parser checks.
pub fn run<C: Console>(con: &mut C, checks: &mut Checks) {
    for (n, step) in SCRIPT.iter().enumerate() {
        let same = match (parse_line(step.line.as_bytes()), &step.action) {
            (Ok(Line::Event(e)), Action::Event(want)) => e == *want,
            (Ok(Line::Person(p)), Action::Person(want)) => p == person_line(want),
            _ => false,
        };
        checks.check(
            con,
            same,
            "the step's text parses to the typed step",
            Some(n),
        );
    }
    let code = |line: &str| parse_line(line.as_bytes()).err().map(|r| r.code);
    let cases: [(&str, ErrorCode, &str); 4] = [
        (
            "2009-03-02T06:10 arrive craft=NZ001",
            ErrorCode::NoOffset,
            "parser: timestamp without an offset",
        ),
        (
            "2009-03-02T06:10+13:00 fly",
            ErrorCode::UnknownVerb,
            "parser: unknown verb",
        ),
        (
            "2009-03-02T06:10+13:00 arrive crafty=NZ001",
            ErrorCode::UnknownKey,
            "parser: unknown key",
        ),
        (
            "arrive craft=NZ001",
            ErrorCode::BadSyntax,
            "parser: event without a timestamp",
        ),
    ];
    for (line, want, what) in cases {
        checks.check(con, code(line) == Some(want), what, None);
    }
    let long = [b'x'; 1100];
    checks.check(
        con,
        parse_line(&long).is_err(),
        "parser: over-long line",
        None,
    );
    checks.check(
        con,
        parse_line(&[0xFF, 0xFE, b' ']).is_err(),
        "parser: bytes that are not UTF-8",
        None,
    );
}
