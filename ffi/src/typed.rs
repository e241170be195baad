//! [`IA87Event`] to [`ia87_core::Event`], directly: the verb code picks the
//! [`EventKind`] variant and the typed arguments fill its fields, without the
//! case-language lexer and parser. A firmware that calls only
//! `ia87_case_apply_event` therefore does not link the text parser.
//!
//! The checks are the parser's, in the parser's order, with the parser's
//! messages, so a binary event and the line it stands for ([`crate::event::render`])
//! give the same outcome: unknown, missing and duplicate keys and bad values
//! are rejections, and `error_column` is the 1-based index of the argument at
//! fault (0 for the event as a whole, e.g. a missing key). `ffi/tests/typed.rs`
//! checks the two paths against each other for every event line of the
//! conformance suite and for every verb with every key.
//!
//! The one intended difference: the text form of an event with many long
//! arguments can exceed the 1024-byte line limit (`line-too-long`); the typed
//! form has no line, so no such limit.

use crate::codes::*;
use crate::convert::instant;
use crate::types::{IA87Arg, IA87Event, IA87Status, IA87_NONE};
use crate::vocab::{self, KeyType};
use heapless::Vec;
use ia87_core::lang::event::{ParentStatus, MAX_APPROVERS, MAX_JUSTIFICATIONS, MAX_PARENTS};
use ia87_core::lang::values::*;
use ia87_core::machines::status::StatusState;
use ia87_core::time::{Date, TimeError};
use ia87_core::{ErrorCode, Event, EventKind, Rejection, Verb};

fn err(code: ErrorCode, message: &'static str, column: u16) -> Rejection {
    Rejection::new(code, message).at_column(column)
}

/// The 1-based index of argument `i`.
fn col(i: usize) -> u16 {
    u16::try_from(i.saturating_add(1)).unwrap_or(u16::MAX)
}

/// The rejection of an instant the core cannot represent.
pub fn out_of_range(column: u16) -> Rejection {
    err(
        ErrorCode::BadTimestamp,
        "instant out of range (years 0001 to 9999)",
        column,
    )
}

/// The date of a `YYYYMMDD` integer, if it is one (as `parse_date` reads the
/// text `YYYY-MM-DD` the integer stands for).
pub fn date_of(v: i64) -> Option<Date> {
    if !(1..=9999_1231).contains(&v) {
        return None;
    }
    let (y, m, d) = (v / 10000, (v / 100) % 100, v % 100);
    Date::from_ymd(
        i32::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

/// The word an argument of type `WORD` gives ("" for other types: no value
/// parser accepts it, as none accepts their text).
fn word_of(a: &IA87Arg) -> &'static str {
    match vocab::key(a.key) {
        Some((_, KeyType::Word)) => vocab::word(a.word).unwrap_or(""),
        _ => "",
    }
}

/// An argument found by key, with its 1-based index.
#[derive(Clone, Copy)]
struct Found<'e> {
    arg: &'e IA87Arg,
    col: u16,
}

impl Found<'_> {
    fn word(&self) -> &'static str {
        word_of(self.arg)
    }
}

/// The arguments of an event, with a record of which were used: the typed
/// counterpart of the parser's `Keys`, method for method.
struct Args<'e> {
    args: &'e [IA87Arg],
    used: u32,
}

impl<'e> Args<'e> {
    fn mark(&mut self, i: usize) {
        if let Some(bit) = 1u32.checked_shl(u32::try_from(i).unwrap_or(u32::MAX)) {
            self.used |= bit;
        }
    }

    /// The argument for `key`, if given once; `duplicate-key` if given twice.
    fn get(&mut self, key: u16) -> Result<Option<Found<'e>>, Rejection> {
        let mut found: Option<(usize, &'e IA87Arg)> = None;
        for (i, a) in self.args.iter().enumerate() {
            if a.key == key {
                if found.is_some() {
                    return Err(err(
                        ErrorCode::DuplicateKey,
                        "key given more than once",
                        col(i),
                    ));
                }
                found = Some((i, a));
            }
        }
        Ok(found.map(|(i, arg)| {
            self.mark(i);
            Found { arg, col: col(i) }
        }))
    }

    /// Every argument for a repeatable `key`, in order.
    fn all<const N: usize>(&mut self, key: u16) -> Result<Vec<Found<'e>, N>, Rejection> {
        let mut out = Vec::new();
        for (i, arg) in self.args.iter().enumerate() {
            if arg.key == key {
                out.push(Found { arg, col: col(i) })
                    .map_err(|_| Rejection::capacity("key repeated too often").at_column(col(i)))?;
                self.mark(i);
            }
        }
        Ok(out)
    }

    fn required<T>(&mut self, key: u16, v: Result<Option<T>, Rejection>) -> Result<T, Rejection> {
        let _ = key;
        match v? {
            Some(x) => Ok(x),
            None => Err(err(ErrorCode::MissingKey, "a required key is missing", 0)),
        }
    }

    fn named<T>(
        &mut self,
        key: u16,
        parse: fn(&str) -> Option<T>,
        msg: &'static str,
    ) -> Result<Option<T>, Rejection> {
        match self.get(key)? {
            Some(f) => parse(f.word())
                .map(Some)
                .ok_or_else(|| err(ErrorCode::BadValue, msg, f.col)),
            None => Ok(None),
        }
    }

    fn yes_no(&mut self, key: u16) -> Result<Option<bool>, Rejection> {
        self.named(key, parse_yes_no, "expected yes or no")
    }

    fn flag(&mut self, key: u16) -> Result<bool, Rejection> {
        Ok(self.yes_no(key)?.unwrap_or(false))
    }

    fn date(&mut self, key: u16) -> Result<Option<Date>, Rejection> {
        match self.get(key)? {
            Some(f) => date_of(f.arg.value)
                .map(Some)
                .ok_or_else(|| err(ErrorCode::BadValue, TimeError::BadDate.message(), f.col)),
            None => Ok(None),
        }
    }

    fn timestamp(&mut self, key: u16) -> Result<Option<ia87_core::time::Instant>, Rejection> {
        match self.get(key)? {
            // Checked representable before the verb's keys are read.
            Some(f) => instant(f.arg.value)
                .map(Some)
                .ok_or_else(|| out_of_range(f.col)),
            None => Ok(None),
        }
    }

    fn number(&mut self, key: u16) -> Result<Option<u16>, Rejection> {
        match self.get(key)? {
            Some(f) => u16::try_from(f.arg.value).map(Some).map_err(|_| {
                err(
                    ErrorCode::BadValue,
                    "expected a whole number (0-65535)",
                    f.col,
                )
            }),
            None => Ok(None),
        }
    }

    /// Free text: only its presence is kept.
    fn text(&mut self, key: u16) -> Result<bool, Rejection> {
        Ok(self.get(key)?.is_some())
    }

    fn actor(&mut self) -> Result<Option<Actor>, Rejection> {
        self.named(IA87_KEY_BY, Actor::from_name, "unknown actor")
    }

    /// `officer=ID` (the parser's `Keys::officer`).
    fn officer(&mut self) -> Result<Option<OfficerId>, Rejection> {
        match self.get(IA87_KEY_OFFICER)? {
            Some(f) => OfficerId::from_i64(f.arg.value).map(Some).ok_or_else(|| {
                err(
                    ErrorCode::BadValue,
                    "officer is an id of at most 8 characters",
                    f.col,
                )
            }),
            None => Ok(None),
        }
    }

    /// `mode=documents` (the parser's `Keys::documents`).
    fn documents(&mut self) -> Result<bool, Rejection> {
        Ok(self
            .named(
                IA87_KEY_MODE,
                |v| (v == "documents").then_some(()),
                "mode is documents",
            )?
            .is_some())
    }

    /// `proceedings=N` (the parser's `Keys::proceedings`).
    fn proceedings(&mut self) -> Result<Option<u8>, Rejection> {
        match self.get(IA87_KEY_PROCEEDINGS)? {
            Some(f) => u8::try_from(f.arg.value)
                .ok()
                .filter(|n| *n > 0)
                .map(Some)
                .ok_or_else(|| {
                    err(
                        ErrorCode::BadValue,
                        "proceedings is a number from 1 to 255",
                        f.col,
                    )
                }),
            None => Ok(None),
        }
    }

    /// Fails with `unknown-key` on the first argument that was not used.
    fn finish(&self) -> Result<(), Rejection> {
        for i in 0..self.args.len() {
            let bit = 1u32
                .checked_shl(u32::try_from(i).unwrap_or(u32::MAX))
                .unwrap_or(0);
            if self.used & bit == 0 {
                return Err(err(
                    ErrorCode::UnknownKey,
                    "this line does not take that key",
                    col(i),
                ));
            }
        }
        Ok(())
    }
}

/// `parent=STATUS:KIND:UNTIL` from its typed form.
fn parent(a: &IA87Arg, c: u16) -> Result<ParentStatus, Rejection> {
    let bad = || {
        err(
            ErrorCode::BadValue,
            "expected STATUS:KIND:UNTIL (e.g. temporary-permit:visitor:2009-06-30)",
            c,
        )
    };
    let status = vocab::word(a.word).unwrap_or("");
    let kind = match a.word2 {
        IA87_NONE => "",
        k => vocab::word(k).unwrap_or(""),
    };
    let until = match a.value {
        0 => None,
        v => Some(date_of(v).ok_or_else(bad)?),
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

/// The key code of a record key (the parser's key name).
fn record_key(key: RecordKey) -> u16 {
    match key {
        RecordKey::Residential => IA87_KEY_RESIDENTIAL,
        RecordKey::Children => IA87_KEY_CHILDREN,
        RecordKey::Vulnerable => IA87_KEY_VULNERABLE,
        RecordKey::NzResidents => IA87_KEY_NZ_RESIDENTS,
        RecordKey::Alternatives => IA87_KEY_ALTERNATIVES,
        RecordKey::Cultural => IA87_KEY_CULTURAL,
        RecordKey::Proportionality => IA87_KEY_PROPORTIONALITY,
        RecordKey::SafetyPlan => IA87_KEY_SAFETY_PLAN,
        RecordKey::Regard => IA87_KEY_REGARD,
    }
}

/// The parser's `answer`: one of `operation-propose`'s yes/no keys (or
/// yes/no/unknown).
fn answer(k: &mut Args<'_>, answers: &mut Answers, key: RecordKey) -> Result<(), Rejection> {
    let code = record_key(key);
    let v = if key.takes_unknown() {
        k.named(code, YesNoUnknown::from_name, "expected yes, no or unknown")?
    } else {
        k.yes_no(code)?.map(|b| {
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

/// `mainland` or `chatham` (the parser's `zone=` values).
fn zone_of(v: &str) -> Option<ia87_core::time::Zone> {
    match v {
        "mainland" => Some(ia87_core::time::Zone::Mainland),
        "chatham" => Some(ia87_core::time::Zone::Chatham),
        _ => None,
    }
}

/// An operation's `start=` (required) and `end=`, after the start (the
/// parser's `span`, check for check).
fn span(
    k: &mut Args<'_>,
) -> Result<(ia87_core::time::Instant, Option<ia87_core::time::Instant>), Rejection> {
    let start = k.timestamp(IA87_KEY_START)?;
    let start = k.required(IA87_KEY_START, Ok(start))?;
    let end = match k.get(IA87_KEY_END)? {
        Some(f) => {
            let e = instant(f.arg.value).ok_or_else(|| out_of_range(f.col))?;
            if e <= start {
                return Err(err(
                    ErrorCode::BadValue,
                    "an operation's end comes after its start",
                    f.col,
                ));
            }
            Some(e)
        }
        None => None,
    };
    Ok((start, end))
}

/// Checks the codes of an event in the order its text form was written: the
/// verb, the argument count, the instant, then each argument's key and the
/// codes or instant its type holds. Unknown codes are statuses; an instant
/// the core cannot represent is a rejection.
fn check_codes(ev: &IA87Event) -> Result<Result<(Verb, &[IA87Arg]), Rejection>, IA87Status> {
    let unknown = IA87Status::IA87_ERR_UNKNOWN_CODE;
    let verb = Verb::from_code(ev.verb).ok_or(unknown)?;
    let args = ev
        .args
        .get(..usize::from(ev.arg_count))
        .ok_or(IA87Status::IA87_ERR_BAD_ARGUMENT)?;
    if instant(ev.at).is_none() {
        return Ok(Err(out_of_range(0)));
    }
    for (i, a) in args.iter().enumerate() {
        let (_, ty) = vocab::key(a.key).ok_or(unknown)?;
        match ty {
            KeyType::Word => {
                vocab::word(a.word).ok_or(unknown)?;
            }
            KeyType::Timestamp => {
                if instant(a.value).is_none() {
                    return Ok(Err(out_of_range(col(i))));
                }
            }
            KeyType::Parent => {
                if a.word2 != IA87_NONE {
                    vocab::word(a.word2).ok_or(unknown)?;
                }
                vocab::word(a.word).ok_or(unknown)?;
            }
            KeyType::Number | KeyType::Date | KeyType::Text | KeyType::Id => {}
        }
    }
    Ok(Ok((verb, args)))
}

/// Converts a binary event: `Err` for a calling mistake (an unknown code,
/// `arg_count` above `IA87_MAX_ARGS`), `Ok(Err)` for an event the case
/// language rejects, with `column` the 1-based index of the argument at fault.
#[inline(never)]
pub fn event(ev: &IA87Event) -> Result<Result<Event, Rejection>, IA87Status> {
    let (verb, args) = match check_codes(ev)? {
        Ok(x) => x,
        Err(r) => return Ok(Err(r)),
    };
    let Some(at) = instant(ev.at) else {
        return Ok(Err(out_of_range(0)));
    };
    let mut k = Args { args, used: 0 };
    let kind = match kind(verb, &mut k) {
        Ok(kind) => kind,
        Err(r) => return Ok(Err(r)),
    };
    Ok(k.finish().map(|()| Event { at, kind }))
}

fn kind(verb: Verb, k: &mut Args<'_>) -> Result<EventKind, Rejection> {
    use EventKind as E;
    Ok(match verb {
        Verb::Tick => E::Tick,
        Verb::Arrive => E::Arrive {
            craft: k.text(IA87_KEY_CRAFT)?,
            place: k.named(
                IA87_KEY_PLACE,
                ArrivalPlace::from_name,
                "place is customs or elsewhere",
            )?,
            stowaway: k.flag(IA87_KEY_STOWAWAY)?,
            transit: k.flag(IA87_KEY_TRANSIT)?,
            precleared: k.flag(IA87_KEY_PRECLEARED)?,
            group: k.text(IA87_KEY_GROUP)?,
            transit_visa: k.yes_no(IA87_KEY_TRANSIT_VISA)?,
        },
        Verb::Present => E::Present,
        Verb::Exempt => {
            let basis = k.named(
                IA87_KEY_BASIS,
                ExemptBasis::from_name,
                "unknown exemption basis",
            )?;
            E::Exempt {
                basis: k.required(IA87_KEY_BASIS, Ok(basis))?,
                until: k.date(IA87_KEY_UNTIL)?,
            }
        }
        Verb::ExemptionCease => E::ExemptionCease,
        Verb::ApplyPermit => {
            let permit = k.named(
                IA87_KEY_TYPE,
                PermitType::from_name,
                "type is temporary, residence or limited-purpose",
            )?;
            E::ApplyPermit {
                permit: k.required(IA87_KEY_TYPE, Ok(permit))?,
                kind: k.named(
                    IA87_KEY_KIND,
                    PermitKind::from_name,
                    "kind is visitor, work or student",
                )?,
            }
        }
        Verb::FailApply => E::FailApply,
        Verb::GrantPermit => {
            let permit = k.named(
                IA87_KEY_TYPE,
                PermitType::from_name,
                "type is temporary, residence or limited-purpose",
            )?;
            E::GrantPermit {
                permit: k.required(IA87_KEY_TYPE, Ok(permit))?,
                kind: k.named(
                    IA87_KEY_KIND,
                    PermitKind::from_name,
                    "kind is visitor, work or student",
                )?,
                expires: k.date(IA87_KEY_EXPIRES)?,
                precleared: k.flag(IA87_KEY_PRECLEARED)?,
                by: k.actor()?,
                basis: k.named(IA87_KEY_BASIS, GrantBasis::from_name, "unknown grant basis")?,
                officer: k.officer()?,
            }
        }
        Verb::RefusePermit => E::RefusePermit {
            by: k.actor()?,
            officer: k.officer()?,
        },
        Verb::RevokePermit => {
            let section = k.named(
                IA87_KEY_SECTION,
                RevokeSection::from_name,
                "section is 19, 20, 32, 33, 33A or 35F",
            )?;
            E::RevokePermit {
                section: k.required(IA87_KEY_SECTION, Ok(section))?,
                locus: k.named(
                    IA87_KEY_LOCUS,
                    Locus::from_name,
                    "locus is arrival-hall or office",
                )?,
                service: k.named(
                    IA87_KEY_SERVICE,
                    Service::from_name,
                    "service is personal or registered-post",
                )?,
                effective: k.date(IA87_KEY_EFFECTIVE)?,
                s7_1: k.named(IA87_KEY_S7_1, S7Ground::from_name, "s7-1 is a, b, c or d")?,
            }
        }
        Verb::SuspectS7 => {
            let by = k.actor()?;
            let reason = k.named(
                IA87_KEY_REASON,
                SuspectReason::from_name,
                "reason is s7, no-documents or false-documents",
            )?;
            E::SuspectS7 {
                by,
                reason: k.required(IA87_KEY_REASON, Ok(reason))?,
            }
        }
        Verb::OfferVoluntaryDeparture => E::OfferVoluntaryDeparture,
        Verb::OfferRebuttal => E::OfferRebuttal,
        Verb::ConsiderS7Grounds => E::ConsiderS7Grounds { by: k.actor()? },
        Verb::DetermineS7 => {
            let applies = k.yes_no(IA87_KEY_APPLIES)?;
            E::DetermineS7 {
                applies: k.required(IA87_KEY_APPLIES, Ok(applies))?,
                permit: k.named(
                    IA87_KEY_PERMIT,
                    |v| match v {
                        "granted" => Some(true),
                        "refused" => Some(false),
                        _ => None,
                    },
                    "permit is granted or refused",
                )?,
                by: k.actor()?,
                adviser: k.named(
                    IA87_KEY_ADVISER,
                    Adviser::from_name,
                    "adviser is commissioner or other",
                )?,
            }
        }
        Verb::RequestRemoval => E::RequestRemoval,
        Verb::Detain => {
            let by = k.actor()?;
            let basis = k.named(
                IA87_KEY_BASIS,
                DetainBasis::from_name,
                "unknown detention basis",
            )?;
            E::Detain {
                by,
                basis: k.required(IA87_KEY_BASIS, Ok(basis))?,
                place: k.named(IA87_KEY_PLACE, Place::from_name, "unknown place")?,
                overnight: k.flag(IA87_KEY_OVERNIGHT)?,
                requested_by: k
                    .named(
                        IA87_KEY_REQUESTED_BY,
                        RequestedBy::from_name,
                        "requested-by is io or none",
                    )?
                    .unwrap_or(RequestedBy::Io),
                agreed_by: k.named(
                    IA87_KEY_AGREED_BY,
                    AgreedBy::from_name,
                    "agreed-by is parent, io or parent-and-io",
                )?,
                judge_direction: k.flag(IA87_KEY_JUDGE_DIRECTION)?,
                from_prison: k
                    .named(
                        IA87_KEY_FROM,
                        |v| (v == "prison").then_some(()),
                        "from is prison",
                    )?
                    .is_some(),
            }
        }
        Verb::Move => {
            let place = k.named(IA87_KEY_PLACE, Place::from_name, "unknown place")?;
            E::Move {
                place: k.required(IA87_KEY_PLACE, Ok(place))?,
                overnight: k.flag(IA87_KEY_OVERNIGHT)?,
                agreed_by: k.named(
                    IA87_KEY_AGREED_BY,
                    AgreedBy::from_name,
                    "agreed-by is parent, io or parent-and-io",
                )?,
                judge_direction: k.flag(IA87_KEY_JUDGE_DIRECTION)?,
            }
        }
        Verb::WarrantApply => E::WarrantApply {
            by: k.actor()?,
            to: k.named(
                IA87_KEY_TO,
                Actor::from_name,
                "to is registrar, deputy-registrar or judge",
            )?,
            oath: k.yes_no(IA87_KEY_OATH)?,
            reasons: k.yes_no(IA87_KEY_REASONS)?,
        },
        Verb::WarrantIssue => E::WarrantIssue {
            by: k.actor()?,
            days: k.number(IA87_KEY_DAYS)?,
            premises: k.named(
                IA87_KEY_PREMISES,
                Premises::from_name,
                "premises is prison or approved-premises",
            )?,
            ground: k.named(
                IA87_KEY_GROUND,
                WarrantGround::from_name,
                "ground is 60-3-a, 60-3-b, 60-3-c or 60-3-d",
            )?,
            expires_at: k.timestamp(IA87_KEY_EXPIRES_AT)?,
            documents: k.documents()?,
        },
        Verb::ExtensionApply => E::ExtensionApply {
            oath: k.yes_no(IA87_KEY_OATH)?,
            reasons: k.yes_no(IA87_KEY_REASONS)?,
        },
        Verb::ExtensionGrant => {
            let days = k.number(IA87_KEY_DAYS)?;
            let expires_at = k.timestamp(IA87_KEY_EXPIRES_AT)?;
            let days = match (days, expires_at) {
                (Some(d), _) => Some(d),
                (None, Some(_)) => Some(0),
                (None, None) => None,
            };
            E::ExtensionGrant {
                days: k.required(IA87_KEY_DAYS, Ok(days))?,
                group: k.flag(IA87_KEY_GROUP)?,
                group_size: k.number(IA87_KEY_GROUP_SIZE)?,
                group_s128: k.number(IA87_KEY_GROUP_S128)?,
                expires_at,
            }
        }
        Verb::ReleaseNotice => E::ReleaseNotice {
            in_writing: k.yes_no(IA87_KEY_IN_WRITING)?,
        },
        Verb::Release => E::Release { by: k.actor()? },
        Verb::Escape => E::Escape,
        Verb::Recapture => E::Recapture,
        Verb::ConditionalReleaseApply => E::ConditionalReleaseApply {
            by: k.actor()?,
            oath: k.yes_no(IA87_KEY_OATH)?,
            reasons: k.yes_no(IA87_KEY_REASONS)?,
            basis: k.named(
                IA87_KEY_BASIS,
                CrBasis::from_name,
                "basis is s128aa-1 or s128aa-2",
            )?,
        },
        Verb::ConditionalRelease => E::ConditionalRelease {
            until: k.date(IA87_KEY_UNTIL)?,
            until_event: k.text(IA87_KEY_UNTIL_EVENT)?,
            location: k.text(IA87_KEY_LOCATION)?,
            reside: k.flag(IA87_KEY_RESIDE)?,
            report: k.flag(IA87_KEY_REPORT)?,
            interview: k.flag(IA87_KEY_INTERVIEW)?,
        },
        Verb::ConditionalReleaseRefuse => E::ConditionalReleaseRefuse {
            days: k.number(IA87_KEY_DAYS)?,
        },
        Verb::NotifyConditions => E::NotifyConditions {
            in_writing: k.yes_no(IA87_KEY_IN_WRITING)?,
        },
        Verb::VaryConditions => E::VaryConditions {
            judge_consent: k.yes_no(IA87_KEY_JUDGE_CONSENT)?,
            in_writing: k.yes_no(IA87_KEY_IN_WRITING)?,
        },
        Verb::DeliverUp => E::DeliverUp {
            location: k.text(IA87_KEY_LOCATION)?,
        },
        Verb::BreachCondition => {
            let class = k.named(IA87_KEY_CLASS, BreachClass::from_name, "class is a, b or c")?;
            E::BreachCondition {
                class: k.required(IA87_KEY_CLASS, Ok(class))?,
                excuse: k.flag(IA87_KEY_EXCUSE)?,
            }
        }
        Verb::FailDeliverUp => E::FailDeliverUp,
        Verb::CancelReleaseApply => E::CancelReleaseApply {
            oath: k.yes_no(IA87_KEY_OATH)?,
            reasons: k.yes_no(IA87_KEY_REASONS)?,
        },
        Verb::CancelRelease => E::CancelRelease,
        Verb::Arrest => E::Arrest { by: k.actor()? },
        Verb::ReviewCommence => E::ReviewCommence,
        Verb::ReviewComplete => {
            let result = k.named(
                IA87_KEY_RESULT,
                ReviewResult::from_name,
                "result is upheld or quashed",
            )?;
            E::ReviewComplete {
                result: k.required(IA87_KEY_RESULT, Ok(result))?,
            }
        }
        Verb::Appear => {
            let _before = k.named(
                IA87_KEY_BEFORE,
                |v| (v == "judge").then_some(()),
                "before is judge",
            )?;
            let outcome = k.named(
                IA87_KEY_OUTCOME,
                AppearOutcome::from_name,
                "outcome is extend, release, continue or decline",
            )?;
            E::Appear {
                outcome: k.required(IA87_KEY_OUTCOME, Ok(outcome))?,
                days: k.number(IA87_KEY_DAYS)?,
                excuse: k.flag(IA87_KEY_EXCUSE)?,
                reside: k.flag(IA87_KEY_RESIDE)?,
                report: k.named(
                    IA87_KEY_REPORT,
                    Report::from_name,
                    "report is yes, no or daily",
                )?,
                location: k.text(IA87_KEY_LOCATION)?,
                exceptional: k.flag(IA87_KEY_EXCEPTIONAL)?,
                own_delay: k.flag(IA87_KEY_OWN_DELAY)?,
                documents: k.documents()?,
            }
        }
        Verb::Bail => E::Bail { by: k.actor()? },
        Verb::CraftAvailable => E::CraftAvailable {
            in_writing: k.yes_no(IA87_KEY_IN_WRITING)?,
        },
        Verb::DeliverToPolice => E::DeliverToPolice,
        Verb::CraftDelayed => E::CraftDelayed {
            scheduled: k.timestamp(IA87_KEY_SCHEDULED)?,
            expected: k.timestamp(IA87_KEY_EXPECTED)?,
            reason: k.named(
                IA87_KEY_REASON,
                CraftReason::from_name,
                "reason is no-craft, craft-unavailable, not-practicable or other",
            )?,
        },
        Verb::Depart => E::Depart,
        Verb::RefugeeClaim => E::RefugeeClaim {
            to: k.named(
                IA87_KEY_TO,
                ClaimTo::from_name,
                "to is department or police",
            )?,
        },
        Verb::RefugeeDecide => {
            let result = k.named(
                IA87_KEY_RESULT,
                RefugeeResult::from_name,
                "result is recognised or declined",
            )?;
            E::RefugeeDecide {
                result: k.required(IA87_KEY_RESULT, Ok(result))?,
            }
        }
        Verb::AppealLodge => {
            let forum = k.named(
                IA87_KEY_FORUM,
                Forum::from_name,
                "forum is rra, hc, ca, drt or rsaa",
            )?;
            E::AppealLodge {
                forum: k.required(IA87_KEY_FORUM, Ok(forum))?,
                by: k.actor()?,
                prescribed: k.yes_no(IA87_KEY_PRESCRIBED)?,
                fee: k.yes_no(IA87_KEY_FEE)?,
                addresses: k.yes_no(IA87_KEY_ADDRESSES)?,
                leave: k.yes_no(IA87_KEY_LEAVE)?,
            }
        }
        Verb::AppealDecide => {
            let forum = k.named(
                IA87_KEY_FORUM,
                Forum::from_name,
                "forum is rra, hc, ca, drt or rsaa",
            )?;
            let result = k.named(
                IA87_KEY_RESULT,
                AppealResult::from_name,
                "result is allowed or dismissed",
            )?;
            E::AppealDecide {
                forum,
                result: k.required(IA87_KEY_RESULT, Ok(result))?,
                direction: k.named(
                    IA87_KEY_DIRECTION,
                    Direction::from_name,
                    "direction is residence-permit or temporary-permit",
                )?,
            }
        }
        Verb::RemovalOrderMake => E::RemovalOrderMake {
            by: k.actor()?,
            officer: k.officer()?,
            dependants: k.number(IA87_KEY_DEPENDANTS)?,
        },
        Verb::RemovalOrderServe => E::RemovalOrderServe {
            by: k.actor()?,
            mode: k.named(
                IA87_KEY_MODE,
                ServiceMode::from_name,
                "mode is delivered, brought-to-attention, s141c-d or other",
            )?,
        },
        Verb::RemovalOrderCancel => E::RemovalOrderCancel {
            mode: k.named(
                IA87_KEY_MODE,
                CancelMode::from_name,
                "mode is endorsed-copy or prescribed-notice",
            )?,
            record: k.yes_no(IA87_KEY_RECORD)?,
        },
        Verb::Conviction => E::Conviction {
            offence: k.date(IA87_KEY_OFFENCE)?,
            sentence_months: k.number(IA87_KEY_SENTENCE_MONTHS)?,
            max_penalty_months: k.number(IA87_KEY_MAX_PENALTY_MONTHS)?,
            sentence: k.named(
                IA87_KEY_SENTENCE,
                SentenceKind::from_name,
                "sentence is imprisonment, suspended, deferred, indeterminate or none",
            )?,
            proceedings: k.proceedings()?,
            cumulative: k.flag(IA87_KEY_CUMULATIVE)?,
        },
        Verb::DeportationOrderMake => {
            let section = k.named(
                IA87_KEY_SECTION,
                DeportSection::from_name,
                "section is 72, 73, 91 or 92",
            )?;
            E::DeportationOrderMake {
                section: k.required(IA87_KEY_SECTION, Ok(section))?,
            }
        }
        Verb::OperationPropose => {
            let kind = k.named(
                IA87_KEY_KIND,
                OperationKind::from_name,
                "kind is home-visit, workplace-visit or other",
            )?;
            let purpose = k.named(
                IA87_KEY_PURPOSE,
                Purpose::from_name,
                "purpose is deportation, removal, employer-compliance or other",
            )?;
            let purpose = k.required(IA87_KEY_PURPOSE, Ok(purpose))?;
            let step = k.named(IA87_KEY_STEP, Step::from_name, "step is serve or execute")?;
            let mut answers = Answers::default();
            answer(k, &mut answers, RecordKey::Residential)?;
            let zone = k.named(IA87_KEY_ZONE, zone_of, "zone is mainland or chatham")?;
            let (start, end) = span(k)?;
            let mut justification = Justifications::default();
            for t in k.all::<MAX_JUSTIFICATIONS>(IA87_KEY_JUSTIFICATION)? {
                let j = Justification::from_name(t.word()).ok_or_else(|| {
                    err(
                        ErrorCode::BadValue,
                        "justification is public-safety, flight-risk, allegations-of-violence or other",
                        t.col,
                    )
                })?;
                justification.insert(j);
            }
            let mut approved_by = Approvers::default();
            for t in k.all::<MAX_APPROVERS>(IA87_KEY_APPROVED_BY)? {
                let a = Approver::from_name(t.word())
                    .ok_or_else(|| err(ErrorCode::BadValue, "unknown approver", t.col))?;
                approved_by.insert(a);
            }
            let approved_at = k.timestamp(IA87_KEY_APPROVED_AT)?;
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
                children: k.yes_no(IA87_KEY_CHILDREN)?,
                vulnerable: k.yes_no(IA87_KEY_VULNERABLE)?,
            }
        }
        Verb::EmergencyReturn => {
            let departed = k.timestamp(IA87_KEY_DEPARTED)?;
            E::EmergencyReturn {
                departed: k.required(IA87_KEY_DEPARTED, Ok(departed))?,
            }
        }
        Verb::Birth => {
            let mut parents = Vec::new();
            for t in k.all::<MAX_PARENTS>(IA87_KEY_PARENT)? {
                parents
                    .push(parent(t.arg, t.col)?)
                    .map_err(|_| Rejection::capacity("at most two parents").at_column(t.col))?;
            }
            if parents.is_empty() {
                return Err(err(
                    ErrorCode::MissingKey,
                    "birth needs at least one parent=",
                    0,
                ));
            }
            E::Birth { parents }
        }
        Verb::EpidemicNotice => {
            let commenced = k.date(IA87_KEY_COMMENCED)?;
            let expires = k.date(IA87_KEY_EXPIRES)?;
            E::EpidemicNotice {
                commenced: k.required(IA87_KEY_COMMENCED, Ok(commenced))?,
                expires: k.required(IA87_KEY_EXPIRES, Ok(expires))?,
            }
        }
        Verb::ConditionChange => E::ConditionChange {
            effective: k.date(IA87_KEY_EFFECTIVE)?,
        },
        Verb::LppExpiryNotice => {
            let expires = k.date(IA87_KEY_EXPIRES)?;
            E::LppExpiryNotice {
                expires: k.required(IA87_KEY_EXPIRES, Ok(expires))?,
            }
        }
        Verb::PreclearanceFlightMissed => E::PreclearanceFlightMissed,
        Verb::PreclearanceFlightDiverted => E::PreclearanceFlightDiverted,
        Verb::ReconsiderationApply => E::ReconsiderationApply,
        Verb::ReconsiderationDecide => {
            let result = k.named(
                IA87_KEY_RESULT,
                ReconsiderationResult::from_name,
                "result is confirmed or reversed",
            )?;
            E::ReconsiderationDecide {
                result: k.required(IA87_KEY_RESULT, Ok(result))?,
                in_writing: k.yes_no(IA87_KEY_IN_WRITING)?,
            }
        }
        Verb::RrvIssue => E::RrvIssue,
        Verb::AppealWithdraw => E::AppealWithdraw {
            forum: k.named(
                IA87_KEY_FORUM,
                Forum::from_name,
                "forum is rra, hc, ca, drt or rsaa",
            )?,
            in_writing: k.yes_no(IA87_KEY_IN_WRITING)?,
        },
        Verb::Board => {
            let _craft = k.text(IA87_KEY_CRAFT)?;
            E::Board
        }
        Verb::ImprisonmentBegin => E::ImprisonmentBegin {
            release_due: k.timestamp(IA87_KEY_RELEASE_DUE)?,
        },
        Verb::ImprisonmentEnd => E::ImprisonmentEnd,
        Verb::PrisonReleaseRequest => E::PrisonReleaseRequest { by: k.actor()? },
        Verb::InternationalObligationsInfo => E::InternationalObligationsInfo,
        Verb::TransitionalNoticeServe => E::TransitionalNoticeServe,
    })
}
