//! Parsing one line of the case language into a typed [`Line`]
//! (case-format.md §1–§3, §5).
//!
//! Every error is a [`Rejection`] with its code and the 1-based column of the
//! offending token; nothing here panics or allocates.

use super::expect::Expectation;
use super::lexer::{lex_line, Token, Tokens};
use crate::outcome::{DeadlineName, ErrorCode, FindingCode, MachineState, Rejection, Severity};
use crate::rules::RuleId;
use crate::time::{parse_date, parse_duration, parse_timestamp, Date, Instant, TimeError, Zone};
use crate::vocab::event::*;
use crate::vocab::values::*;
use crate::vocab::StatusState;
pub use crate::vocab::{ConfigItem, Obligation, PersonLine};
use heapless::{String, Vec};

/// The longest case id, in bytes.
pub const MAX_CASE_ID: usize = 32;
/// The most settings on one `config` line.
pub const MAX_CONFIG_ITEMS: usize = 16;

/// A case id (`case ID`).
pub type CaseId = String<MAX_CASE_ID>;

/// A parsed line.
// No heap to box the large variants into: a line is parsed, used and dropped.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Line<'a> {
    /// Blank or comment only.
    Blank,
    /// `ia87 N`.
    Header(u32),
    /// `case ID`.
    Case(&'a str),
    /// `person KEY=VALUE …`.
    Person(PersonLine),
    /// `config KEY=VALUE …`.
    Config(Vec<ConfigItem, MAX_CONFIG_ITEMS>),
    /// `policy NAME`.
    Policy(Policy),
    /// `TIMESTAMP VERB KEY=VALUE …`.
    Event(Event),
    /// `expect …`.
    Expect(Expectation),
}

fn err(code: ErrorCode, message: &'static str, column: u16) -> Rejection {
    Rejection::new(code, message).at_column(column)
}

fn time_error(e: TimeError, column: u16) -> Rejection {
    let code = match e {
        TimeError::NoOffset => ErrorCode::NoOffset,
        TimeError::BadTimestamp => ErrorCode::BadTimestamp,
        TimeError::BadDate | TimeError::BadDuration => ErrorCode::BadValue,
    };
    err(code, e.message(), column)
}

/// Parses one raw line (without or with its `\n`/`\r\n` removed).
pub fn parse_line(raw: &[u8]) -> Result<Line<'_>, Rejection> {
    let raw = match raw {
        [rest @ .., b'\n'] => rest,
        other => other,
    };
    let mut tokens = Tokens::new();
    let at = lex_line(raw, &mut tokens)?;
    let Some((first, rest)) = tokens.split_first() else {
        return Ok(Line::Blank);
    };
    if let Some(at) = at {
        // The first token is a bare timestamp (read by the lexer).
        return parse_event(at, first, rest).map(Line::Event);
    }
    if first.key.is_some() || first.quoted {
        return Err(err(
            ErrorCode::BadSyntax,
            "a line starts with a directive or a timestamp",
            first.column,
        ));
    }
    match first.value {
        "ia87" => parse_header(first, rest),
        "case" => parse_case(first, rest),
        "person" => parse_person(rest).map(Line::Person),
        "config" => parse_config(rest).map(Line::Config),
        "policy" => parse_policy(first, rest),
        "expect" => super::expect::parse(first, rest).map(Line::Expect),
        v if v.as_bytes().first().is_some_and(u8::is_ascii_digit) => {
            let at = parse_timestamp(v).map_err(|e| time_error(e, first.column))?;
            parse_event(at, first, rest).map(Line::Event)
        }
        v if Verb::from_name(v).is_some() => Err(err(
            ErrorCode::BadSyntax,
            "an event line starts with its timestamp",
            first.column,
        )),
        _ => Err(err(
            ErrorCode::BadSyntax,
            "unknown directive (expected ia87, case, person, config, policy, expect or a timestamp)",
            first.column,
        )),
    }
}

fn single_bare<'a>(
    first: &Token<'a>,
    rest: &[Token<'a>],
    what: &'static str,
) -> Result<Token<'a>, Rejection> {
    match rest {
        [t] if t.key.is_none() && !t.quoted => Ok(*t),
        [] => Err(err(ErrorCode::BadSyntax, what, first.column)),
        [_, extra, ..] => Err(err(ErrorCode::BadSyntax, "unexpected token", extra.column)),
        [t] => Err(err(ErrorCode::BadSyntax, what, t.column)),
    }
}

fn parse_header<'a>(first: &Token<'a>, rest: &[Token<'a>]) -> Result<Line<'a>, Rejection> {
    let t = single_bare(first, rest, "expected `ia87 1`")?;
    match t.value.parse::<u32>() {
        Ok(1) => Ok(Line::Header(1)),
        Ok(_) => Err(err(
            ErrorCode::BadValue,
            "unsupported format version (this engine reads `ia87 1`)",
            t.column,
        )),
        Err(_) => Err(err(ErrorCode::BadSyntax, "expected `ia87 1`", t.column)),
    }
}

fn parse_case<'a>(first: &Token<'a>, rest: &[Token<'a>]) -> Result<Line<'a>, Rejection> {
    let t = single_bare(first, rest, "expected `case ID`")?;
    if t.value.len() > MAX_CASE_ID {
        return Err(err(
            ErrorCode::BadValue,
            "case id is longer than 32 bytes",
            t.column,
        ));
    }
    Ok(Line::Case(t.value))
}

pub(crate) fn parse_policy<'a>(
    first: &Token<'a>,
    rest: &[Token<'a>],
) -> Result<Line<'a>, Rejection> {
    let t = single_bare(first, rest, "expected `policy NAME`")?;
    Policy::from_name(t.value).map(Line::Policy).ok_or_else(|| {
        err(
            ErrorCode::BadValue,
            "unknown policy (y4-15, ooh-2023)",
            t.column,
        )
    })
}

/// True if two keys are equal: the length first, then the bytes in a loop
/// (keys are a few bytes long; cheaper than a call to `memcmp`).
fn key_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// The `KEY=VALUE` tokens of a line, with a record of which were used, so that
/// a key the verb does not take is reported (`unknown-key`) and a key given
/// twice is reported (`duplicate-key`).
pub(crate) struct Keys<'a, 'b> {
    tokens: &'b [Token<'a>],
    used: u64,
    /// The union of the [`key_bit`]s of the keys given: a key whose bit is
    /// not in it is not given, without a look at the tokens.
    given: u64,
    line_column: u16,
}

/// One of 64 bits for a key, from its length and its first and last bytes
/// (a filter: different keys may share a bit, equal keys always do).
#[inline(always)]
fn key_bit(key: &str) -> u64 {
    let b = key.as_bytes();
    let first = usize::from(b.first().copied().unwrap_or(0));
    let last = usize::from(b.last().copied().unwrap_or(0));
    1u64.rotate_left((b.len() ^ first ^ last.rotate_left(2)) as u32)
}

impl<'a, 'b> Keys<'a, 'b> {
    pub(crate) fn new(tokens: &'b [Token<'a>], line_column: u16) -> Result<Self, Rejection> {
        let mut given = 0u64;
        for t in tokens {
            match t.key {
                Some(k) => given |= key_bit(k),
                None => return Err(err(ErrorCode::BadSyntax, "expected KEY=VALUE", t.column)),
            }
        }
        Ok(Keys {
            tokens,
            used: 0,
            given,
            line_column,
        })
    }

    fn mark(&mut self, i: usize) {
        if let Some(bit) = 1u64.checked_shl(u32::try_from(i).unwrap_or(u32::MAX)) {
            self.used |= bit;
        }
    }

    /// The token for `key`, if given once; `duplicate-key` if given twice.
    /// True if `key` is certainly not given (the filter says so).
    #[inline(always)]
    fn absent(&self, key: &str) -> bool {
        self.given & key_bit(key) == 0
    }

    #[inline(always)]
    pub(crate) fn get(&mut self, key: &str) -> Result<Option<&'b Token<'a>>, Rejection> {
        if self.absent(key) {
            return Ok(None);
        }
        self.find(key)
    }

    /// [`Keys::get`] past the filter.
    fn find(&mut self, key: &str) -> Result<Option<&'b Token<'a>>, Rejection> {
        let mut found: Option<(usize, &'b Token<'a>)> = None;
        let tokens: &'b [Token<'a>] = self.tokens;
        for (i, t) in tokens.iter().enumerate() {
            if t.key.is_some_and(|k| key_eq(k, key)) {
                if found.is_some() {
                    return Err(err(
                        ErrorCode::DuplicateKey,
                        "key given more than once",
                        t.column,
                    ));
                }
                found = Some((i, t));
            }
        }
        Ok(found.map(|(i, t)| {
            self.mark(i);
            t
        }))
    }

    /// Every token for a repeatable `key`, in order.
    pub(crate) fn all<const N: usize>(
        &mut self,
        key: &str,
    ) -> Result<Vec<Token<'a>, N>, Rejection> {
        let mut out = Vec::new();
        for i in 0..self.tokens.len() {
            if let Some(t) = self.tokens.get(i).copied() {
                if t.key.is_some_and(|k| key_eq(k, key)) {
                    out.push(t).map_err(|_| {
                        Rejection::capacity("key repeated too often").at_column(t.column)
                    })?;
                    self.mark(i);
                }
            }
        }
        Ok(out)
    }

    pub(crate) fn bare(&mut self, key: &str) -> Result<Option<(&'a str, u16)>, Rejection> {
        match self.get(key)? {
            Some(t) if t.quoted => Err(err(
                ErrorCode::BadValue,
                "this value may not be quoted",
                t.value_column,
            )),
            Some(t) => Ok(Some((t.value, t.value_column))),
            None => Ok(None),
        }
    }

    pub(crate) fn required<T>(
        &mut self,
        key: &str,
        v: Result<Option<T>, Rejection>,
    ) -> Result<T, Rejection> {
        let _ = key;
        match v? {
            Some(x) => Ok(x),
            None => Err(err(
                ErrorCode::MissingKey,
                "a required key is missing",
                self.line_column,
            )),
        }
    }

    #[inline(always)]
    pub(crate) fn named<T>(
        &mut self,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        msg: &'static str,
    ) -> Result<Option<T>, Rejection> {
        if self.absent(key) {
            return Ok(None);
        }
        self.named_given(key, parse, msg)
    }

    /// [`Keys::named`] for a key that may be given.
    #[inline(never)]
    fn named_given<T>(
        &mut self,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        msg: &'static str,
    ) -> Result<Option<T>, Rejection> {
        match self.bare(key)? {
            Some((v, c)) => parse(v)
                .map(Some)
                .ok_or_else(|| err(ErrorCode::BadValue, msg, c)),
            None => Ok(None),
        }
    }

    #[inline(always)]
    pub(crate) fn yes_no(&mut self, key: &str) -> Result<Option<bool>, Rejection> {
        if self.absent(key) {
            return Ok(None);
        }
        self.yes_no_given(key)
    }

    /// [`Keys::yes_no`] for a key that may be given.
    #[inline(never)]
    fn yes_no_given(&mut self, key: &str) -> Result<Option<bool>, Rejection> {
        self.named(key, parse_yes_no, "expected yes or no")
    }

    /// A flag that may only be `yes` (e.g. `stowaway=yes`) or `no`.
    #[inline(always)]
    pub(crate) fn flag(&mut self, key: &str) -> Result<bool, Rejection> {
        if self.absent(key) {
            return Ok(false);
        }
        self.flag_given(key)
    }

    /// [`Keys::flag`] for a key that may be given.
    #[inline(never)]
    fn flag_given(&mut self, key: &str) -> Result<bool, Rejection> {
        Ok(self.yes_no(key)?.unwrap_or(false))
    }

    #[inline(always)]
    pub(crate) fn date(&mut self, key: &str) -> Result<Option<Date>, Rejection> {
        if self.absent(key) {
            return Ok(None);
        }
        self.date_given(key)
    }

    /// [`Keys::date`] for a key that may be given.
    #[inline(never)]
    fn date_given(&mut self, key: &str) -> Result<Option<Date>, Rejection> {
        match self.bare(key)? {
            Some((v, c)) => parse_date(v).map(Some).map_err(|e| time_error(e, c)),
            None => Ok(None),
        }
    }

    #[inline(always)]
    pub(crate) fn timestamp(&mut self, key: &str) -> Result<Option<Instant>, Rejection> {
        if self.absent(key) {
            return Ok(None);
        }
        self.timestamp_given(key)
    }

    /// [`Keys::timestamp`] for a key that may be given.
    #[inline(never)]
    fn timestamp_given(&mut self, key: &str) -> Result<Option<Instant>, Rejection> {
        match self.bare(key)? {
            Some((v, c)) => parse_timestamp(v).map(Some).map_err(|e| time_error(e, c)),
            None => Ok(None),
        }
    }

    #[inline(always)]
    pub(crate) fn number(&mut self, key: &str) -> Result<Option<u16>, Rejection> {
        if self.absent(key) {
            return Ok(None);
        }
        self.number_given(key)
    }

    /// [`Keys::number`] for a key that may be given.
    #[inline(never)]
    fn number_given(&mut self, key: &str) -> Result<Option<u16>, Rejection> {
        match self.bare(key)? {
            Some((v, c)) => v
                .parse::<u16>()
                .map(Some)
                .map_err(|_| err(ErrorCode::BadValue, "expected a whole number (0-65535)", c)),
            None => Ok(None),
        }
    }

    /// Free text (bare or quoted): only its presence is kept.
    #[inline(always)]
    pub(crate) fn text(&mut self, key: &str) -> Result<bool, Rejection> {
        if self.absent(key) {
            return Ok(false);
        }
        self.text_given(key)
    }

    /// [`Keys::text`] for a key that may be given.
    #[inline(never)]
    fn text_given(&mut self, key: &str) -> Result<bool, Rejection> {
        Ok(self.get(key)?.is_some())
    }

    pub(crate) fn actor(&mut self) -> Result<Option<Actor>, Rejection> {
        self.named("by", Actor::from_name, "unknown actor")
    }

    /// `officer=ID`: a bare token of at most 8 bytes (s 54(2)).
    pub(crate) fn officer(&mut self) -> Result<Option<OfficerId>, Rejection> {
        self.named(
            "officer",
            OfficerId::new,
            "officer is an id of at most 8 characters",
        )
    }

    /// `mode=documents` (s 129ZC(1)).
    pub(crate) fn documents(&mut self) -> Result<bool, Rejection> {
        Ok(self
            .named(
                "mode",
                |v| (v == "documents").then_some(()),
                "mode is documents",
            )?
            .is_some())
    }

    /// `proceedings=N` (1–255): convictions on the same occasion or in the
    /// same proceedings share a number (s 7(2)(b)).
    pub(crate) fn proceedings(&mut self) -> Result<Option<u8>, Rejection> {
        self.named(
            "proceedings",
            |v| v.parse::<u8>().ok().filter(|n| *n > 0),
            "proceedings is a number from 1 to 255",
        )
    }

    /// Fails with `unknown-key` on the first key that was not used.
    pub(crate) fn finish(self) -> Result<(), Rejection> {
        // Every token used (the common case): its bits are the low ones.
        let n = u32::try_from(self.tokens.len()).unwrap_or(u32::MAX);
        if 1u64
            .checked_shl(n)
            .is_some_and(|b| self.used == b.wrapping_sub(1))
        {
            return Ok(());
        }
        for (i, t) in self.tokens.iter().enumerate() {
            let bit = 1u64
                .checked_shl(u32::try_from(i).unwrap_or(u32::MAX))
                .unwrap_or(0);
            if self.used & bit == 0 {
                return Err(err(
                    ErrorCode::UnknownKey,
                    "this line does not take that key",
                    t.column,
                ));
            }
        }
        Ok(())
    }
}

pub(crate) fn parse_person(rest: &[Token<'_>]) -> Result<PersonLine, Rejection> {
    let mut k = Keys::new(rest, 1)?;
    let nationality = match k.bare("nationality")? {
        Some((v, c)) => match v.as_bytes() {
            [a, b, d] if [a, b, d].iter().all(|x| x.is_ascii_uppercase()) => Some([*a, *b, *d]),
            _ => {
                return Err(err(
                    ErrorCode::BadValue,
                    "nationality is an ISO 3166 alpha-3 code (e.g. TON)",
                    c,
                ))
            }
        },
        None => None,
    };
    let mut minister = 0u8;
    for t in k.all::<5>("s7-minister")? {
        let b = MinisterBelief::from_name(t.value).ok_or_else(|| {
            err(
                ErrorCode::BadValue,
                "s7-minister is e, f, g, h or i",
                t.value_column,
            )
        })?;
        minister |= 1u8.checked_shl(u32::from(b.code())).unwrap_or(0);
    }
    let p = PersonLine {
        citizen: k.yes_no("citizen")?,
        born: k.date("born")?,
        married: k.yes_no("married")?,
        nationality,
        deported: k.yes_no("deported")?,
        minister,
    };
    k.finish()?;
    Ok(p)
}

fn parse_clock(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if b.len() != 5 || b.get(2) != Some(&b':') {
        return None;
    }
    let h: u32 = s.get(0..2)?.parse().ok()?;
    let m: u32 = s.get(3..5)?.parse().ok()?;
    if h > 24 || m > 59 || (h == 24 && m != 0) {
        return None;
    }
    h.checked_mul(3600)?.checked_add(m.checked_mul(60)?)
}

pub(crate) fn parse_config(
    rest: &[Token<'_>],
) -> Result<Vec<ConfigItem, MAX_CONFIG_ITEMS>, Rejection> {
    if rest.is_empty() {
        return Err(err(
            ErrorCode::BadSyntax,
            "expected `config KEY=VALUE …`",
            1,
        ));
    }
    let mut out = Vec::new();
    for t in rest {
        let Some(key) = t.key else {
            return Err(err(ErrorCode::BadSyntax, "expected KEY=VALUE", t.column));
        };
        if t.quoted {
            return Err(err(
                ErrorCode::BadValue,
                "this value may not be quoted",
                t.value_column,
            ));
        }
        let c = t.value_column;
        let v = t.value;
        let yn = |v: &str| {
            parse_yes_no(v).ok_or_else(|| err(ErrorCode::BadValue, "expected yes or no", c))
        };
        let dur = |v: &str| {
            parse_duration(v)
                .map_err(|e| time_error(e, c))
                .and_then(|d| {
                    if d > 0 {
                        Ok(d)
                    } else {
                        Err(err(
                            ErrorCode::BadValue,
                            "a service level must be positive",
                            c,
                        ))
                    }
                })
        };
        let item =
            match key {
                "holiday" => ConfigItem::Holiday(parse_date(v).map_err(|e| time_error(e, c))?),
                "zone" => ConfigItem::Zone(match v {
                    "mainland" => Zone::Mainland,
                    "chatham" => Zone::Chatham,
                    _ => return Err(err(ErrorCode::BadValue, "zone is mainland or chatham", c)),
                }),
                "service-level" => ConfigItem::ServiceLevel(None, dur(v)?),
                "service-level.release" | "release-tolerance" => {
                    ConfigItem::ServiceLevel(Some(Obligation::Release), dur(v)?)
                }
                "service-level.determination" => {
                    ConfigItem::ServiceLevel(Some(Obligation::Determination), dur(v)?)
                }
                "service-level.judge" => ConfigItem::ServiceLevel(Some(Obligation::Judge), dur(v)?),
                "aa1a-covers-prewarrant" => ConfigItem::Aa1aCoversPrewarrant(yn(v)?),
                "aa2a-covers-claimants" => ConfigItem::Aa2aCoversClaimants(yn(v)?),
                "defective-application-voids-warrant" => {
                    ConfigItem::DefectiveApplicationVoidsWarrant(yn(v)?)
                }
                "apply-s2-2-to-128b-6c" => ConfigItem::ApplyS2_2To128b6c(yn(v)?),
                "y4-15" => ConfigItem::Y415(yn(v)?),
                "hypothetical" => ConfigItem::Hypothetical(yn(v)?),
                "ooh-role" => ConfigItem::OohRole(
                    Approver::from_name(v)
                        .ok_or_else(|| err(ErrorCode::BadValue, "unknown approver", c))?,
                ),
                #[cfg(feature = "operation")]
                "ooh-pause" => ConfigItem::OohPause(match v {
                    "on" | "yes" => true,
                    "off" | "no" => false,
                    _ => return Err(err(ErrorCode::BadValue, "ooh-pause is on or off", c)),
                }),
                #[cfg(feature = "operation")]
                "ooh-from" => {
                    let bad = || err(ErrorCode::BadValue, "expected VERSION@DATE (v1 to v4)", c);
                    let (ver, d) = v.split_once('@').ok_or_else(bad)?;
                    let ver = OohVersion::from_name(ver)
                        .filter(|x| *x != OohVersion::V0)
                        .ok_or_else(bad)?;
                    ConfigItem::OohFrom(ver, parse_date(d).map_err(|e| time_error(e, c))?)
                }
                #[cfg(feature = "operation")]
                "ooh-window" => {
                    let bad = || {
                        err(
                            ErrorCode::BadValue,
                            "expected HH:MM-HH:MM, start before end",
                            c,
                        )
                    };
                    let (a, b) = v.split_once('-').ok_or_else(bad)?;
                    match (parse_clock(a), parse_clock(b)) {
                        (Some(s), Some(e)) if s < e => ConfigItem::OohWindow(s, e),
                        _ => return Err(bad()),
                    }
                }
                #[cfg(feature = "operation")]
                "ooh-justification" => ConfigItem::OohJustification(
                    Justification::from_name(v)
                        .ok_or_else(|| err(ErrorCode::BadValue, "unknown justification", c))?,
                ),
                #[cfg(feature = "removal")]
                "reading" => ConfigItem::Reading(Reading::from_name(v).ok_or_else(|| {
                    err(ErrorCode::BadValue, "reading is recommended or literal", c)
                })?),
                #[cfg(feature = "removal")]
                "s60-5-from" => ConfigItem::S605From(S605From::from_name(v).ok_or_else(|| {
                    err(
                        ErrorCode::BadValue,
                        "s60-5-from is first-extension or second-extension",
                        c,
                    )
                })?),
                "overnight-window" => {
                    let (a, b) = v
                        .split_once('/')
                        .ok_or_else(|| err(ErrorCode::BadValue, "expected HH:MM/HH:MM", c))?;
                    match (parse_clock(a), parse_clock(b)) {
                        (Some(s), Some(e)) if s != e => ConfigItem::OvernightWindow(s, e),
                        _ => return Err(err(ErrorCode::BadValue, "expected HH:MM/HH:MM", c)),
                    }
                }
                _ => return Err(err(ErrorCode::UnknownKey, "unknown config key", t.column)),
            };
        out.push(item).map_err(|_| {
            Rejection::capacity("too many settings on one config line").at_column(t.column)
        })?;
    }
    Ok(out)
}

fn parse_parent(v: &str, c: u16) -> Result<ParentStatus, Rejection> {
    let bad = || {
        err(
            ErrorCode::BadValue,
            "expected STATUS:KIND:UNTIL (e.g. temporary-permit:visitor:2009-06-30)",
            c,
        )
    };
    let mut parts = v.splitn(3, ':');
    let status = parts.next().ok_or_else(bad)?;
    let kind = parts.next().unwrap_or("");
    let until = match parts.next() {
        Some("") | None => None,
        Some(d) => Some(parse_date(d).map_err(|_| bad())?),
    };
    let status = StatusState::from_name(status).ok_or_else(bad)?;
    Ok(match status {
        StatusState::Exempt => {
            ParentStatus::Exempt(ExemptBasis::from_name(kind).ok_or_else(bad)?, until)
        }
        StatusState::TemporaryPermit => ParentStatus::Temporary(
            if kind.is_empty() {
                None
            } else {
                Some(PermitKind::from_name(kind).ok_or_else(bad)?)
            },
            until,
        ),
        StatusState::LimitedPurposePermit => ParentStatus::LimitedPurpose(until),
        StatusState::ResidencePermit => ParentStatus::Residence,
        StatusState::Citizen => ParentStatus::Citizen,
        StatusState::Unlawful => ParentStatus::Unlawful(until),
        _ => return Err(bad()),
    })
}

fn parse_event(at: Instant, first: &Token<'_>, rest: &[Token<'_>]) -> Result<Event, Rejection> {
    let Some((verb_token, keys)) = rest.split_first() else {
        return Err(err(
            ErrorCode::BadSyntax,
            "expected a verb after the timestamp",
            first.column,
        ));
    };
    if verb_token.key.is_some() || verb_token.quoted {
        return Err(err(
            ErrorCode::BadSyntax,
            "expected a verb after the timestamp",
            verb_token.column,
        ));
    }
    let verb = Verb::from_name(verb_token.value)
        .ok_or_else(|| err(ErrorCode::UnknownVerb, "unknown verb", verb_token.column))?;
    event_from_keys(at, verb, keys, verb_token.column)
}

/// An event from its verb and its `KEY=VALUE` tokens (shared by the line
/// parser and [`super::cells`]); `column` is where a missing key is reported.
pub(crate) fn event_from_keys(
    at: Instant,
    verb: Verb,
    keys: &[Token<'_>],
    column: u16,
) -> Result<Event, Rejection> {
    let mut k = Keys::new(keys, column)?;
    let kind = parse_kind(verb, &mut k)?;
    k.finish()?;
    Ok(Event { at, kind })
}

fn parse_kind(verb: Verb, k: &mut Keys<'_, '_>) -> Result<EventKind, Rejection> {
    use EventKind as E;
    Ok(match verb {
        Verb::Tick => E::Tick,
        Verb::Arrive => E::Arrive {
            craft: k.text("craft")?,
            place: k.named(
                "place",
                ArrivalPlace::from_name,
                "place is customs or elsewhere",
            )?,
            stowaway: k.flag("stowaway")?,
            transit: k.flag("transit")?,
            precleared: k.flag("precleared")?,
            group: k.text("group")?,
            transit_visa: k.yes_no("transit-visa")?,
        },
        Verb::Present => E::Present,
        Verb::Exempt => {
            let basis = k.named("basis", ExemptBasis::from_name, "unknown exemption basis")?;
            E::Exempt {
                basis: k.required("basis", Ok(basis))?,
                until: k.date("until")?,
            }
        }
        Verb::ExemptionCease => E::ExemptionCease,
        Verb::ApplyPermit => {
            let permit = k.named(
                "type",
                PermitType::from_name,
                "type is temporary, residence or limited-purpose",
            )?;
            E::ApplyPermit {
                permit: k.required("type", Ok(permit))?,
                kind: k.named(
                    "kind",
                    PermitKind::from_name,
                    "kind is visitor, work or student",
                )?,
            }
        }
        Verb::FailApply => E::FailApply,
        Verb::GrantPermit => {
            let permit = k.named(
                "type",
                PermitType::from_name,
                "type is temporary, residence or limited-purpose",
            )?;
            E::GrantPermit {
                permit: k.required("type", Ok(permit))?,
                kind: k.named(
                    "kind",
                    PermitKind::from_name,
                    "kind is visitor, work or student",
                )?,
                expires: k.date("expires")?,
                precleared: k.flag("precleared")?,
                by: k.actor()?,
                basis: k.named("basis", GrantBasis::from_name, "unknown grant basis")?,
                officer: k.officer()?,
            }
        }
        Verb::RefusePermit => E::RefusePermit {
            by: k.actor()?,
            officer: k.officer()?,
        },
        Verb::RevokePermit => {
            let section = k.named(
                "section",
                RevokeSection::from_name,
                "section is 19, 20, 32, 33, 33A or 35F",
            )?;
            E::RevokePermit {
                section: k.required("section", Ok(section))?,
                locus: k.named("locus", Locus::from_name, "locus is arrival-hall or office")?,
                service: k.named(
                    "service",
                    Service::from_name,
                    "service is personal or registered-post",
                )?,
                effective: k.date("effective")?,
                s7_1: k.named("s7-1", S7Ground::from_name, "s7-1 is a, b, c or d")?,
            }
        }
        Verb::SuspectS7 => {
            let by = k.actor()?;
            let reason = k.named(
                "reason",
                SuspectReason::from_name,
                "reason is s7, no-documents or false-documents",
            )?;
            E::SuspectS7 {
                by,
                reason: k.required("reason", Ok(reason))?,
            }
        }
        Verb::OfferVoluntaryDeparture => E::OfferVoluntaryDeparture,
        Verb::OfferRebuttal => E::OfferRebuttal,
        Verb::ConsiderS7Grounds => E::ConsiderS7Grounds { by: k.actor()? },
        Verb::DetermineS7 => {
            let applies = k.yes_no("applies")?;
            E::DetermineS7 {
                applies: k.required("applies", Ok(applies))?,
                permit: k.named(
                    "permit",
                    |v| match v {
                        "granted" => Some(true),
                        "refused" => Some(false),
                        _ => None,
                    },
                    "permit is granted or refused",
                )?,
                by: k.actor()?,
                adviser: k.named(
                    "adviser",
                    Adviser::from_name,
                    "adviser is commissioner or other",
                )?,
            }
        }
        Verb::RequestRemoval => E::RequestRemoval,
        Verb::Detain => {
            let by = k.actor()?;
            let basis = k.named("basis", DetainBasis::from_name, "unknown detention basis")?;
            E::Detain {
                by,
                basis: k.required("basis", Ok(basis))?,
                place: k.named("place", Place::from_name, "unknown place")?,
                overnight: k.flag("overnight")?,
                requested_by: k
                    .named(
                        "requested-by",
                        RequestedBy::from_name,
                        "requested-by is io or none",
                    )?
                    .unwrap_or(RequestedBy::Io),
                agreed_by: k.named(
                    "agreed-by",
                    AgreedBy::from_name,
                    "agreed-by is parent, io or parent-and-io",
                )?,
                judge_direction: k.flag("judge-direction")?,
                from_prison: k
                    .named("from", |v| (v == "prison").then_some(()), "from is prison")?
                    .is_some(),
            }
        }
        Verb::Move => {
            let place = k.named("place", Place::from_name, "unknown place")?;
            E::Move {
                place: k.required("place", Ok(place))?,
                overnight: k.flag("overnight")?,
                agreed_by: k.named(
                    "agreed-by",
                    AgreedBy::from_name,
                    "agreed-by is parent, io or parent-and-io",
                )?,
                judge_direction: k.flag("judge-direction")?,
            }
        }
        Verb::WarrantApply => E::WarrantApply {
            by: k.actor()?,
            to: k.named(
                "to",
                Actor::from_name,
                "to is registrar, deputy-registrar or judge",
            )?,
            oath: k.yes_no("oath")?,
            reasons: k.yes_no("reasons")?,
        },
        Verb::WarrantIssue => E::WarrantIssue {
            by: k.actor()?,
            days: k.number("days")?,
            premises: k.named(
                "premises",
                Premises::from_name,
                "premises is prison or approved-premises",
            )?,
            ground: k.named(
                "ground",
                WarrantGround::from_name,
                "ground is 60-3-a, 60-3-b, 60-3-c or 60-3-d",
            )?,
            expires_at: k.timestamp("expires-at")?,
            documents: k.documents()?,
        },
        Verb::ExtensionApply => E::ExtensionApply {
            oath: k.yes_no("oath")?,
            reasons: k.yes_no("reasons")?,
        },
        Verb::ExtensionGrant => {
            let days = k.number("days")?;
            let expires_at = k.timestamp("expires-at")?;
            // `expires-at=` (an extension to a stated instant) stands in for `days=`.
            let days = match (days, expires_at) {
                (Some(d), _) => Some(d),
                (None, Some(_)) => Some(0),
                (None, None) => None,
            };
            E::ExtensionGrant {
                days: k.required("days", Ok(days))?,
                group: k.flag("group")?,
                group_size: k.number("group-size")?,
                group_s128: k.number("group-s128")?,
                expires_at,
            }
        }
        Verb::ReleaseNotice => E::ReleaseNotice {
            in_writing: k.yes_no("in-writing")?,
        },
        Verb::Release => E::Release { by: k.actor()? },
        Verb::Escape => E::Escape,
        Verb::Recapture => E::Recapture,
        Verb::ConditionalReleaseApply => E::ConditionalReleaseApply {
            by: k.actor()?,
            oath: k.yes_no("oath")?,
            reasons: k.yes_no("reasons")?,
            basis: k.named("basis", CrBasis::from_name, "basis is s128aa-1 or s128aa-2")?,
        },
        Verb::ConditionalRelease => E::ConditionalRelease {
            until: k.date("until")?,
            until_event: k.text("until-event")?,
            location: k.text("location")?,
            reside: k.flag("reside")?,
            report: k.flag("report")?,
            interview: k.flag("interview")?,
        },
        Verb::ConditionalReleaseRefuse => E::ConditionalReleaseRefuse {
            days: k.number("days")?,
        },
        Verb::NotifyConditions => E::NotifyConditions {
            in_writing: k.yes_no("in-writing")?,
        },
        Verb::VaryConditions => E::VaryConditions {
            judge_consent: k.yes_no("judge-consent")?,
            in_writing: k.yes_no("in-writing")?,
        },
        Verb::DeliverUp => E::DeliverUp {
            location: k.text("location")?,
        },
        Verb::BreachCondition => {
            let class = k.named("class", BreachClass::from_name, "class is a, b or c")?;
            E::BreachCondition {
                class: k.required("class", Ok(class))?,
                excuse: k.flag("excuse")?,
            }
        }
        Verb::FailDeliverUp => E::FailDeliverUp,
        Verb::CancelReleaseApply => E::CancelReleaseApply {
            oath: k.yes_no("oath")?,
            reasons: k.yes_no("reasons")?,
        },
        Verb::CancelRelease => E::CancelRelease,
        Verb::Arrest => E::Arrest { by: k.actor()? },
        Verb::ReviewCommence => E::ReviewCommence,
        Verb::ReviewComplete => {
            let result = k.named(
                "result",
                ReviewResult::from_name,
                "result is upheld or quashed",
            )?;
            E::ReviewComplete {
                result: k.required("result", Ok(result))?,
            }
        }
        Verb::Appear => {
            let _before = k.named(
                "before",
                |v| (v == "judge").then_some(()),
                "before is judge",
            )?;
            let outcome = k.named(
                "outcome",
                AppearOutcome::from_name,
                "outcome is extend, release, continue or decline",
            )?;
            E::Appear {
                outcome: k.required("outcome", Ok(outcome))?,
                days: k.number("days")?,
                excuse: k.flag("excuse")?,
                reside: k.flag("reside")?,
                report: k.named("report", Report::from_name, "report is yes, no or daily")?,
                location: k.text("location")?,
                exceptional: k.flag("exceptional")?,
                own_delay: k.flag("own-delay")?,
                documents: k.documents()?,
            }
        }
        Verb::Bail => E::Bail { by: k.actor()? },
        Verb::CraftAvailable => E::CraftAvailable {
            in_writing: k.yes_no("in-writing")?,
        },
        Verb::DeliverToPolice => E::DeliverToPolice,
        Verb::CraftDelayed => E::CraftDelayed {
            scheduled: k.timestamp("scheduled")?,
            expected: k.timestamp("expected")?,
            reason: k.named(
                "reason",
                CraftReason::from_name,
                "reason is no-craft, craft-unavailable, not-practicable or other",
            )?,
        },
        Verb::Depart => E::Depart,
        Verb::RefugeeClaim => E::RefugeeClaim {
            to: k.named("to", ClaimTo::from_name, "to is department or police")?,
        },
        Verb::RefugeeDecide => {
            let result = k.named(
                "result",
                RefugeeResult::from_name,
                "result is recognised or declined",
            )?;
            E::RefugeeDecide {
                result: k.required("result", Ok(result))?,
            }
        }
        Verb::AppealLodge => {
            let forum = k.named(
                "forum",
                Forum::from_name,
                "forum is rra, hc, ca, drt or rsaa",
            )?;
            E::AppealLodge {
                forum: k.required("forum", Ok(forum))?,
                by: k.actor()?,
                prescribed: k.yes_no("prescribed")?,
                fee: k.yes_no("fee")?,
                addresses: k.yes_no("addresses")?,
                leave: k.yes_no("leave")?,
            }
        }
        Verb::AppealDecide => {
            let forum = k.named(
                "forum",
                Forum::from_name,
                "forum is rra, hc, ca, drt or rsaa",
            )?;
            let result = k.named(
                "result",
                AppealResult::from_name,
                "result is allowed or dismissed",
            )?;
            E::AppealDecide {
                forum,
                result: k.required("result", Ok(result))?,
                direction: k.named(
                    "direction",
                    Direction::from_name,
                    "direction is residence-permit or temporary-permit",
                )?,
            }
        }
        Verb::RemovalOrderMake => E::RemovalOrderMake {
            by: k.actor()?,
            officer: k.officer()?,
            dependants: k.number("dependants")?,
        },
        Verb::RemovalOrderServe => E::RemovalOrderServe {
            by: k.actor()?,
            mode: k.named(
                "mode",
                ServiceMode::from_name,
                "mode is delivered, brought-to-attention, s141c-d or other",
            )?,
        },
        Verb::RemovalOrderCancel => E::RemovalOrderCancel {
            mode: k.named(
                "mode",
                CancelMode::from_name,
                "mode is endorsed-copy or prescribed-notice",
            )?,
            record: k.yes_no("record")?,
        },
        Verb::Conviction => E::Conviction {
            offence: k.date("offence")?,
            sentence_months: k.number("sentence-months")?,
            max_penalty_months: k.number("max-penalty-months")?,
            sentence: k.named(
                "sentence",
                SentenceKind::from_name,
                "sentence is imprisonment, suspended, deferred, indeterminate or none",
            )?,
            proceedings: k.proceedings()?,
            cumulative: k.flag("cumulative")?,
        },
        Verb::DeportationOrderMake => {
            let section = k.named(
                "section",
                DeportSection::from_name,
                "section is 72, 73, 91 or 92",
            )?;
            E::DeportationOrderMake {
                section: k.required("section", Ok(section))?,
            }
        }
        Verb::OperationPropose => {
            let kind = k.named(
                "kind",
                OperationKind::from_name,
                "kind is home-visit, workplace-visit or other",
            )?;
            let purpose = k.named(
                "purpose",
                Purpose::from_name,
                "purpose is deportation, removal, employer-compliance or other",
            )?;
            let purpose = k.required("purpose", Ok(purpose))?;
            let step = k.named("step", Step::from_name, "step is serve or execute")?;
            let mut answers = Answers::default();
            answer(k, &mut answers, RecordKey::Residential)?;
            let zone = k.named("zone", zone_of, "zone is mainland or chatham")?;
            let (start, end) = span(k)?;
            let mut justification = Justifications::default();
            let given = k.all::<MAX_JUSTIFICATIONS>("justification")?;
            for t in &given {
                let j = Justification::from_name(t.value).ok_or_else(|| {
                    err(
                        ErrorCode::BadValue,
                        "justification is public-safety, flight-risk, allegations-of-violence or other",
                        t.value_column,
                    )
                })?;
                justification.insert(j);
            }
            let mut approved_by = Approvers::default();
            for t in k.all::<MAX_APPROVERS>("approved-by")? {
                let a = Approver::from_name(t.value)
                    .ok_or_else(|| err(ErrorCode::BadValue, "unknown approver", t.value_column))?;
                approved_by.insert(a);
            }
            let approved_at = k.timestamp("approved-at")?;
            for key in RecordKey::RECORD {
                answer(k, &mut answers, key)?;
            }
            E::OperationPropose {
                kind,
                purpose,
                step,
                zone,
                start,
                end,
                justification,
                approved_by,
                approved_at,
                answers,
            }
        }
        Verb::OperationExecute => {
            let (start, end) = span(k)?;
            E::OperationExecute {
                start,
                end,
                children: k.yes_no("children")?,
                vulnerable: k.yes_no("vulnerable")?,
            }
        }
        Verb::EmergencyReturn => {
            let departed = k.timestamp("departed")?;
            E::EmergencyReturn {
                departed: k.required("departed", Ok(departed))?,
            }
        }
        Verb::Birth => {
            let mut parents = Vec::new();
            for t in k.all::<MAX_PARENTS>("parent")? {
                parents
                    .push(parse_parent(t.value, t.value_column)?)
                    .map_err(|_| Rejection::capacity("at most two parents").at_column(t.column))?;
            }
            if parents.is_empty() {
                return Err(err(
                    ErrorCode::MissingKey,
                    "birth needs at least one parent=",
                    1,
                ));
            }
            E::Birth { parents }
        }
        Verb::EpidemicNotice => {
            let commenced = k.date("commenced")?;
            let expires = k.date("expires")?;
            E::EpidemicNotice {
                commenced: k.required("commenced", Ok(commenced))?,
                expires: k.required("expires", Ok(expires))?,
            }
        }
        Verb::ConditionChange => E::ConditionChange {
            effective: k.date("effective")?,
        },
        Verb::LppExpiryNotice => {
            let expires = k.date("expires")?;
            E::LppExpiryNotice {
                expires: k.required("expires", Ok(expires))?,
            }
        }
        Verb::PreclearanceFlightMissed => E::PreclearanceFlightMissed,
        Verb::PreclearanceFlightDiverted => E::PreclearanceFlightDiverted,
        Verb::ReconsiderationApply => E::ReconsiderationApply,
        Verb::ReconsiderationDecide => {
            let result = k.named(
                "result",
                ReconsiderationResult::from_name,
                "result is confirmed or reversed",
            )?;
            E::ReconsiderationDecide {
                result: k.required("result", Ok(result))?,
                in_writing: k.yes_no("in-writing")?,
            }
        }
        Verb::RrvIssue => E::RrvIssue,
        #[cfg(feature = "removal")]
        Verb::AppealWithdraw => E::AppealWithdraw {
            forum: k.named(
                "forum",
                Forum::from_name,
                "forum is rra, hc, ca, drt or rsaa",
            )?,
            in_writing: k.yes_no("in-writing")?,
        },
        #[cfg(feature = "removal")]
        Verb::Board => {
            let _craft = k.text("craft")?;
            E::Board
        }
        #[cfg(feature = "removal")]
        Verb::ImprisonmentBegin => E::ImprisonmentBegin {
            release_due: k.timestamp("release-due")?,
        },
        #[cfg(feature = "removal")]
        Verb::ImprisonmentEnd => E::ImprisonmentEnd,
        #[cfg(feature = "removal")]
        Verb::PrisonReleaseRequest => E::PrisonReleaseRequest { by: k.actor()? },
        #[cfg(feature = "removal")]
        Verb::InternationalObligationsInfo => E::InternationalObligationsInfo,
        #[cfg(feature = "removal")]
        Verb::TransitionalNoticeServe => E::TransitionalNoticeServe,
    })
}

/// `mainland` or `chatham`.
fn zone_of(v: &str) -> Option<Zone> {
    match v {
        "mainland" => Some(Zone::Mainland),
        "chatham" => Some(Zone::Chatham),
        _ => None,
    }
}

/// The answer to one of an `operation-propose` line's yes/no keys (or
/// yes/no/unknown: `children=`, `vulnerable=`, `nz-residents=`).
fn answer(k: &mut Keys<'_, '_>, answers: &mut Answers, key: RecordKey) -> Result<(), Rejection> {
    let v = if key.takes_unknown() {
        k.named(
            key.name(),
            YesNoUnknown::from_name,
            "expected yes, no or unknown",
        )?
    } else {
        k.yes_no(key.name())?.map(|b| {
            if b {
                YesNoUnknown::Yes
            } else {
                YesNoUnknown::No
            }
        })
    };
    if let Some(v) = v {
        answers.set(key, v);
    }
    Ok(())
}

/// The `start=` (required) and `end=` of an operation; the end must come
/// after the start (`bad-value` at the end's column).
fn span(k: &mut Keys<'_, '_>) -> Result<(Instant, Option<Instant>), Rejection> {
    let start = k.timestamp("start")?;
    let start = k.required("start", Ok(start))?;
    let end = match k.bare("end")? {
        Some((v, c)) => {
            let e = parse_timestamp(v).map_err(|e| time_error(e, c))?;
            if e <= start {
                return Err(err(
                    ErrorCode::BadValue,
                    "an operation's end comes after its start",
                    c,
                ));
            }
            Some(e)
        }
        None => None,
    };
    Ok((start, end))
}

/// Parses `SEVERITY:CODE`.
pub(crate) fn parse_finding(v: &str) -> Option<(Severity, FindingCode)> {
    let (s, c) = v.split_once(':')?;
    Some((Severity::from_name(s)?, FindingCode::from_name(c)?))
}

/// Parses `NAME@TIMESTAMP`.
pub(crate) fn parse_deadline_at(
    v: &str,
    column: u16,
) -> Result<(DeadlineName, Instant), Rejection> {
    let (n, ts) = v
        .split_once('@')
        .ok_or_else(|| err(ErrorCode::BadValue, "expected NAME@TIMESTAMP", column))?;
    let name = DeadlineName::from_name(n)
        .ok_or_else(|| err(ErrorCode::BadValue, "unknown deadline name", column))?;
    let at = parse_timestamp(ts).map_err(|e| time_error(e, column))?;
    Ok((name, at))
}

/// Parses `MACHINE.STATE`.
pub(crate) fn parse_state(v: &str, column: u16) -> Result<MachineState, Rejection> {
    MachineState::parse(v).ok_or_else(|| err(ErrorCode::BadValue, "unknown MACHINE.STATE", column))
}

/// Parses a rule id.
pub(crate) fn parse_rule(v: &str, column: u16) -> Result<RuleId, Rejection> {
    RuleId::from_id(v).ok_or_else(|| err(ErrorCode::BadValue, "unknown rule id", column))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The filter of [`Keys`] never hides a key that is given, and a key
    /// given twice is still reported.
    #[test]
    fn keys_filter_keeps_every_given_key() {
        let line = "x a=1 by=io craft=NZ1 in-writing=yes max-penalty-months=3 reside=no";
        let tokens = super::super::lexer::tokenize(line).unwrap();
        let mut k = Keys::new(tokens.get(1..).unwrap(), 1).unwrap();
        for key in [
            "a",
            "by",
            "craft",
            "in-writing",
            "max-penalty-months",
            "reside",
        ] {
            assert!(k.get(key).unwrap().is_some(), "{key}");
        }
        for key in ["b", "bz", "craft2", "oath", "days", "to"] {
            assert!(k.get(key).unwrap().is_none(), "{key}");
        }
        k.finish().unwrap();
        let tokens = super::super::lexer::tokenize("x by=io by=police").unwrap();
        let mut k = Keys::new(tokens.get(1..).unwrap(), 1).unwrap();
        assert_eq!(k.actor().unwrap_err().code, ErrorCode::DuplicateKey);
        let tokens = super::super::lexer::tokenize("x by=io extra=1").unwrap();
        let mut k = Keys::new(tokens.get(1..).unwrap(), 1).unwrap();
        assert_eq!(k.actor().unwrap(), Some(Actor::Io));
        assert_eq!(k.finish().unwrap_err().column, 9);
    }
}
