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

use super::lexer::{tokenize_cell, tokenize_cell_append, Token, Tokens, MAX_TOKENS};
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
fn key_tokens<'a>(index: usize, cell: &'a str, out: &mut Tokens<'a>) -> Result<(), CellError> {
    let column = Column::Keys(u16::try_from(index).unwrap_or(u16::MAX));
    let before = out.len();
    tokenize_cell_append(cell, out).map_err(|r| {
        if r.code == ErrorCode::Capacity && before > 0 {
            // The cells together, not this one alone, are too many.
            CellError {
                column,
                rejection: Rejection::capacity("more than 40 keys in one row"),
            }
        } else {
            bad(column)(r)
        }
    })?;
    let index = u16::try_from(index).unwrap_or(u16::MAX);
    for t in out.iter_mut().skip(before) {
        if t.key.is_none() {
            return Err(CellError {
                column,
                rejection: Rejection::new(ErrorCode::BadSyntax, "expected KEY=VALUE")
                    .at_column(t.column),
            });
        }
        // Errors found later name the key cell, not a line column.
        t.column = index;
        t.value_column = index;
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

// ---------------------------------------------------------------- typed cells
//
// Columnar input that is already typed (an Arrow timestamp column, one column
// per key) becomes a line here without being written out as text first.

use super::lexer::MAX_QUOTED;

/// Every key of the case language (of any verb, `person` or `config`), and
/// `name` (the policy of a `policy` row): the names a key column may have when
/// a table gives one column per key ([`parse_row_typed`]).
pub const KEY_NAMES: &[&str] = &[
    // Event verbs.
    "adviser",
    "agreed-by",
    "alternatives",
    "applies",
    "approved-at",
    "approved-by",
    "basis",
    "before",
    "by",
    "children",
    "class",
    "commenced",
    "craft",
    "days",
    "departed",
    "effective",
    "end",
    "excuse",
    "expected",
    "expires",
    "forum",
    "group",
    "group-s128",
    "group-size",
    "in-writing",
    "interview",
    "judge-consent",
    "judge-direction",
    "justification",
    "kind",
    "location",
    "locus",
    "max-penalty-months",
    "oath",
    "offence",
    "officer",
    "outcome",
    "overnight",
    "parent",
    "permit",
    "place",
    "precleared",
    "premises",
    "proceedings",
    "purpose",
    "reason",
    "reasons",
    "report",
    "requested-by",
    "reside",
    "residential",
    "result",
    "s7-1",
    "scheduled",
    "section",
    "sentence-months",
    "service",
    "start",
    "step",
    "stowaway",
    "to",
    "transit",
    "transit-visa",
    "type",
    "until",
    "until-event",
    "vulnerable",
    // `person`.
    "born",
    "citizen",
    "deported",
    "married",
    "nationality",
    // `config`.
    "aa1a-covers-prewarrant",
    "aa2a-covers-claimants",
    "apply-s2-2-to-128b-6c",
    "defective-application-voids-warrant",
    "holiday",
    "hypothetical",
    "ooh-role",
    "overnight-window",
    "release-tolerance",
    "service-level",
    "service-level.determination",
    "service-level.judge",
    "service-level.release",
    "y4-15",
    "zone",
    // `policy`.
    "name",
    // Config keys of the 2023 policy overlay.
    "ooh-from",
    "ooh-justification",
    "ooh-pause",
    "ooh-window",
    // Part 2 (feature `removal`).
    "s60-5-from",
    "reading",
    "release-due",
    "cumulative",
    "sentence",
    "record",
    "mode",
    "dependants",
    "direction",
    "leave",
    "addresses",
    "fee",
    "prescribed",
    "own-delay",
    "exceptional",
    "expires-at",
    "ground",
    "from",
    "s7-minister",
    // The yes/no keys of `operation-propose` (read through `RecordKey`).
    "cultural",
    "nz-residents",
    "proportionality",
    "regard",
    "safety-plan",
];

/// True if `name` is in [`KEY_NAMES`].
pub fn is_key_name(name: &str) -> bool {
    KEY_NAMES.contains(&name)
}

/// An `at` cell that already is an instant: `value` units of
/// `1 / units_per_second` seconds since 1970-01-01T00:00:00Z (an Arrow
/// timestamp with a time zone is stored so). The core counts whole seconds, so
/// a fraction of a second is refused, as it is in RFC 3339 text; so is an
/// instant outside 0001–9999.
pub fn at_from_units(value: i64, units_per_second: i64) -> Result<Instant, CellError> {
    let fail = |message| CellError {
        column: Column::At,
        rejection: Rejection::new(ErrorCode::BadTimestamp, message).at_column(1),
    };
    if units_per_second <= 0 {
        return Err(fail("not a unit of time"));
    }
    if value.checked_rem_euclid(units_per_second) != Some(0) {
        return Err(fail(
            "fractional seconds are not supported (the core counts whole seconds)",
        ));
    }
    let seconds = value
        .checked_div_euclid(units_per_second)
        .ok_or_else(|| fail("timestamp out of range"))?;
    let at = Instant::from_unix_seconds(seconds);
    if at.unix_seconds() != seconds {
        return Err(fail("timestamp out of range (years 0001 to 9999)"));
    }
    Ok(at)
}

/// The token of a key given as a pair: a key column's name and its cell, the
/// value as it is (no quotes, no escapes). A value that is a bare token is
/// bare; any other value counts as quoted (so keys that take a bare value
/// refuse it, and free text may hold spaces), at most [`MAX_QUOTED`] bytes.
/// Control characters are refused in both.
fn pair_token<'a>(index: usize, key: &'a str, value: &'a str) -> Result<Token<'a>, CellError> {
    let at = u16::try_from(index).unwrap_or(u16::MAX);
    let fail = |code, message, position: usize| CellError {
        column: Column::Keys(at),
        rejection: Rejection::new(code, message)
            .at_column(u16::try_from(position.saturating_add(1)).unwrap_or(u16::MAX)),
    };
    if key.is_empty() || !key.bytes().all(bare_byte) {
        return Err(fail(
            ErrorCode::BadSyntax,
            "a key column's name is a bare token",
            0,
        ));
    }
    if let Some(i) = value.bytes().position(|c| c < 0x20 || c == 0x7F) {
        return Err(fail(ErrorCode::BadSyntax, "control character in a cell", i));
    }
    let quoted = !value.bytes().all(bare_byte);
    if quoted && value.len() > MAX_QUOTED {
        return Err(fail(
            ErrorCode::BadValue,
            "a value with spaces or other characters outside a bare token is at most 255 bytes",
            MAX_QUOTED,
        ));
    }
    Ok(Token {
        key: Some(key),
        value,
        quoted,
        column: at,
        value_column: at,
    })
}

fn bare_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'.' | b'_' | b':' | b'+' | b'(' | b')' | b'/' | b'@' | b'-'
        )
}

/// Validates one typed row and builds its line, as [`parse_row`] does for text
/// cells: `at` is already an instant ([`at_from_units`] or [`parse_at`]),
/// `verb` already read ([`parse_verb`]), and the keys come as `key=value …`
/// cells (`keys`, tokenized as in [`parse_row`]) and as `(key, value)` pairs
/// (`pairs`: one column per key; an empty value is an absent key). Errors in
/// a key name the cell: [`Column::Keys`] `i` for `keys[i]`, and
/// `keys.len() + j` for `pairs[j]`.
///
/// A `policy` row takes its name either as one `keys` cell (as in
/// [`parse_row`]) or as the pair `("name", NAME)`.
pub fn parse_row_typed<'a>(
    at: Option<Instant>,
    verb: RowVerb,
    keys: &[&'a str],
    pairs: &[(&'a str, &'a str)],
) -> Result<Line<'a>, CellError> {
    let mut tokens: Vec<Token<'a>, MAX_TOKENS> = Vec::new();
    let policy = verb == RowVerb::Policy;
    if !policy {
        for (i, cell) in keys.iter().enumerate() {
            key_tokens(i, cell, &mut tokens)?;
        }
    }
    let mut policy_name: Option<Token<'a>> = None;
    for (j, (key, value)) in pairs.iter().enumerate() {
        if value.is_empty() {
            continue;
        }
        let index = keys.len().saturating_add(j);
        let t = pair_token(index, key, value)?;
        if policy {
            if *key != "name" || t.quoted || policy_name.is_some() || !keys.is_empty() {
                return Err(CellError {
                    column: Column::Keys(u16::try_from(index).unwrap_or(u16::MAX)),
                    rejection: Rejection::new(
                        ErrorCode::BadSyntax,
                        "a policy row has one key: its name (y4-15 or ooh-2023)",
                    ),
                });
            }
            policy_name = Some(Token { key: None, ..t });
            continue;
        }
        tokens.push(t).map_err(|_| CellError {
            column: Column::Keys(u16::try_from(index).unwrap_or(u16::MAX)),
            rejection: Rejection::capacity("more than 40 keys in one row"),
        })?;
    }
    let keys_error = |r: Rejection| CellError {
        column: Column::Keys(r.column),
        rejection: r.at_column(0),
    };
    match verb {
        RowVerb::Event(v) => {
            let Some(at) = at else {
                return Err(CellError {
                    column: Column::At,
                    rejection: Rejection::new(ErrorCode::MissingKey, "an event row needs its `at`"),
                });
            };
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
                _ => match policy_name {
                    Some(name) => {
                        let first = Token {
                            key: None,
                            value: "policy",
                            quoted: false,
                            column: 0,
                            value_column: 0,
                        };
                        parse_policy(&first, core::slice::from_ref(&name))
                    }
                    None => policy_row(keys),
                },
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

    #[test]
    fn typed_rows_equal_text_rows() {
        let text = parse_row(
            Some("2009-03-02T08:30+13:00"),
            "detain",
            &["by=police basis=s128 requested-by=io"],
        )
        .unwrap();
        let at = parse_at("2009-03-02T08:30+13:00").unwrap();
        let verb = parse_verb("detain").unwrap();
        let pairs = [("by", "police"), ("basis", "s128"), ("requested-by", "io")];
        assert_eq!(parse_row_typed(Some(at), verb, &[], &pairs).unwrap(), text);
        // Mixed: a key=value cell and pairs; an empty pair is an absent key.
        let mixed = [("basis", "s128"), ("requested-by", "io"), ("place", "")];
        assert_eq!(
            parse_row_typed(Some(at), verb, &["by=police"], &mixed).unwrap(),
            text
        );
        // Nanoseconds since the epoch, as an Arrow timestamp column holds them.
        let ns = at.unix_seconds() * 1_000_000_000;
        assert_eq!(at_from_units(ns, 1_000_000_000), Ok(at));
    }

    #[test]
    fn typed_cells_are_validated_for_their_column() {
        let at = Some(parse_at("2009-03-02T08:30+13:00").unwrap());
        let detain = parse_verb("detain").unwrap();
        // Errors name the pair's cell: keys.len() + its index.
        let e = parse_row_typed(
            at,
            detain,
            &["by=police"],
            &[("basis", "s128"), ("colour", "red")],
        )
        .unwrap_err();
        assert_eq!(e.column, Column::Keys(2));
        assert_eq!(e.rejection.code, ErrorCode::UnknownKey);
        let e = parse_row_typed(at, detain, &[], &[("by", "po\nlice")]).unwrap_err();
        assert_eq!(
            (e.column, e.rejection.code),
            (Column::Keys(0), ErrorCode::BadSyntax)
        );
        // A value with a space is text, not a bare value.
        let e =
            parse_row_typed(at, detain, &[], &[("basis", "s 128"), ("by", "police")]).unwrap_err();
        assert_eq!(
            (e.column, e.rejection.code),
            (Column::Keys(0), ErrorCode::BadValue)
        );
        assert!(parse_row_typed(
            at,
            parse_verb("deliver-up").unwrap(),
            &[],
            &[("location", "Office #2, \"B\" wing")]
        )
        .is_ok());
        let e = parse_row_typed(at, detain, &[], &[("by", &"x y".repeat(100))]).unwrap_err();
        assert_eq!(e.rejection.code, ErrorCode::BadValue);
        // Fractions of a second, and instants out of range, are refused.
        assert_eq!(at_from_units(1_500, 1_000).unwrap_err().column, Column::At);
        assert!(at_from_units(i64::MAX, 1).is_err());
        assert!(at_from_units(i64::MIN, 1_000_000_000).is_err());
        assert!(at_from_units(-1_000, 1_000).is_ok());
        assert!(at_from_units(5, 0).is_err());
    }

    #[test]
    fn typed_directive_rows() {
        let person = parse_row_typed(
            None,
            RowVerb::Person,
            &[],
            &[("citizen", "no"), ("born", "1980-05-01")],
        );
        assert_eq!(
            person,
            parse_row(None, "person", &["citizen=no born=1980-05-01"])
        );
        assert!(matches!(
            parse_row_typed(None, RowVerb::Policy, &[], &[("name", "ooh-2023")]),
            Ok(Line::Policy(_))
        ));
        assert!(parse_row_typed(None, RowVerb::Policy, &[], &[("zone", "ooh-2023")]).is_err());
        assert!(
            parse_row_typed(None, RowVerb::Policy, &["ooh-2023"], &[("name", "y4-15")]).is_err()
        );
        let at = Some(Instant::from_unix_seconds(0));
        assert_eq!(
            parse_row_typed(at, RowVerb::Config, &[], &[("zone", "chatham")])
                .unwrap_err()
                .column,
            Column::At
        );
        assert_eq!(
            parse_row_typed(None, RowVerb::Event(Verb::Tick), &[], &[])
                .unwrap_err()
                .column,
            Column::At
        );
    }

    /// Every key the line parser reads (`k.text("craft")`, `k.all::<N>("parent")`,
    /// the `config` keys) is a key column name.
    // A scan of the parser's source text: nothing for Miri to check, and
    // minutes under its interpreter.
    #[test]
    #[cfg_attr(miri, ignore)]
    fn key_names_cover_the_parser() {
        let src = include_str!("parse.rs");
        let mut found = 0;
        let mut rest = src;
        while let Some(i) = rest.find("k\n").into_iter().chain(rest.find("k.")).min() {
            rest = &rest[i + 1..];
            let after = rest.trim_start();
            let Some(after) = after.strip_prefix('.') else {
                continue;
            };
            let Some(open) = after.find('(') else { break };
            let method = &after[..open];
            if !method
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_:<>".contains(c))
            {
                continue;
            }
            let arg = after[open + 1..].trim_start();
            if let Some(lit) = arg.strip_prefix('"') {
                let name = &lit[..lit.find('"').unwrap()];
                assert!(
                    is_key_name(name),
                    "key {name:?} is read by the parser but not in KEY_NAMES"
                );
                found += 1;
            }
        }
        assert!(found > 50, "only {found} keys found in parse.rs");
        // Keys read through the `named("…", …)` helper.
        let mut rest = src;
        while let Some(i) = rest.find("named(") {
            rest = &rest[i + "named(".len()..];
            if let Some(lit) = rest.trim_start().strip_prefix('"') {
                let name = &lit[..lit.find('"').unwrap()];
                assert!(
                    is_key_name(name),
                    "key {name:?} is read by the parser (named) but not in KEY_NAMES"
                );
            }
        }
        let config = &src[src.find("fn parse_config").unwrap()..];
        let config = &config[..config.find("\n}\n").unwrap()];
        let arms = config.split("match key {").nth(1).unwrap();
        // The arms of `match key` (not of the matches nested in them).
        let indent = |l: &str| l.len() - l.trim_start().len();
        let first = arms
            .split('\n')
            .find(|l| l.trim_start().starts_with('"'))
            .unwrap();
        let depth = indent(first);
        for arm in arms
            .split('\n')
            .filter(|l| l.trim_start().starts_with('"') && indent(l) == depth)
        {
            for name in arm.split("=>").next().unwrap().split('|') {
                let name = name.trim().trim_matches('"');
                assert!(is_key_name(name), "config key {name:?} is not in KEY_NAMES");
            }
        }
        // Keys read through a vocabulary enum rather than a literal.
        for key in crate::vocab::values::RecordKey::ALL {
            assert!(
                is_key_name(key.name()),
                "record key {key} is not in KEY_NAMES"
            );
        }
        assert!(is_key_name("by") && is_key_name("name") && !is_key_name("colour"));
    }
}
