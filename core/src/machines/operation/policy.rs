//! The 2023 out-of-hours policy as data: its versions with their effective
//! dates ([`VERSIONS`]), the in-hours window judged over the whole visit in New
//! Zealand local time at the location ([`classify`]), and the checks of the
//! decision procedure (spec `rules/refugee_and_policy.md` §2.3 steps 3–6,
//! [`judge`]). Pure functions of the configuration and the facts: the machine
//! ([`super`]) calls them, and so do the oversight summary and the invariant
//! checker's tests.
//!
//! | Version | From (local date) | In hours | Pause | Approvers | Justification | Record |
//! |---|---|---|---|---|---|---|
//! | V0 | (before V1) | 07:00–21:00 | — | compliance manager **and** national manager | — | — |
//! | V1 | 2023-05-01 | 08:00–18:00 | — | Head of INZ personally | public safety | — |
//! | V2 | 2023-05-05 | 08:00–18:00 | every out-of-hours visit | Head of INZ personally | public safety | — |
//! | V3 | 2023-07-10 | 08:00–18:00 | residential, for deportation or removal (`ooh-pause`) | Head of INZ personally (+ `ooh-role`) | public safety | required (A21) |
//! | V4 | `ooh-from=v4@DATE` only | `ooh-window` (08:00–18:00) | as V3 (`ooh-pause`) | as V3 | as V3 | required |
//!
//! Every effective date can be moved with `config ooh-from=VERSION@DATE`
//! (the sources give "this week" rather than an instant: rule map §2.3).
//!
//! **Time.** The window is a half-open interval of local clock time,
//! `[start, end)`: 08:00:00 is in hours, 17:59:59 is in hours, 18:00:00 is out
//! (rule map A1, A2). A visit is in hours only if *every* second of
//! `[start, end)` is (A2: "classify on the whole planned span"); a visit
//! without an end is taken to last one hour (§2.3 step 4). Local time is that
//! of the location's zone (mainland or Chatham Islands, `crate::time::Zone`),
//! computed across daylight-saving changes: the span is cut where the offset
//! changes, and each piece is compared with the window on its own local day.
//! Instants are whole UTC seconds; nothing is rounded.

use crate::outcome::{FindingCode, Severity};
use crate::rules::RuleId;
use crate::time::{Date, Instant, Zone, DAY, HOUR};
use crate::vocab::values::{Approver, Justification, OohVersion, Purpose};
use heapless::Vec;

/// A required or given approval, as a set of offices (one bit each).
pub type Roles = u8;
/// The Head of Immigration New Zealand (or the "deputy secretary of
/// Immigration", the same office, or a formally acting Head: rule map A11).
pub const HEAD: Roles = 1;
/// A national manager.
pub const NATIONAL_MANAGER: Roles = 2;
/// A compliance manager.
pub const COMPLIANCE_MANAGER: Roles = 4;

/// The office an approver holds.
pub const fn role(a: Approver) -> Roles {
    match a {
        Approver::HeadOfInz | Approver::DeputySecretary => HEAD,
        Approver::NationalManager => NATIONAL_MANAGER,
        Approver::ComplianceManager => COMPLIANCE_MANAGER,
    }
}

/// The bit of a justification category in a set.
pub const fn justification_bit(j: Justification) -> u8 {
    crate::vocab::values::Justifications::bit(j)
}

/// What a version pauses.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Pause {
    /// Nothing.
    None,
    /// Every out-of-hours visit (V2).
    All,
    /// Out-of-hours visits to residential addresses for deportation or
    /// removal (V3 on, while `ooh-pause` is on).
    ResidentialRemoval,
}

/// One version of the policy, as data.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Version {
    /// Which version.
    pub id: OohVersion,
    /// Its rule (`ooh-2023(v0)` …), cited when it is selected.
    pub rule: RuleId,
    /// The local date it takes effect (V0: none, it is the earliest; V4: none
    /// unless configured).
    pub from: Option<Date>,
    /// The in-hours window, seconds after local midnight: `[start, end)`.
    pub window: (u32, u32),
    /// What it pauses.
    pub pause: Pause,
    /// The offices whose approval an out-of-hours visit needs.
    pub roles: Roles,
    /// Whether the justification is checked (step 6c: from V1).
    pub justification: bool,
    /// Whether the record is checked (step 6d: from V3, rule map A21).
    pub record: bool,
}

/// Seconds after midnight of `h:m`.
const fn hm(h: u32, m: u32) -> u32 {
    h.saturating_mul(3600).saturating_add(m.saturating_mul(60))
}

/// V0: standard operating hours 07:00–21:00 and managers' approval
/// (INZ-2023-05-09; the Heron review: out-of-hours visits "require managerial
/// and national manager approval").
const V0: Version = Version {
    id: OohVersion::V0,
    rule: RuleId::OOH_V0,
    from: None,
    window: (hm(7, 0), hm(21, 0)),
    pause: Pause::None,
    roles: COMPLIANCE_MANAGER | NATIONAL_MANAGER,
    justification: false,
    record: false,
};

/// The versions with their default parameters (rule map §2.3), in order.
pub const VERSIONS: [Version; 5] = [
    V0,
    Version {
        id: OohVersion::V1,
        rule: RuleId::OOH_V1,
        from: Date::from_days(19_478), // 2023-05-01
        window: (hm(8, 0), hm(18, 0)),
        pause: Pause::None,
        roles: HEAD,
        justification: true,
        record: false,
    },
    Version {
        id: OohVersion::V2,
        rule: RuleId::OOH_V2,
        from: Date::from_days(19_482), // 2023-05-05
        window: (hm(8, 0), hm(18, 0)),
        pause: Pause::All,
        roles: HEAD,
        justification: true,
        record: false,
    },
    Version {
        id: OohVersion::V3,
        rule: RuleId::OOH_V3,
        from: Date::from_days(19_548), // 2023-07-10
        window: (hm(8, 0), hm(18, 0)),
        pause: Pause::ResidentialRemoval,
        roles: HEAD,
        justification: true,
        record: true,
    },
    Version {
        id: OohVersion::V4,
        rule: RuleId::OOH_V4,
        from: None,
        window: (hm(8, 0), hm(18, 0)),
        pause: Pause::ResidentialRemoval,
        roles: HEAD,
        justification: true,
        record: true,
    },
];

/// The overlay's configuration (`config ooh-…` lines); the default is the
/// policy as the sources describe it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct OohConfig {
    /// `ooh-pause=off` (the July 2023 pause, and V4's, are on by default).
    pub pause_off: bool,
    /// `ooh-role=`: offices required from V3 on, beside the Head of INZ.
    pub roles: Roles,
    /// `ooh-justification=`: accepted categories (one bit per
    /// [`Justification`] code); 0 means the default, public safety only.
    pub justifications: u8,
    /// `ooh-window=`: V4's window, minutes after local midnight.
    pub window: Option<(u16, u16)>,
    /// `ooh-from=v1@`: V1's effective date.
    pub from_v1: Option<Date>,
    /// `ooh-from=v2@`.
    pub from_v2: Option<Date>,
    /// `ooh-from=v3@`.
    pub from_v3: Option<Date>,
    /// `ooh-from=v4@` (V4 applies only from a configured date).
    pub from_v4: Option<Date>,
}

crate::wire::wire_struct!(OohConfig {
    pause_off,
    roles,
    justifications,
    window,
    from_v1,
    from_v2,
    from_v3,
    from_v4
});

impl OohConfig {
    /// The accepted justification categories.
    pub const fn accepted(&self) -> u8 {
        if self.justifications == 0 {
            justification_bit(Justification::PublicSafety)
        } else {
            self.justifications
        }
    }

    /// Version `id` with this configuration applied.
    pub fn version(&self, id: OohVersion) -> Version {
        let mut v = VERSIONS.iter().find(|v| v.id == id).copied().unwrap_or(V0);
        let from = match id {
            OohVersion::V0 => None,
            OohVersion::V1 => self.from_v1,
            OohVersion::V2 => self.from_v2,
            OohVersion::V3 => self.from_v3,
            OohVersion::V4 => self.from_v4,
        };
        if from.is_some() {
            v.from = from;
        }
        if matches!(id, OohVersion::V3 | OohVersion::V4) {
            // Settled reading 9: from 10 July 2023 the Head of INZ personally
            // by default; manager sign-offs are an option (`ooh-role=`).
            v.roles |= self.roles;
            if self.pause_off {
                v.pause = Pause::None;
            }
        }
        if id == OohVersion::V4 {
            if let Some((s, e)) = self.window {
                v.window = (hm(0, u32::from(s)), hm(0, u32::from(e)));
            }
        }
        v
    }

    /// The version in force on local date `d`: the one with the latest
    /// effective date on or before `d` (a later version wins a tie); V0 if
    /// none has begun (rule map §2.3 step 3).
    pub fn select(&self, d: Date) -> Version {
        let mut best = self.version(OohVersion::V0);
        let mut best_from: Option<Date> = None;
        for id in [
            OohVersion::V1,
            OohVersion::V2,
            OohVersion::V3,
            OohVersion::V4,
        ] {
            let v = self.version(id);
            if let Some(f) = v.from {
                if f <= d && best_from.is_none_or(|b| f >= b) {
                    best = v;
                    best_from = Some(f);
                }
            }
        }
        best
    }
}

/// How a visit stands against the window.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Hours {
    /// Every second of the visit is in hours.
    In,
    /// Some second of it is out of hours. `strict_only`: it starts in hours
    /// (or exactly at the window's end) and is out only because it runs past
    /// the end — a breach under the reading of rule map A2 only (§2.5.5).
    Out {
        /// The classification rests on A2 alone.
        strict_only: bool,
    },
}

impl Hours {
    /// True if out of hours.
    pub const fn is_out(self) -> bool {
        matches!(self, Hours::Out { .. })
    }
}

/// The end of a visit: the given end, or one hour after the start (§2.3 step 4).
pub fn end_or_default(start: Instant, end: Option<Instant>) -> Instant {
    end.unwrap_or(start.add_seconds(HOUR))
}

/// The first instant after `t` at which the New Zealand offset changes (both
/// zones change at the same instant), if one comes within a year.
fn next_change(t: Instant) -> Option<Instant> {
    let y = t.add_seconds(12 * HOUR).utc_date().year();
    let mut best: Option<Instant> = None;
    for year in [y, y.saturating_add(1)] {
        for c in [
            crate::time::zone::dst_start(year),
            crate::time::zone::dst_end(year),
        ]
        .into_iter()
        .flatten()
        {
            if c > t && best.is_none_or(|b| c < b) {
                best = Some(c);
            }
        }
    }
    best
}

/// Classifies the visit `[start, end)` (`end > start`) against `window`
/// (seconds after local midnight, `[ws, we)`), in local time of `zone`.
pub fn classify(zone: Zone, window: (u32, u32), start: Instant, end: Instant) -> Hours {
    let (ws, we) = window;
    let start_tod = zone.to_local(start).seconds_of_day;
    let strict_only = start_tod >= ws && start_tod <= we;
    let out = Hours::Out { strict_only };
    if ws == 0 && we >= 86_400 {
        return Hours::In;
    }
    if end <= start || end.seconds_since(start) >= DAY {
        // A window shorter than a day cannot hold a day's visit.
        return out;
    }
    // Cut the span where the offset changes; within a piece local time runs
    // with UTC, so the piece is in hours iff its first and last seconds fall
    // on the same local day inside [ws, we).
    let mut from = start;
    for _ in 0..4 {
        let to = match next_change(from) {
            Some(c) if c < end => c,
            _ => end,
        };
        let first = zone.to_local(from);
        let last = zone.to_local(to.add_seconds(-1));
        let inside = first.date == last.date
            && first.seconds_of_day >= ws
            && first.seconds_of_day < we
            && last.seconds_of_day < we;
        if !inside {
            return out;
        }
        if to >= end {
            return Hours::In;
        }
        from = to;
    }
    out
}

/// The facts the checks look at: a proposal's, or an execution's with the
/// proposal it carried out.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Facts {
    /// The purpose (`None`: not known, no proposal on record).
    pub purpose: Option<Purpose>,
    /// A residential address.
    pub residential: bool,
    /// The offices that approved.
    pub approvals: Roles,
    /// When the last required approval was given.
    pub approved_at: Option<Instant>,
    /// The justification categories given.
    pub justifications: u8,
    /// The record of §2.3 step 6d is complete.
    pub record_complete: bool,
}

/// One failed check.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Failed {
    /// How serious.
    pub severity: Severity,
    /// The finding.
    pub code: FindingCode,
    /// The rule it rests on.
    pub rule: RuleId,
}

/// Every check that can fail on one line (pause, authorisation ×2,
/// justification, record, report).
pub const MAX_FAILED: usize = 6;

/// What [`judge`] found.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Judgement {
    /// The version in force on the local date of the start.
    pub version: Version,
    /// The visit against the window.
    pub hours: Hours,
    /// Every failed check, in the order of §2.3 step 6 (empty in hours).
    pub failed: Vec<Failed, MAX_FAILED>,
}

/// How the authorisation is judged.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Authorisation {
    /// A proposal: role and time of the approvals it records (§2.3 step 6b).
    Proposal,
    /// An execution: whether what happened was authorised (§2.5.6). `covered`:
    /// an authorised proposal's window holds the actual span.
    Execution {
        /// The actual span lies inside an authorised out-of-hours window.
        covered: bool,
    },
}

fn push(out: &mut Vec<Failed, MAX_FAILED>, severity: Severity, code: FindingCode, rule: RuleId) {
    // MAX_FAILED is the number of checks: one each, so this never overflows.
    let _ = out.push(Failed {
        severity,
        code,
        rule,
    });
}

/// Runs steps 3–6 of the decision procedure on the span `[start, end)` at
/// `zone`: selects the version, classifies the span and, out of hours,
/// reports every failed check (not only the first: §2.5.4, settled reading 9).
///
/// Severity (§2.5.5): a `violation`, except that a classification resting on
/// rule map A2 alone ([`Hours::Out`] `strict_only`) makes every finding a
/// `warning`, and so does an operation whose purpose is not deportation or
/// removal (the policy's reach to it is \[UNC\]) for the checks of 6b–6d.
pub fn judge(
    config: &OohConfig,
    zone: Zone,
    start: Instant,
    end: Instant,
    facts: &Facts,
    auth: Authorisation,
) -> Judgement {
    let version = config.select(zone.local_date(start));
    let hours = classify(zone, version.window, start, end);
    let mut failed = Vec::new();
    let Hours::Out { strict_only } = hours else {
        return Judgement {
            version,
            hours,
            failed,
        };
    };
    let base = if strict_only {
        Severity::Warning
    } else {
        Severity::Violation
    };
    let removes = facts.purpose.is_some_and(Purpose::removes);
    let scoped = if removes { base } else { Severity::Warning };
    // 6a: the pause.
    let paused = match version.pause {
        Pause::None => false,
        Pause::All => true,
        Pause::ResidentialRemoval => facts.residential && removes,
    };
    if paused {
        push(&mut failed, base, FindingCode::OohPaused, RuleId::OOH_PAUSE);
    }
    // 6b: the authorisation.
    match auth {
        Authorisation::Proposal => {
            if facts.approvals == 0 {
                push(
                    &mut failed,
                    scoped,
                    FindingCode::OohUnauthorised,
                    RuleId::OOH_AUTH,
                );
            } else {
                if facts.approvals & version.roles != version.roles {
                    push(
                        &mut failed,
                        scoped,
                        FindingCode::OohUnauthorised,
                        RuleId::OOH_AUTH_ROLE,
                    );
                }
                if facts.approved_at.is_none_or(|t| t >= start) {
                    push(
                        &mut failed,
                        scoped,
                        FindingCode::OohLateAuthorisation,
                        RuleId::OOH_AUTH_TIME,
                    );
                }
            }
        }
        Authorisation::Execution { covered } => {
            if !covered {
                push(
                    &mut failed,
                    scoped,
                    FindingCode::OohUnauthorised,
                    RuleId::OOH_AUTH,
                );
            }
        }
    }
    // 6c: the justification.
    if version.justification && facts.justifications & config.accepted() == 0 {
        push(
            &mut failed,
            scoped,
            FindingCode::OohJustification,
            RuleId::OOH_JUSTIFICATION,
        );
    }
    // 6d: the record.
    if version.record && !facts.record_complete {
        push(
            &mut failed,
            scoped,
            FindingCode::OohIncomplete,
            RuleId::OOH_RECORD,
        );
    }
    Judgement {
        version,
        hours,
        failed,
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use crate::time::parse_timestamp;

    fn t(s: &str) -> Instant {
        parse_timestamp(s).unwrap()
    }

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    #[test]
    fn default_dates_are_the_sources_dates() {
        assert_eq!(VERSIONS[1].from, Some(d(2023, 5, 1)));
        assert_eq!(VERSIONS[2].from, Some(d(2023, 5, 5)));
        assert_eq!(VERSIONS[3].from, Some(d(2023, 7, 10)));
        assert_eq!(VERSIONS[4].from, None);
        for v in VERSIONS {
            assert_eq!(v.rule.source(), crate::rules::Source::Ooh2023);
        }
    }

    #[test]
    fn selection_by_local_date() {
        let c = OohConfig::default();
        assert_eq!(c.select(d(2023, 4, 30)).id, OohVersion::V0);
        assert_eq!(c.select(d(2023, 5, 1)).id, OohVersion::V1);
        assert_eq!(c.select(d(2023, 5, 4)).id, OohVersion::V1);
        assert_eq!(c.select(d(2023, 5, 5)).id, OohVersion::V2);
        assert_eq!(c.select(d(2023, 7, 9)).id, OohVersion::V2);
        assert_eq!(c.select(d(2023, 7, 10)).id, OohVersion::V3);
        assert_eq!(c.select(d(2030, 1, 1)).id, OohVersion::V3);
        let c = OohConfig {
            from_v4: Some(d(2024, 1, 1)),
            window: Some((9 * 60, 17 * 60)),
            ..OohConfig::default()
        };
        assert_eq!(c.select(d(2023, 12, 31)).id, OohVersion::V3);
        let v4 = c.select(d(2024, 1, 1));
        assert_eq!(v4.id, OohVersion::V4);
        assert_eq!(v4.window, (hm(9, 0), hm(17, 0)));
        // A moved date: V1 from 3 May.
        let c = OohConfig {
            from_v1: Some(d(2023, 5, 3)),
            ..OohConfig::default()
        };
        assert_eq!(c.select(d(2023, 5, 2)).id, OohVersion::V0);
    }

    #[test]
    fn window_edges() {
        let w = (hm(8, 0), hm(18, 0));
        let z = Zone::Mainland;
        let c = |s: &str, e: &str| classify(z, w, t(s), t(e));
        assert_eq!(
            c("2024-07-10T08:00:00+12:00", "2024-07-10T09:00:00+12:00"),
            Hours::In
        );
        assert_eq!(
            c("2024-07-10T07:59:59+12:00", "2024-07-10T08:30:00+12:00"),
            Hours::Out { strict_only: false }
        );
        assert_eq!(
            c("2024-07-10T17:00:00+12:00", "2024-07-10T18:00:00+12:00"),
            Hours::In
        );
        assert_eq!(
            c("2024-07-10T17:59:59+12:00", "2024-07-10T18:00:00+12:00"),
            Hours::In
        );
        assert_eq!(
            c("2024-07-10T17:30:00+12:00", "2024-07-10T18:00:01+12:00"),
            Hours::Out { strict_only: true }
        );
        assert_eq!(
            c("2024-07-10T18:00:00+12:00", "2024-07-10T18:20:00+12:00"),
            Hours::Out { strict_only: true }
        );
        assert_eq!(
            c("2024-07-10T18:00:01+12:00", "2024-07-10T18:20:00+12:00"),
            Hours::Out { strict_only: false }
        );
        // Across midnight, and a whole day.
        assert!(c("2024-07-10T17:00:00+12:00", "2024-07-11T09:00:00+12:00").is_out());
        assert!(c("2024-07-10T09:00:00+12:00", "2024-07-12T09:00:00+12:00").is_out());
    }

    #[test]
    fn daylight_saving_and_chatham() {
        let w = (hm(8, 0), hm(18, 0));
        // DST starts 2023-09-24: 19:30Z is 08:30 NZDT (a fixed +12 would say 07:30).
        assert_eq!(
            classify(
                Zone::Mainland,
                w,
                t("2023-09-23T19:30:00Z"),
                t("2023-09-23T20:30:00Z")
            ),
            Hours::In
        );
        // DST ends 2024-04-07: 19:30Z is 07:30 NZST (a fixed +13 would say 08:30).
        assert!(classify(
            Zone::Mainland,
            w,
            t("2024-04-06T19:30:00Z"),
            t("2024-04-06T20:00:00Z")
        )
        .is_out());
        // Chatham: 19:50Z is 08:35 +12:45 (mainland 07:50).
        let (s, e) = (t("2024-07-10T19:50:00Z"), t("2024-07-10T20:50:00Z"));
        assert_eq!(classify(Zone::Chatham, w, s, e), Hours::In);
        assert!(classify(Zone::Mainland, w, s, e).is_out());
        // A visit over the change itself (02:00 NZST on 2024-09-29) with a
        // window that covers the night: each piece is judged on its own.
        let night = (0, 86_399);
        assert_eq!(
            classify(
                Zone::Mainland,
                night,
                t("2024-09-29T01:30:00+12:00"),
                t("2024-09-29T03:30:00+13:00")
            ),
            Hours::In
        );
        assert!(classify(
            Zone::Mainland,
            (hm(2, 30), hm(23, 0)),
            t("2024-09-29T01:30:00+12:00"),
            t("2024-09-29T03:30:00+13:00")
        )
        .is_out());
    }

    fn full() -> Facts {
        Facts {
            purpose: Some(Purpose::Deportation),
            residential: true,
            approvals: HEAD | NATIONAL_MANAGER | COMPLIANCE_MANAGER,
            approved_at: Some(t("2024-07-10T16:00:00+12:00")),
            justifications: justification_bit(Justification::PublicSafety),
            record_complete: true,
        }
    }

    fn codes(j: &Judgement) -> std::vec::Vec<(Severity, FindingCode, RuleId)> {
        j.failed
            .iter()
            .map(|f| (f.severity, f.code, f.rule))
            .collect()
    }

    #[test]
    fn every_failed_check_is_reported() {
        let c = OohConfig::default();
        let (s, e) = (
            t("2024-07-11T06:00:00+12:00"),
            t("2024-07-11T07:00:00+12:00"),
        );
        let j = judge(&c, Zone::Mainland, s, e, &full(), Authorisation::Proposal);
        assert_eq!(j.version.id, OohVersion::V3);
        assert_eq!(
            codes(&j),
            [(
                Severity::Violation,
                FindingCode::OohPaused,
                RuleId::OOH_PAUSE
            )]
        );
        let c = OohConfig {
            pause_off: true,
            ..OohConfig::default()
        };
        assert!(
            judge(&c, Zone::Mainland, s, e, &full(), Authorisation::Proposal)
                .failed
                .is_empty()
        );
        // A wrong office and a late approval are two findings (settled reading 9).
        let f = Facts {
            approvals: NATIONAL_MANAGER,
            approved_at: Some(t("2024-07-11T06:05:00+12:00")),
            justifications: justification_bit(Justification::FlightRisk),
            record_complete: false,
            ..full()
        };
        let j = judge(&c, Zone::Mainland, s, e, &f, Authorisation::Proposal);
        assert_eq!(
            codes(&j),
            [
                (
                    Severity::Violation,
                    FindingCode::OohUnauthorised,
                    RuleId::OOH_AUTH_ROLE
                ),
                (
                    Severity::Violation,
                    FindingCode::OohLateAuthorisation,
                    RuleId::OOH_AUTH_TIME
                ),
                (
                    Severity::Violation,
                    FindingCode::OohJustification,
                    RuleId::OOH_JUSTIFICATION
                ),
                (
                    Severity::Violation,
                    FindingCode::OohIncomplete,
                    RuleId::OOH_RECORD
                ),
            ]
        );
        // Not for deportation or removal: the policy's reach is uncertain.
        let f = Facts {
            purpose: Some(Purpose::EmployerCompliance),
            approvals: 0,
            ..full()
        };
        let j = judge(&c, Zone::Mainland, s, e, &f, Authorisation::Proposal);
        assert_eq!(
            codes(&j),
            [(
                Severity::Warning,
                FindingCode::OohUnauthorised,
                RuleId::OOH_AUTH
            )]
        );
    }

    #[test]
    fn v0_needs_both_managers_and_no_justification() {
        let c = OohConfig::default();
        let (s, e) = (
            t("2023-04-19T05:50:00+12:00"),
            t("2023-04-19T06:50:00+12:00"),
        );
        let f = Facts {
            approvals: COMPLIANCE_MANAGER,
            approved_at: Some(t("2023-04-18T15:00:00+12:00")),
            justifications: justification_bit(Justification::FlightRisk),
            record_complete: false,
            ..full()
        };
        let j = judge(&c, Zone::Mainland, s, e, &f, Authorisation::Proposal);
        assert_eq!(j.version.id, OohVersion::V0);
        assert_eq!(
            codes(&j),
            [(
                Severity::Violation,
                FindingCode::OohUnauthorised,
                RuleId::OOH_AUTH_ROLE
            )]
        );
        let f = Facts {
            approvals: COMPLIANCE_MANAGER | NATIONAL_MANAGER,
            ..f
        };
        assert!(judge(&c, Zone::Mainland, s, e, &f, Authorisation::Proposal)
            .failed
            .is_empty());
        // V0's window is 07:00-21:00: 07:30 is in hours.
        let j = judge(
            &c,
            Zone::Mainland,
            t("2023-04-18T07:30:00+12:00"),
            t("2023-04-18T08:30:00+12:00"),
            &Facts::default(),
            Authorisation::Proposal,
        );
        assert_eq!(j.hours, Hours::In);
    }

    #[test]
    fn roles_from_configuration_add_to_the_head() {
        let c = OohConfig {
            pause_off: true,
            roles: NATIONAL_MANAGER,
            ..OohConfig::default()
        };
        assert_eq!(c.select(d(2024, 1, 1)).roles, HEAD | NATIONAL_MANAGER);
        assert_eq!(c.select(d(2023, 6, 1)).roles, HEAD);
        assert_eq!(c.accepted(), justification_bit(Justification::PublicSafety));
    }
}
