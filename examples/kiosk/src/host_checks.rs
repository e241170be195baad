//! Checks that need the case-language parser, run by the host build (the
//! firmware does not link the parser): every step's text parses to exactly
//! the typed step the firmware runs, and the parser's input errors come back
//! as rejections; and the packed name tables ([`crate::names`]) equal the
//! core's names.

use crate::console::Console;
use crate::kiosk::person_line;
use crate::names;
use crate::script::{Action, LINES, SCRIPT};
use crate::Checks;
use ia87_core::machines::{
    border::BorderState, eligibility::EligibilityState, status::StatusState, transit::TransitState,
};
use ia87_core::rules::RuleId;
use ia87_core::{parse_line, DeadlineName, ErrorCode, FindingCode, Line, MachineState, Severity};

/// Runs the parser checks.
pub fn run<C: Console>(con: &mut C, checks: &mut Checks) {
    checks.check(con, LINES.len() == SCRIPT.len(), "one line per step", None);
    for (n, (step, line)) in SCRIPT.iter().zip(LINES).enumerate() {
        let same = match (parse_line(line.as_bytes()), &step.action) {
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
    // The packed name tables equal the core's names, value by value.
    let mut names_ok = RuleId::ALL.iter().all(|&r| names::cite(r) == r.cite());
    names_ok &= FindingCode::ALL
        .iter()
        .all(|&c| names::finding(c) == c.name());
    names_ok &= Severity::ALL
        .iter()
        .all(|&v| names::severity(v) == v.name());
    names_ok &= DeadlineName::ALL
        .iter()
        .all(|&d| names::deadline(d) == d.name());
    names_ok &= ErrorCode::ALL.iter().all(|&e| names::error(e) == e.name());
    names_ok &= StatusState::ALL
        .iter()
        .all(|&x| names::state(MachineState::Status(x)) == x.name());
    names_ok &= BorderState::ALL
        .iter()
        .all(|&x| names::state(MachineState::Border(x)) == x.name());
    names_ok &= EligibilityState::ALL
        .iter()
        .all(|&x| names::state(MachineState::Eligibility(x)) == x.name());
    names_ok &= TransitState::ALL
        .iter()
        .all(|&x| names::state(MachineState::Transit(x)) == x.name());
    checks.check(con, names_ok, "packed names equal the core's", None);
    // The status lifecycle beyond the border is not in the kiosk's core
    // (feature `lifecycle` off): its verbs answer `unsupported`, and the case
    // is left as it was.
    let gated = [
        "2009-05-04T10:00+12:00 revoke-permit section=33 service=personal effective=2009-05-18",
        "2009-03-02T09:00+13:00 epidemic-notice commenced=2009-03-02 expires=2009-04-30",
        "2009-05-04T10:00+12:00 reconsideration-apply",
        "2009-05-10T08:00+12:00 birth parent=temporary-permit:visitor:2009-06-30",
    ];
    for line in gated {
        let mut case = ia87_core::Case::new();
        let before = case;
        let unsupported = match parse_line(line.as_bytes()) {
            Ok(Line::Event(e)) => case
                .apply(&e)
                .is_err_and(|r| r.code == ErrorCode::Unsupported),
            _ => false,
        };
        checks.check(
            con,
            unsupported && case == before,
            "kiosk core: a status verb beyond the border is unsupported",
            None,
        );
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
