//! Tabular input: one row of an event table (`case_id`, `at`, `verb`, keys),
//! validated cell by cell for its column before it becomes part of an event.
//!
//! The command line (`ia87 audit` over CSV or Parquet), the Python package and
//! anything else that reads columns share this one validation, so that a cell
//! can never smuggle a second line, a comment or a directive into the case:
//!
//! | Column | A valid cell |
//! |---|---|
//! | `case_id` | a bare token (`[A-Za-z0-9._:+()/@-]`), 1 to [`MAX_CASE_ID`] bytes |
//! | `at` | exactly one RFC 3339 timestamp with its offset; empty only on a directive row |
//! | `verb` | exactly one verb of the case language, or `person`, `config`, `policy` |
//! | keys | `KEY=VALUE` tokens separated by spaces (values bare or double-quoted); no `#` outside quotes, no control character, no bare token |
//!
//! Nothing here is text joined and re-parsed: the cells become tokens and the
//! tokens a typed [`Line`] through the same code the line parser uses.

use super::lexer::{tokenize_cell, Token, Tokens, MAX_TOKENS};
use super::parse::{event_from_keys, parse_config, parse_person, parse_policy, Line, MAX_CASE_ID};
use crate::outcome::{ErrorCode, Rejection};
use crate::time::{parse_timestamp, Instant, TimeError};
use crate::vocab::Verb;
use heapless::Vec;

/// The column of a row a cell belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Column {
    /// `case_id`.
    CaseId,
    /// `at`.
    At,
    /// `verb`.
    Verb,
    /// The n-th key cell (0-based) of the row.
    Keys(u16),
}

impl Column {
    /// The column's name as the tables spell it (`keys` for every key cell).
    pub const fn name(self) -> &'static str {
        match self {
            Column::CaseId => "case_id",
            Column::At => "at",
            Column::Verb => "verb",
            Column::Keys(_) => "keys",
        }
    }
}

/// A cell that is not valid for its column: which cell, and why (the
/// rejection's column is the 1-based byte offset inside the cell).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct CellError {
    /// The cell.
    pub column: Column,
    /// Why it is not valid.
    pub rejection: Rejection,
}

fn bad(column: Column) -> impl Fn(Rejection) -> CellError {
    move |rejection| CellError { column, rejection }
}

/// A `case_id` cell: a bare token of 1 to [`MAX_CASE_ID`] bytes (the limit of
/// a `case` line, everywhere).
pub fn check_case_id(cell: &str) -> Result<(), CellError> {
    let fail = |code, message, at: usize| CellError {
        column: Column::CaseId,
        rejection: Rejection::new(code, message)
            .at_column(u16::try_from(at.saturating_add(1)).unwrap_or(u16::MAX)),
    };
    if cell.is_empty() {
        return Err(fail(ErrorCode::MissingKey, "empty case id", 0));
    }
    if cell.len() > MAX_CASE_ID {
        return Err(fail(
            ErrorCode::BadValue,
            "case id is longer than 32 bytes",
            MAX_CASE_ID,
        ));
    }
    if let Some(i) = cell.bytes().position(|c| {
        !(c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'.' | b'_' | b':' | b'+' | b'(' | b')' | b'/' | b'@' | b'-'
            ))
    }) {
        return Err(fail(
            ErrorCode::BadSyntax,
            "a case id is a bare token ([A-Za-z0-9._:+()/@-])",
            i,
        ));
    }
    Ok(())
}

/// An `at` cell: exactly one RFC 3339 timestamp with an explicit offset.
pub fn parse_at(cell: &str) -> Result<Instant, CellError> {
    parse_timestamp(cell).map_err(|e| {
        let code = match e {
            TimeError::NoOffset => ErrorCode::NoOffset,
            _ => ErrorCode::BadTimestamp,
        };
        CellError {
            column: Column::At,
            rejection: Rejection::new(code, e.message()).at_column(1),
        }
    })
}

/// What a `verb` cell names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum RowVerb {
    /// An event verb.
    Event(Verb),
    /// `person`.
    Person,
    /// `config`.
    Config,
    /// `policy`.
    Policy,
}

/// A `verb` cell: exactly one verb, or one of the directives that tables carry
/// (`person`, `config`, `policy`). `case`, `expect` and `ia87` are not row verbs.
pub fn parse_verb(cell: &str) -> Result<RowVerb, CellError> {
    match cell {
        "person" => Ok(RowVerb::Person),
        "config" => Ok(RowVerb::Config),
        "policy" => Ok(RowVerb::Policy),
        v => Verb::from_name(v).map(RowVerb::Event).ok_or(CellError {
            column: Column::Verb,
            rejection: Rejection::new(ErrorCode::UnknownVerb, "not a verb of the case language")
                .at_column(1),
        }),
    }
}

/// Adds the tokens of key cell `index` to `out`: `KEY=VALUE` tokens only.
fn key_tokens<'a, const N: usize>(
    index: usize,
    cell: &'a str,
    out: &mut Vec<Token<'a>, N>,
) -> Result<(), CellError> {
    let column = Column::Keys(u16::try_from(index).unwrap_or(u16::MAX));
    let tokens: Tokens<'a> = tokenize_cell(cell).map_err(bad(column))?;
    for t in tokens {
        if t.key.is_none() {
            return Err(CellError {
                column,
                rejection: Rejection::new(ErrorCode::BadSyntax, "expected KEY=VALUE")
                    .at_column(t.column),
            });
        }
        // Errors found later name the key cell, not a line column.
        let t = Token {
            column: u16::try_from(index).unwrap_or(u16::MAX),
            value_column: u16::try_from(index).unwrap_or(u16::MAX),
            ..t
        };
        out.push(t).map_err(|_| CellError {
            column,
            rejection: Rejection::capacity("more than 40 keys in one row"),
        })?;
    }
    Ok(())
}

/// `policy NAME`: one key cell holding the name, bare (`ooh-2023`) or as
/// `name=ooh-2023`.
fn policy_row<'a>(keys: &[&'a str]) -> Result<Line<'a>, Rejection> {
    let usage = || {
        Rejection::new(
            ErrorCode::BadSyntax,
            "a policy row has one key cell: the policy's name (y4-15 or ooh-2023)",
        )
    };
    let [cell] = keys else {
        return Err(usage());
    };
    let tokens = tokenize_cell(cell)?;
    let [t] = tokens.as_slice() else {
        return Err(usage());
    };
    if !matches!(t.key, None | Some("name")) || t.quoted {
        return Err(usage());
    }
    let name = Token { key: None, ..*t };
    let first = Token {
        key: None,
        value: "policy",
        quoted: false,
        column: 0,
        value_column: 0,
    };
    parse_policy(&first, core::slice::from_ref(&name))
}

/// Validates one row and builds its typed line: an [`Line::Event`] for an
/// event verb, or [`Line::Person`] / [`Line::Config`] / [`Line::Policy`].
///
/// `at` is required for an event and must be empty (or absent) for a
/// directive. An error in a key found while building the event (an unknown
/// key, a bad value) is reported against [`Column::Keys`] with the index of
/// the first key cell that holds the offending key.
pub fn parse_row<'a>(
    at: Option<&str>,
    verb: &str,
    keys: &[&'a str],
) -> Result<Line<'a>, CellError> {
    let verb = parse_verb(verb)?;
    let mut tokens: Vec<Token<'a>, MAX_TOKENS> = Vec::new();
    if verb != RowVerb::Policy {
        for (i, cell) in keys.iter().enumerate() {
            key_tokens(i, cell, &mut tokens)?;
        }
    }
    // Errors from the key parser carry the key cell's index as their column.
    let keys_error = |r: Rejection| CellError {
        column: Column::Keys(r.column),
        rejection: r.at_column(0),
    };
    let at = at.filter(|a| !a.is_empty());
    match verb {
        RowVerb::Event(v) => {
            let Some(at) = at else {
                return Err(CellError {
                    column: Column::At,
                    rejection: Rejection::new(ErrorCode::MissingKey, "an event row needs its `at`"),
                });
            };
            let at = parse_at(at)?;
            event_from_keys(at, v, &tokens, 0)
                .map(Line::Event)
                .map_err(keys_error)
        }
        directive => {
            if at.is_some() {
                return Err(CellError {
                    column: Column::At,
                    rejection: Rejection::new(
                        ErrorCode::BadSyntax,
                        "a person, config or policy row has no `at`",
                    ),
                });
            }
            match directive {
                RowVerb::Person => parse_person(&tokens).map(Line::Person),
                RowVerb::Config => parse_config(&tokens).map(Line::Config),
                _ => policy_row(keys),
            }
            .map_err(keys_error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::event::EventKind;

    #[test]
    fn an_event_row_becomes_a_typed_event() {
        let line = parse_row(
            Some("2009-03-02T08:30+13:00"),
            "detain",
            &["by=police basis=s128", "requested-by=io"],
        )
        .unwrap();
        let Line::Event(e) = line else { panic!() };
        assert!(matches!(e.kind, EventKind::Detain { .. }));
    }

    #[test]
    fn a_comment_in_an_at_cell_is_not_a_directive() {
        let e = parse_row(Some("person citizen=yes #"), "tick", &[]).unwrap_err();
        assert_eq!(e.column, Column::At);
        assert_eq!(e.rejection.code, ErrorCode::BadTimestamp);
    }

    #[test]
    fn a_verb_cell_holds_exactly_a_verb() {
        for cell in ["tick # ", "tick ", " tick", "tick x=1", "case", "expect"] {
            let e = parse_verb(cell).unwrap_err();
            assert_eq!(e.column, Column::Verb, "{cell}");
        }
        assert_eq!(parse_verb("tick"), Ok(RowVerb::Event(Verb::Tick)));
    }

    #[test]
    fn key_cells_refuse_comments_controls_and_bare_tokens() {
        let at = Some("2009-03-02T08:30+13:00");
        let e = parse_row(at, "detain", &["basis=s128 # by=police"]).unwrap_err();
        assert_eq!(e.column, Column::Keys(0));
        let e = parse_row(at, "detain", &["basis=s128", "place=\"a\u{1b}[2J\""]).unwrap_err();
        assert_eq!(e.column, Column::Keys(1));
        let e = parse_row(at, "detain", &["s128"]).unwrap_err();
        assert_eq!(e.rejection.code, ErrorCode::BadSyntax);
        // A quoted '#' is a value, not a comment.
        assert!(parse_row(at, "deliver-up", &["location=\"Office #2\""]).is_ok());
    }

    #[test]
    fn key_errors_name_their_cell() {
        let at = Some("2009-03-02T08:30+13:00");
        let e = parse_row(at, "detain", &["basis=s128", "colour=red"]).unwrap_err();
        assert_eq!(e.column, Column::Keys(1));
        assert_eq!(e.rejection.code, ErrorCode::UnknownKey);
    }

    #[test]
    fn directive_rows_have_no_time() {
        assert!(matches!(
            parse_row(None, "person", &["citizen=yes"]),
            Ok(Line::Person(_))
        ));
        assert!(matches!(
            parse_row(Some(""), "policy", &["name=ooh-2023"]),
            Ok(Line::Policy(_))
        ));
        assert!(matches!(
            parse_row(None, "policy", &["ooh-2023"]),
            Ok(Line::Policy(_))
        ));
        assert!(parse_row(None, "policy", &["ooh-2023 #"]).is_err());
        let e = parse_row(Some("2009-03-02T08:30+13:00"), "person", &["citizen=yes"]).unwrap_err();
        assert_eq!(e.column, Column::At);
        let e = parse_row(None, "tick", &[]).unwrap_err();
        assert_eq!(e.column, Column::At);
    }

    #[test]
    fn case_ids_are_bounded_bare_tokens() {
        assert!(check_case_id("case-1").is_ok());
        assert!(check_case_id("=HYPERLINK(1)").is_err());
        assert!(check_case_id(&"a".repeat(33)).is_err());
        assert!(check_case_id("").is_err());
        assert!(check_case_id("a b").is_err());
    }
}
