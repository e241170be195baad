//! The invariants of the `removal-detention` machine (rule map
//! `removal_and_deportation.md` §5), checked from outside the machine after
//! every line by [`crate::invariants`]: `check` looks at one line,
//! `clocks` at the clocks that passed before it (with the [`Monitor`]'s
//! memory of the findings already reported). The limits are recomputed here
//! from the Act's words: 72 elapsed hours (s 59(3)), 7 days read two ways
//! (s 60(2)), 3 calendar months (s 60(7)).

use super::{in_custody, s60_6_person, RemovalDetentionState as D, CAP_MONTHS};
use crate::case::OPT_S60_5_SECOND;
use crate::invariants::{has, need, push, Expect, Invariant, Ln, Monitor, Violations};
use crate::machines::custody::{expiry_of, months_after, Period};
use crate::outcome::{DeadlineName, FindingCode, Severity};
use crate::rules::RuleId;
use crate::time::{Instant, HOUR};
use crate::vocab::event::{Event, EventKind};
use crate::vocab::values::{AgreedBy, AppearOutcome, DetainBasis, Place};
use crate::vocab::{Obligation, RemovalState};

/// Checks one line.
pub(crate) fn check(l: &Ln<'_>, v: &mut Violations) {
    let (b, a) = (l.before, l.after);
    let d = &a.removal_detention;

    // INV-08 — s 60(2): "a period of 7 days or such shorter period"; s
    // 60(6A)(a): "a further period of up to 30 days".
    if let Some(w) = d.warrant {
        let limit: u16 = if d.extension_6a { 30 } else { 7 };
        let too_long = match w.period {
            Period::Days(n) => n > limit,
            Period::Until(t) => {
                expiry_of(w.ordered, Period::Days(limit), a.config.zone).is_some_and(|e| t > e.due)
            }
            Period::Unknown => false,
        };
        if too_long {
            push(
                v,
                Invariant::Inv08,
                Some(RuleId::S60_2),
                "a warrant of commitment or extension longer than s 60 allows",
            );
        }
    }

    let (Some(e), Ok(o)) = (l.event, l.result) else {
        return;
    };

    // INV-34 — s 59(3) "up to 72 hours": elapsed hours from the arrest.
    if d.state == D::Custody72h && d.cancelled_at.is_none() {
        if let Some(c) = d.custody {
            let want = c.anchor.add_seconds(72 * HOUR);
            let got = o
                .deadlines
                .iter()
                .find(|x| x.name == DeadlineName::S59Custody);
            let arrested_now = matches!(
                e.kind,
                EventKind::Detain {
                    basis: DetainBasis::S59,
                    ..
                }
            ) && b.removal_detention.state != D::Custody72h;
            if got.is_none_or(|g| g.due != want) || (arrested_now && c.anchor != e.at) {
                push(
                    v,
                    Invariant::Inv34,
                    Some(RuleId::S59_3),
                    "the s59-custody deadline is not 72 elapsed hours after the arrest",
                );
            }
        }
    }

    match e.kind {
        EventKind::Detain {
            basis: DetainBasis::S59,
            ..
        } if d.state == D::Custody72h
            && b.removal_detention.state != D::Custody72h
            // INV-06 — s 59(1): "a person on whom a removal order has been
            // served". Judged after the line (the clocks that passed before
            // the arrest may have put the order back in force; an arrest does
            // not change the order).
            && (a.removal.state != RemovalState::OrderInForce
                || !crate::machines::removal::order_in_force(a)) =>
        {
            push(
                v,
                Invariant::Inv06,
                Some(RuleId::S59_1),
                "a s 59 arrest without a removal order in force",
            );
        }
        EventKind::Appear {
            outcome: AppearOutcome::Release,
            reside,
            report,
            exceptional,
            ..
        } if (reside || report.is_some()) && d.state == D::ReleasedConditions => {
            // INV-10 — s 60(5): "for a second or subsequent time"; s 60(6):
            // "Unless the Judge considers that there are exceptional
            // circumstances".
            let appearances = b
                .removal_detention
                .warrant
                .map_or(0, |w| w.appearances)
                .saturating_add(1);
            let needed = if b.config.has(OPT_S60_5_SECOND) { 3 } else { 2 };
            if appearances < needed || (s60_6_person(b) && !exceptional) {
                push(
                    v,
                    Invariant::Inv10,
                    Some(RuleId::S60_5),
                    "a s 60(5) release the Act does not allow",
                );
            }
        }
        EventKind::Board if d.state == D::OnBoard && b.person.claimant => {
            // INV-15 — s 129X(1): "No person who … is a refugee status claimant
            // may be removed".
            need(
                v,
                o,
                Invariant::Inv15,
                FindingCode::RemovalOfClaimant,
                RuleId::S129X_1,
                "a claimant placed on a craft, no removal-of-claimant",
            );
        }
        _ => {}
    }

    // INV-11 — s 62: overnight s 59 custody of "a person under 17 years of age
    // who is not married or in a civil union" in a CYF residence or agreed
    // premises, of anyone else in approved premises or a Police station;
    // warrant custody "in a prison; or … in any other premises approved".
    let placed = match e.kind {
        EventKind::Detain {
            basis: DetainBasis::S59,
            place: Some(p),
            overnight,
            agreed_by,
            ..
        } => Some((p, overnight, agreed_by)),
        EventKind::Move {
            place,
            overnight,
            agreed_by,
            ..
        } => Some((place, overnight, agreed_by)),
        _ => None,
    };
    if let Some((place, said_overnight, agreed_by)) = placed {
        let at = e.at;
        let rule = match d.state {
            D::Custody72h if said_overnight || a.is_overnight(at) => {
                if a.is_unmarried_minor(at) {
                    let ok = place == Place::CyfResidence
                        || (place == Place::AgreedPremises
                            && agreed_by == Some(AgreedBy::ParentAndIo));
                    (!ok).then_some(RuleId::S62_1_A)
                } else {
                    let ok = matches!(
                        place,
                        Place::ApprovedPremises | Place::PoliceStation | Place::PoliceCustody
                    );
                    (!ok).then_some(RuleId::S62_1_B)
                }
            }
            D::CustodyWarrant if b.removal_detention.state == D::CustodyWarrant => {
                let ok = matches!(place, Place::Prison | Place::ApprovedPremises);
                (!ok).then_some(RuleId::S62_2)
            }
            _ => None,
        };
        if let Some(rule) = rule {
            let found = [
                FindingCode::MinorPoliceStation,
                FindingCode::MinorWrongPremises,
                FindingCode::AdultWrongPremises,
            ]
            .iter()
            .any(|c| has(o, Some(Severity::Violation), *c, rule));
            if !found {
                push(
                    v,
                    Invariant::Inv11,
                    Some(rule),
                    "custody in a place s 62 does not allow, no finding",
                );
            }
        }
    }
}

/// The invariants about clocks passing while the state before the line
/// persisted (the engine fires clocks before it offers the event).
pub(crate) fn clocks(m: &Monitor, l: &Ln<'_>, e: &Event, v: &mut Violations) {
    let b = l.before;
    let d = &b.removal_detention;
    let t = e.at;
    let z = b.config.zone;
    if !in_custody(b) {
        return;
    }

    // INV-12 — s 58(2): "a direction … to release the person from custody
    // immediately": a service level (settled reading 3).
    if let Some(c) = d.cancelled_at {
        m.service_level(
            v,
            t,
            Invariant::Inv12,
            FindingCode::CustodyAfterCancellation,
            RuleId::S58_2,
            c.add_seconds(b.config.level(Obligation::Release)),
            "held after the order was cancelled, past the service level, no custody-after-cancellation",
        );
        return;
    }

    // INV-07 — s 59(3): "up to 72 hours without further authority than this
    // section"; beyond that, a current warrant (s 60(2)).
    if d.state == D::Custody72h {
        if let Some(c) = d.custody {
            m.two_way(
                v,
                t,
                &Expect {
                    inv: Invariant::Inv07,
                    code: FindingCode::NoWarrant72h,
                    rules: &[RuleId::S59_3],
                    due: c.anchor.add_seconds(72 * HOUR),
                    strict: None,
                    since: None,
                    detail: "s 59 custody beyond 72 hours without a warrant, no no-warrant-72h",
                },
            );
        }
    }
    if d.state == D::CustodyWarrant {
        if let Some(w) = d.warrant {
            if let Some(x) = expiry_of(w.ordered, w.period, z) {
                m.two_way(
                    v,
                    t,
                    &Expect {
                        inv: Invariant::Inv07,
                        code: FindingCode::WarrantExpired,
                        rules: &[RuleId::S60_2],
                        due: x.due,
                        strict: x.due_strict,
                        since: None,
                        detail:
                            "custody after the warrant of commitment expired, no warrant-expired",
                    },
                );
            }
            // INV-09 — s 60(7): "for a consecutive period of more than 3
            // months, unless the person is a person to whom subsection (6)
            // applies".
            if !s60_6_person(b) && w.period != Period::Unknown {
                let cap: Instant = months_after(z, w.chain_start, CAP_MONTHS);
                m.two_way(
                    v,
                    t,
                    &Expect {
                        inv: Invariant::Inv09,
                        code: FindingCode::DetentionCapExceeded,
                        rules: &[RuleId::S60_7],
                        due: cap,
                        strict: None,
                        since: None,
                        detail: "more than 3 consecutive months under warrants, no detention-cap-exceeded",
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::invariants::Invariant;
    use crate::machines::removal::invariants::tests::{fx, only};
    use crate::outcome::FindingCode;

    const SERVED: &[&str] = &[
        "person citizen=no born=1980-05-01",
        "2008-01-10T09:00+13:00 arrive craft=NZ1 place=customs",
        "2008-01-10T09:30+13:00 grant-permit type=temporary kind=visitor expires=2008-04-30",
        "2008-07-14T07:00+12:00 removal-order-make by=io",
        "2008-07-14T08:00+12:00 removal-order-serve by=io",
    ];

    fn with(extra: &[&'static str]) -> heapless::Vec<&'static str, 32> {
        let mut v = heapless::Vec::new();
        for l in SERVED.iter().chain(extra) {
            v.push(*l).unwrap();
        }
        v
    }

    const ARREST: &str = "2008-07-14T09:00+12:00 detain by=police basis=s59 place=police-station";
    const WARRANT: &str = "2008-07-16T14:00+12:00 warrant-issue by=judge days=7 premises=prison";

    #[test]
    fn inv06_arrest_without_order() {
        let f = fx(&with(&[ARREST]));
        let mut after = f.after;
        after.removal.state = crate::vocab::RemovalState::OrderMade;
        let v =
            f.m.clone()
                .check(&f.before, &f.event, Ok(&f.outcome()), &after);
        assert!(v.iter().any(|x| x.invariant == Invariant::Inv06), "{v:?}");
    }

    #[test]
    fn inv07_no_warrant_72h() {
        let f = fx(&with(&[ARREST, "2008-07-17T09:00:01+12:00 tick"]));
        only(&f.without(FindingCode::NoWarrant72h), Invariant::Inv07);
    }

    #[test]
    fn inv07_warrant_expired() {
        let f = fx(&with(&[ARREST, WARRANT, "2008-07-24T00:00+12:00 tick"]));
        only(&f.without(FindingCode::WarrantExpired), Invariant::Inv07);
    }

    #[test]
    fn inv08_warrant_too_long() {
        let f = fx(&with(&[ARREST, WARRANT]));
        only(
            &f.with_after(|a| {
                if let Some(w) = a.removal_detention.warrant.as_mut() {
                    w.period = crate::machines::custody::Period::Days(10);
                }
            }),
            Invariant::Inv08,
        );
    }

    #[test]
    fn inv09_cap() {
        // The run began 100 days earlier than it did: the next line passes the cap.
        let g = fx(&with(&[
            ARREST,
            WARRANT,
            "2008-07-23T14:00+12:00 extension-grant days=7",
            "2008-07-30T14:00+12:00 extension-grant days=7",
        ]));
        let mut before = g.after;
        if let Some(w) = before.removal_detention.warrant.as_mut() {
            w.chain_start = w.chain_start.add_seconds(-86_400 * 100);
        }
        let mut after = before;
        let tick = crate::vocab::event::Event::tick(before.now.unwrap().add_seconds(60));
        let r = after.apply(&tick).unwrap();
        let v = g.m.clone().check(&before, &tick, Ok(&r), &after);
        assert!(v.is_empty(), "{v:?}");
        let mut o = r.clone();
        o.findings
            .retain(|x| x.code != FindingCode::DetentionCapExceeded);
        let v = g.m.clone().check(&before, &tick, Ok(&o), &after);
        only(&v, Invariant::Inv09);
    }

    #[test]
    fn inv10_conditions_too_early() {
        let f = fx(&with(&[
            ARREST,
            WARRANT,
            "2008-07-23T11:00+12:00 appear before=judge outcome=release reside=yes",
        ]));
        let mut before = f.before;
        if let Some(w) = before.removal_detention.warrant.as_mut() {
            w.appearances = 0;
        }
        let v =
            f.m.clone()
                .check(&before, &f.event, Ok(&f.outcome()), &f.after);
        only(&v, Invariant::Inv10);
    }

    #[test]
    fn inv11_minor_police_station() {
        let f = fx(&[
            "person citizen=no born=1992-11-20",
            "2008-01-10T09:00+13:00 arrive craft=NZ1 place=customs",
            "2008-01-10T09:30+13:00 grant-permit type=temporary kind=visitor expires=2008-04-30",
            "2008-07-14T07:00+12:00 removal-order-make by=io",
            "2008-07-14T08:00+12:00 removal-order-serve by=io",
            ARREST,
            "2008-07-14T21:00+12:00 move place=police-station overnight=yes",
        ]);
        only(
            &f.without(FindingCode::MinorPoliceStation),
            Invariant::Inv11,
        );
    }

    #[test]
    fn inv12_custody_after_cancellation() {
        let f = fx(&with(&[
            ARREST,
            "2008-07-15T11:00+12:00 removal-order-cancel",
            "2008-07-15T14:00+12:00 tick",
        ]));
        only(
            &f.without(FindingCode::CustodyAfterCancellation),
            Invariant::Inv12,
        );
    }

    #[test]
    fn inv15_claimant_on_board() {
        let f = fx(&with(&[
            "2008-07-14T08:30+12:00 refugee-claim",
            ARREST,
            "2008-07-14T12:00+12:00 board craft=NZ2",
        ]));
        only(&f.without(FindingCode::RemovalOfClaimant), Invariant::Inv15);
    }

    #[test]
    fn inv34_hours_elapsed() {
        let f = fx(&with(&[ARREST]));
        let mut o = f.outcome();
        let d = o
            .deadlines
            .iter_mut()
            .find(|d| d.name == crate::outcome::DeadlineName::S59Custody)
            .unwrap();
        d.due = d.due.add_seconds(3600);
        let v = f.check(&o, &f.after);
        assert!(v.iter().any(|x| x.invariant == Invariant::Inv34), "{v:?}");
    }
}
