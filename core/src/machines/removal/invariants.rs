//! The invariants of the `removal` machine (rule map
//! `removal_and_deportation.md` §5), checked from outside the machine after
//! every line by [`crate::invariants`] (which calls `check`). As elsewhere
//! in the checker, the instants they rest on are recomputed here from the
//! Act's words where that is short, and compared with what the engine did.

use super::{order_in_force, RemovalState, Transitional};
use crate::case::Case;
use crate::invariants::{need, push, Invariant, Ln, Violations};
use crate::machines::removal_detention::in_custody;
use crate::outcome::{DeadlineName, FindingCode};
use crate::rules::RuleId;
use crate::time::holidays::{next_working_day_on_or_after, s2_2_period_last_day};
use crate::vocab::event::EventKind;
use crate::vocab::values::{Actor, Forum, ServiceMode};
use crate::vocab::StatusState;

/// The grounds of liability (s 53(1), s 63(3), s 70(3)).
const GROUNDS: [RuleId; 8] = [
    RuleId::S53_1_A_I,
    RuleId::S53_1_A_II,
    RuleId::S53_1_B,
    RuleId::S53_1_C,
    RuleId::S53_1_D,
    RuleId::S63_3,
    RuleId::S70_3_B_II,
    RuleId::S70_3_C,
];

/// True if s 128 or s 128B applies (ss 128(4), 128AC(7), 128A(11), 128B(2)).
fn excluded(c: &Case) -> bool {
    crate::machines::border::part2_excluded_by(c).is_some()
        || crate::machines::eligibility::part2_excluded_by(c).is_some()
}

/// Checks one line.
pub(crate) fn check(l: &Ln<'_>, v: &mut Violations) {
    let (b, a) = (l.before, l.after);
    let r = &a.removal;

    // INV-01 — s 3(3): "no such citizen is liable under this Act to removal or
    // deportation from New Zealand in any circumstances".
    if a.person.citizen && (order_in_force(a) || in_custody(a)) {
        push(
            v,
            Invariant::Inv01,
            Some(RuleId::S3),
            "a citizen with a removal order in force or in Part 2 custody",
        );
    }

    // INV-05 — s 57(1): "in force from the time at which it is served, and
    // remains in force until the expiry of 5 years after the date the person
    // named in it is removed …, unless it is cancelled"; s 57(2): for a person
    // under 17 "only until the person is removed". The s 7(1)(c) fact follows it.
    if r.state != RemovalState::Inactive {
        let in_force = order_in_force(a);
        if in_force != a.person.removal_order {
            push(
                v,
                Invariant::Inv05,
                Some(RuleId::S57_1),
                "the person's s 7(1)(c) fact does not follow the order's currency",
            );
        }
        let past_five_years = |d: crate::time::Date, now| {
            d.add_years(5)
                .is_some_and(|e| now > a.config.zone.end_of_day(e))
        };
        if let (Some(o), Some(now)) = (r.order, a.now) {
            let expired = o
                .removed_on
                .is_some_and(|d| o.under17 || past_five_years(d, now));
            if o.in_force() && (o.served.is_none() || expired) {
                push(
                    v,
                    Invariant::Inv05,
                    Some(RuleId::S57_1),
                    "an order in force that was never served, or whose currency has ended",
                );
            }
        }
        // s 53(1)(d): an earlier executed order kept beside a new one.
        if let (Some(d), Some(now)) = (r.executed, a.now) {
            if past_five_years(d, now) {
                push(
                    v,
                    Invariant::Inv05,
                    Some(RuleId::S57_1),
                    "an order in force that was never served, or whose currency has ended",
                );
            }
        }
    }

    // INV-14 — s 47(2) with s 2(2): "shall be reckoned exclusive of" weekday
    // holidays: the window is never shorter than 42 calendar days after the
    // base day, and weekends are counted (the last day is at most the s 2(2)
    // reckoning rolled to a working day).
    if let Ok(o) = l.result {
        if let (Some(base), None, Transitional::No) = (r.base, r.bar, r.transitional) {
            if let Some(d) = o
                .deadlines
                .iter()
                .find(|d| d.name == DeadlineName::AppealWindow)
            {
                let z = a.config.zone;
                let floor = base.add_days(42).map(|x| z.end_of_day(x));
                let h: &[crate::time::Date] = &a.config.holidays;
                let ceiling = s2_2_period_last_day(base, 42, h)
                    .and_then(|x| next_working_day_on_or_after(x, h))
                    .map(|x| z.end_of_day(x));
                if floor.is_some_and(|f| d.due < f) || ceiling.is_some_and(|c| d.due > c) {
                    push(
                        v,
                        Invariant::Inv14,
                        Some(RuleId::S47_2),
                        "the appeal window is not the 42 days of s 47(2) reckoned under s 2(2)",
                    );
                }
            }
        }
    }

    let (Some(e), Ok(o)) = (l.event, l.result) else {
        return;
    };

    // INV-31 — s 128(4): "for so long as this section applies to that person,
    // that person shall not be liable to be dealt with under any of the
    // provisions of Part 2" (s 128B(2) likewise): no Part 2 machine moves.
    if excluded(b)
        && excluded(a)
        && (a.removal.state != b.removal.state
            || a.removal_detention.state != b.removal_detention.state)
    {
        push(
            v,
            Invariant::Inv31,
            Some(RuleId::S128_4),
            "a Part 2 machine moved while s 128 or s 128B applied",
        );
    }

    let made = r.state == RemovalState::OrderMade && b.removal.state != RemovalState::OrderMade;
    match e.kind {
        EventKind::RemovalOrderMake { by, officer, .. } if made => {
            // INV-03 — s 54(1): "if … satisfied that section 53(1) or section
            // 70(3) applies"; s 31(2)(a); s 128(4). Liability may have arisen
            // on this very line, when its clock passed before the event: then
            // the line's trace cites the ground.
            let liable = matches!(
                b.removal.state,
                RemovalState::Liable | RemovalState::OrderCancelled
            ) || GROUNDS.iter().any(|g| o.trace.contains(g));
            // s 128 may also have ceased on this very line (its s 128(3) clock
            // passed before the event): the bar is judged after the line's
            // clocks, so on the case as it stands after the line (a removal
            // order never ends s 128 or s 128B itself).
            if !liable
                || a.status.state != StatusState::Unlawful
                || b.status.reconsideration
                || excluded(a)
            {
                push(
                    v,
                    Invariant::Inv03,
                    Some(RuleId::S54_1),
                    "a removal order made against a person not liable to removal",
                );
            }
            // INV-04 — s 54(1)–(2).
            let maker_ok = by.is_none_or(|x| matches!(x, Actor::Io | Actor::ChiefExecutive));
            let disqualified = officer.is_some_and(|x| b.removal_record.officers.contains(&x));
            if !maker_ok || disqualified {
                push(
                    v,
                    Invariant::Inv04,
                    Some(RuleId::S54_2),
                    "a removal order made by someone without the power to make it",
                );
            }
        }
        EventKind::AppealLodge {
            forum: Forum::Rra,
            prescribed,
            fee,
            ..
        } if r.state == RemovalState::AppealPending
            && b.removal.state != RemovalState::AppealPending =>
        {
            // INV-13 — s 48(4): "The Authority must not consider an appeal …
            // unless it has been made in the prescribed manner, been brought
            // within the 42-day period …, and been accompanied by the
            // prescribed fee"; s 47(5), s 34F(a), s 63(2).
            // (The base day as it stood when the event applied: a clock may
            // have begun a new episode on this line.)
            let late = match (a.removal.base, a.removal.transitional) {
                (Some(base), Transitional::No) if !a.status.reconsideration => {
                    let h: &[crate::time::Date] = &a.config.holidays;
                    s2_2_period_last_day(base, 42, h)
                        .and_then(|x| next_working_day_on_or_after(x, h))
                        .is_some_and(|last| e.at > a.config.zone.end_of_day(last))
                }
                _ => false,
            };
            if a.removal.bar.is_some() || prescribed == Some(false) || fee == Some(false) || late {
                push(
                    v,
                    Invariant::Inv13,
                    Some(RuleId::S48_4),
                    "the Authority is considering an appeal s 48(4) forbids it to consider",
                );
            }
        }
        EventKind::AppealLodge {
            forum: Forum::Rra, ..
        } if a.removal.bar.is_some() && r.state != RemovalState::Inactive && !excluded(a) => {
            need(
                v,
                o,
                Invariant::Inv13,
                FindingCode::AppealBarred,
                a.removal.bar.map_or(RuleId::S47_1, super::Bar::rule),
                "an appeal by a person the Act bars, no appeal-barred",
            );
        }
        EventKind::RemovalOrderServe { by, mode }
            if r.state == RemovalState::OrderInForce
                && b.removal.state == RemovalState::OrderMade =>
        {
            // INV-33 — s 56(1): "by an immigration officer or member of the
            // Police … by personal service only".
            let server_ok = by.is_none_or(|x| matches!(x, Actor::Io | Actor::Police));
            if !server_ok || mode == Some(ServiceMode::Other) {
                push(
                    v,
                    Invariant::Inv33,
                    Some(RuleId::S56_1),
                    "an order in force without personal service by an officer or the Police",
                );
            }
        }
        _ => {}
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::invariants::{Invariant, Monitor, Violations};
    use crate::lang::parse::{parse_line, Line};
    use crate::outcome::{FindingCode, Outcome, Rejection};
    use crate::vocab::event::Event;
    use crate::Case;

    /// The last line of `lines` after the others, with the monitor as it was
    /// before it; every earlier line must pass the checker.
    pub(crate) struct Fx {
        pub m: Monitor,
        pub before: Case,
        pub event: Event,
        pub result: Result<Outcome, Rejection>,
        pub after: Case,
    }

    pub(crate) fn fx(lines: &[&str]) -> Fx {
        let mut c = Case::new();
        let mut m = Monitor::new();
        let mut last = None;
        for (i, l) in lines.iter().enumerate() {
            let m0 = m.clone();
            let b = c;
            match parse_line(l.as_bytes()).unwrap() {
                Line::Event(e) => {
                    let r = c.apply(&e);
                    let v = m.check(&b, &e, r.as_ref(), &c);
                    assert!(v.is_empty(), "{l}: {v:?}");
                    if i + 1 == lines.len() {
                        last = Some(Fx {
                            m: m0,
                            before: b,
                            event: e,
                            result: r,
                            after: c,
                        });
                    }
                }
                Line::Person(p) => {
                    c.set_person(&p).unwrap();
                }
                Line::Config(items) => c.configure(&items).unwrap(),
                _ => {}
            }
        }
        last.unwrap()
    }

    impl Fx {
        pub fn check(&self, o: &Outcome, after: &Case) -> Violations {
            self.m
                .clone()
                .check(&self.before, &self.event, Ok(o), after)
        }
        pub fn outcome(&self) -> Outcome {
            self.result.clone().unwrap()
        }
        pub fn without(&self, code: FindingCode) -> Violations {
            let mut o = self.outcome();
            assert!(o.findings.iter().any(|f| f.code == code), "{o:?}");
            o.findings.retain(|f| f.code != code);
            self.check(&o, &self.after)
        }
        /// The line with the case after it changed (the outcome's states,
        /// status and deadlines describe the changed case).
        pub fn with_after(&self, f: impl FnOnce(&mut Case)) -> Violations {
            let mut a = self.after;
            f(&mut a);
            let mut o = self.outcome();
            let snap = a.snapshot_outcome().unwrap();
            o.states = snap.states;
            o.status = snap.status;
            o.deadlines = snap.deadlines;
            self.check(&o, &a)
        }
    }

    #[track_caller]
    pub(crate) fn only(v: &Violations, inv: Invariant) {
        assert!(!v.is_empty(), "expected {inv:?}, the checker found nothing");
        assert!(
            v.iter().all(|x| x.invariant == inv),
            "expected only {inv:?}, got {v:?}"
        );
    }

    pub(crate) const LIABLE: &[&str] = &[
        "person citizen=no born=1980-05-01",
        "2008-01-10T09:00+13:00 arrive craft=NZ1 place=customs",
        "2008-01-10T09:30+13:00 grant-permit type=temporary kind=visitor expires=2008-04-30",
        "2008-06-14T00:00+12:00 tick",
    ];

    fn with(extra: &[&'static str]) -> heapless::Vec<&'static str, 24> {
        let mut v = heapless::Vec::new();
        for l in LIABLE.iter().chain(extra) {
            v.push(*l).unwrap();
        }
        v
    }

    #[test]
    fn inv01_citizen() {
        let f = fx(&with(&[
            "2008-07-01T09:00+12:00 removal-order-make by=io",
            "2008-07-01T10:00+12:00 removal-order-serve by=io",
        ]));
        let v = f.with_after(|a| a.person.citizen = true);
        // (I38 also sees a citizen with an unlawful status.)
        assert!(v.iter().any(|x| x.invariant == Invariant::Inv01), "{v:?}");
    }

    #[test]
    fn inv03_order_before_liability() {
        let f = fx(&with(&["2008-07-01T09:00+12:00 removal-order-make by=io"]));
        // The same order, as if the person had not been liable.
        let mut before = f.before;
        before.removal.state = super::RemovalState::Unlawful;
        let v =
            f.m.clone()
                .check(&before, &f.event, Ok(&f.outcome()), &f.after);
        assert!(v.iter().any(|x| x.invariant == Invariant::Inv03), "{v:?}");
    }

    #[test]
    fn inv04_disqualified_officer() {
        let f = fx(&with(&[
            "2008-07-01T09:00+12:00 removal-order-make by=io officer=IO-X",
        ]));
        let mut before = f.before;
        before
            .removal_record
            .officers
            .push(crate::vocab::values::OfficerId::new("IO-X").unwrap())
            .unwrap();
        let v =
            f.m.clone()
                .check(&before, &f.event, Ok(&f.outcome()), &f.after);
        only(&v, Invariant::Inv04);
    }

    #[test]
    fn inv05_currency() {
        let f = fx(&with(&[
            "2008-07-01T09:00+12:00 removal-order-make by=io",
            "2008-07-01T10:00+12:00 removal-order-serve by=io",
        ]));
        only(
            &f.with_after(|a| a.person.removal_order = false),
            Invariant::Inv05,
        );
    }

    #[test]
    fn inv13_barred_appeal() {
        let f = fx(&[
            "2008-01-10T09:00+13:00 arrive craft=NZ1 place=customs",
            "2008-01-10T09:30+13:00 grant-permit type=limited-purpose expires=2008-07-13",
            "2008-07-14T00:00+12:00 tick",
            "2008-07-20T10:00+12:00 appeal-lodge forum=rra",
        ]);
        only(&f.without(FindingCode::AppealBarred), Invariant::Inv13);
    }

    #[test]
    fn inv14_window_too_short() {
        let f = fx(&[
            "2008-01-10T09:00+13:00 arrive craft=NZ1 place=customs",
            "2008-01-10T09:30+13:00 grant-permit type=temporary kind=visitor expires=2008-04-30",
            "2008-05-01T00:00+12:00 tick",
        ]);
        let mut o = f.outcome();
        let d = o
            .deadlines
            .iter_mut()
            .find(|d| d.name == crate::outcome::DeadlineName::AppealWindow)
            .unwrap();
        d.due = d.due.add_seconds(-86_400 * 2);
        let v = f.check(&o, &f.after);
        assert!(v.iter().any(|x| x.invariant == Invariant::Inv14), "{v:?}");
    }

    #[test]
    fn inv31_part2_moves_under_s128() {
        let f = fx(&[
            "2009-03-02T06:10+13:00 arrive craft=NZ1 place=customs",
            "2009-03-02T06:25+13:00 present",
            "2009-03-02T08:00+13:00 refuse-permit by=io",
            "2009-03-02T09:00+13:00 removal-order-make by=io",
        ]);
        let v = f.with_after(|a| a.removal.state = super::RemovalState::OrderMade);
        assert!(v.iter().any(|x| x.invariant == Invariant::Inv31), "{v:?}");
    }

    #[test]
    fn inv33_service_not_personal() {
        let f = fx(&with(&[
            "2008-07-01T09:00+12:00 removal-order-make by=io",
            "2008-07-01T10:00+12:00 removal-order-serve by=io mode=other",
        ]));
        // The engine keeps the order unserved; as if it had put it in force:
        let v = f.with_after(|a| {
            a.removal.state = super::RemovalState::OrderInForce;
            if let Some(o) = a.removal.order.as_mut() {
                o.served = a.now;
            }
            a.person.removal_order = true;
        });
        only(&v, Invariant::Inv33);
    }
}
