//! The policy invariants P1–P6 of spec `rules/refugee_and_policy.md` §4,
//! checked after every line by [`crate::invariants`] (one call), like the
//! Act's invariants: the checker recomputes from the line itself what the
//! policy requires and proves that the machine's state and findings say so.
//!
//! The facts of a proposal are read from the event, not from the machine's
//! record of it; the in-hours test is computed the other way round from the
//! machine's (the local window's edges turned into instants with
//! `Zone::from_local`, and the visit compared with them), so that a fault in
//! either shows. The versions and their dates are the policy's data
//! ([`super::policy::VERSIONS`] with the case's configuration).
//!
//! | Invariant | Words | Observed as |
//! |---|---|---|
//! | P1 pause | "Under V2, no out-of-hours action. Under V3, no out-of-hours RESIDENTIAL deportation-purpose action" | `ooh-paused`; never `out-of-hours-authorised` |
//! | P2 authorisation precedes action | "approval by the required role with `approved_at < planned_start` and a scope that covers the action" | `ooh-unauthorised`, `ooh-late-authorisation` |
//! | P3 justification | "has `justification.category = PUBLIC_SAFETY` (configurable)" | `ooh-justification` |
//! | P4 occupants assessment | "approval exists only if `children_present ≠ UNKNOWN` and the vulnerable-persons and NZ-citizen/resident fields are filled in" | `ooh-incomplete` |
//! | P5 statute dominates | "If the statute blocks an action, no policy outcome can override it" | `operation.blocked`, `removal-of-claimant`, no policy finding |
//! | P6 time hygiene | "Classification uses NZ legal time at the location's zone" | the state agrees with the inverse computation; policy findings are violations or warnings only |

use super::policy::{self, Pause, Version};
use super::{flags, OperationState as S};
use crate::case::{Case, OPT_OOH2023};
use crate::invariants::{Invariant, LineResult, Violation, Violations};
use crate::outcome::{FindingCode, Outcome, Severity};
use crate::rules::RuleId;
use crate::time::{Instant, LocalResult, Zone, HOUR};
use crate::vocab::event::{Event, EventKind};
use crate::vocab::values::{OperationKind, Purpose, RecordKey, Step, YesNoUnknown};

fn push(v: &mut Violations, invariant: Invariant, rule: RuleId, detail: &'static str) {
    let _ = v.push(Violation {
        invariant,
        rule: Some(rule),
        detail,
    });
}

/// True if the line has finding `code` with `rule` as a violation or a
/// warning (the policy's severities, §2.5.5).
fn has(o: &Outcome, code: FindingCode, rule: RuleId) -> bool {
    o.findings.iter().any(|f| {
        f.code == code
            && f.rule == rule
            && matches!(f.severity, Severity::Violation | Severity::Warning)
    })
}

fn need(
    v: &mut Violations,
    o: &Outcome,
    inv: Invariant,
    code: FindingCode,
    rule: RuleId,
    detail: &'static str,
) {
    if !has(o, code, rule) {
        push(v, inv, rule, detail);
    }
}

/// The policy's finding codes.
fn is_policy(code: FindingCode) -> bool {
    matches!(
        code,
        FindingCode::OohPaused
            | FindingCode::OohUnauthorised
            | FindingCode::OohLateAuthorisation
            | FindingCode::OohJustification
            | FindingCode::OohIncomplete
    )
}

/// Out of hours? Computed from the window's edges as instants on the local
/// date of the start (the machine goes the other way, from instants to local
/// times). `None` when an edge falls in a daylight-saving gap or fold, or
/// the visit lasts a day or more: then the machine's classification is taken.
fn out_of_hours(zone: Zone, window: (u32, u32), start: Instant, end: Instant) -> bool {
    let edge = |secs: u32| match zone.from_local(zone.local_date(start), secs) {
        LocalResult::Unique(t) => Some(t),
        _ => None,
    };
    match (edge(window.0), edge(window.1)) {
        (Some(open), Some(close)) if end.seconds_since(start) < 24 * HOUR => {
            !(start >= open && end <= close)
        }
        _ => policy::classify(zone, window, start, end).is_out(),
    }
}

/// The version in force for a visit starting at `start` at `zone`.
fn version(c: &Case, zone: Zone, start: Instant) -> Version {
    c.operation.config.select(zone.local_date(start))
}

/// Checks one line (see the module documentation).
pub(crate) fn check(
    before: &Case,
    event: Option<&Event>,
    result: LineResult<'_>,
    after: &Case,
    v: &mut Violations,
) {
    let (Some(e), Ok(o)) = (event, result) else {
        return;
    };
    // P6 — §2.5.5: policy findings are violations, or warnings where the
    // classification or the policy's reach is uncertain; never anything else.
    if o.findings.iter().any(|f| {
        is_policy(f.code) && !matches!(f.severity, Severity::Violation | Severity::Warning)
    }) {
        push(
            v,
            Invariant::P6,
            RuleId::OOH_WINDOW,
            "a policy finding that is neither a violation nor a warning",
        );
    }
    match &e.kind {
        EventKind::OperationPropose { .. } => proposal(before, e, o, after, v),
        EventKind::OperationExecute { .. } => execution(before, e, o, after, v),
        _ => {}
    }
}

fn proposal(before: &Case, e: &Event, o: &Outcome, after: &Case, v: &mut Violations) {
    let EventKind::OperationPropose {
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
    } = &e.kind
    else {
        return;
    };
    let state = after.operation.state;
    let removes = matches!(purpose, Purpose::Deportation | Purpose::Removal);
    let any_policy = o.findings.iter().any(|f| is_policy(f.code));
    // P5 — s 129X(1): "No person who … is a refugee status claimant may be
    // removed or deported"; §4 P5: "If the statute blocks an action, no
    // policy outcome can override it."
    if before.person.claimant && removes && *step != Some(Step::Serve) {
        if state != S::Blocked
            || !o.findings.iter().any(|f| {
                f.code == FindingCode::RemovalOfClaimant
                    && f.rule == RuleId::S129X_1
                    && f.severity == Severity::Violation
            })
            || any_policy
        {
            push(
                v,
                Invariant::P5,
                RuleId::S129X_1,
                "a planned removal of a claimant not blocked with removal-of-claimant alone",
            );
        }
        return;
    }
    if !before.config.has(OPT_OOH2023) {
        if any_policy {
            push(
                v,
                Invariant::P6,
                RuleId::OOH_WINDOW,
                "a policy finding without the policy overlay",
            );
        }
        return;
    }
    let zone = zone.unwrap_or(before.config.zone);
    let end = end.unwrap_or(start.add_seconds(HOUR));
    let ver = version(before, zone, *start);
    let out = out_of_hours(zone, ver.window, *start, end);
    let authorised = state == S::OutOfHoursAuthorised;
    // P6 — "Classification uses NZ legal time at the location's zone".
    let says_out = matches!(state, S::OutOfHoursAuthorised | S::OutOfHoursDenied);
    if out != says_out || (!out && any_policy) {
        push(
            v,
            Invariant::P6,
            RuleId::OOH_WINDOW,
            "the state disagrees with the visit's local times at the location",
        );
    }
    if !out {
        return;
    }
    // P1 — §2.3 step 6a.
    let residential = match answers.get(RecordKey::Residential) {
        Some(v) => v == YesNoUnknown::Yes,
        None => *kind == Some(OperationKind::HomeVisit),
    };
    let paused = match ver.pause {
        Pause::None => false,
        Pause::All => true,
        Pause::ResidentialRemoval => residential && removes,
    };
    if paused && (!has(o, FindingCode::OohPaused, RuleId::OOH_PAUSE) || authorised) {
        push(
            v,
            Invariant::P1,
            RuleId::OOH_PAUSE,
            "an out-of-hours visit during the pause without ooh-paused",
        );
    }
    // P2 — §2.3 step 6b: the required office, "personally", before the start.
    let roles = approved_by.iter().fold(0, |a, x| a | policy::role(x));
    let on_time = approved_at.is_some_and(|t| t < *start);
    if roles == 0 {
        need(
            v,
            o,
            Invariant::P2,
            FindingCode::OohUnauthorised,
            RuleId::OOH_AUTH,
            "an out-of-hours visit with no approval and no ooh-unauthorised",
        );
    } else {
        if roles & ver.roles != ver.roles {
            need(
                v,
                o,
                Invariant::P2,
                FindingCode::OohUnauthorised,
                RuleId::OOH_AUTH_ROLE,
                "an approval by the wrong office without ooh-unauthorised",
            );
        }
        if !on_time {
            need(
                v,
                o,
                Invariant::P2,
                FindingCode::OohLateAuthorisation,
                RuleId::OOH_AUTH_TIME,
                "an approval not before the start without ooh-late-authorisation",
            );
        }
    }
    if authorised && (roles & ver.roles != ver.roles || !on_time) {
        push(
            v,
            Invariant::P2,
            RuleId::OOH_AUTH,
            "authorised without the required approval before the start",
        );
    }
    // P3 — §2.3 step 6c.
    let given = justification.0;
    let unjustified = ver.justification && given & before.operation.config.accepted() == 0;
    if unjustified
        && (authorised || !has(o, FindingCode::OohJustification, RuleId::OOH_JUSTIFICATION))
    {
        push(
            v,
            Invariant::P3,
            RuleId::OOH_JUSTIFICATION,
            "an out-of-hours visit without an accepted justification and no ooh-justification",
        );
    }
    // P4 — §2.3 step 6d (from V3, rule map A21).
    if ver.record {
        let known =
            |k: &RecordKey| matches!(answers.get(*k), Some(YesNoUnknown::Yes | YesNoUnknown::No));
        let occupants = [
            RecordKey::Children,
            RecordKey::Vulnerable,
            RecordKey::NzResidents,
        ]
        .iter()
        .all(known);
        let complete = occupants
            && [
                RecordKey::Alternatives,
                RecordKey::Cultural,
                RecordKey::Proportionality,
                RecordKey::SafetyPlan,
            ]
            .iter()
            .all(|k| answers.get(*k) == Some(YesNoUnknown::Yes));
        let reported = has(o, FindingCode::OohIncomplete, RuleId::OOH_RECORD);
        if !complete && (authorised || !reported) {
            push(
                v,
                Invariant::P4,
                RuleId::OOH_RECORD,
                "an out-of-hours visit without the occupants assessment and record, and no ooh-incomplete",
            );
        }
    }
}

fn execution(before: &Case, e: &Event, o: &Outcome, after: &Case, v: &mut Violations) {
    let EventKind::OperationExecute {
        start,
        end,
        children,
        ..
    } = &e.kind
    else {
        return;
    };
    let held = !matches!(before.operation.state, S::Inactive | S::Executed);
    let p = if held {
        before.operation.op
    } else {
        super::Operation::default()
    };
    let removes = p.purpose.is_some_and(Purpose::removes);
    let any_policy = o.findings.iter().any(|f| is_policy(f.code));
    if after.operation.state != S::Executed {
        push(
            v,
            Invariant::P2,
            RuleId::OOH_AUTH,
            "an operation carried out is not recorded as executed",
        );
    }
    // P5 — the act itself (s 2(1) "execute").
    if before.person.claimant && removes && !p.has(flags::SERVE) {
        let found = o
            .findings
            .iter()
            .any(|f| f.code == FindingCode::RemovalOfClaimant && f.severity == Severity::Violation);
        if !found || any_policy {
            push(
                v,
                Invariant::P5,
                RuleId::S129X_1,
                "a claimant's removal carried out without removal-of-claimant alone",
            );
        }
        return;
    }
    if !before.config.has(OPT_OOH2023) {
        return;
    }
    let zone = if held { p.zone } else { before.config.zone };
    let end = end.unwrap_or(start.add_seconds(HOUR));
    let ver = version(before, zone, *start);
    if !out_of_hours(zone, ver.window, *start, end) {
        if any_policy {
            push(
                v,
                Invariant::P6,
                RuleId::OOH_WINDOW,
                "a policy finding on a visit carried out in hours",
            );
        }
        return;
    }
    // P2 — §2.5.6: an out-of-hours span no authorised proposal covers.
    let covered = held
        && before.operation.state == S::OutOfHoursAuthorised
        && p.planned()
            .is_some_and(|(ps, pe)| *start >= ps && end <= pe);
    if !covered {
        need(
            v,
            o,
            Invariant::P2,
            FindingCode::OohUnauthorised,
            RuleId::OOH_AUTH,
            "an out-of-hours visit carried out without an approval covering it, no ooh-unauthorised",
        );
    }
    // P1.
    let paused = match ver.pause {
        Pause::None => false,
        Pause::All => true,
        Pause::ResidentialRemoval => p.has(flags::RESIDENTIAL) && removes,
    };
    if paused {
        need(
            v,
            o,
            Invariant::P1,
            FindingCode::OohPaused,
            RuleId::OOH_PAUSE,
            "an out-of-hours visit carried out during the pause without ooh-paused",
        );
    }
    // P4 — children present who were not assessed as present; the
    // post-visit record of who was present and the nationality (§2.3 6e).
    if ver.record && *children == Some(true) && !p.has(flags::CHILDREN) {
        need(
            v,
            o,
            Invariant::P4,
            FindingCode::OohIncomplete,
            RuleId::OOH_RECORD,
            "children present who were not assessed, no ooh-incomplete",
        );
    }
    if children.is_none() || before.person.nationality.is_none() {
        need(
            v,
            o,
            Invariant::P4,
            FindingCode::OohIncomplete,
            RuleId::OOH_REPORT,
            "a post-visit record without who was present or the nationality, no ooh-incomplete",
        );
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use crate::invariants::Monitor;
    use crate::lang::parse::{parse_line, Line};
    use crate::outcome::Rejection;

    struct Fx {
        before: Case,
        event: Event,
        result: Result<Outcome, Rejection>,
        after: Case,
    }

    /// Runs `lines` (the last an event); every line must keep every invariant.
    fn fx(lines: &[&str]) -> Fx {
        let mut c = Case::new();
        let mut m = Monitor::new();
        let mut last = None;
        for l in lines {
            let b = c;
            match parse_line(l.as_bytes()).unwrap() {
                Line::Event(e) => {
                    let r = c.apply(&e);
                    let vs = m.check(&b, &e, r.as_ref(), &c);
                    assert!(vs.is_empty(), "{l}: {vs:?}");
                    last = Some((b, e, r));
                }
                Line::Person(p) => {
                    c.set_person(&p).unwrap();
                }
                Line::Config(items) => c.configure(&items).unwrap(),
                Line::Policy(p) => c.set_policy(p),
                _ => {}
            }
        }
        let (before, event, result) = last.unwrap();
        Fx {
            before,
            event,
            result,
            after: c,
        }
    }

    impl Fx {
        fn check(&self, o: &Outcome, after: &Case) -> Violations {
            let mut v = Violations::new();
            check(&self.before, Some(&self.event), Ok(o), after, &mut v);
            v
        }
        /// The line's real outcome passes; `tamper` makes `inv` fail.
        #[track_caller]
        fn fails(&self, inv: Invariant, tamper: impl FnOnce(&mut Outcome, &mut Case)) {
            let mut o = self.result.clone().unwrap();
            let mut a = self.after;
            assert!(self.check(&o, &a).is_empty());
            tamper(&mut o, &mut a);
            let v = self.check(&o, &a);
            assert!(
                !v.is_empty() && v.iter().all(|x| x.invariant == inv),
                "expected only {inv:?}, got {v:?}"
            );
        }
    }

    fn drop_code(o: &mut Outcome, code: FindingCode) {
        assert!(
            o.findings.iter().any(|f| f.code == code),
            "{:?}",
            o.findings
        );
        o.findings.retain(|f| f.code != code);
    }

    const FULL: &str = "children=no vulnerable=no nz-residents=no alternatives=yes cultural=yes proportionality=yes safety-plan=yes";

    #[test]
    fn p1_pause() {
        let f = fx(&[
            "policy ooh-2023",
            "2023-06-13T15:00:00+12:00 operation-propose kind=home-visit purpose=deportation residential=yes start=2023-06-14T06:30:00+12:00",
        ]);
        f.fails(Invariant::P1, |o, _| drop_code(o, FindingCode::OohPaused));
    }

    #[test]
    fn p2_authorisation() {
        let f = fx(&[
            "policy ooh-2023",
            "config ooh-pause=off",
            &*std::format!("2024-07-11T06:10:00+12:00 operation-propose kind=home-visit purpose=deportation start=2024-07-11T06:00:00+12:00 approved-by=national-manager approved-at=2024-07-11T06:05:00+12:00 justification=public-safety {FULL}"),
        ]);
        f.fails(Invariant::P2, |o, _| {
            o.findings.retain(|x| x.rule != RuleId::OOH_AUTH_ROLE)
        });
        f.fails(Invariant::P2, |o, _| {
            drop_code(o, FindingCode::OohLateAuthorisation)
        });
        // An authorised state with that approval breaks P2 as well.
        f.fails(Invariant::P2, |_, a| {
            a.operation.state = S::OutOfHoursAuthorised
        });
    }

    #[test]
    fn p2_execution_outside_the_authorised_window() {
        let f = fx(&[
            "policy ooh-2023",
            "person nationality=TON",
            "config ooh-pause=off",
            &*std::format!("2024-07-10T16:30:00+12:00 operation-propose kind=home-visit purpose=deportation start=2024-07-11T06:00:00+12:00 end=2024-07-11T07:00:00+12:00 approved-by=head-of-inz approved-at=2024-07-10T16:00:00+12:00 justification=public-safety {FULL}"),
            "2024-07-11T08:00:00+12:00 operation-execute start=2024-07-11T05:30:00+12:00 end=2024-07-11T06:30:00+12:00 children=no",
        ]);
        f.fails(Invariant::P2, |o, _| {
            drop_code(o, FindingCode::OohUnauthorised)
        });
    }

    #[test]
    fn p3_justification() {
        let f = fx(&[
            "policy ooh-2023",
            "config ooh-pause=off",
            &*std::format!("2024-07-10T16:30:00+12:00 operation-propose kind=home-visit purpose=deportation start=2024-07-11T06:00:00+12:00 approved-by=head-of-inz approved-at=2024-07-10T16:00:00+12:00 justification=flight-risk {FULL}"),
        ]);
        f.fails(Invariant::P3, |o, _| {
            drop_code(o, FindingCode::OohJustification)
        });
    }

    #[test]
    fn p4_occupants() {
        let f = fx(&[
            "policy ooh-2023",
            "config ooh-pause=off",
            "2024-07-10T16:30:00+12:00 operation-propose kind=home-visit purpose=deportation start=2024-07-11T06:00:00+12:00 approved-by=head-of-inz approved-at=2024-07-10T16:00:00+12:00 justification=public-safety children=unknown vulnerable=no nz-residents=no alternatives=yes cultural=yes proportionality=yes safety-plan=yes",
        ]);
        f.fails(Invariant::P4, |o, _| {
            drop_code(o, FindingCode::OohIncomplete)
        });
        // Children present after an assessment that said none were expected.
        let f = fx(&[
            "policy ooh-2023",
            "person nationality=TON",
            "config ooh-pause=off",
            &*std::format!("2024-07-10T16:30:00+12:00 operation-propose kind=home-visit purpose=deportation start=2024-07-11T06:00:00+12:00 approved-by=head-of-inz approved-at=2024-07-10T16:00:00+12:00 justification=public-safety {FULL}"),
            "2024-07-11T07:00:00+12:00 operation-execute start=2024-07-11T06:00:00+12:00 end=2024-07-11T06:40:00+12:00 children=yes",
        ]);
        f.fails(Invariant::P4, |o, _| {
            drop_code(o, FindingCode::OohIncomplete)
        });
    }

    #[test]
    fn p5_statute_dominates() {
        let f = fx(&[
            "policy ooh-2023",
            "2024-06-01T10:00:00+12:00 arrive craft=NZ1 place=customs",
            "2024-06-03T10:00:00+12:00 refugee-claim",
            "2024-07-09T15:00:00+12:00 operation-propose kind=home-visit purpose=removal start=2024-07-10T06:00:00+12:00 regard=yes",
        ]);
        assert_eq!(f.after.operation.state, S::Blocked);
        f.fails(Invariant::P5, |_, a| {
            a.operation.state = S::OutOfHoursDenied
        });
        f.fails(Invariant::P5, |o, _| {
            o.findings
                .push(crate::outcome::Finding {
                    severity: Severity::Violation,
                    code: FindingCode::OohPaused,
                    rule: RuleId::OOH_PAUSE,
                    at: o.findings[0].at,
                })
                .unwrap()
        });
    }

    #[test]
    fn p6_time_hygiene() {
        // 19:30Z on the day daylight saving starts is 08:30 NZDT: in hours.
        let f = fx(&[
            "policy ooh-2023",
            "2023-09-22T15:00:00+12:00 operation-propose kind=home-visit purpose=deportation residential=yes start=2023-09-23T19:30:00Z end=2023-09-23T20:30:00Z",
        ]);
        assert_eq!(f.after.operation.state, S::InHours);
        f.fails(Invariant::P6, |_, a| {
            a.operation.state = S::OutOfHoursDenied
        });
        // A policy finding at another severity.
        let f = fx(&[
            "policy ooh-2023",
            "2023-06-13T15:00:00+12:00 operation-propose kind=home-visit purpose=deportation residential=yes start=2023-06-14T06:30:00+12:00",
        ]);
        // (The checks that need the finding fail too: it no longer counts.)
        let mut o = f.result.clone().unwrap();
        for x in o.findings.iter_mut().filter(|x| is_policy(x.code)) {
            x.severity = Severity::Undetermined;
        }
        let v = f.check(&o, &f.after);
        assert!(v.iter().any(|x| x.invariant == Invariant::P6), "{v:?}");
    }

    #[test]
    fn the_inverse_classification_agrees_with_the_machine() {
        let w = (8 * 3600, 18 * 3600);
        let t = |s: &str| crate::time::parse_timestamp(s).unwrap();
        for (s, e) in [
            ("2024-07-10T08:00:00+12:00", "2024-07-10T09:00:00+12:00"),
            ("2024-07-10T07:59:59+12:00", "2024-07-10T08:30:00+12:00"),
            ("2024-07-10T17:59:59+12:00", "2024-07-10T18:00:00+12:00"),
            ("2024-07-10T17:30:00+12:00", "2024-07-10T18:30:00+12:00"),
            ("2024-04-06T19:30:00Z", "2024-04-06T20:00:00Z"),
            ("2023-09-23T19:30:00Z", "2023-09-23T20:30:00Z"),
        ] {
            for z in [Zone::Mainland, Zone::Chatham] {
                assert_eq!(
                    out_of_hours(z, w, t(s), t(e)),
                    policy::classify(z, w, t(s), t(e)).is_out(),
                    "{s} {e} {z:?}"
                );
            }
        }
    }
}
