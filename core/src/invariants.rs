//! The safety invariants of rule map `status_and_border.md` §7 and the engine's
//! own invariants, checked from outside the machines after every line.
//!
//! The engine follows the audit model: an unlawful act that happened (a
//! detention beyond 48 hours without a warrant, bail, a minor in a Police
//! station) is accepted and recorded as a *finding*; only an event that cannot
//! happen in the current state is *rejected* (`not-in-state`). So where §7 says
//! that something "is a violation", the checker's job is to prove that the
//! engine never misses the finding, and where §7 says that something holds "by
//! construction", that the state says so.
//!
//! [`check`] looks at one line on its own: the case before the event, the event,
//! the line's result and the case after. A [`Monitor`] carries the little
//! history that some invariants need (which clock findings have been reported
//! for this case) and runs every check; the test harness keeps one per case,
//! next to the case.
//!
//! The instants the invariants rest on are computed here independently of the
//! machines where that is short (48 hours after the anchor, 72 hours after the
//! first report, 24 hours after a transit arrival, N local dates after a
//! warrant's issue date, the s 2(2) reckoning of the s 128B(6)(c) period), and
//! the deadlines the engine reports are compared with them. The warrant clock
//! with pauses (ss 128(16), 128AA(12), 128A(2)(a), (12)) is the one exception:
//! with a pause recorded, the engine's own expiry is used.
//!
//! Every check is documented with the words of the Act (or of Operational
//! Manual Y4.15, or of the spec's settled readings) it rests on.

use crate::case::{Case, OPT_HYPOTHETICAL, OPT_OOH2023, OPT_S2_2_128B, OPT_Y415};
use crate::machines::border::{self, Arrested, BorderState};
use crate::machines::eligibility::EligibilityState;
use crate::machines::status::StatusState;
use crate::machines::transit::TransitState;
use crate::names::kebab_enum;
use crate::outcome::{
    Deadline, DeadlineName, ErrorCode, Finding, FindingCode, Outcome, Rejection, Severity,
};
use crate::rules::{RuleId, REPEAL};
use crate::time::holidays::s2_2_excluded;
use crate::time::{Date, Instant, DAY, HOUR};
use crate::vocab::event::{Event, EventKind, Verb};
use crate::vocab::values::{
    Actor, AgreedBy, AppearOutcome, BreachClass, CrBasis, DetainBasis, Place, Premises, Report,
    RequestedBy, RevokeSection, Service,
};
use crate::vocab::Obligation;
use heapless::{Deque, Vec};

kebab_enum! {
    /// An invariant the checker verifies: the rule map's §7 ids, the spec's
    /// settled readings that add one, and the engine's own invariants (`E-…`).
    pub enum Invariant {
        /// Custody under s 128 without a (valid) warrant beyond D + 48 h is
        /// reported as `no-warrant-48h` (s 128(7)).
        I01 = "I01",
        /// A s 128(7) application is on oath, with reasons, to the Registrar
        /// (s 128(7)–(8)); a s 128B(6)(c) application goes to a Judge.
        I02 = "I02",
        /// A s 128 warrant is for at most 28 days (ss 128(7), 128AA(8)(a)).
        I03 = "I03",
        /// An extension is at most 7 days (unless the group rule holds), on an
        /// application on oath with reasons (s 128(13A)–(13B)).
        I04 = "I04",
        /// No extension after the warrant expired (rule map 9.15).
        I05 = "I05",
        /// Custody under a warrant past its expiry is reported as
        /// `warrant-expired` (s 128(9)(c), (14)(b)).
        I06 = "I06",
        /// Release "on receiving" a written notice: a service level, reported
        /// `undetermined` when it passes (s 128(14)(a); settled reading 3).
        I07 = "I07",
        /// Bail while s 128 or s 128B applies is a violation (ss 128(15), 128B(12)).
        I08 = "I08",
        /// Overnight before a warrant, a minor is held only where s 128(6)(a) allows.
        I09 = "I09",
        /// Overnight before a warrant, anyone else only where s 128(6)(b) allows.
        I10 = "I10",
        /// Overnight under s 128B, only where s 128B(7) allows.
        I11 = "I11",
        /// A minor in a prison under a s 128 warrant is a warning (rule map 9.12).
        I12 = "I12",
        /// No detention under s 128 once it has ceased under s 128(3).
        I13 = "I13",
        /// A s 128(5) detention rests on an immigration officer's request.
        I14 = "I14",
        /// At most one of s 128, s 128B and s 129 applies at a time.
        I15 = "I15",
        /// No Part 2 step while s 128 or s 128B applies (ss 128(4), 128AC(7),
        /// 128A(11), 128B(2)).
        I16 = "I16",
        /// After s 128 ceased to apply, no s 128 custody without a fresh ground
        /// (s 128(14A)).
        I17 = "I17",
        /// Delivery to the Police under s 128(11) follows a written requirement.
        I18 = "I18",
        /// A s 128AA order states its expiry and location and carries the
        /// mandatory conditions, notified in writing before release.
        I19 = "I19",
        /// A s 128AA application is made by someone who may make it, on oath.
        I20 = "I20",
        /// After a reside or report breach, release again only with a
        /// reasonable excuse (s 128AC(4)).
        I21 = "I21",
        /// A s 128AD cancellation rests on an application on oath with reasons.
        I22 = "I22",
        /// With review proceedings, appearances by the nominal expiry and then
        /// at most 7 days apart (s 128A(2)(b)).
        I23 = "I23",
        /// An extension at an appearance stays within the s 128A(3)(b) total.
        I24 = "I24",
        /// A s 128A(4) release only while the review is incomplete, not after an
        /// unexcused reside or report breach, with the s 128A(6) conditions.
        I25 = "I25",
        /// The s 128B(6)(c) application is made within 48 hours of custody.
        I26 = "I26",
        /// Y4.15 para 4: a warrant obtained within 48 hours of s 128B custody
        /// (a warning).
        I27 = "I27",
        /// s 128B: appearances by the 28th day and then at most 7 days apart;
        /// no custody past the warrant's expiry (s 128B(9)–(10)).
        I28 = "I28",
        /// The s 128B determination is the Minister's, after an opportunity to
        /// comment or rebut (s 128B(4), (6)(b)).
        I29 = "I29",
        /// s 128B(5)(a)(i) release "immediately": a service level, reported
        /// `undetermined` when it passes.
        I30 = "I30",
        /// s 128B never applies to a person exempt under s 11 or s 12.
        I31 = "I31",
        /// s 129 cover lasts at most 24 hours from arrival (s 129(2), s 14E(4)).
        I32 = "I32",
        /// No permit or exemption for a person within s 7(1)(a)–(d) unless s 7(3).
        I33 = "I33",
        /// A s 20 revocation: personal service, effective 21 days after it.
        I34 = "I34",
        /// A s 33 / s 33A revocation: effective 14 / 7 days after service at the earliest.
        I35 = "I35",
        /// A s 34C(3) earlier expiry is at least 14 days after the notice.
        I36 = "I36",
        /// After a departure no permit or exemption is held (s 41).
        I37 = "I37",
        /// The status is consistent with the machines and with s 4.
        I38 = "I38",
        /// No removal order made or served while s 31 reconsideration is pending.
        I39 = "I39",
        /// A limited purpose permit holder's other applications are rejected (s 34D(2)).
        I40 = "I40",
        /// A New Zealand citizen detained under the Act is a violation (s 3).
        S3 = "S3",
        /// Settled reading 3: service-level obligations are `undetermined`
        /// when they pass, never violations.
        Sr3 = "SR3",
        /// Settled reading 6 and Y4.15: policy findings are never violations.
        Y415 = "Y415",
        /// Settled reading 7: after the repeal, only under an overlay, and then
        /// every line carries `info:after-repeal`.
        Sr7 = "SR7",
        /// Settled reading 8 / s 129X: a claimant's departure while a removal
        /// order is in force is a violation.
        Sr8 = "SR8",
        /// Missing statutory text: `gap` severity goes with `text-gap` only.
        Gap = "GAP",
        /// A rejected line leaves the case byte for byte unchanged.
        Unchanged = "E-unchanged",
        /// Deadlines are sorted by due instant and unique by name.
        Sorted = "E-sorted",
        /// Every finding's rule is cited in the trace.
        Cited = "E-cited",
        /// The case's `now` never decreases; an accepted event sets it.
        Monotone = "E-monotone",
        /// An event before the case's `now` is rejected `time-reversed`.
        Reversed = "E-reversed",
        /// The outcome describes the case after the line (states, status, deadlines).
        Consistent = "E-consistent",
        /// An accepted event cites the rule it rests on.
        Traced = "E-traced",
        /// A `not-in-state` rejection names the rule that forbids the event.
        Named = "E-named",
        /// No finding is dated after the line's instant.
        Future = "E-future",
        /// A passing clock is reported once.
        Once = "E-once",
        /// A machine that is not active holds no data (the snapshot writes an
        /// inactive machine as `None`, so anything it held would be lost).
        InactiveEmpty = "E-inactive-empty",
        /// No line before the repeal cites a provision of ss 128–129 that the
        /// reprint says was inserted after the line's date ("Versions in
        /// time": "each rule knows when it was in force").
        InForce = "E-in-force",
        /// Records a real case file contains are accepted and judged, never
        /// refused (the audit model; issue 9 points 6–11).
        Accepted = "E-accepted",
        /// s 128(12): a craft delay of more than 24 hours (or likely to be)
        /// returns the person to the custody from which they were taken; a
        /// shorter one leaves them with the Police.
        S128_12 = "S128(12)",
        /// 2023 policy P1: no out-of-hours action during a pause (`ooh-paused`).
        @cfg(feature = "operation")
        P1 = "P1",
        /// P2: an out-of-hours action is approved by the required office before
        /// its start, and what is carried out is what was approved.
        @cfg(feature = "operation")
        P2 = "P2",
        /// P3: an out-of-hours action has an accepted justification.
        @cfg(feature = "operation")
        P3 = "P3",
        /// P4: an out-of-hours approval exists only with the occupants assessed
        /// and the record complete.
        @cfg(feature = "operation")
        P4 = "P4",
        /// P5: the statute dominates: s 129X blocks, whatever the policy says.
        @cfg(feature = "operation")
        P5 = "P5",
        /// P6: classification in New Zealand legal time at the location's zone;
        /// policy findings are violations or warnings.
        @cfg(feature = "operation")
        P6 = "P6",
        /// Removal rule map INV-01: no removal order in force and no Part 2
        /// custody for a New Zealand citizen (s 3(3)).
        @cfg(feature = "removal") Inv01 = "INV-01",
        /// INV-03: a removal order is made only against a person liable to
        /// removal, not during a s 31 reconsideration, not while s 128 or
        /// s 128B applies (ss 31(2), 53, 54(1), 128(4)).
        @cfg(feature = "removal") Inv03 = "INV-03",
        /// INV-04: by the chief executive or a designated officer who never
        /// determined a permit application by the person (s 54(1)–(2)).
        @cfg(feature = "removal") Inv04 = "INV-04",
        /// INV-05: an order is in force from its service until cancelled or 5
        /// years after removal (or removal, for a person under 17) (s 57).
        @cfg(feature = "removal") Inv05 = "INV-05",
        /// INV-06: a s 59 arrest only under an order in force (ss 57(1), 59(1)).
        @cfg(feature = "removal") Inv06 = "INV-06",
        /// INV-07: s 59 custody beyond 72 hours without a warrant is reported
        /// (s 59(3)).
        @cfg(feature = "removal") Inv07 = "INV-07",
        /// INV-08: a warrant or extension is for at most 7 days, a s 60(6A)
        /// extension at most 30 (s 60(2), (6A)).
        @cfg(feature = "removal") Inv08 = "INV-08",
        /// INV-09: more than 3 consecutive months under warrants is reported,
        /// unless a s 60(6) person (s 60(7)).
        @cfg(feature = "removal") Inv09 = "INV-09",
        /// INV-10: release on conditions only at a second or subsequent s 60(4)
        /// appearance, and for a s 60(6) person only in exceptional
        /// circumstances (s 60(5)–(6)).
        @cfg(feature = "removal") Inv10 = "INV-10",
        /// INV-11: overnight s 59 custody and warrant custody in the places s 62
        /// allows, or a finding.
        @cfg(feature = "removal") Inv11 = "INV-11",
        /// INV-12: custody after the order's cancellation past the "immediately"
        /// service level is reported (s 58(2)–(3); settled reading 3).
        @cfg(feature = "removal") Inv12 = "INV-12",
        /// INV-13: the Authority considers only an appeal in the prescribed
        /// manner, in time, with the fee, by a person the Act does not bar
        /// (ss 47(5), 48(4), 34F, 63(2)).
        @cfg(feature = "removal") Inv13 = "INV-13",
        /// INV-14: the appeal window is never shorter than 42 days after the
        /// base day (s 2(2) only lengthens it) (s 47(2)).
        @cfg(feature = "removal") Inv14 = "INV-14",
        /// INV-15: placing a refugee status claimant on a craft is reported
        /// (s 129X(1); settled reading 8).
        @cfg(feature = "removal") Inv15 = "INV-15",
        /// INV-31: while s 128 or s 128B applies, no Part 2 machine moves
        /// (ss 128(4), 128B(2)).
        @cfg(feature = "removal") Inv31 = "INV-31",
        /// INV-33: an order takes effect only on personal service by an
        /// immigration officer or a member of the Police (s 56(1)).
        @cfg(feature = "removal") Inv33 = "INV-33",
        /// INV-34: the 72 hours are elapsed time from the arrest (s 59(3)).
        @cfg(feature = "removal") Inv34 = "INV-34",
    }
}

impl Invariant {
    /// The rule the invariant rests on (`None` for the engine's own invariants).
    pub const fn rule(self) -> Option<RuleId> {
        use Invariant as I;
        use RuleId as R;
        Some(match self {
            I::I01 => R::S128_7,
            I::I02 => R::S128_8,
            I::I03 => R::S128_7,
            I::I04 => R::S128_13B,
            I::I05 => R::S128_13B,
            I::I06 => R::S128_14_B,
            I::I07 => R::S128_14_A,
            I::I08 => R::S128_15,
            I::I09 => R::S128_6_A,
            I::I10 => R::S128_6_B,
            I::I11 => R::S128B_7_B,
            I::I12 => R::S128_6_A,
            I::I13 => R::S128_3,
            I::I14 => R::S128_5,
            I::I15 => R::S128_1,
            I::I16 => R::S128_4,
            I::I17 => R::S128_14A,
            I::I18 => R::S128_11,
            I::I19 => R::S128AA_7,
            I::I20 => R::S128AA_5,
            I::I21 => R::S128AC_4,
            I::I22 => R::S128AD_2,
            I::I23 => R::S128A_2_B,
            I::I24 => R::S128A_3_B,
            I::I25 => R::S128A_4,
            I::I26 => R::S128B_6_C,
            I::I27 => R::Y4_15_4,
            I::I28 => R::S128B_10_B,
            I::I29 => R::S128B_6_B,
            I::I30 => R::S128B_5_A_I,
            I::I31 => R::S128B_1,
            I::I32 => R::S129_2,
            I::I33 => R::S7_1_A,
            I::I34 => R::S20_2,
            I::I35 => R::S33_3,
            I::I36 => R::S34C_3,
            I::I37 => R::S41,
            I::I38 => R::S4_2,
            I::I39 => R::S31_2,
            I::I40 => R::S34D_2,
            I::S3 => R::S3,
            I::Sr3 => R::S128B_6_A,
            I::Y415 => R::Y4_15_3,
            I::Sr7 => R::S4_1,
            I::Sr8 => R::S129X_1,
            I::Gap => R::S128AA_12_B,
            I::S128_12 => R::S128_12,
            #[cfg(feature = "operation")]
            I::P1 => R::OOH_PAUSE,
            #[cfg(feature = "operation")]
            I::P2 => R::OOH_AUTH,
            #[cfg(feature = "operation")]
            I::P3 => R::OOH_JUSTIFICATION,
            #[cfg(feature = "operation")]
            I::P4 => R::OOH_RECORD,
            #[cfg(feature = "operation")]
            I::P5 => R::S129X_1,
            #[cfg(feature = "operation")]
            I::P6 => R::OOH_WINDOW,
            #[cfg(feature = "removal")]
            I::Inv01 => R::S3,
            #[cfg(feature = "removal")]
            I::Inv03 => R::S54_1,
            #[cfg(feature = "removal")]
            I::Inv04 => R::S54_2,
            #[cfg(feature = "removal")]
            I::Inv05 => R::S57_1,
            #[cfg(feature = "removal")]
            I::Inv06 => R::S59_1,
            #[cfg(feature = "removal")]
            I::Inv07 => R::S59_3,
            #[cfg(feature = "removal")]
            I::Inv08 => R::S60_2,
            #[cfg(feature = "removal")]
            I::Inv09 => R::S60_7,
            #[cfg(feature = "removal")]
            I::Inv10 => R::S60_5,
            #[cfg(feature = "removal")]
            I::Inv11 => R::S62_1_A,
            #[cfg(feature = "removal")]
            I::Inv12 => R::S58_2,
            #[cfg(feature = "removal")]
            I::Inv13 => R::S48_4,
            #[cfg(feature = "removal")]
            I::Inv14 => R::S47_2,
            #[cfg(feature = "removal")]
            I::Inv15 => R::S129X_1,
            #[cfg(feature = "removal")]
            I::Inv31 => R::S128_4,
            #[cfg(feature = "removal")]
            I::Inv33 => R::S56_1,
            #[cfg(feature = "removal")]
            I::Inv34 => R::S59_3,
            _ => return None,
        })
    }
}

/// One invariant that does not hold on a line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Violation {
    /// Which invariant.
    pub invariant: Invariant,
    /// The rule the broken expectation rests on.
    pub rule: Option<RuleId>,
    /// What the checker expected.
    pub detail: &'static str,
}

/// The most violations reported for one line (more are dropped: one is enough
/// to fail a test).
pub const MAX_VIOLATIONS: usize = 24;

/// The violations found on one line.
pub type Violations = Vec<Violation, MAX_VIOLATIONS>;

/// The most clock findings a [`Monitor`] remembers (the oldest are forgotten).
pub const MAX_REMEMBERED: usize = 64;

/// A finding that a passing clock produced, as remembered by the monitor.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Seen {
    code: FindingCode,
    rule: RuleId,
    severity: Severity,
    at: Instant,
}

/// The history one case needs: the clock findings reported so far. Keep one
/// per case (a `case` line starts a new one).
#[derive(Clone, Debug, Default)]
pub struct Monitor {
    seen: Deque<Seen, MAX_REMEMBERED>,
    /// The s 128B custody began as the detention of a person exempt under
    /// s 11 or s 12 (I31): s 128B never applied, so the status need not be
    /// `unlawful-s128b` while it lasts.
    exempt_custody: bool,
}

/// The result of a line as the checker sees it.
pub type LineResult<'a> = Result<&'a Outcome, &'a Rejection>;

/// Checks one event line on its own (no history): everything [`Monitor::check`]
/// checks except the invariants that ask whether a finding was reported on an
/// earlier line.
pub fn check(before: &Case, event: &Event, result: LineResult<'_>, after: &Case) -> Violations {
    let mut v = Violations::new();
    let l = Ln {
        before,
        event: Some(event),
        result,
        after,
        exempt_custody: exempt_custody_now(after, result),
    };
    stateless(&l, &mut v);
    v
}

/// Without history: the s 128B custody of an exempt person is recognised by
/// the status it leaves in place.
fn exempt_custody_now(after: &Case, result: LineResult<'_>) -> bool {
    let found = matches!(result, Ok(o) if o.findings.iter().any(|f| f.code == FindingCode::ExemptDetainedS128b));
    found
        || !matches!(
            after.status.state,
            StatusState::UnlawfulS128b | StatusState::UnlawfulS128
        )
}

impl Monitor {
    /// A monitor at the start of a case.
    pub const fn new() -> Self {
        Monitor {
            seen: Deque::new(),
            exempt_custody: false,
        }
    }

    /// Checks one event line: `before` is the case before it, `result` what the
    /// engine returned, `after` the case afterwards.
    pub fn check(
        &mut self,
        before: &Case,
        event: &Event,
        result: LineResult<'_>,
        after: &Case,
    ) -> Violations {
        let mut v = Violations::new();
        self.track_exempt_custody(result, after);
        let l = Ln {
            before,
            event: Some(event),
            result,
            after,
            exempt_custody: self.exempt_custody,
        };
        stateless(&l, &mut v);
        if let Ok(o) = result {
            self.remember(o, &mut v);
            self.clocks(&l, event, &mut v);
            #[cfg(feature = "removal")]
            crate::machines::removal_detention::invariants::clocks(self, &l, event, &mut v);
        }
        v
    }

    /// Checks a directive line (`person`, `config`, `policy`) or a line that did
    /// not parse: nothing happened in time, so only the state invariants and
    /// the engine's invariants apply.
    pub fn check_directive(
        &mut self,
        before: &Case,
        result: LineResult<'_>,
        after: &Case,
    ) -> Violations {
        let mut v = Violations::new();
        self.track_exempt_custody(result, after);
        let l = Ln {
            before,
            event: None,
            result,
            after,
            exempt_custody: self.exempt_custody,
        };
        stateless(&l, &mut v);
        // S3 — s 3: citizenship established when a s 128 or s 128B detention
        // is on the record of the journey (`citizen-detained`).
        let held = before.border.detained || before.eligibility.custody_since.is_some();
        if let Ok(o) = result {
            if held && !before.person.citizen && after.person.citizen {
                need(
                    &mut v,
                    o,
                    Invariant::S3,
                    FindingCode::CitizenDetained,
                    RuleId::S3,
                    "citizenship was established after a detention and no citizen-detained was reported",
                );
            }
        }
        v
    }

    fn track_exempt_custody(&mut self, result: LineResult<'_>, after: &Case) {
        if let Ok(o) = result {
            if o.findings
                .iter()
                .any(|f| f.code == FindingCode::ExemptDetainedS128b)
            {
                self.exempt_custody = true;
            }
        }
        if !elig_applies(after.eligibility.state) {
            self.exempt_custody = false;
        }
    }

    fn remember(&mut self, o: &Outcome, v: &mut Violations) {
        for f in &o.findings {
            if !is_clock_code(f.code) {
                continue;
            }
            let s = Seen {
                code: f.code,
                rule: f.rule,
                severity: f.severity,
                at: f.at,
            };
            if self.seen.iter().any(|x| *x == s) {
                // A clock passes once: the same breach reported twice would be
                // counted twice by every audit.
                push(
                    v,
                    Invariant::Once,
                    Some(f.rule),
                    "the same clock finding was reported on an earlier line",
                );
                continue;
            }
            if self.seen.is_full() {
                let _ = self.seen.pop_front();
            }
            let _ = self.seen.push_back(s);
        }
    }

    /// True if a finding with `code`, one of `rules` and one of `severities`
    /// dated `at` — or, with `since`, dated after `since` — has been reported on
    /// this line or an earlier one.
    fn has(
        &self,
        code: FindingCode,
        rules: &[RuleId],
        severities: &[Severity],
        at: Instant,
        since: Option<Instant>,
    ) -> bool {
        self.seen.iter().any(|s| {
            s.code == code
                && rules.contains(&s.rule)
                && severities.contains(&s.severity)
                && (s.at == at || since.is_some_and(|x| s.at > x))
        })
    }

    /// A clock read two ways passed: the date reading (`due`, a violation) and,
    /// if earlier, the strict reading (`strict`, a warning, which the violation
    /// supersedes when both pass on one line).
    pub(crate) fn two_way(&self, v: &mut Violations, t: Instant, x: &Expect<'_>) {
        let rule = x.rules.first().copied();
        let date_breach = x.due.add_seconds(1);
        let any = [Severity::Violation, Severity::Warning];
        if t >= date_breach
            && !self.has(
                x.code,
                x.rules,
                &[Severity::Violation],
                date_breach,
                x.since,
            )
        {
            push(v, x.inv, rule, x.detail);
        }
        if let Some(s) = x.strict.filter(|s| *s < x.due) {
            let strict_breach = s.add_seconds(1);
            if t >= strict_breach
                && !self.has(
                    x.code,
                    x.rules,
                    &[Severity::Warning],
                    strict_breach,
                    x.since,
                )
                && !self.has(x.code, x.rules, &any, date_breach, x.since)
            {
                push(v, x.inv, rule, x.detail);
            }
        }
    }

    /// A service-level obligation passed: an `undetermined` finding.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn service_level(
        &self,
        v: &mut Violations,
        t: Instant,
        inv: Invariant,
        code: FindingCode,
        rule: RuleId,
        due: Instant,
        detail: &'static str,
    ) {
        let breach = due.add_seconds(1);
        if t >= breach && !self.has(code, &[rule], &[Severity::Undetermined], breach, None) {
            push(v, inv, Some(rule), detail);
        }
    }

    /// The invariants about clocks passing while the state before the line
    /// persisted (the engine fires clocks before it offers the event).
    fn clocks(&self, l: &Ln<'_>, e: &Event, v: &mut Violations) {
        let b = l.before;
        let t = clock_time(b, e);
        let bd = &b.border;
        let z = b.config.zone;

        // I01 — s 128(7): "Where a person to whom this section applies is to be
        // detained for more than 48 hours after the time of that person's
        // detention … shall apply … for a warrant of commitment". Custody
        // without a (valid) warrant after D + 48 h is `violation:no-warrant-48h`;
        // after a s 128B hand-over the strict anchor gives a warning (rule map 9.9).
        if border_without_warrant(b) {
            if let Some(d) = bd.anchor {
                self.two_way(
                    v,
                    t,
                    &Expect {
                        inv: Invariant::I01,
                        code: FindingCode::NoWarrant48h,
                        rules: &[RuleId::S128_7],
                        due: d.add_seconds(48 * HOUR),
                        strict: bd.anchor_strict.map(|s| s.add_seconds(48 * HOUR)),
                        since: None,
                        detail: "custody under s 128 without a warrant beyond 48 hours, no no-warrant-48h reported",
                    },
                );
            }
        }

        // I06 — s 128(9)(c), (14)(b): the manager "must release the person …
        // (b) if not earlier released, on the expiry of the period for which
        // detention is authorised under the warrant". Custody after the date
        // reading is `violation:warrant-expired`, after the elapsed reading only
        // a warning. After a s 128B hand-over the warrant is the s 128B(6)(c)
        // warrant (s 128B(11A)), so a breach already reported under s 128B(9)
        // is the same breach.
        if matches!(
            bd.state,
            BorderState::CustodyWarrant | BorderState::WithPolice
        ) {
            if let Some((due, strict)) = border_expiry(b) {
                let rules: &[RuleId] = if bd
                    .warrant
                    .is_some_and(|w| w.origin == border::WarrantOrigin::S128B_11A)
                {
                    &[RuleId::S128_14_B, RuleId::S128B_9]
                } else {
                    &[RuleId::S128_14_B]
                };
                self.two_way(
                    v,
                    t,
                    &Expect {
                        inv: Invariant::I06,
                        code: FindingCode::WarrantExpired,
                        rules,
                        due,
                        strict: Some(strict),
                        since: None,
                        detail: "custody under a s 128 warrant after its expiry, no warrant-expired reported",
                    },
                );
            }
        }

        // I23 — s 128A(2)(b): with review proceedings the person "shall be brought
        // before a District Court Judge … (i) before the expiry of the period …
        // as extended … under section 128(13B); and (ii) thereafter, while the
        // person remains in custody, … at intervals of not more than 7 days".
        // One report per missed appearance: an extension that moves the nominal
        // expiry after it was missed does not ask for a second one.
        if bd.state == BorderState::CustodyWarrant && bd.review.is_some() {
            let since = bd
                .appearance
                .or(bd.warrant.map(|w| w.issued))
                .or(bd.review.map(|r| r.commenced));
            if let Some((due, strict)) = border_appearance_due(b) {
                self.two_way(
                    v,
                    t,
                    &Expect {
                        inv: Invariant::I23,
                        code: FindingCode::LateJudgeAppearance,
                        rules: &[RuleId::S128A_2_B],
                        due,
                        strict: Some(strict),
                        since,
                        detail: "no appearance before a Judge in time (s 128A(2)(b)), no late-judge-appearance reported",
                    },
                );
            }
        }

        // SR3 — ss 128AC(3), 128A(10)(b): after an arrest the person "must as soon
        // as possible be brought again before a District Court Judge": a service
        // level, `undetermined` when it passes.
        if bd.state == BorderState::BeforeJudge {
            if let Some(a) = bd.arrested_at {
                let rule = if bd.arrested == Some(Arrested::After128a) {
                    RuleId::S128A_10
                } else {
                    RuleId::S128AC_3
                };
                self.service_level(
                    v,
                    t,
                    Invariant::Sr3,
                    FindingCode::LateJudgeAppearance,
                    rule,
                    a.add_seconds(b.config.level(Obligation::Judge)),
                    "not before a Judge \"as soon as possible\" and no undetermined finding",
                );
            }
        }

        // I07 — s 128(14)(a): the manager "must release the person from custody—
        // (a) on receiving written notification from an immigration officer".
        // Settled reading 10 (corrected): custody continues after the notice
        // until the release.
        if matches!(
            bd.state,
            BorderState::CustodyWarrant | BorderState::WithPolice
        ) {
            if let Some(n) = bd.notice_at {
                self.service_level(
                    v,
                    t,
                    Invariant::I07,
                    FindingCode::LateRelease,
                    RuleId::S128_14_A,
                    n.add_seconds(b.config.level(Obligation::Release)),
                    "not released on receiving the written notice and no undetermined late-release",
                );
            }
        }

        let el = &b.eligibility;
        let elig_custody = matches!(
            el.state,
            EligibilityState::Custody | EligibilityState::CustodyWarrant
        );
        let pending_release = el.release_from.is_some();
        if el.state == EligibilityState::Custody && !pending_release {
            if let Some(c) = el.custody_since {
                // I26 — s 128B(6)(c): "a member of the Police or an immigration
                // officer shall, not later than 48 hours after the person is taken
                // into custody, apply to a District Court Judge for a warrant".
                if !el.applied {
                    let plain = c.add_seconds(48 * HOUR);
                    let lenient = application_due(b, c);
                    let (due, strict) = if lenient > plain {
                        (lenient, Some(plain))
                    } else {
                        (plain, None)
                    };
                    self.two_way(
                    v,
                    t,
                    &Expect {
                        inv: Invariant::I26,
                        code: FindingCode::LateWarrantApplication,
                        rules: &[RuleId::S128B_6_C],
                        due,
                        strict,
                        since: None,
                        detail: "no s 128B(6)(c) application within 48 hours, no late-warrant-application reported",
                    },
                );
                }
                // I27 — Y4.15 para 4: "A warrant of commitment must be obtained if
                // the person is to be detained for more than 48 hours" (a warning;
                // settled reading 6).
                if el.warrant.is_none()
                    && b.config.has(OPT_Y415)
                    && (RuleId::Y4_15_4.in_force_at(c) || c >= REPEAL)
                {
                    let due = c.add_seconds(48 * HOUR);
                    let breach = due.add_seconds(1);
                    if t >= breach
                        && !self.has(
                            FindingCode::NoWarrant48h,
                            &[RuleId::Y4_15_4],
                            &[Severity::Warning],
                            breach,
                            None,
                        )
                    {
                        push(
                            v,
                            Invariant::I27,
                            Some(RuleId::Y4_15_4),
                            "s 128B custody beyond 48 hours without a warrant, no warning:no-warrant-48h (y4.15(4))",
                        );
                    }
                }
            }
        }
        if el.state == EligibilityState::CustodyWarrant && !pending_release {
            if let Some(w) = el.warrant {
                // I28 — s 128B(9)(a): the warrant authorises detention until "the
                // expiry of 28 days from the date of the issue of the warrant, or
                // the expiry of such further period for which the warrant may be
                // extended"; s 128B(10): brought before a Judge "before the end of
                // the 28-day period" and "thereafter … at intervals of not more
                // than 7 days".
                let total = 28i32.saturating_add(i32::from(el.extension_days));
                let due = end_of(b, z.local_date(w).add_days(total));
                let strict = w.add_seconds(i64::from(total).saturating_mul(DAY));
                self.two_way(
                    v,
                    t,
                    &Expect {
                        inv: Invariant::I28,
                        code: FindingCode::WarrantExpired,
                        rules: &[RuleId::S128B_9],
                        due,
                        strict: Some(strict),
                        since: None,
                        detail: "custody under a s 128B warrant after its expiry, no warrant-expired reported",
                    },
                );
                let (due, strict, rule) = elig_appearance_due(b, w, el.appearance);
                self.two_way(
                    v,
                    t,
                    &Expect {
                        inv: Invariant::I28,
                        code: FindingCode::LateJudgeAppearance,
                        rules: &[rule],
                        due,
                        strict: Some(strict),
                        since: None,
                        detail:
                            "no s 128B(10) appearance in time, no late-judge-appearance reported",
                    },
                );
            }
        }
        if elig_custody {
            // SR3 — s 128B(6)(a): "take all practicable steps to determine, as
            // speedily as may be possible in the circumstances".
            if let (Some(c), false) = (el.custody_since, el.determined) {
                self.service_level(
                    v,
                    t,
                    Invariant::Sr3,
                    FindingCode::DeterminationDelayed,
                    RuleId::S128B_6_A,
                    c.add_seconds(b.config.level(Obligation::Determination)),
                    "the s 128B(6)(a) determination passed its service level unreported",
                );
            }
            // I30 — s 128B(5)(a)(i): "the person must be released immediately, if
            // the person is granted a permit or already holds a pre-cleared permit".
            if let Some(r) = el.release_from {
                self.service_level(
                    v,
                    t,
                    Invariant::I30,
                    FindingCode::LateRelease,
                    RuleId::S128B_5_A_I,
                    r.add_seconds(b.config.level(Obligation::Release)),
                    "not released \"immediately\" after the permit and no undetermined late-release",
                );
            }
        }
    }
}

/// What a passing clock must have produced.
pub(crate) struct Expect<'r> {
    pub(crate) inv: Invariant,
    pub(crate) code: FindingCode,
    /// The rules the finding may rest on (the first is the usual one).
    pub(crate) rules: &'r [RuleId],
    /// The date reading's due (or the only one).
    pub(crate) due: Instant,
    /// The strict reading's due, if the period is read two ways.
    pub(crate) strict: Option<Instant>,
    /// Any such finding after this instant satisfies the check: one report per
    /// breach of a deadline that later moved without being satisfied.
    pub(crate) since: Option<Instant>,
    pub(crate) detail: &'static str,
}

/// One line as the checks see it (the machines' own invariant modules read
/// it too).
pub(crate) struct Ln<'a> {
    pub(crate) before: &'a Case,
    pub(crate) event: Option<&'a Event>,
    pub(crate) result: LineResult<'a>,
    pub(crate) after: &'a Case,
    /// See [`Monitor`]: s 128B custody that began as an exempt person's detention.
    pub(crate) exempt_custody: bool,
}

pub(crate) fn push(
    v: &mut Violations,
    invariant: Invariant,
    rule: Option<RuleId>,
    detail: &'static str,
) {
    let _ = v.push(Violation {
        invariant,
        rule,
        detail,
    });
}

/// The finding codes that passing clocks produce.
fn is_clock_code(c: FindingCode) -> bool {
    #[cfg(feature = "removal")]
    if matches!(
        c,
        FindingCode::NoWarrant72h
            | FindingCode::DetentionCapExceeded
            | FindingCode::CustodyAfterCancellation
    ) {
        return true;
    }
    matches!(
        c,
        FindingCode::NoWarrant48h
            | FindingCode::LateWarrantApplication
            | FindingCode::WarrantExpired
            | FindingCode::LateJudgeAppearance
            | FindingCode::LateRelease
            | FindingCode::DeterminationDelayed
    )
}

pub(crate) fn has(o: &Outcome, sev: Option<Severity>, code: FindingCode, rule: RuleId) -> bool {
    o.findings
        .iter()
        .any(|f| f.code == code && f.rule == rule && sev.is_none_or(|s| f.severity == s))
}

/// Requires a violation `code` with `rule` on the line.
pub(crate) fn need(
    v: &mut Violations,
    o: &Outcome,
    inv: Invariant,
    code: FindingCode,
    rule: RuleId,
    detail: &'static str,
) {
    if !has(o, Some(Severity::Violation), code, rule) {
        push(v, inv, Some(rule), detail);
    }
}

fn end_of(c: &Case, d: Option<Date>) -> Instant {
    c.config.zone.end_of_day(d.unwrap_or(Date::MAX))
}

// ------------------------------------------------------------------ which machine applies

/// s 128 applies (rule map 3.2: every state but the terminal ones).
fn border_applies(s: BorderState) -> bool {
    use BorderState as B;
    matches!(
        s,
        B::AtLarge
            | B::CustodyPreWarrant
            | B::CustodyWarrant
            | B::WithPolice
            | B::Escaped
            | B::ConditionallyReleased
            | B::ConditionalDefault
            | B::ConditionalCancelled
            | B::BeforeJudge
            | B::ReviewReleased
            | B::ReviewDefault
    )
}

/// s 128B applies (rule map 4.2).
fn elig_applies(s: EligibilityState) -> bool {
    use EligibilityState as E;
    matches!(
        s,
        E::Applies | E::Custody | E::CustodyWarrant | E::Escaped | E::WarrantLapsed
    )
}

/// s 128B applies to the case: its machine is in an applying state and the
/// person is not merely awaiting release after a permit (s 128B(5): the section
/// applies "until— (a) a determination is made …, in which case … (i) the
/// person must be released immediately").
fn elig_applies_case(c: &Case) -> bool {
    elig_applies(c.eligibility.state) && c.eligibility.release_from.is_none()
}

/// The border state once the clocks of a line at `t` have fired: s 128(3)
/// ends s 128 at first report + 72 hours unless sooner detained, and s 129(2)
/// hands a transit passenger to s 128 after 24 hours (s 14E(5), s 128(1)(c)(i)).
fn border_state_at(c: &Case, t: Instant) -> BorderState {
    let b = &c.border;
    if b.state == BorderState::AtLarge
        && !b.detained
        && b.first_report
            .is_some_and(|r| t >= r.add_seconds(72 * HOUR))
    {
        return BorderState::Ceased72h;
    }
    if c.transit.state == TransitState::Covered
        && c.transit
            .arrived
            .is_some_and(|a| t > a.add_seconds(24 * HOUR))
    {
        // s 129(1): "in the custody of the Police": held on under s 128(5).
        return if c.transit.police {
            BorderState::CustodyPreWarrant
        } else {
            BorderState::AtLarge
        };
    }
    b.state
}

/// The rule under which a permit ended s 128: s 128AA(13) for a person under
/// a s 128AA order ("section 128 and this section cease to apply"), otherwise
/// s 128(1) (no longer within (1)(c); rule map 9.31).
fn permit_ended_by(c: &Case) -> RuleId {
    if c.border.order.is_some() {
        RuleId::S128AA_13
    } else {
        RuleId::S128_1
    }
}

/// In s 128 custody without a warrant, or under a warrant void for a defective
/// application (`defective-application-voids-warrant`).
fn border_without_warrant(c: &Case) -> bool {
    match c.border.state {
        BorderState::CustodyPreWarrant => true,
        BorderState::CustodyWarrant => c.border.warrant.is_some_and(|w| w.void),
        _ => false,
    }
}

/// The s 128 warrant's expiry (`due` of the date reading, `due-strict`).
/// Without a pause, computed here: the issue date is not counted (rule map
/// 0.4, Interpretation Act 1999 s 35), N = min(days, 28) plus the extensions,
/// the period ends at 23:59:59 local on the N-th date; the elapsed reading is
/// N × 24 hours from the issue instant. With a pause recorded, the engine's own
/// computation (`None` while a pause is still open).
fn border_expiry(c: &Case) -> Option<(Instant, Instant)> {
    let b = &c.border;
    let w = b.warrant?;
    if !b.pauses.is_empty() {
        return border::warrant_expiry(c);
    }
    let total = i32::from(w.days.min(28)).saturating_add(i32::from(b.extension_days));
    let due = end_of(c, c.config.zone.local_date(w.issued).add_days(total));
    let strict = w.issued.add_seconds(i64::from(total).saturating_mul(DAY));
    Some((due, strict))
}

/// s 128A(2)(b): the next appearance — by the nominal expiry (no pauses), then
/// within 7 days of the last one (date reading: the end of the 7th date after;
/// elapsed reading: 168 hours).
fn border_appearance_due(c: &Case) -> Option<(Instant, Instant)> {
    let b = &c.border;
    let z = c.config.zone;
    match b.appearance {
        Some(p) => Some((
            end_of(c, z.local_date(p).add_days(7)),
            p.add_seconds(7 * DAY),
        )),
        None => {
            let w = b.warrant?;
            let total = i32::from(w.days.min(28)).saturating_add(i32::from(b.extension_days));
            Some((
                end_of(c, z.local_date(w.issued).add_days(total)),
                w.issued.add_seconds(i64::from(total).saturating_mul(DAY)),
            ))
        }
    }
}

/// s 128B(10): the next appearance and the rule it rests on.
fn elig_appearance_due(c: &Case, w: Instant, prev: Option<Instant>) -> (Instant, Instant, RuleId) {
    let z = c.config.zone;
    match prev {
        Some(p) => (
            end_of(c, z.local_date(p).add_days(7)),
            p.add_seconds(7 * DAY),
            RuleId::S128B_10_B,
        ),
        None => (
            end_of(c, z.local_date(w).add_days(28)),
            w.add_seconds(28 * DAY),
            RuleId::S128B_10_A,
        ),
    }
}

/// The s 128B(6)(c) due instant. With `apply-s2-2-to-128b-6c`, s 2(2): the
/// period "shall be reckoned exclusive of any day, not being a Saturday or a
/// Sunday, that is a public holiday or a Departmental holiday" — walked here
/// day by day: the hours of an excluded local day do not count.
fn application_due(c: &Case, since: Instant) -> Instant {
    let plain = since.add_seconds(48 * HOUR);
    if !c.config.has(OPT_S2_2_128B) {
        return plain;
    }
    let z = c.config.zone;
    let mut remaining: i64 = 48 * HOUR;
    let mut t = since;
    for _ in 0..64 {
        let d = z.local_date(t);
        let next = z.end_of_day(d).add_seconds(1);
        if s2_2_excluded(d, &c.config.holidays) {
            t = next;
            continue;
        }
        let available = next.seconds_since(t);
        if available >= remaining {
            return t.add_seconds(remaining);
        }
        remaining = remaining.saturating_sub(available);
        t = next;
    }
    t.add_seconds(remaining)
}

/// True if the person is under 17 on the local date of `t` and not married or
/// in a civil union (ss 128(6)(a), 128B(7)(a); the 17th birthday counts from
/// 00:00, rule map 9.13).
fn unmarried_minor(c: &Case, t: Instant) -> bool {
    if c.person.married {
        return false;
    }
    match c.person.born.and_then(|b| b.add_years(17)) {
        Some(seventeen) => c.config.zone.local_date(t) < seventeen,
        None => false,
    }
}

/// "Overnight" (rule map 9.11): the line says so, or the placement falls in
/// the configured window of local time.
fn overnight(c: &Case, t: Instant, said: bool) -> bool {
    let minute = u16::try_from(c.config.zone.to_local(t).seconds_of_day / 60).unwrap_or(0);
    let (s, e) = c.config.overnight;
    said || if s <= e {
        minute >= s && minute < e
    } else {
        minute >= s || minute < e
    }
}

/// Within s 7(1) on the local date of `t` (the table-tested pure function
/// `machines::s7::ineligible`).
fn s7_ground(c: &Case, t: Instant) -> Option<RuleId> {
    crate::machines::s7::ineligible(&c.person.s7_record(), c.config.zone.local_date(t))
}

// ------------------------------------------------------------------ the checks of one line

fn stateless(l: &Ln<'_>, v: &mut Violations) {
    engine(l, v);
    state(l.after, l.exempt_custody, v);
    #[cfg(feature = "removal")]
    crate::machines::removal::invariants::check(l, v);
    #[cfg(feature = "removal")]
    crate::machines::removal_detention::invariants::check(l, v);
    if let (Some(e), Ok(o)) = (l.event, l.result) {
        deadline_instants(l.after, o, v);
        // A release recorded after the repeal is not judged under the Act
        // (SR7): only its clocks up to the repeal are.
        if clock_time(l.before, e) == e.at {
            transitions(l, e, o, v);
            events(l, e, o, v);
            places(l, e, o, v);
        }
        nights(l, e, o, v);
        findings(e.at, o, v);
    }
    if let Some(e) = l.event {
        events_any_result(l, e, v);
    }
    #[cfg(feature = "operation")]
    crate::machines::operation::invariants::check(l.before, l.event, l.result, l.after, v);
}

/// The engine's own invariants.
fn engine(l: &Ln<'_>, v: &mut Violations) {
    let (b, a) = (l.before, l.after);
    match l.result {
        Err(r) => {
            // DEVELOPERS.md: "A rejected event leaves the `Case` byte-for-byte
            // unchanged".
            if b != a || !same_bytes(b, a) {
                push(
                    v,
                    Invariant::Unchanged,
                    r.rule,
                    "a rejected line changed the case",
                );
            }
            // case-format.md §4: "not-in-state (the event is not possible in the
            // current state; the error names the rule)".
            if r.code == ErrorCode::NotInState && r.rule.is_none() {
                push(
                    v,
                    Invariant::Named,
                    None,
                    "a not-in-state rejection names no rule",
                );
            }
        }
        Ok(o) => {
            // case-format.md §4: deadlines are reported "in order of `due`", one
            // per name.
            let sorted = o
                .deadlines
                .iter()
                .zip(o.deadlines.iter().skip(1))
                .all(|(x, y)| (x.due, x.name) <= (y.due, y.name));
            let unique = o.deadlines.iter().enumerate().all(|(i, d)| {
                o.deadlines
                    .iter()
                    .skip(i.saturating_add(1))
                    .all(|x| x.name != d.name)
            });
            if !sorted || !unique {
                push(
                    v,
                    Invariant::Sorted,
                    None,
                    "deadlines not sorted by due, or a name repeated",
                );
            }
            // Spec: "Every state, transition, deadline and finding carries the
            // section it rests on"; `Outcome::find` cites the finding's rule.
            if let Some(f) = o.findings.iter().find(|f| !o.trace.contains(&f.rule)) {
                push(
                    v,
                    Invariant::Cited,
                    Some(f.rule),
                    "a finding's rule is not in the trace",
                );
            }
            // Spec "Versions in time": each rule "knows when it was in force";
            // before the repeal a line never cites a provision that did not yet
            // exist (after it, every line is hypothetical and says so: SR7).
            if let Some(e) = l.event.filter(|e| e.at < REPEAL) {
                let stale = o
                    .trace
                    .iter()
                    .find(|r| inserted_later(**r, e.at))
                    .or_else(|| {
                        o.findings
                            .iter()
                            .find(|f| inserted_later(f.rule, f.at))
                            .map(|f| &f.rule)
                    });
                if let Some(r) = stale {
                    push(
                        v,
                        Invariant::InForce,
                        Some(*r),
                        "a line cites a rule that was not in force on its date",
                    );
                }
            }
            // Spec: "Every state, transition, deadline and finding carries the
            // section it rests on": an accepted event cites its rule.
            if l.event.is_some_and(|e| e.verb() != Verb::Tick) && o.trace.is_empty() {
                push(
                    v,
                    Invariant::Traced,
                    None,
                    "an accepted event cites no rule",
                );
            }
            // The outcome describes the case as it stands after the line.
            match a.snapshot_outcome() {
                Ok(s) => {
                    let same_deadlines = o.deadlines.iter().all(|d| s.deadlines.contains(d))
                        && s.deadlines.iter().all(|d| o.deadlines.contains(d));
                    if s.states != o.states || s.status != o.status || !same_deadlines {
                        push(
                            v,
                            Invariant::Consistent,
                            None,
                            "the outcome's states, status or deadlines differ from the case after the line",
                        );
                    }
                }
                Err(_) => push(
                    v,
                    Invariant::Consistent,
                    None,
                    "the case after the line cannot describe itself",
                ),
            }
        }
    }
    // Spec "Time model": time is an input, and "Events of one case must not go
    // back in time".
    let monotone = match (b.now, a.now) {
        (Some(x), Some(y)) => y >= x,
        (Some(_), None) => false,
        _ => true,
    };
    let set = match (l.event, l.result) {
        (Some(e), Ok(_)) => a.now == Some(e.at),
        (None, _) => a.now == b.now,
        _ => true,
    };
    if !monotone || !set {
        push(
            v,
            Invariant::Monotone,
            None,
            "the case's now went back, or an accepted event did not set it",
        );
    }
    if !a.inactive_machines_empty() {
        push(
            v,
            Invariant::InactiveEmpty,
            None,
            "a machine that is not active holds data",
        );
    }
}

/// True if `r` is a provision of ss 128–129 that the reprint's notes say was
/// *inserted* (it had no earlier wording) after `t`: "Subsection 128(15):
/// inserted, on 18 November 1991"; "Section 128(1)(c)(iv): inserted, on 15
/// September 1993"; "Section 128(13A) … (13B) … (14A): inserted, on 16 June
/// 1999"; "Section 128(16): inserted, on 18 June 2002"; "Section 128AA [AB, AC,
/// AD]: inserted, on 18 June 2002"; "Section 128A: inserted, on 18 November
/// 1991"; "Section 128A(10A): inserted, on 16 June 1999"; "Section 128B:
/// inserted, on 18 November 1991"; "Section 128B(11A): inserted, on 16 June
/// 1999". A provision that was substituted or amended had earlier words, not
/// in the supplied text, which the engine does not model (docs/readings.md,
/// "Versions in time"); its current id is the closest citation there is.
/// (s 128(14A), "inserted, on 16 June 1999", is left out: the release path
/// that cites it is being rewritten with the Part 2 machines, issue 9 point 5.)
fn inserted_later(r: RuleId, t: Instant) -> bool {
    use RuleId as R;
    let inserted = matches!(
        r,
        R::S128_15
            | R::S128_1_C_IV
            | R::S128_13A
            | R::S128_13B
            | R::S128_13B_B
            | R::S128_16
            | R::S128AA_1
            | R::S128AA_1_A
            | R::S128AA_2
            | R::S128AA_2_A
            | R::S128AA_3
            | R::S128AA_4
            | R::S128AA_5
            | R::S128AA_6
            | R::S128AA_7
            | R::S128AA_8_A
            | R::S128AA_8_B
            | R::S128AA_10
            | R::S128AA_11_A
            | R::S128AA_11_B
            | R::S128AA_12
            | R::S128AA_12_B
            | R::S128AA_13
            | R::S128AB_1_A
            | R::S128AB_1_B
            | R::S128AB_2
            | R::S128AB_4
            | R::S128AC_1
            | R::S128AC_2
            | R::S128AC_3
            | R::S128AC_4
            | R::S128AC_7
            | R::S128AD_2
            | R::S128AD_3
            | R::S128AD_4_A
            | R::S128AD_4_B
            | R::S128A_1
            | R::S128A_2_B
            | R::S128A_3
            | R::S128A_4
            | R::S128A_5_A
            | R::S128A_5_B
            | R::S128A_6
            | R::S128A_8
            | R::S128A_10
            | R::S128A_10A
            | R::S128A_11
            | R::S128A_12
            | R::S128B_1
            | R::S128B_2
            | R::S128B_3
            | R::S128B_4
            | R::S128B_5_B
            | R::S128B_5_C
            | R::S128B_6_A
            | R::S128B_6_B
            | R::S128B_6_C
            | R::S128B_7_A
            | R::S128B_7_B
            | R::S128B_9
            | R::S128B_10_A
            | R::S128B_10_B
            | R::S128B_11
            | R::S128B_11A
            | R::S128B_12
    );
    inserted && !r.in_force_at(t)
}

fn same_bytes(b: &Case, a: &Case) -> bool {
    let mut x = [0u8; crate::codec::MAX_SNAPSHOT_LEN];
    let mut y = [0u8; crate::codec::MAX_SNAPSHOT_LEN];
    match (
        crate::codec::encode_case(b, &mut x),
        crate::codec::encode_case(a, &mut y),
    ) {
        (Ok(n), Ok(m)) => x.get(..n) == y.get(..m),
        _ => false,
    }
}

/// Invariants of a case state on its own.
fn state(c: &Case, exempt_custody: bool, v: &mut Violations) {
    let bs = c.border.state;
    let es = c.eligibility.state;
    let covered = c.transit.state == TransitState::Covered;
    let st = c.status.state;

    // I15 — s 128(1): "This section applies to every person (other than a
    // person to whom section 128B or section 129 of this Act applies)".
    let elig = elig_applies_case(c);
    let active = [border_applies(bs), elig, covered];
    if active.iter().filter(|x| **x).count() > 1 {
        push(
            v,
            Invariant::I15,
            Some(RuleId::S128_1),
            "more than one of s 128, s 128B and s 129 applies",
        );
    }

    // I38 — s 128(4) and s 128B(2): a person to whom the section applies "shall
    // be deemed … to be in New Zealand unlawfully"; s 129(1): "nothing in this
    // Act requires any person to apply for or hold a permit"; s 4(1): a person
    // "may be in New Zealand only if that person is— (a) the holder of a permit
    // … or (b) exempt". A person exempt under s 11 or s 12 whom the Police
    // detained "under s 128B" keeps the status that s 128B cannot change
    // (s 128B(1) excludes them; I31 records the detention).
    let ok = (!border_applies(bs) || st == StatusState::UnlawfulS128)
        && (!elig || st == StatusState::UnlawfulS128b || exempt_custody)
        && (!covered || st == StatusState::Transit)
        && (st != StatusState::UnlawfulS128 || border_applies(bs))
        && (st != StatusState::UnlawfulS128b || elig)
        && (st != StatusState::Transit || covered);
    if !ok {
        push(
            v,
            Invariant::I38,
            Some(RuleId::S128_4),
            "the status does not match the machine that applies",
        );
    }
    let holds = |t: crate::lang::values::PermitType| c.status.permit.is_some_and(|p| p.permit == t);
    use crate::vocab::values::PermitType as P;
    let lawful_ok = match st {
        StatusState::TemporaryPermit => holds(P::Temporary),
        StatusState::ResidencePermit => holds(P::Residence),
        StatusState::LimitedPurposePermit => holds(P::LimitedPurpose),
        StatusState::Exempt => c.status.exemption.is_some(),
        StatusState::Citizen => c.person.citizen,
        _ => true,
    };
    // s 3: a citizen has "the right to be in New Zealand at any time" and is
    // never unlawfully there.
    let citizen_ok = !c.person.citizen
        || !matches!(
            st,
            StatusState::Unlawful | StatusState::UnlawfulS128 | StatusState::UnlawfulS128b
        );
    if !lawful_ok || !citizen_ok {
        push(
            v,
            Invariant::I38,
            Some(RuleId::S4_1),
            "a lawful status without its permit, exemption or citizenship, or a citizen unlawful",
        );
    }

    // I37 — s 41: "When the holder of a permit leaves New Zealand, the permit
    // shall be deemed to have expired" (a pre-cleared permit granted abroad for
    // a later journey is held outside New Zealand).
    if st == StatusState::Departed
        && (c.status.exemption.is_some() || c.status.permit.is_some_and(|p| !p.precleared))
    {
        push(
            v,
            Invariant::I37,
            Some(RuleId::S41),
            "a permit or exemption held after departure",
        );
    }

    // I32 — s 129(2): the section "shall cease to apply to any person on the
    // expiry of the period of 24 hours that follows the time of the person's
    // arrival"; s 14E(4): "unless that period exceeds 24 hours" (settled reading 1:
    // covered at exactly arrival + 24 h).
    if covered {
        if let (Some(a), Some(now)) = (c.transit.arrived, c.now) {
            if now > a.add_seconds(24 * HOUR) {
                push(
                    v,
                    Invariant::I32,
                    Some(RuleId::S129_2),
                    "s 129 cover beyond 24 hours after arrival",
                );
            }
        }
    }

    // S3 — s 3: "every New Zealand citizen has … the right to be in New Zealand
    // at any time": never in custody under s 128 or s 128B.
    if c.person.citizen
        && (matches!(
            bs,
            BorderState::CustodyPreWarrant | BorderState::CustodyWarrant | BorderState::WithPolice
        ) || matches!(
            es,
            EligibilityState::Custody | EligibilityState::CustodyWarrant
        ))
    {
        push(
            v,
            Invariant::S3,
            Some(RuleId::S3),
            "a New Zealand citizen in custody under s 128 or s 128B",
        );
    }
}

fn find_deadline(o: &Outcome, n: DeadlineName) -> Option<&Deadline> {
    o.deadlines.iter().find(|d| d.name == n)
}

/// Compares a reported deadline with the instants computed here.
fn expect_deadline(
    v: &mut Violations,
    o: &Outcome,
    inv: Invariant,
    name: DeadlineName,
    due: Instant,
    strict: Option<Instant>,
    detail: &'static str,
) {
    match find_deadline(o, name) {
        Some(d) if d.due == due && d.due_strict == strict => {}
        _ => push(v, inv, inv.rule(), detail),
    }
}

/// The deadlines the engine reports, against the instants the Act gives.
fn deadline_instants(a: &Case, o: &Outcome, v: &mut Violations) {
    let z = a.config.zone;
    let bd = &a.border;
    // s 128(3): "on the expiration of 72 hours after the time when that person
    // first reports or presents … unless that person is sooner detained".
    if bd.state == BorderState::AtLarge {
        if let (Some(r), false) = (bd.first_report, bd.detained) {
            expect_deadline(
                v,
                o,
                Invariant::I13,
                DeadlineName::S128Cessation,
                r.add_seconds(72 * HOUR),
                None,
                "s128-cessation is not first report + 72 hours",
            );
        }
    }
    // s 128(7): 48 hours after the detention (two anchors after a hand-over).
    if border_without_warrant(a) {
        if let Some(d) = bd.anchor {
            let due = d.add_seconds(48 * HOUR);
            let strict = bd
                .anchor_strict
                .map(|s| s.add_seconds(48 * HOUR))
                .filter(|s| *s < due);
            expect_deadline(
                v,
                o,
                Invariant::I01,
                DeadlineName::WarrantRequired,
                due,
                strict,
                "warrant-required is not detention + 48 hours",
            );
        }
    }
    if matches!(
        bd.state,
        BorderState::CustodyWarrant | BorderState::WithPolice
    ) {
        if let Some((due, strict)) = border_expiry(a) {
            expect_deadline(
                v,
                o,
                Invariant::I06,
                DeadlineName::WarrantExpiry,
                due,
                Some(strict),
                "warrant-expiry is not the date reading / elapsed reading of the warrant",
            );
        }
        if bd.state == BorderState::CustodyWarrant && bd.review.is_some() {
            if let Some((due, strict)) = border_appearance_due(a) {
                expect_deadline(
                    v,
                    o,
                    Invariant::I23,
                    DeadlineName::JudgeAppearance,
                    due,
                    Some(strict),
                    "judge-appearance is not the nominal expiry or the last appearance + 7 days",
                );
            }
        }
    }
    let el = &a.eligibility;
    if el.state == EligibilityState::Custody && !el.applied && el.release_from.is_none() {
        if let Some(c) = el.custody_since {
            let plain = c.add_seconds(48 * HOUR);
            let lenient = application_due(a, c);
            let (due, strict, rule) = if lenient > plain {
                (lenient, Some(plain), RuleId::S2_2)
            } else {
                (plain, None, RuleId::S128B_6_C)
            };
            let rule_ok =
                find_deadline(o, DeadlineName::WarrantApplication).is_some_and(|d| d.rule == rule);
            expect_deadline(
                v,
                o,
                Invariant::I26,
                DeadlineName::WarrantApplication,
                due,
                strict,
                "warrant-application is not custody + 48 hours (s 2(2) reckoning when configured)",
            );
            if !rule_ok {
                push(
                    v,
                    Invariant::I26,
                    Some(rule),
                    "warrant-application does not rest on s 2(2) exactly when s 2(2) lengthened it",
                );
            }
        }
    }
    if el.state == EligibilityState::CustodyWarrant && el.release_from.is_none() {
        if let Some(w) = el.warrant {
            let total = 28i32.saturating_add(i32::from(el.extension_days));
            expect_deadline(
                v,
                o,
                Invariant::I28,
                DeadlineName::WarrantExpiry,
                end_of(a, z.local_date(w).add_days(total)),
                Some(w.add_seconds(i64::from(total).saturating_mul(DAY))),
                "s 128B warrant-expiry is not 28 days (plus extensions) from the issue date",
            );
            let (due, strict, _) = elig_appearance_due(a, w, el.appearance);
            expect_deadline(
                v,
                o,
                Invariant::I28,
                DeadlineName::JudgeAppearance,
                due,
                Some(strict),
                "s 128B judge-appearance is not the 28th day or the last appearance + 7 days",
            );
        }
    }
    // s 129(2): 24 hours after arrival.
    if a.transit.state == TransitState::Covered {
        if let Some(t) = a.transit.arrived {
            expect_deadline(
                v,
                o,
                Invariant::I32,
                DeadlineName::TransitCover,
                t.add_seconds(24 * HOUR),
                None,
                "transit-cover is not arrival + 24 hours",
            );
        }
    }
    // s 26(2)(b)(i): "the date on which it will expire" — current to the end of
    // that local date (rule map 0.4).
    if matches!(
        a.status.state,
        StatusState::TemporaryPermit | StatusState::LimitedPurposePermit
    ) {
        if let Some(last) = a.status.permit.and_then(|p| p.last_day()) {
            expect_deadline(
                v,
                o,
                Invariant::I38,
                DeadlineName::PermitExpiry,
                z.end_of_day(last),
                None,
                "permit-expiry is not the end of the permit's last day",
            );
        }
    }
    // s 20(2), s 33(3): effective "on that date" — from 00:00 (rule map 9.22).
    if matches!(
        a.status.state,
        StatusState::TemporaryPermit
            | StatusState::ResidencePermit
            | StatusState::LimitedPurposePermit
    ) {
        if let Some(r) = a.status.revocation {
            expect_deadline(
                v,
                o,
                Invariant::I34,
                DeadlineName::RevocationEffective,
                z.start_of_day(r.effective).add_seconds(-1),
                None,
                "revocation-effective is not the last second before the effective date",
            );
        }
    }
}

/// Invariants about how the machines may move on one accepted event line.
fn transitions(l: &Ln<'_>, e: &Event, o: &Outcome, v: &mut Violations) {
    let (b, a) = (l.before, l.after);
    let t = e.at;
    let verb = e.verb();
    // s 128(12): "is, or is likely to be, delayed in New Zealand for more than
    // 24 hours" returns the person to custody; a delay of 24 hours or less
    // leaves them with the Police, "detained there until the craft leaves"
    // (s 128(11)). A line without both instants records that s 128(12) applies.
    if let EventKind::CraftDelayed {
        scheduled,
        expected,
        ..
    } = e.kind
    {
        if b.border.state == BorderState::WithPolice {
            let engaged = match (scheduled, expected) {
                (Some(s), Some(x)) => x.unix_seconds().saturating_sub(s.unix_seconds()) > 24 * HOUR,
                _ => true,
            };
            let want = if engaged {
                BorderState::CustodyWarrant
            } else {
                BorderState::WithPolice
            };
            if a.border.state != want {
                push(
                    v,
                    Invariant::S128_12,
                    Some(RuleId::S128_12),
                    "a craft delay was not judged by the 24 hours of s 128(12)",
                );
            }
        }
    }
    // I13 — s 128(3): the 72 hours run from the first report "unless that
    // person is sooner detained under this section". A s 128B person handed
    // over at large (s 128B(5)) could not be detained under s 128 before: for a
    // person who has reported, the 72 hours run from the hand-over
    // (docs/readings.md), so s 128 — and the s 128(4) bar on Part 2 — cannot
    // stay open for ever.
    if elig_applies(b.eligibility.state)
        && a.eligibility.state == EligibilityState::HandedToS128
        && a.border.state == BorderState::AtLarge
        && !a.border.detained
        && a.border.first_report != b.status.first_report.map(|_| t)
    {
        push(
            v,
            Invariant::I13,
            Some(RuleId::S128_3),
            "after a hand-over at large the 72 hours of s 128(3) do not run from the hand-over",
        );
    }
    // I01 — s 128(7) after an escape before any warrant: the recapture anchors
    // the 48 hours (`due`, rule map 9.18); the custody before the escape counts
    // under the strict reading (`due-strict`): the strict anchor moves on by
    // the time at large.
    if verb == Verb::Recapture && b.border.state == BorderState::Escaped {
        if let (Some(esc), Some(from)) = (
            b.border.escaped_pre_warrant,
            b.border.anchor_strict.or(b.border.anchor),
        ) {
            // (Custody already past 48 hours at the escape: one breach,
            // reported then; no strict reading after the recapture.)
            let strict = from.add_seconds(t.unix_seconds().saturating_sub(esc.unix_seconds()));
            let strict = (strict < t && from.add_seconds(48 * HOUR) >= esc).then_some(strict);
            if a.border.anchor != Some(t) || a.border.anchor_strict != strict {
                push(
                    v,
                    Invariant::I01,
                    Some(RuleId::S128_7),
                    "after an escape before a warrant the 48 hours are not re-anchored at recapture with the custody before the escape counted strictly",
                );
            }
        }
    }
    // I32 — s 129(1) covers a passenger "in the custody of the Police"; when
    // s 129 ceases (s 129(2)) the custody goes on under s 128(5), from the end
    // of the 24 hours. (On a `tick`: an event on the same line moves on.)
    if verb == Verb::Tick
        && b.transit.state == TransitState::Covered
        && a.transit.state == TransitState::Expired
    {
        let police = b.transit.police;
        let end = b.transit.arrived.map(|x| x.add_seconds(24 * HOUR));
        let ok = if police {
            a.border.state == BorderState::CustodyPreWarrant
                && a.border.detained
                && a.border.anchor == end
        } else {
            a.border.state == BorderState::AtLarge && !a.border.detained
        };
        if !ok {
            push(
                v,
                Invariant::I32,
                Some(RuleId::S129_2),
                "a transit passenger in Police custody when s 129 ceased is not in s 128(5) custody from then (or one at large is)",
            );
        }
    }
    // I17 — s 128(14A): after a release "(b) this section ceases to apply in
    // respect of the person". s 128 applies again only on a fresh ground: a
    // refusal or failure to apply after a new arrival, a revocation in the
    // arrival hall, a stowaway's arrival, a s 128B hand-over (s 128B(5)), or
    // the end of s 129 cover (s 14E(5); s 128(1)(c)(i)).
    if !border_applies(b.border.state) && border_applies(a.border.state) {
        let fresh = matches!(
            verb,
            Verb::RefusePermit
                | Verb::FailApply
                | Verb::RevokePermit
                | Verb::Arrive
                | Verb::DetermineS7
                | Verb::RequestRemoval
        ) || (b.transit.state == TransitState::Covered
            && a.transit.state == TransitState::Expired);
        if !fresh {
            push(
                v,
                Invariant::I17,
                Some(RuleId::S128_14A),
                "s 128 began to apply again without a fresh ground",
            );
        }
    }
    // I17 — s 128AA(13): "If a permit is granted … to a person to whom an
    // order under subsection (6) relates,— (a) the order is cancelled; … (c)
    // section 128 and this section cease to apply": the record keeps which
    // rule ended s 128 (the cancelled order), and only then.
    if verb == Verb::GrantPermit
        && b.border.state != BorderState::PermitGranted
        && a.border.state == BorderState::PermitGranted
    {
        let under_order = matches!(
            b.border.state,
            BorderState::ConditionallyReleased
                | BorderState::ConditionalDefault
                | BorderState::ConditionalCancelled
        );
        if a.border.order.is_some() != under_order
            || o.trace.contains(&RuleId::S128AA_13) != under_order
        {
            push(
                v,
                Invariant::I17,
                Some(RuleId::S128AA_13),
                "a permit cited s 128AA(13) (or kept the order) other than under a s 128AA order",
            );
        }
    }
    // I13 — s 128(3): s 128 "shall cease to apply … on the expiration of 72
    // hours after the time when that person first reports … unless that person
    // is sooner detained" (settled reading 1: ceased *at* R + 72 h).
    if b.border.state == BorderState::AtLarge {
        if let (Some(r), false) = (b.border.first_report, b.border.detained) {
            if t >= r.add_seconds(72 * HOUR)
                && matches!(
                    a.border.state,
                    BorderState::AtLarge | BorderState::CustodyPreWarrant
                )
            {
                push(
                    v,
                    Invariant::I13,
                    Some(RuleId::S128_3),
                    "s 128 did not cease 72 hours after the first report",
                );
            }
        }
    }
    // I32 — s 129(2): the cover ends after 24 hours.
    if b.transit.state == TransitState::Covered && a.transit.state == TransitState::Covered {
        if let Some(arr) = b.transit.arrived {
            if t > arr.add_seconds(24 * HOUR) {
                push(
                    v,
                    Invariant::I32,
                    Some(RuleId::S129_2),
                    "s 129 cover did not end 24 hours after arrival",
                );
            }
        }
    }
    // I38 — s 34: a holder "who is in New Zealand after the expiry of the permit
    // shall be deemed … to be in New Zealand unlawfully"; s 13(1) for exemptions.
    if matches!(
        b.status.state,
        StatusState::TemporaryPermit | StatusState::LimitedPurposePermit
    ) && verb != Verb::GrantPermit
        && b.status.state == a.status.state
        && b.status.permit == a.status.permit
    {
        if let Some(last) = b.status.permit.and_then(|p| p.last_day()) {
            if t > b.config.zone.end_of_day(last) {
                push(
                    v,
                    Invariant::I38,
                    Some(RuleId::S34),
                    "a permit is still held after its expiry",
                );
            }
        }
    }
    if b.status.state == StatusState::Exempt
        && a.status.state == StatusState::Exempt
        && b.status.exemption == a.status.exemption
    {
        if let Some(until) = b.status.exemption.and_then(|x| x.until) {
            if t > b.config.zone.end_of_day(until) {
                push(
                    v,
                    Invariant::I38,
                    Some(RuleId::S13_1),
                    "an exemption is still held after it ended",
                );
            }
        }
    }
    // I34, I35 — a revocation takes effect "on the date" it specifies (ss 20(2),
    // 33(3), 33A(5)).
    if let Some(r) = b.status.revocation {
        if t >= b.config.zone.start_of_day(r.effective)
            && b.status.state == a.status.state
            && a.status.revocation == Some(r)
            && matches!(
                b.status.state,
                StatusState::TemporaryPermit
                    | StatusState::ResidencePermit
                    | StatusState::LimitedPurposePermit
            )
        {
            push(
                v,
                Invariant::I34,
                Some(RuleId::S20_2),
                "a revocation did not take effect on its date",
            );
        }
    }
}

/// Invariants that an event of a given kind produces a given finding.
// One arm per verb, each with the conditions of its section: clearer than guards.
#[allow(clippy::too_many_lines, clippy::collapsible_match)]
fn events(l: &Ln<'_>, e: &Event, o: &Outcome, v: &mut Violations) {
    let b = l.before;
    let t = e.at;
    let bs = border_state_at(b, t);
    let es = b.eligibility.state;
    let z = b.config.zone;
    let today = z.local_date(t);
    // s 128 still applies at large: not yet ceased under s 128(3) on this line.
    let ceases = b
        .border
        .first_report
        .is_some_and(|r| t >= r.add_seconds(72 * HOUR))
        && !b.border.detained;
    let at_large_live = bs == BorderState::AtLarge && !ceases;
    match &e.kind {
        EventKind::Detain {
            basis,
            requested_by,
            ..
        } => {
            let citizen = b.person.citizen;
            // S3 — s 3: a citizen detained under s 128 or s 128B (`citizen-detained`).
            if citizen && matches!(basis, DetainBasis::S128 | DetainBasis::S128b) {
                need(
                    v,
                    o,
                    Invariant::S3,
                    FindingCode::CitizenDetained,
                    RuleId::S3,
                    "a New Zealand citizen was detained and no citizen-detained was reported",
                );
            }
            if *basis == DetainBasis::S128 && !citizen {
                // I13 — s 128(3): detention after s 128 ceased.
                let ceased =
                    bs == BorderState::Ceased72h || (bs == BorderState::AtLarge && !at_large_live);
                if ceased {
                    need(
                        v,
                        o,
                        Invariant::I13,
                        FindingCode::DetainedAfterCessation,
                        RuleId::S128_3,
                        "detained under s 128 after it ceased, no detained-after-cessation",
                    );
                }
                // I14 — s 128(5): "on the request of an immigration officer to a
                // member of the police"; settled reading 4: `requested-by=none` is
                // a violation.
                if at_large_live && *requested_by == RequestedBy::None {
                    need(v, o, Invariant::I14, FindingCode::DetentionNotRequested, RuleId::S128_5,
                        "a s 128(5) detention without an officer's request, no detention-not-requested");
                }
                // I17 — s 128(14A)(b): "this section ceases to apply".
                if bs == BorderState::ReleasedPart2 {
                    need(v, o, Invariant::I17, FindingCode::CustodyAfterS128Ended, RuleId::S128_14A,
                        "detained under s 128 after it ceased under s 128(14A), no custody-after-s128-ended");
                }
                if bs == BorderState::PermitGranted {
                    need(
                        v,
                        o,
                        Invariant::I17,
                        FindingCode::CustodyAfterS128Ended,
                        permit_ended_by(b),
                        "detained under s 128 after a permit ended it, no custody-after-s128-ended",
                    );
                }
            }
            // I31 — s 128B(1): "not being a person who is exempt under section 11
            // or section 12 of this Act from the requirement to hold a permit".
            if *basis == DetainBasis::S128b
                && !citizen
                && b.status.state == StatusState::Exempt
                && b.status.exemption.is_some_and(|x| x.basis.is_s11_or_s12())
                && es == EligibilityState::Inactive
            {
                need(v, o, Invariant::I31, FindingCode::ExemptDetainedS128b, RuleId::S128B_1,
                    "a person exempt under s 11 or s 12 detained under s 128B, no exempt-detained-s128b");
            }
        }
        EventKind::Arrest { .. } if bs == BorderState::PermitGranted => {
            // I17 — s 128AC(1)(b): liable to arrest only until "the time (if
            // any) when the person is granted a permit"; s 128AA(13)(c).
            need(
                v,
                o,
                Invariant::I17,
                FindingCode::CustodyAfterS128Ended,
                permit_ended_by(b),
                "arrested after a permit ended s 128, no custody-after-s128-ended",
            );
        }
        EventKind::Bail { .. } => {}
        EventKind::WarrantApply {
            by,
            to,
            oath,
            reasons,
        } => {
            if bs == BorderState::CustodyPreWarrant {
                // I02 — s 128(8): "shall be made on oath, and shall include a
                // statement of the reasons".
                if *oath != Some(true) || *reasons != Some(true) {
                    need(v, o, Invariant::I02, FindingCode::DefectiveWarrantApplication, RuleId::S128_8,
                        "a s 128(7) application not on oath with reasons, no defective-warrant-application");
                }
                // s 128(7): "an immigration officer or a member of the Police shall
                // apply to the Registrar (or, in the Registrar's absence, the
                // Deputy Registrar)".
                let officer = matches!(to, None | Some(Actor::Registrar | Actor::DeputyRegistrar));
                let applicant = matches!(by, None | Some(Actor::Io | Actor::Police));
                if !officer || !applicant {
                    need(v, o, Invariant::I02, FindingCode::DefectiveWarrantApplication, RuleId::S128_7,
                        "a s 128(7) application by or to the wrong person, no defective-warrant-application");
                }
            }
            if es == EligibilityState::Custody {
                // s 128B(6)(c): "a member of the Police or an immigration officer
                // shall … apply to a District Court Judge".
                let right = matches!(to, None | Some(Actor::Judge))
                    && matches!(by, None | Some(Actor::Police | Actor::Io));
                if !right {
                    need(v, o, Invariant::I02, FindingCode::DefectiveWarrantApplication, RuleId::S128B_6_C,
                        "a s 128B(6)(c) application by or to the wrong person, no defective-warrant-application");
                }
            }
        }
        EventKind::WarrantIssue { days, .. } => {
            if bs == BorderState::CustodyPreWarrant {
                if b.border.application.is_none() {
                    need(v, o, Invariant::I02, FindingCode::DefectiveWarrantApplication, RuleId::S128_7,
                        "a s 128 warrant issued without an application, no defective-warrant-application");
                }
                // I03 — s 128(7): "for a period not exceeding 28 days".
                if days.is_some_and(|d| d > 28) {
                    need(
                        v,
                        o,
                        Invariant::I03,
                        FindingCode::WarrantTooLong,
                        RuleId::S128_7,
                        "a s 128 warrant for more than 28 days, no warrant-too-long",
                    );
                }
            }
            if es == EligibilityState::Custody && !b.eligibility.applied {
                need(v, o, Invariant::I02, FindingCode::DefectiveWarrantApplication, RuleId::S128B_6_C,
                    "a s 128B warrant issued without an application, no defective-warrant-application");
            }
        }
        EventKind::ConditionalReleaseRefuse { days } => {
            // I03 — s 128AA(8)(a): "a warrant of commitment authorising the
            // person's detention for a period not exceeding 28 days".
            if bs == BorderState::CustodyPreWarrant && days.is_some_and(|d| d > 28) {
                need(
                    v,
                    o,
                    Invariant::I03,
                    FindingCode::WarrantTooLong,
                    RuleId::S128AA_8_A,
                    "a s 128AA(8)(a) warrant for more than 28 days, no warrant-too-long",
                );
            }
            // I05 — s 128AA(8)(b): the Judge "may extend or further extend the
            // warrant": an expired one cannot be revived (rule map 9.15),
            // graded as the expiry itself.
            if bs == BorderState::CustodyWarrant && b.border.extension_application.is_some() {
                if let Some((due, strict)) = border_expiry(b) {
                    let want = if t > due {
                        Some(Severity::Violation)
                    } else if t > strict {
                        Some(Severity::Warning)
                    } else {
                        None
                    };
                    if let Some(sev) = want {
                        if !has(
                            o,
                            Some(sev),
                            FindingCode::ExtensionAfterExpiry,
                            RuleId::S128AA_8_B,
                        ) {
                            push(
                                v,
                                Invariant::I05,
                                Some(RuleId::S128AA_8_B),
                                "a s 128AA(8)(b) extension after the warrant's expiry, no extension-after-expiry",
                            );
                        }
                    }
                }
            }
        }
        EventKind::ExtensionGrant {
            days,
            group,
            group_size,
            group_s128,
            ..
        } => {
            if bs == BorderState::CustodyWarrant {
                let expired = border_expiry(b).is_some_and(|(due, _)| t > due);
                // I05 graded as the expiry itself (I06): after the elapsed
                // reading only, a warning; the extension then counts.
                let strict_only = !expired && border_expiry(b).is_some_and(|(_, s)| t > s);
                if strict_only
                    && !has(
                        o,
                        Some(Severity::Warning),
                        FindingCode::ExtensionAfterExpiry,
                        RuleId::S128_13B,
                    )
                {
                    push(
                        v,
                        Invariant::I05,
                        Some(RuleId::S128_13B),
                        "an extension granted after the elapsed reading of the expiry, no warning:extension-after-expiry",
                    );
                }
                if expired {
                    // I05 — rule map 9.15: "An expired warrant cannot be revived".
                    need(
                        v,
                        o,
                        Invariant::I05,
                        FindingCode::ExtensionAfterExpiry,
                        RuleId::S128_13B,
                        "an extension granted after the warrant expired, no extension-after-expiry",
                    );
                    if l.after.border.extension_days != b.border.extension_days {
                        push(
                            v,
                            Invariant::I05,
                            Some(RuleId::S128_13B),
                            "an extension after expiry was counted",
                        );
                    }
                } else {
                    // I04 — s 128(13A): "must— (a) be made on oath; and (b)
                    // include a statement of the reasons".
                    if b.border.extension_application != Some(true) {
                        need(v, o, Invariant::I04, FindingCode::DefectiveExtensionApplication, RuleId::S128_13A,
                            "an extension without an application on oath with reasons, no defective-extension-application");
                    }
                    // s 128(13B): "(a) for a further period not exceeding 7 days;
                    // or (b) for such longer period … a group of people— (i) who
                    // arrived … on the same ship or aircraft; and (ii) all or most
                    // of whom" ("most": more than half, rule map 9.14).
                    let group_holds = *group
                        && match (group_size, group_s128) {
                            (Some(n), Some(k)) => u32::from(*k).saturating_mul(2) > u32::from(*n),
                            _ => true,
                        };
                    if *days > 7 && !group_holds {
                        need(v, o, Invariant::I04, FindingCode::ExtensionTooLong, RuleId::S128_13B,
                            "an extension of more than 7 days without the group rule, no extension-too-long");
                    }
                }
            }
        }
        EventKind::DeliverToPolice => {
            // I18 — s 128(11): "on being required in writing by a member of the
            // Police to do so, deliver the person into the custody of the member".
            if bs == BorderState::CustodyWarrant && b.border.requirement != Some(true) {
                need(v, o, Invariant::I18, FindingCode::DeliveryNotInWriting, RuleId::S128_11,
                    "delivered to the Police without a written requirement, no delivery-not-in-writing");
            }
        }
        EventKind::ConditionalReleaseApply {
            oath,
            reasons,
            basis,
            ..
        } => {
            if matches!(
                bs,
                BorderState::CustodyPreWarrant | BorderState::CustodyWarrant
            ) {
                // I20 — s 128AA(1): "a person who is not a refugee status claimant".
                if *basis == Some(CrBasis::S128aa1) && b.person.claimant {
                    need(v, o, Invariant::I20, FindingCode::WrongReleaseApplicant, RuleId::S128AA_1,
                        "a claimant's release applied for under s 128AA(1), no wrong-release-applicant");
                }
                // s 128AA(5): "must be made on oath, and state why section 128
                // applies to the person".
                if *oath != Some(true) || *reasons != Some(true) {
                    need(
                        v,
                        o,
                        Invariant::I20,
                        FindingCode::DefectiveReleaseApplication,
                        RuleId::S128AA_5,
                        "a s 128AA application not on oath with reasons, no defective-release-application",
                    );
                }
                // The applicant was not the defect: s 128AA(5) is about the
                // application, not who made it (issue 9 point 12).
                if has(
                    o,
                    None,
                    FindingCode::WrongReleaseApplicant,
                    RuleId::S128AA_5,
                ) {
                    push(
                        v,
                        Invariant::I20,
                        Some(RuleId::S128AA_5),
                        "an unsworn application reported as a wrong applicant",
                    );
                }
            }
        }
        EventKind::ConditionalRelease {
            until,
            until_event,
            location,
            reside,
            report,
            interview,
        } => {
            if matches!(
                bs,
                BorderState::CustodyPreWarrant | BorderState::CustodyWarrant
            ) {
                // I19 — s 128AA(7): "The order must state— (a) either a day on
                // which it expires or an event … and (b) a location".
                if (until.is_none() && !until_event) || !location {
                    need(v, o, Invariant::I19, FindingCode::DefectiveReleaseOrder, RuleId::S128AA_7,
                        "a s 128AA order without an expiry or a location, no defective-release-order");
                }
                // s 128AB(1)(a): "must reside at a specified address; and (ii)
                // must report".
                if !reside || !report {
                    need(v, o, Invariant::I19, FindingCode::DefectiveReleaseOrder, RuleId::S128AB_1_A,
                        "a s 128AA order without the reside and report conditions, no defective-release-order");
                }
                // s 128AB(1)(b): a claimant's order "must be made subject to a
                // condition relating to attendance at any interview".
                if b.person.claimant && !interview {
                    need(v, o, Invariant::I19, FindingCode::DefectiveReleaseOrder, RuleId::S128AB_1_B,
                        "a claimant's s 128AA order without the interview condition, no defective-release-order");
                }
            }
        }
        EventKind::Release { .. } => {
            if matches!(
                bs,
                BorderState::CustodyPreWarrant | BorderState::CustodyWarrant
            ) {
                if let Some(order) = b.border.order.filter(|x| !x.notified) {
                    if order.review {
                        // I25 — s 128A(8): "shall be notified in writing to the
                        // person upon the person's release".
                        if bs == BorderState::CustodyWarrant {
                            need(v, o, Invariant::I25, FindingCode::DefectiveReleaseOrder, RuleId::S128A_8,
                                "a s 128A(4) release without written conditions, no defective-release-order");
                        }
                    } else {
                        // I19 — s 128AB(2)(a): "must be notified in writing to the
                        // person before his or her release".
                        need(v, o, Invariant::I19, FindingCode::DefectiveReleaseOrder, RuleId::S128AB_2,
                            "released on conditions not notified in writing, no defective-release-order");
                    }
                }
            }
        }
        EventKind::Appear {
            outcome,
            days,
            excuse,
            reside,
            report,
            ..
        } => {
            let breach_unexcused = b
                .border
                .breach
                .is_some_and(|(c, ex)| matches!(c, BreachClass::A | BreachClass::B) && !ex)
                && !excuse;
            // I21 — s 128AC(4): the Judge "must … issue a warrant of commitment or
            // make an order that the person must again be taken into custody,
            // unless the Judge is satisfied that the person had a reasonable excuse".
            if bs == BorderState::BeforeJudge
                && b.border.arrested == Some(Arrested::After128aa)
                && *outcome == AppearOutcome::Release
                && breach_unexcused
            {
                need(v, o, Invariant::I21, FindingCode::ReleaseAfterBreach, RuleId::S128AC_4,
                    "released again after an unexcused reside or report breach, no release-after-breach");
            }
            let review_release = (bs == BorderState::CustodyWarrant && b.border.review.is_some())
                || (bs == BorderState::BeforeJudge
                    && b.border.arrested == Some(Arrested::After128a));
            if review_release && *outcome == AppearOutcome::Release {
                let completed = b.border.review.is_some_and(|r| r.completed.is_some());
                if completed {
                    // I25 — s 128A(4)(a): "the review proceedings have not been completed".
                    need(v, o, Invariant::I25, FindingCode::ReviewReleaseInvalid, RuleId::S128A_4,
                        "a s 128A(4) release after the review was completed, no review-release-invalid");
                } else if breach_unexcused {
                    // s 128A(10)(c): (4) "shall no longer apply to allow the release
                    // of the person unless … reasonable excuse".
                    need(
                        v,
                        o,
                        Invariant::I25,
                        FindingCode::ReviewReleaseInvalid,
                        RuleId::S128A_10,
                        "a s 128A(4) release after an unexcused breach, no review-release-invalid",
                    );
                }
                // s 128A(6): "(a) the person shall reside at such address … (b) the
                // person shall report daily".
                if !reside || *report != Some(Report::Daily) {
                    need(v, o, Invariant::I25, FindingCode::DefectiveReleaseOrder, RuleId::S128A_6,
                        "a s 128A(4) release without the reside and daily-report conditions, no defective-release-order");
                }
            }
            if bs == BorderState::CustodyWarrant
                && b.border.review.is_some()
                && *outcome == AppearOutcome::Extend
            {
                // I04 — s 128A(3)(a): "a period of 7 days".
                if days.unwrap_or(7) > 7 {
                    need(
                        v,
                        o,
                        Invariant::I04,
                        FindingCode::ExtensionTooLong,
                        RuleId::S128A_3,
                        "a s 128A(3) extension of more than 7 days, no extension-too-long",
                    );
                }
                // I24 — s 128A(3)(b): not "detained under the warrant for a period
                // which exceeds in total the sum of— (i) 28 days; and (ii) … and
                // (iii) the period of duration of the review proceedings".
                let completed = b.border.review.is_some_and(|r| r.completed.is_some());
                if let (Some(n), true, Some((due, _))) =
                    (days, completed, border::warrant_expiry(b))
                {
                    if end_of(b, today.add_days(i32::from(*n))) > due {
                        need(
                            v,
                            o,
                            Invariant::I24,
                            FindingCode::ReviewCapExceeded,
                            RuleId::S128A_3_B,
                            "an extension beyond the s 128A(3)(b) total, no review-cap-exceeded",
                        );
                    }
                }
            }
        }
        EventKind::CancelRelease => {
            // I22 — s 128AD(2): the application "must be made on oath, and state
            // why the person … should no longer be released on conditions".
            if bs == BorderState::ConditionallyReleased && b.border.cancel_application != Some(true)
            {
                need(v, o, Invariant::I22, FindingCode::DefectiveCancellation, RuleId::S128AD_2,
                    "a release order cancelled without an application on oath, no defective-cancellation");
            }
        }
        EventKind::ReviewCommence if elig_applies(es) && !border_applies(bs) => {
            // s 128A(2) is for review proceedings "brought by a person detained
            // under section 128"; s 128B states no pause and no appearances for
            // them: the consequences are for a human (undetermined).
            let flagged = o.findings.iter().any(|f| {
                f.code == FindingCode::HumanReview && f.severity == Severity::Undetermined
            });
            if !flagged || o.trace.contains(&RuleId::S128A_2_A) {
                push(
                    v,
                    Invariant::Accepted,
                    Some(RuleId::S128A_1),
                    "review proceedings under s 128B were treated as s 128A proceedings or not flagged",
                );
            }
        }
        EventKind::DetermineS7 { applies, by, .. } => {
            if elig_applies(es) {
                // I29 — s 128B(4): "Every such determination shall be made by the
                // Minister".
                if by.is_some_and(|x| x != Actor::Minister) {
                    need(
                        v,
                        o,
                        Invariant::I29,
                        FindingCode::WrongDecisionMaker,
                        RuleId::S128B_4,
                        "a s 128B determination not by the Minister, no wrong-decision-maker",
                    );
                }
                // s 128B(6): "Where a person to whom this section applies is
                // detained … (b) … the Minister shall give that person an
                // opportunity to comment on or rebut those grounds".
                if *applies
                    && b.eligibility.custody_since.is_some()
                    && !b.eligibility.rebuttal_offered
                {
                    need(v, o, Invariant::I29, FindingCode::RebuttalNotOffered, RuleId::S128B_6_B,
                        "an adverse determination without an opportunity to rebut, no rebuttal-not-offered");
                }
            }
        }
        EventKind::RemovalOrderMake { .. } | EventKind::RemovalOrderServe { .. } => {
            // I16 — s 128(4): "shall not be liable to be dealt with under any of
            // the provisions of Part 2"; s 128AC(7)(b), s 128A(11)(b): "nothing in
            // Part 2 applies"; s 128B(2).
            use BorderState as B;
            let rule = match bs {
                B::AtLarge
                | B::CustodyPreWarrant
                | B::CustodyWarrant
                | B::WithPolice
                | B::Escaped
                | B::BeforeJudge => Some(RuleId::S128_4),
                B::ConditionallyReleased | B::ConditionalDefault | B::ConditionalCancelled => {
                    Some(RuleId::S128AC_7)
                }
                B::ReviewReleased | B::ReviewDefault => Some(RuleId::S128A_11),
                _ if elig_applies(es) => Some(RuleId::S128B_2),
                _ => None,
            };
            if let Some(rule) = rule {
                need(
                    v,
                    o,
                    Invariant::I16,
                    FindingCode::Part2Excluded,
                    rule,
                    "a Part 2 step while s 128 or s 128B applies, no part2-excluded",
                );
            }
            // I39 — s 31(2): "(a) no removal order shall be made or (if already
            // made) served".
            if b.status.reconsideration {
                need(v, o, Invariant::I39, FindingCode::RemovalDuringReconsideration, RuleId::S31_2,
                    "a removal order during s 31 reconsideration, no removal-during-reconsideration");
            }
        }
        EventKind::GrantPermit { basis, .. } => {
            // I33 — s 7(1): "no permit shall be granted … to any person who— (a)
            // … (i)", unless s 7(3) (or s 52(3)) lets the permit be granted.
            let excepted = crate::machines::s7::grant_excepted(*basis);
            if let Some(rule) = s7_ground(b, t).filter(|_| !excepted) {
                need(
                    v,
                    o,
                    Invariant::I33,
                    FindingCode::S7IneligibleGrant,
                    rule,
                    "a permit for a person within s 7(1), no s7-ineligible-grant",
                );
            }
        }
        EventKind::Exempt { basis, .. } => {
            if let Some(rule) = s7_ground(b, t) {
                if basis.despite_s7() {
                    // s 7(3)(b): s 11(1)(a) and special-direction exemptions "shall
                    // apply notwithstanding" s 7(1).
                    if !o.trace.contains(&RuleId::S7_3)
                        || o.findings
                            .iter()
                            .any(|f| f.code == FindingCode::S7IneligibleGrant)
                    {
                        push(
                            v,
                            Invariant::I33,
                            Some(RuleId::S7_3),
                            "an exemption that applies despite s 7 did not rest on s 7(3)",
                        );
                    }
                } else {
                    need(
                        v,
                        o,
                        Invariant::I33,
                        FindingCode::S7IneligibleGrant,
                        rule,
                        "an exemption for a person within s 7(1), no s7-ineligible-grant",
                    );
                }
            }
        }
        EventKind::RevokePermit {
            section,
            service,
            effective,
            s7_1,
            ..
        } => {
            let st = b.status.state;
            match section {
                RevokeSection::S20 if st == StatusState::ResidencePermit => {
                    // I34 — s 20(2): "shall be served on the holder by personal
                    // service only, and the revocation shall … become effective on
                    // the date 21 days after the date of such service".
                    if *service != Some(Service::Personal) {
                        need(
                            v,
                            o,
                            Invariant::I34,
                            FindingCode::DefectiveService,
                            RuleId::S20_2,
                            "a s 20 revocation not served personally, no defective-service",
                        );
                    }
                    if effective.is_some_and(|d| Some(d) < today.add_days(21)) {
                        need(
                            v,
                            o,
                            Invariant::I34,
                            FindingCode::RevocationTooEarly,
                            RuleId::S20_2,
                            "a s 20 revocation effective before 21 days, no revocation-too-early",
                        );
                    }
                }
                RevokeSection::S33
                    if st == StatusState::TemporaryPermit
                        && s7_1.is_none()
                        && !matches!(
                            s7_ground(b, t),
                            Some(RuleId::S7_1_A | RuleId::S7_1_B | RuleId::S7_1_C | RuleId::S7_1_D)
                        ) =>
                {
                    // I35 — s 33(3): "shall not be earlier than 14 days after the
                    // date on which the notice is served"; not where s 33(4)
                    // makes it effective on service (the line's `s7-1=`, or the
                    // record within s 7(1)(a)–(d), as the engine's row A17i).
                    if effective.is_some_and(|d| Some(d) < today.add_days(14)) {
                        need(
                            v,
                            o,
                            Invariant::I35,
                            FindingCode::RevocationTooEarly,
                            RuleId::S33_3,
                            "a s 33 revocation effective before 14 days, no revocation-too-early",
                        );
                    }
                }
                RevokeSection::S33A if st == StatusState::TemporaryPermit => {
                    // s 33A(5): "shall not be earlier than 7 days after the date on
                    // which the notice is served"; personal service (s 33A(3)).
                    if *service != Some(Service::Personal) {
                        need(
                            v,
                            o,
                            Invariant::I35,
                            FindingCode::DefectiveService,
                            RuleId::S33A_5,
                            "a s 33A revocation not served personally, no defective-service",
                        );
                    }
                    if effective.is_some_and(|d| Some(d) < today.add_days(7)) {
                        need(
                            v,
                            o,
                            Invariant::I35,
                            FindingCode::RevocationTooEarly,
                            RuleId::S33A_5,
                            "a s 33A revocation effective before 7 days, no revocation-too-early",
                        );
                    }
                }
                _ => {}
            }
        }
        EventKind::LppExpiryNotice { expires } => {
            // I36 — s 34C(3): "which date may in no case be sooner than 14 days
            // after that notice is given to the holder".
            if b.status.state == StatusState::LimitedPurposePermit
                && Some(*expires) < today.add_days(14)
            {
                need(v, o, Invariant::I36, FindingCode::LppNoticeTooShort, RuleId::S34C_3,
                    "an earlier LPP expiry less than 14 days after the notice, no lpp-notice-too-short");
            }
        }
        EventKind::Depart => {
            // SR8 — s 129X(1): "No person who … is a refugee status claimant may be
            // removed"; settled reading 8: "their departure while a removal or
            // deportation order is in force" without a clearance is a violation.
            if b.person.claimant
                && b.person.removal_order
                && b.status.state != StatusState::Departed
            {
                need(v, o, Invariant::Sr8, FindingCode::RemovalOfClaimant, RuleId::S129X_1,
                    "a claimant departed while a removal order was in force, no removal-of-claimant");
            }
        }
        _ => {}
    }
}

/// Invariants about an event whatever its result.
fn events_any_result(l: &Ln<'_>, e: &Event, v: &mut Violations) {
    let b = l.before;
    // The gates before any rule: time-reversed, and after the repeal without an
    // overlay.
    let gated = b.now.is_some_and(|n| e.at < n)
        || (e.at >= REPEAL && !b.config.has(OPT_HYPOTHETICAL) && !b.config.has(OPT_OOH2023));
    // case-format.md §2: "Events of one case must not go back in time (error
    // `time-reversed`)".
    if b.now.is_some_and(|n| e.at < n)
        && !matches!(l.result, Err(r) if r.code == ErrorCode::TimeReversed)
    {
        push(
            v,
            Invariant::Reversed,
            None,
            "an event earlier than the case's now was not rejected time-reversed",
        );
    }
    // Settled reading 7 and spec "Versions in time": "Events after the repeal are
    // evaluated only when the case says so", and then "every event line
    // evaluated under an overlay carries `info:after-repeal`".
    let overlay = b.config.has(OPT_HYPOTHETICAL) || b.config.has(OPT_OOH2023);
    // The release, at or after the repeal, of a person held under s 128 or
    // s 128B before it: recorded with `gap:text-gap` (rule ia2009-s404: the
    // transitional provisions are not in the supplied text), never refused
    // and never judged under the repealed Act.
    let held = e.verb() == Verb::Release
        && b.now.is_some_and(|n| n < REPEAL)
        && (matches!(
            b.border.state,
            BorderState::CustodyPreWarrant
                | BorderState::CustodyWarrant
                | BorderState::WithPolice
                | BorderState::BeforeJudge
        ) || matches!(
            b.eligibility.state,
            EligibilityState::Custody | EligibilityState::CustodyWarrant
        ));
    if e.at >= REPEAL && !overlay && held {
        let recorded = matches!(l.result, Ok(o)
            if has(o, Some(Severity::Gap), FindingCode::TextGap, RuleId::IA2009_S404)
                && !o.findings.iter().any(|f| f.code == FindingCode::AfterRepeal));
        if !recorded {
            push(
                v,
                Invariant::Sr7,
                Some(RuleId::IA2009_S404),
                "the release after the repeal of a person held before it was not recorded with a text-gap finding",
            );
        }
    } else if e.at >= REPEAL && b.now.is_none_or(|n| e.at >= n) {
        match l.result {
            Err(r) if !overlay && r.code != ErrorCode::Repealed => push(
                v,
                Invariant::Sr7,
                None,
                "an event after the repeal without an overlay was not rejected repealed",
            ),
            Ok(_) if !overlay => push(
                v,
                Invariant::Sr7,
                None,
                "an event after the repeal without an overlay was accepted",
            ),
            Ok(o)
                if !o.findings.iter().any(|f| {
                    f.severity == Severity::Info && f.code == FindingCode::AfterRepeal
                }) =>
            {
                push(
                    v,
                    Invariant::Sr7,
                    None,
                    "an event after the repeal carries no info:after-repeal",
                )
            }
            _ => {}
        }
    }
    // E-accepted — the audit model: "what happened is accepted and judged;
    // only what cannot happen in the state is rejected". Records a real case
    // file contains (issue 9 points 6–10):
    if !gated {
        let bs = border_state_at(b, e.at);
        let must_accept = match e.kind {
            // s 128AB(2)(a): conditions notified after the release (the
            // release itself drew the finding).
            EventKind::NotifyConditions { .. } => {
                bs == BorderState::ConditionallyReleased
                    && b.border.order.is_some_and(|x| !x.review)
            }
            // s 128AC(3): the terms of the fresh order a Judge "again" makes.
            EventKind::ConditionalRelease { .. } => {
                bs == BorderState::ConditionallyReleased && b.border.order.is_some_and(|x| x.fresh)
            }
            // An arrest or detention after a permit ended s 128 (I17).
            EventKind::Arrest { .. } => bs == BorderState::PermitGranted,
            EventKind::Detain {
                basis: DetainBasis::S128,
                ..
            } => bs == BorderState::PermitGranted,
            // Habeas corpus (s 128A(1)) brought while s 128B applies.
            EventKind::ReviewCommence => elig_applies(b.eligibility.state),
            // s 3(2): a suspicion about a person on record as a citizen.
            EventKind::SuspectS7 { .. } => b.status.state == StatusState::Citizen,
            _ => false,
        };
        if must_accept && l.result.is_err() {
            push(
                v,
                Invariant::Accepted,
                None,
                "a record that happens in this state was refused",
            );
        }
    }
    if let EventKind::Bail { .. } = e.kind {
        // I08 — s 128(15): a person detained under s 128 "must not be granted
        // bail"; s 128B(12): "No person detained pursuant to this section shall
        // be granted bail". Case-format: `bail` is "always rejected or a
        // violation"; in custody it is the audit's finding.
        let rule = if border_applies(border_state_at(b, e.at)) {
            Some(RuleId::S128_15)
        } else if elig_applies(b.eligibility.state) {
            Some(RuleId::S128B_12)
        } else {
            None
        };
        if let (Some(rule), false) = (rule, gated) {
            // Either rule: when both machines hold the person, s 128B is offered first.
            let found = matches!(l.result, Ok(o)
                if has(o, Some(Severity::Violation), FindingCode::BailForbidden, RuleId::S128_15)
                    || has(o, Some(Severity::Violation), FindingCode::BailForbidden, RuleId::S128B_12));
            if !found {
                push(
                    v,
                    Invariant::I08,
                    Some(rule),
                    "bail while s 128 or s 128B applies, no bail-forbidden",
                );
            }
        }
    }
    // I40 — s 34D(2): a limited purpose permit holder "may not … (a) apply for a
    // permit of a different type while in New Zealand" (rejected, rule s34D(2)).
    if let EventKind::ApplyPermit { permit, .. } = e.kind {
        // (The permit still current at the event: s 34F once it has expired.)
        let current = b
            .status
            .permit
            .and_then(|p| p.last_day())
            .is_none_or(|d| e.at <= b.config.zone.end_of_day(d));
        if b.status.state == StatusState::LimitedPurposePermit
            && current
            && !gated
            && permit != crate::lang::values::PermitType::LimitedPurpose
        {
            let rejected = matches!(l.result, Err(r) if r.code == ErrorCode::NotInState && r.rule == Some(RuleId::S34D_2));
            if !rejected {
                push(
                    v,
                    Invariant::I40,
                    Some(RuleId::S34D_2),
                    "an LPP holder's application for another type was not rejected",
                );
            }
        }
    }
}

/// Invariants about the findings of an accepted line.
fn findings(t: Instant, o: &Outcome, v: &mut Violations) {
    for f in &o.findings {
        check_finding(f, v);
        // A finding is dated when it happened: never after the line's instant
        // (a passing clock is dated at its first instant out of time).
        if f.at > t {
            push(
                v,
                Invariant::Future,
                Some(f.rule),
                "a finding dated after the line's instant",
            );
        }
    }
}

fn check_finding(f: &Finding, v: &mut Violations) {
    // Settled reading 3: "When it passes, the finding (e.g. `late-release`) is
    // `undetermined`, never a violation"; "as soon as possible" before a Judge
    // (ss 128AC(3), 128A(10)(b)) likewise.
    let service_level = matches!(
        f.code,
        FindingCode::LateRelease | FindingCode::DeterminationDelayed
    ) || (f.code == FindingCode::LateJudgeAppearance
        && matches!(f.rule, RuleId::S128AC_3 | RuleId::S128A_10));
    if service_level && f.severity != Severity::Undetermined {
        push(
            v,
            Invariant::Sr3,
            Some(f.rule),
            "a service-level finding that is not undetermined",
        );
    }
    // Issue 3 and rule map 0.2: Y4.15 paras are policy, "never violations".
    if matches!(f.rule, RuleId::Y4_15_3 | RuleId::Y4_15_4 | RuleId::Y4_15_8)
        && f.severity == Severity::Violation
    {
        push(
            v,
            Invariant::Y415,
            Some(f.rule),
            "a Y4.15 policy finding with violation severity",
        );
    }
    // Spec: "Rules that depend on missing words are configuration inputs, and
    // any result that depends on them carries a `gap` finding".
    if (f.severity == Severity::Gap) != (f.code == FindingCode::TextGap) {
        push(
            v,
            Invariant::Gap,
            Some(f.rule),
            "gap severity and the text-gap code go together",
        );
    }
    // Spec: the outcome's findings carry "the section it rests on" and a
    // severity; info is for the after-repeal note only.
    if (f.severity == Severity::Info) != (f.code == FindingCode::AfterRepeal) {
        push(
            v,
            Invariant::Sr7,
            Some(f.rule),
            "info severity and after-repeal go together",
        );
    }
}

/// The first instant of the overnight window after `since` (local time).
fn night_start(c: &Case, since: Instant) -> Instant {
    use crate::time::LocalResult;
    let z = c.config.zone;
    let start = u32::from(c.config.overnight.0).saturating_mul(60);
    let local = z.to_local(since);
    let day = if local.seconds_of_day < start {
        Some(local.date)
    } else {
        local.date.add_days(1)
    };
    // A window starting in the hour of a change (`place::night_start`): in the
    // autumn's repeated hour the second (standard-time) one; in the spring
    // gap, the wall time read in daylight time.
    match day.map(|d| (d, z.from_local(d, start))) {
        Some((_, LocalResult::Unique(x) | LocalResult::Ambiguous { later: x, .. })) => x,
        Some((d, LocalResult::Gap { .. })) => {
            Instant::from_utc(d, start).add_seconds(i64::from(z.daylight_offset()).saturating_neg())
        }
        None => Instant::MAX,
    }
}

/// I09–I11 — ss 128(6), 128B(7): "Every person who is placed in custody …
/// and is to be detained overnight shall be detained" in the places listed.
/// Custody in a place the Act does not allow overnight that runs on into the
/// night is overnight detention, whatever the instant of placement: the line
/// on which the night has begun reports it, dated at the night's start.
fn nights(l: &Ln<'_>, e: &Event, o: &Outcome, v: &mut Violations) {
    let b = l.before;
    let Some((code, start, s128b)) = night_due(b, e) else {
        return;
    };
    let adult = code == FindingCode::AdultWrongPremises;
    let (rule, inv) = match (s128b, adult) {
        (true, false) => (RuleId::S128B_7_A, Invariant::I11),
        (true, true) => (RuleId::S128B_7_B, Invariant::I11),
        (false, false) => (RuleId::S128_6_A, Invariant::I09),
        (false, true) => (RuleId::S128_6_B, Invariant::I10),
    };
    let found = o.findings.iter().any(|f| {
        f.code == code && f.rule == rule && f.severity == Severity::Violation && f.at == start
    });
    if !found {
        push(
            v,
            inv,
            Some(rule),
            "custody in a place not allowed overnight ran into the night, no finding dated at its start",
        );
    }
}

/// The watched placement of the case before the line whose night has begun by
/// the line: its finding code, the night's start, and whether it is s 128B
/// custody.
fn night_due(b: &Case, e: &Event) -> Option<(FindingCode, Instant, bool)> {
    let el = &b.eligibility;
    let (watch, s128b) = if b.border.state == BorderState::CustodyPreWarrant {
        (b.border.night.zip(b.border.night_code), false)
    } else if matches!(
        el.state,
        EligibilityState::Custody | EligibilityState::CustodyWarrant
    ) && el.release_from.is_none()
    {
        (el.night.zip(el.night_code), true)
    } else {
        return None;
    };
    let (since, code) = watch?;
    let start = night_start(b, since);
    (clock_time(b, e) >= start).then_some((code, start, s128b))
}

/// The instant up to which the clocks of a line pass: the line's instant, or
/// for the release recorded after the repeal the last second before it (the
/// Act judges nothing after 2 am on 29 November 2010).
fn clock_time(b: &Case, e: &Event) -> Instant {
    let overlay = b.config.has(OPT_HYPOTHETICAL) || b.config.has(OPT_OOH2023);
    if e.at >= REPEAL && !overlay {
        REPEAL.add_seconds(-1)
    } else {
        e.at
    }
}

/// Places of overnight detention (ss 128(6), 128B(7); rule map 9.12).
fn places(l: &Ln<'_>, e: &Event, o: &Outcome, v: &mut Violations) {
    let (b, a) = (l.before, l.after);
    let (place, said, agreed_by, judge_direction) = match e.kind {
        EventKind::Detain {
            place: Some(p),
            overnight,
            agreed_by,
            judge_direction,
            ..
        } => (p, overnight, agreed_by, judge_direction),
        EventKind::Move {
            place,
            overnight,
            agreed_by,
            judge_direction,
        } => (place, overnight, agreed_by, judge_direction),
        EventKind::WarrantIssue {
            premises: Some(Premises::Prison),
            ..
        } => (Place::Prison, false, None, true),
        _ => return,
    };
    let t = e.at;
    let detain = matches!(e.kind, EventKind::Detain { .. });
    let minor = unmarried_minor(b, t);
    let night = overnight(b, t, said);
    #[derive(PartialEq)]
    enum K {
        Pre,
        Warrant,
        B,
    }
    let kind = match e.kind {
        EventKind::Detain {
            basis: DetainBasis::S128,
            ..
        } if b.border.state == BorderState::AtLarge
            && a.border.state == BorderState::CustodyPreWarrant =>
        {
            K::Pre
        }
        EventKind::Detain {
            basis: DetainBasis::S128b,
            ..
        } if b.status.state != StatusState::Exempt
            && matches!(
                b.eligibility.state,
                EligibilityState::Applies | EligibilityState::Inactive
            )
            && a.eligibility.state == EligibilityState::Custody =>
        {
            K::B
        }
        EventKind::Move { .. } if !detain && b.border.state == BorderState::CustodyPreWarrant => {
            K::Pre
        }
        EventKind::Move { .. } if !detain && b.border.state == BorderState::CustodyWarrant => {
            K::Warrant
        }
        EventKind::Move { .. }
            if matches!(
                b.eligibility.state,
                EligibilityState::Custody | EligibilityState::CustodyWarrant
            ) && b.status.state != StatusState::Exempt =>
        {
            K::B
        }
        EventKind::WarrantIssue { .. } if b.border.state == BorderState::CustodyPreWarrant => {
            K::Warrant
        }
        _ => return,
    };
    let place_codes = [
        FindingCode::MinorPoliceStation,
        FindingCode::MinorWrongPremises,
        FindingCode::AdultWrongPremises,
        FindingCode::MinorInPrisonWarrant,
    ];
    let verdict: Option<(FindingCode, RuleId, Severity, Invariant)> = match kind {
        // I12 — s 128(6)(a) read with s 128(7) ("a prison or some other premises
        // approved"): a minor in a prison under a warrant breaches (6)(a) only
        // if (6) still governs once a warrant issues — a warning, resting on
        // s 128(6)(a) (docs/readings.md).
        K::Warrant => (minor && place == Place::Prison).then_some((
            FindingCode::MinorInPrisonWarrant,
            RuleId::S128_6_A,
            Severity::Warning,
            Invariant::I12,
        )),
        K::Pre | K::B => {
            let (mr, ar, minv, ainv) = if kind == K::B {
                (
                    RuleId::S128B_7_A,
                    RuleId::S128B_7_B,
                    Invariant::I11,
                    Invariant::I11,
                )
            } else {
                (
                    RuleId::S128_6_A,
                    RuleId::S128_6_B,
                    Invariant::I09,
                    Invariant::I10,
                )
            };
            if minor {
                // ss 128(6)(a), 128B(7)(a): "(i) any residence … or other premises
                // under the control of, or approved by, the chief executive …; or
                // (ii) any other premises agreed to by the parent or guardian of
                // that person and an immigration officer".
                match place {
                    Place::CyfResidence => None,
                    Place::AgreedPremises if agreed_by == Some(AgreedBy::ParentAndIo) => None,
                    Place::PoliceStation | Place::PoliceCustody => Some((
                        FindingCode::MinorPoliceStation,
                        mr,
                        Severity::Violation,
                        minv,
                    )),
                    _ => Some((
                        FindingCode::MinorWrongPremises,
                        mr,
                        Severity::Violation,
                        minv,
                    )),
                }
            } else {
                // s 128(6)(b): "(i) any premises approved by the chief executive of
                // the Department of Labour; or (ii) a Police station"; s 128B(7)(b)
                // adds "(iii) at the direction of a Judge, in a prison".
                match place {
                    Place::ApprovedPremises | Place::PoliceStation | Place::PoliceCustody => None,
                    Place::Prison if kind == K::B && judge_direction => None,
                    _ => Some((
                        FindingCode::AdultWrongPremises,
                        ar,
                        Severity::Violation,
                        ainv,
                    )),
                }
            }
        }
    };
    // Overnight now (said, or in the window): judged on this line. Otherwise a
    // placement the Act does not allow overnight is watched (the night it runs
    // into draws the finding, see `nights`), and any other is not.
    let expected = verdict.filter(|_| night || kind == K::Warrant);
    if kind != K::Warrant {
        let want = verdict.filter(|_| !night).map(|(code, ..)| (t, code));
        let watch = if kind == K::B {
            a.eligibility.night.zip(a.eligibility.night_code)
        } else {
            a.border.night.zip(a.border.night_code)
        };
        if watch != want {
            let inv = verdict.map_or(Invariant::I10, |x| x.3);
            push(
                v,
                inv,
                verdict.map(|x| x.1),
                "a placement not allowed overnight, made outside the night, is not watched for the night (or another is)",
            );
        }
    }
    // (A finding of an earlier placement whose night began before this line
    // is dated then: `nights` checks it.)
    match expected {
        Some((code, rule, sev, inv)) => {
            let found = o
                .findings
                .iter()
                .any(|f| f.code == code && f.rule == rule && f.severity == sev && f.at == t);
            if !found {
                push(
                    v,
                    inv,
                    Some(rule),
                    "an overnight placement the Act does not allow, no finding",
                );
            }
        }
        None => {
            // (The night of a watched earlier placement that began exactly at
            // this line's instant is that placement's finding: `nights`.)
            let earlier = night_due(b, e);
            if let Some(f) = o.findings.iter().find(|f| {
                place_codes.contains(&f.code)
                    && f.at == t
                    && earlier.is_none_or(|(code, start, _)| code != f.code || start != t)
            }) {
                let inv = match kind {
                    K::Warrant => Invariant::I12,
                    K::B => Invariant::I11,
                    K::Pre if minor => Invariant::I09,
                    K::Pre => Invariant::I10,
                };
                push(
                    v,
                    inv,
                    Some(f.rule),
                    "a place-of-detention finding for a placement the Act allows",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Each invariant can fail: a real line of a case, then the one change to
    //! its outcome or state that breaks the invariant, and the checker must
    //! report exactly that invariant. Every fixture line first passes the
    //! checker untouched.
    use super::*;
    use crate::lang::parse::{parse_line, Line};
    use crate::machines::border::BorderState;

    struct Fx {
        m: Monitor,
        before: Case,
        event: Event,
        result: Result<Outcome, Rejection>,
        after: Case,
    }

    fn apply_line(
        c: &mut Case,
        m: &mut Monitor,
        l: &str,
    ) -> Option<(Case, Event, Result<Outcome, Rejection>)> {
        let b = *c;
        match parse_line(l.as_bytes()).unwrap() {
            Line::Event(e) => {
                let r = c.apply(&e);
                let v = m.check(&b, &e, r.as_ref(), c);
                assert!(v.is_empty(), "{l}: {v:?}");
                Some((b, e, r))
            }
            Line::Person(p) => {
                let o = c.set_person(&p).unwrap();
                assert!(m.check_directive(&b, Ok(&o), c).is_empty(), "{l}");
                None
            }
            Line::Config(items) => {
                c.configure(&items).unwrap();
                None
            }
            Line::Policy(p) => {
                c.set_policy(p);
                None
            }
            _ => None,
        }
    }

    fn fx(lines: &[&str]) -> Fx {
        let mut c = Case::new();
        let mut m = Monitor::new();
        let (last, init) = lines.split_last().unwrap();
        for l in init {
            apply_line(&mut c, &mut m, l);
        }
        let m0 = m.clone();
        let (before, event, result) = apply_line(&mut c, &mut m, last).unwrap();
        Fx {
            m: m0,
            before,
            event,
            result,
            after: c,
        }
    }

    impl Fx {
        fn outcome(&self) -> Outcome {
            self.result.clone().unwrap()
        }
        fn with_outcome(&self, f: impl FnOnce(&mut Outcome)) -> Violations {
            let mut o = self.outcome();
            f(&mut o);
            self.m
                .clone()
                .check(&self.before, &self.event, Ok(&o), &self.after)
        }
        /// The line without the finding `code`.
        fn without(&self, code: FindingCode) -> Violations {
            self.with_outcome(|o| {
                assert!(
                    o.findings.iter().any(|f| f.code == code),
                    "the fixture lacks {code:?}: {:?}",
                    o.findings
                );
                o.findings.retain(|f| f.code != code)
            })
        }
        /// The line with finding `code` at another severity.
        fn reseverity(&self, code: FindingCode, s: Severity) -> Violations {
            self.with_outcome(|o| {
                let f = o.findings.iter_mut().find(|f| f.code == code).unwrap();
                f.severity = s;
            })
        }
        /// The line with the case after it changed, the outcome describing
        /// that case (its findings and trace as the engine gave them).
        fn with_after(&self, f: impl FnOnce(&mut Case)) -> Violations {
            let mut a = self.after;
            f(&mut a);
            let mut o = self.outcome();
            let s = a.snapshot_outcome().unwrap();
            o.states = s.states;
            o.status = s.status;
            o.deadlines = s.deadlines;
            self.m.clone().check(&self.before, &self.event, Ok(&o), &a)
        }
        /// The line refused (the case unchanged).
        fn refused(&self) -> Violations {
            let r = Rejection::not_in_state(RuleId::S126_1, "tampered");
            self.m
                .clone()
                .check(&self.before, &self.event, Err(&r), &self.before)
        }
        /// The state after the line, changed, checked as a state on its own.
        fn state_with(&self, f: impl FnOnce(&mut Case)) -> Violations {
            let mut a = self.after;
            f(&mut a);
            let o = a.snapshot_outcome().unwrap();
            let mut m = self.m.clone();
            let _ = m.check(&self.before, &self.event, self.result.as_ref(), &self.after);
            m.check_directive(&a, Ok(&o), &a)
        }
    }

    #[track_caller]
    fn only(v: &Violations, inv: Invariant) {
        assert!(!v.is_empty(), "expected {inv:?}, the checker found nothing");
        assert!(
            v.iter().all(|x| x.invariant == inv),
            "expected only {inv:?}, got {v:?}"
        );
    }

    #[track_caller]
    fn set(v: &Violations, invs: &[Invariant]) {
        assert!(
            invs.iter().all(|i| v.iter().any(|x| x.invariant == *i))
                && v.iter().all(|x| invs.contains(&x.invariant)),
            "expected {invs:?}, got {v:?}"
        );
    }

    const ARRIVE: &str = "2009-03-02T06:10+13:00 arrive craft=NZ1 place=customs";
    const PRESENT: &str = "2009-03-02T06:25+13:00 present";
    const REFUSE: &str = "2009-03-02T08:00+13:00 refuse-permit by=io";
    const DETAIN: &str = "2009-03-02T08:30+13:00 detain by=police basis=s128";
    const APPLY: &str =
        "2009-03-02T10:00+13:00 warrant-apply by=io to=registrar oath=yes reasons=yes";
    const ISSUE: &str = "2009-03-02T11:00+13:00 warrant-issue by=registrar days=28 premises=prison";
    const SUSPECT: &str = "2009-03-02T06:30+13:00 suspect-s7 by=police reason=s7";
    const OFFER: &str = "2009-03-02T06:40+13:00 offer-voluntary-departure";
    const DETAIN_B: &str = "2009-03-02T06:50+13:00 detain by=police basis=s128b";

    type Lines = Vec<&'static str, 24>;

    fn lines(first: &[&'static str], extra: &[&'static str]) -> Lines {
        let mut v = Lines::new();
        v.extend_from_slice(first).unwrap();
        v.extend_from_slice(extra).unwrap();
        v
    }

    fn custody(extra: &[&'static str]) -> Lines {
        lines(&[ARRIVE, PRESENT, REFUSE, DETAIN], extra)
    }

    fn warrant(extra: &[&'static str]) -> Lines {
        let v = custody(&[APPLY, ISSUE]);
        lines(&v, extra)
    }

    fn s128b(extra: &[&'static str]) -> Lines {
        lines(&[ARRIVE, SUSPECT, OFFER, DETAIN_B], extra)
    }

    fn released_on_conditions(extra: &[&'static str]) -> Lines {
        let mut v = custody(&[
            "2009-03-02T09:00+13:00 conditional-release-apply by=io oath=yes reasons=yes",
            "2009-03-02T10:00+13:00 conditional-release until=2009-03-20 location=AKL reside=yes report=yes",
            "2009-03-02T10:05+13:00 notify-conditions in-writing=yes",
            "2009-03-02T10:10+13:00 release by=manager",
        ]);
        v.extend_from_slice(extra).unwrap();
        v
    }

    #[test]
    fn i01_no_warrant_48h() {
        let f = fx(&custody(&["2009-03-04T08:30:01+13:00 tick"]));
        only(&f.without(FindingCode::NoWarrant48h), Invariant::I01);
        // The deadline the engine reports must be D + 48 h.
        let v = f.with_outcome(|o| {
            for d in o.deadlines.iter_mut() {
                d.due = d.due.add_seconds(3600);
            }
        });
        set(&v, &[Invariant::I01, Invariant::Consistent]);
    }

    #[test]
    fn i02_defective_warrant_application() {
        let f = fx(&custody(&[
            "2009-03-02T10:00+13:00 warrant-apply by=io to=registrar oath=no reasons=yes",
        ]));
        only(
            &f.without(FindingCode::DefectiveWarrantApplication),
            Invariant::I02,
        );
    }

    #[test]
    fn i03_warrant_too_long() {
        let f = fx(&custody(&[
            APPLY,
            "2009-03-02T11:00+13:00 warrant-issue by=registrar days=30 premises=prison",
        ]));
        only(&f.without(FindingCode::WarrantTooLong), Invariant::I03);
    }

    #[test]
    fn i04_extension_too_long() {
        let f = fx(&warrant(&[
            "2009-03-20T10:00+13:00 extension-apply oath=yes reasons=yes",
            "2009-03-21T10:00+13:00 extension-grant days=10",
        ]));
        only(&f.without(FindingCode::ExtensionTooLong), Invariant::I04);
    }

    #[test]
    fn i05_extension_after_expiry() {
        let f = fx(&warrant(&[
            "2009-03-30T10:00+13:00 extension-apply oath=yes reasons=yes",
            "2009-03-31T10:00+13:00 extension-grant days=5",
        ]));
        only(
            &f.without(FindingCode::ExtensionAfterExpiry),
            Invariant::I05,
        );
    }

    #[test]
    fn i06_warrant_expired() {
        let f = fx(&warrant(&["2009-03-31T00:00+13:00 tick"]));
        only(&f.without(FindingCode::WarrantExpired), Invariant::I06);
    }

    #[test]
    fn i07_release_on_notice() {
        let f = fx(&warrant(&[
            "2009-03-05T10:00+13:00 release-notice",
            "2009-03-05T12:00:01+13:00 tick",
        ]));
        only(&f.without(FindingCode::LateRelease), Invariant::I07);
    }

    #[test]
    fn i08_bail() {
        let f = fx(&custody(&["2009-03-02T09:00+13:00 bail"]));
        only(&f.without(FindingCode::BailForbidden), Invariant::I08);
    }

    #[test]
    fn i09_minor_overnight() {
        let f = fx(&[
            "person born=1995-01-01 married=no",
            ARRIVE,
            PRESENT,
            REFUSE,
            "2009-03-02T08:30+13:00 detain by=police basis=s128 place=police-station overnight=yes",
        ]);
        only(&f.without(FindingCode::MinorPoliceStation), Invariant::I09);
    }

    #[test]
    fn i10_adult_overnight() {
        let f = fx(&custody(&[
            "2009-03-02T21:00+13:00 move place=prison overnight=yes",
        ]));
        only(&f.without(FindingCode::AdultWrongPremises), Invariant::I10);
    }

    #[test]
    fn i11_s128b_overnight() {
        let f = fx(&s128b(&[
            "2009-03-02T21:00+13:00 move place=prison overnight=yes",
        ]));
        only(&f.without(FindingCode::AdultWrongPremises), Invariant::I11);
    }

    #[test]
    fn i12_minor_in_prison_under_warrant() {
        let f = fx(&[
            "person born=1995-01-01 married=no",
            ARRIVE,
            PRESENT,
            REFUSE,
            DETAIN,
            APPLY,
            ISSUE,
        ]);
        only(
            &f.without(FindingCode::MinorInPrisonWarrant),
            Invariant::I12,
        );
        // Issue 9 point 15: the rule the strict reading says is breached is
        // s 128(6)(a), not the s 128(7) power.
        let v = f.with_outcome(|o| {
            for x in o.findings.iter_mut() {
                x.rule = RuleId::S128_7;
            }
        });
        only(&v, Invariant::I12);
    }

    #[test]
    fn i13_detained_after_cessation() {
        let f = fx(&[
            ARRIVE,
            PRESENT,
            REFUSE,
            "2009-03-05T06:25+13:00 detain by=police basis=s128",
        ]);
        only(
            &f.without(FindingCode::DetainedAfterCessation),
            Invariant::I13,
        );
    }

    #[test]
    fn i14_detention_not_requested() {
        let f = fx(&[
            ARRIVE,
            PRESENT,
            REFUSE,
            "2009-03-02T08:30+13:00 detain by=police basis=s128 requested-by=none",
        ]);
        only(
            &f.without(FindingCode::DetentionNotRequested),
            Invariant::I14,
        );
    }

    #[test]
    fn i15_mutual_exclusion() {
        // An exempt person held "under s 128B" (I31 allows any status while it
        // lasts), and s 128 applying as well.
        let f = fx(&[
            ARRIVE,
            "2009-03-02T06:15+13:00 exempt basis=s11-1-e until=2009-03-08",
            "2009-03-02T07:30+13:00 detain by=police basis=s128b",
        ]);
        let v = f.state_with(|a| {
            a.border.state = BorderState::AtLarge;
            a.status.state = StatusState::UnlawfulS128;
        });
        only(&v, Invariant::I15);
    }

    #[test]
    fn i16_part2_excluded() {
        let f = fx(&[
            ARRIVE,
            PRESENT,
            REFUSE,
            "2009-03-02T09:00+13:00 removal-order-make",
        ]);
        only(&f.without(FindingCode::Part2Excluded), Invariant::I16);
    }

    #[test]
    fn i17_custody_after_s128_ended() {
        let f = fx(&warrant(&[
            "2009-03-05T10:00+13:00 release-notice",
            "2009-03-05T10:30+13:00 release by=manager",
            "2009-03-06T10:00+13:00 detain by=police basis=s128",
        ]));
        only(
            &f.without(FindingCode::CustodyAfterS128Ended),
            Invariant::I17,
        );
        // s 128 applying again without a fresh ground.
        let v = f.state_with(|a| a.status.state = StatusState::UnlawfulS128);
        assert!(v.iter().any(|x| x.invariant == Invariant::I38));
    }

    #[test]
    fn i18_delivery_not_in_writing() {
        let f = fx(&warrant(&["2009-03-03T10:00+13:00 deliver-to-police"]));
        only(
            &f.without(FindingCode::DeliveryNotInWriting),
            Invariant::I18,
        );
    }

    #[test]
    fn i19_defective_release_order() {
        let f = fx(&custody(&[
            "2009-03-02T09:00+13:00 conditional-release-apply by=io oath=yes reasons=yes",
            "2009-03-02T10:00+13:00 conditional-release until=2009-03-20 reside=yes report=yes",
        ]));
        only(
            &f.without(FindingCode::DefectiveReleaseOrder),
            Invariant::I19,
        );
    }

    #[test]
    fn i20_release_application_not_on_oath() {
        let f = fx(&custody(&[
            "2009-03-02T09:00+13:00 conditional-release-apply by=io oath=no reasons=yes",
        ]));
        only(
            &f.without(FindingCode::DefectiveReleaseApplication),
            Invariant::I20,
        );
        // Issue 9 point 12: the applicant was right; reporting the oath as a
        // wrong applicant misleads.
        let v = f.with_outcome(|o| {
            for x in o.findings.iter_mut() {
                if x.code == FindingCode::DefectiveReleaseApplication {
                    x.code = FindingCode::WrongReleaseApplicant;
                }
            }
        });
        only(&v, Invariant::I20);
    }

    #[test]
    fn i21_release_after_breach() {
        let f = fx(&released_on_conditions(&[
            "2009-03-04T10:00+13:00 breach-condition class=a",
            "2009-03-04T12:00+13:00 arrest by=police",
            "2009-03-04T16:00+13:00 appear before=judge outcome=release",
        ]));
        only(&f.without(FindingCode::ReleaseAfterBreach), Invariant::I21);
    }

    #[test]
    fn i22_defective_cancellation() {
        let f = fx(&released_on_conditions(&[
            "2009-03-04T10:00+13:00 cancel-release",
        ]));
        only(
            &f.without(FindingCode::DefectiveCancellation),
            Invariant::I22,
        );
    }

    #[test]
    fn i23_late_review_appearance() {
        let f = fx(&warrant(&[
            "2009-03-03T10:00+13:00 review-commence",
            "2009-03-31T00:00+13:00 tick",
        ]));
        only(&f.without(FindingCode::LateJudgeAppearance), Invariant::I23);
    }

    #[test]
    fn i24_review_cap() {
        let f = fx(&warrant(&[
            "2009-03-03T10:00+13:00 review-commence",
            "2009-03-05T10:00+13:00 review-complete result=upheld",
            "2009-03-30T10:00+13:00 appear before=judge outcome=extend days=7",
        ]));
        only(&f.without(FindingCode::ReviewCapExceeded), Invariant::I24);
    }

    #[test]
    fn i25_review_release_after_completion() {
        let f = fx(&warrant(&[
            "2009-03-03T10:00+13:00 review-commence",
            "2009-03-05T10:00+13:00 review-complete result=upheld",
            "2009-03-06T10:00+13:00 appear before=judge outcome=release reside=yes report=daily location=AKL",
        ]));
        only(
            &f.without(FindingCode::ReviewReleaseInvalid),
            Invariant::I25,
        );
    }

    #[test]
    fn i26_i27_s128b_48_hours() {
        let f = fx(&s128b(&["2009-03-04T06:50:01+13:00 tick"]));
        only(
            &f.without(FindingCode::LateWarrantApplication),
            Invariant::I26,
        );
        only(&f.without(FindingCode::NoWarrant48h), Invariant::I27);
    }

    #[test]
    fn i28_s128b_warrant_expired() {
        let f = fx(&s128b(&[
            "2009-03-03T10:00+13:00 warrant-apply by=police to=judge",
            "2009-03-03T11:00+13:00 warrant-issue by=judge days=28",
            "2009-04-01T00:00+13:00 tick",
        ]));
        only(&f.without(FindingCode::WarrantExpired), Invariant::I28);
    }

    #[test]
    fn i29_wrong_decision_maker() {
        let f = fx(&s128b(&[
            "2009-03-02T10:00+13:00 determine-s7 applies=no by=io",
        ]));
        only(&f.without(FindingCode::WrongDecisionMaker), Invariant::I29);
    }

    #[test]
    fn i30_release_immediately() {
        let f = fx(&s128b(&[
            "2009-03-02T10:00+13:00 determine-s7 applies=no permit=granted by=minister",
            "2009-03-02T12:00:01+13:00 tick",
        ]));
        only(&f.without(FindingCode::LateRelease), Invariant::I30);
    }

    #[test]
    fn i31_exempt_detained() {
        let f = fx(&[
            ARRIVE,
            "2009-03-02T06:15+13:00 exempt basis=s11-1-e until=2009-03-08",
            "2009-03-02T07:30+13:00 detain by=police basis=s128b",
        ]);
        let mut o = f.outcome();
        o.findings
            .retain(|x| x.code != FindingCode::ExemptDetainedS128b);
        // Without the finding the monitor cannot tell the custody from s 128B
        // custody: the one-line check (which allows it) shows I31 alone.
        only(
            &check(&f.before, &f.event, Ok(&o), &f.after),
            Invariant::I31,
        );
    }

    #[test]
    fn i32_transit_cover() {
        let f = fx(&["2009-03-02T06:00+13:00 arrive craft=NZ1 transit=yes"]);
        let v = f.state_with(|a| {
            a.transit.arrived = a.transit.arrived.map(|t| t.add_seconds(-25 * HOUR));
        });
        only(&v, Invariant::I32);
    }

    #[test]
    fn i33_s7_ineligible_grant() {
        let f = fx(&[
            ARRIVE,
            "2009-03-02T06:20+13:00 conviction sentence-months=60",
            "2009-03-02T06:30+13:00 apply-permit type=temporary kind=visitor",
            "2009-03-02T07:00+13:00 grant-permit type=temporary kind=visitor expires=2009-06-01",
        ]);
        only(&f.without(FindingCode::S7IneligibleGrant), Invariant::I33);
    }

    #[test]
    fn i34_s20_service() {
        let f = fx(&[
            ARRIVE,
            "2009-03-02T06:30+13:00 apply-permit type=residence",
            "2009-03-02T07:00+13:00 grant-permit type=residence",
            "2009-04-02T10:00+13:00 revoke-permit section=20 service=registered-post",
        ]);
        only(&f.without(FindingCode::DefectiveService), Invariant::I34);
    }

    #[test]
    fn i35_s33_too_early() {
        let f = fx(&[
            ARRIVE,
            "2009-03-02T06:30+13:00 apply-permit type=temporary kind=visitor",
            "2009-03-02T07:00+13:00 grant-permit type=temporary kind=visitor expires=2009-06-01",
            "2009-03-10T10:00+13:00 revoke-permit section=33 service=personal effective=2009-03-15",
        ]);
        only(&f.without(FindingCode::RevocationTooEarly), Invariant::I35);
    }

    #[test]
    fn i36_lpp_notice() {
        let f = fx(&[
            ARRIVE,
            "2009-03-02T06:30+13:00 apply-permit type=limited-purpose",
            "2009-03-02T07:00+13:00 grant-permit type=limited-purpose expires=2009-06-01",
            "2009-03-10T10:00+13:00 lpp-expiry-notice expires=2009-03-15",
        ]);
        only(&f.without(FindingCode::LppNoticeTooShort), Invariant::I36);
    }

    #[test]
    fn i37_nothing_held_after_departure() {
        let f = fx(&[ARRIVE, "2009-03-02T10:00+13:00 depart"]);
        let v = f.state_with(|a| {
            a.status.exemption = Some(crate::machines::status::Exemption {
                basis: crate::lang::values::ExemptBasis::S11_1E,
                until: None,
            })
        });
        only(&v, Invariant::I37);
    }

    #[test]
    fn i38_status_consistency() {
        let f = fx(&custody(&[]));
        only(
            &f.state_with(|a| a.status.state = StatusState::Unlawful),
            Invariant::I38,
        );
        // A permit held after its last day.
        let g = fx(&[
            ARRIVE,
            "2009-03-02T06:30+13:00 apply-permit type=temporary kind=visitor",
            "2009-03-02T07:00+13:00 grant-permit type=temporary kind=visitor expires=2009-03-10",
            "2009-03-11T10:00+13:00 tick",
        ]);
        let mut a = g.after;
        a.status = g.before.status;
        let o = a.snapshot_outcome().unwrap();
        only(
            &g.m.clone().check(&g.before, &g.event, Ok(&o), &a),
            Invariant::I38,
        );
    }

    #[test]
    fn i39_removal_during_reconsideration() {
        let f = fx(&[
            ARRIVE,
            "2009-03-02T06:30+13:00 apply-permit type=temporary kind=visitor",
            "2009-03-02T07:00+13:00 grant-permit type=temporary kind=visitor expires=2009-06-01",
            "2009-05-20T10:00+12:00 apply-permit type=temporary kind=visitor",
            "2009-05-25T10:00+12:00 refuse-permit by=io",
            "2009-05-26T10:00+12:00 reconsideration-apply",
            // Unlawful from 2 June 2009; the s 31 decision is still pending.
            "2009-06-10T10:00+12:00 removal-order-make",
        ]);
        only(
            &f.without(FindingCode::RemovalDuringReconsideration),
            Invariant::I39,
        );
    }

    #[test]
    fn i40_lpp_other_application() {
        let f = fx(&[
            ARRIVE,
            "2009-03-02T06:30+13:00 apply-permit type=limited-purpose",
            "2009-03-02T07:00+13:00 grant-permit type=limited-purpose expires=2009-06-01",
            "2009-03-10T10:00+13:00 apply-permit type=temporary kind=visitor",
        ]);
        assert!(matches!(&f.result, Err(r) if r.rule == Some(RuleId::S34D_2)));
        let r = Rejection::not_in_state(RuleId::S4_3, "tampered");
        only(
            &f.m.clone().check(&f.before, &f.event, Err(&r), &f.after),
            Invariant::I40,
        );
    }

    #[test]
    fn s3_citizen_detained() {
        let f = fx(&["person citizen=yes", ARRIVE, DETAIN]);
        only(&f.without(FindingCode::CitizenDetained), Invariant::S3);
        // and never in custody
        let v = f.state_with(|a| a.border.state = BorderState::CustodyPreWarrant);
        assert!(v.iter().any(|x| x.invariant == Invariant::S3), "{v:?}");
    }

    #[test]
    fn s3_citizenship_established_after_detention() {
        let mut c = Case::new();
        let mut m = Monitor::new();
        for l in ["person citizen=no", ARRIVE, PRESENT, REFUSE, DETAIN] {
            apply_line(&mut c, &mut m, l);
        }
        let before = c;
        let Ok(Line::Person(p)) = parse_line(b"person citizen=yes") else {
            panic!("a person line")
        };
        let mut o = c.set_person(&p).unwrap();
        assert!(m.check_directive(&before, Ok(&o), &c).is_empty());
        o.findings
            .retain(|f| f.code != FindingCode::CitizenDetained);
        only(&m.check_directive(&before, Ok(&o), &c), Invariant::S3);
    }

    #[test]
    fn sr3_service_levels() {
        let f = fx(&s128b(&["2009-03-03T06:50:01+13:00 tick"]));
        only(
            &f.without(FindingCode::DeterminationDelayed),
            Invariant::Sr3,
        );
        only(
            &f.reseverity(FindingCode::DeterminationDelayed, Severity::Violation),
            Invariant::Sr3,
        );
    }

    #[test]
    fn y415_policy_is_never_a_violation() {
        let f = fx(&[ARRIVE, SUSPECT, DETAIN_B]);
        only(
            &f.reseverity(
                FindingCode::VoluntaryDepartureNotOffered,
                Severity::Violation,
            ),
            Invariant::Y415,
        );
    }

    #[test]
    fn sr7_after_repeal() {
        let f = fx(&[
            "config hypothetical=yes",
            "2010-12-01T10:00+13:00 arrive craft=NZ1 place=customs",
        ]);
        only(&f.without(FindingCode::AfterRepeal), Invariant::Sr7);
        // Without the overlay the line must be rejected `repealed`.
        let g = fx(&["2010-12-01T10:00+13:00 arrive craft=NZ1 place=customs"]);
        assert!(matches!(&g.result, Err(r) if r.code == ErrorCode::Repealed));
        let o = g.before.snapshot_outcome().unwrap();
        set(
            &g.m.clone().check(&g.before, &g.event, Ok(&o), &g.before),
            &[Invariant::Sr7, Invariant::Monotone, Invariant::Traced],
        );
    }

    #[test]
    fn sr8_claimant_removed() {
        let f = fx(&[
            ARRIVE,
            "2009-03-02T06:30+13:00 grant-permit type=temporary kind=visitor expires=2009-03-31",
            "2009-05-20T10:00+12:00 refugee-claim",
            "2009-05-20T11:00+12:00 removal-order-make by=io",
            "2009-05-20T12:00+12:00 removal-order-serve by=io",
            "2009-05-21T10:00+12:00 depart",
        ]);
        only(&f.without(FindingCode::RemovalOfClaimant), Invariant::Sr8);
    }

    #[test]
    fn gap_goes_with_text_gap() {
        let f = fx(&custody(&[
            "2009-03-02T09:00+13:00 conditional-release-apply by=io oath=yes reasons=yes",
        ]));
        only(
            &f.reseverity(FindingCode::TextGap, Severity::Violation),
            Invariant::Gap,
        );
    }

    #[test]
    fn e_unchanged() {
        let f = fx(&[ARRIVE, "2009-03-02T07:00+13:00 detain by=police basis=s128"]);
        assert!(f.result.is_err());
        let mut a = f.after;
        a.person.married = true;
        let r = f.result.clone().unwrap_err();
        only(
            &f.m.clone().check(&f.before, &f.event, Err(&r), &a),
            Invariant::Unchanged,
        );
    }

    #[test]
    fn e_inactive_empty() {
        let f = fx(&[ARRIVE, PRESENT]);
        let mut a = f.after;
        assert_eq!(a.transit.state, TransitState::Inactive);
        a.transit.arrived = a.now;
        let o = f.result.clone().unwrap();
        only(
            &f.m.clone().check(&f.before, &f.event, Ok(&o), &a),
            Invariant::InactiveEmpty,
        );
    }

    #[test]
    fn e_sorted() {
        let f = fx(&s128b(&[]));
        let v = f.with_outcome(|o| {
            assert!(o.deadlines.len() >= 2);
            o.deadlines.swap(0, 1);
        });
        only(&v, Invariant::Sorted);
        let v = f.with_outcome(|o| {
            let d = o.deadlines[0];
            o.deadlines.push(d).unwrap();
        });
        only(&v, Invariant::Sorted);
    }

    #[test]
    fn e_cited() {
        let f = fx(&[ARRIVE, PRESENT]);
        let v = f.with_outcome(|o| {
            o.findings
                .push(Finding {
                    severity: Severity::Undetermined,
                    code: FindingCode::HumanReview,
                    rule: RuleId::S2_3,
                    at: f.event.at,
                })
                .unwrap();
        });
        only(&v, Invariant::Cited);
    }

    #[test]
    fn e_future() {
        let f = fx(&[ARRIVE, PRESENT]);
        let v = f.with_outcome(|o| {
            o.findings
                .push(Finding {
                    severity: Severity::Undetermined,
                    code: FindingCode::HumanReview,
                    rule: RuleId::S126_1,
                    at: f.event.at.add_seconds(1),
                })
                .unwrap();
        });
        only(&v, Invariant::Future);
    }

    #[test]
    fn e_monotone() {
        let f = fx(&[ARRIVE, PRESENT]);
        let mut a = f.after;
        a.now = f.before.now.map(|t| t.add_seconds(-1));
        let o = f.outcome();
        only(
            &f.m.clone().check(&f.before, &f.event, Ok(&o), &a),
            Invariant::Monotone,
        );
    }

    #[test]
    fn e_reversed() {
        let f = fx(&[ARRIVE, "2009-03-02T06:00+13:00 present"]);
        assert!(matches!(&f.result, Err(r) if r.code == ErrorCode::TimeReversed));
        let r = Rejection::not_in_state(RuleId::S126_1, "tampered");
        only(
            &f.m.clone().check(&f.before, &f.event, Err(&r), &f.after),
            Invariant::Reversed,
        );
    }

    #[test]
    fn e_consistent() {
        let f = fx(&[ARRIVE, PRESENT]);
        only(
            &f.with_outcome(|o| o.status = Some(StatusState::Exempt)),
            Invariant::Consistent,
        );
    }

    #[test]
    fn e_traced() {
        let f = fx(&[ARRIVE, PRESENT]);
        only(&f.with_outcome(|o| o.trace.clear()), Invariant::Traced);
    }

    #[test]
    fn e_named() {
        let f = fx(&[ARRIVE, "2009-03-02T07:00+13:00 detain by=police basis=s128"]);
        let r = Rejection::new(ErrorCode::NotInState, "tampered");
        only(
            &f.m.clone().check(&f.before, &f.event, Err(&r), &f.after),
            Invariant::Named,
        );
    }

    #[test]
    fn e_once() {
        let f = fx(&custody(&["2009-03-04T08:30:01+13:00 tick"]));
        let mut m = f.m.clone();
        let o = f.outcome();
        assert!(m.check(&f.before, &f.event, Ok(&o), &f.after).is_empty());
        // The same breach reported again on a later line.
        let later = Event::tick(f.event.at.add_seconds(60));
        let mut a = f.after;
        a.now = Some(later.at);
        only(&m.check(&f.after, &later, Ok(&o), &a), Invariant::Once);
    }

    // ------------------------------------------------------------ issue 9

    fn with_police(extra: &[&'static str]) -> Lines {
        let v = warrant(&[
            "2009-03-10T05:00+13:00 craft-available in-writing=yes",
            "2009-03-10T05:30+13:00 deliver-to-police",
        ]);
        lines(&v, extra)
    }

    #[test]
    fn s128_12_craft_delay() {
        // Exactly 24 hours: the person stays with the Police.
        let f = fx(&with_police(&[
            "2009-03-10T08:00+13:00 craft-delayed scheduled=2009-03-10T07:00+13:00 expected=2009-03-11T07:00+13:00",
        ]));
        assert_eq!(f.after.border.state, BorderState::WithPolice);
        only(
            &f.with_after(|a| a.border.state = BorderState::CustodyWarrant),
            Invariant::S128_12,
        );
        // More than 24 hours: returned to custody.
        let f = fx(&with_police(&[
            "2009-03-10T08:00+13:00 craft-delayed scheduled=2009-03-10T07:00+13:00 expected=2009-03-11T07:01+13:00",
        ]));
        assert_eq!(f.after.border.state, BorderState::CustodyWarrant);
        only(
            &f.with_after(|a| a.border.state = BorderState::WithPolice),
            Invariant::S128_12,
        );
    }

    #[test]
    fn i13_hand_over_at_large_anchors_the_72_hours() {
        let f = fx(&[
            ARRIVE,
            PRESENT,
            "2009-03-02T06:40+13:00 suspect-s7 by=io reason=no-documents",
            "2009-03-05T10:00+13:00 determine-s7 applies=no permit=refused by=minister",
        ]);
        assert_eq!(f.after.border.first_report, Some(f.event.at));
        let first = f.before.status.first_report;
        only(
            &f.with_after(|a| a.border.first_report = first),
            Invariant::I13,
        );
    }

    #[test]
    fn i01_recapture_before_a_warrant_counts_custody_strictly() {
        let f = fx(&custody(&[
            "2009-03-03T20:30+13:00 escape",
            "2009-03-05T08:30+13:00 recapture",
        ]));
        assert!(f.after.border.anchor_strict.is_some());
        only(
            &f.with_after(|a| a.border.anchor_strict = None),
            Invariant::I01,
        );
    }

    #[test]
    fn i32_transit_police_custody_at_24_hours() {
        let f = fx(&[
            "2009-03-02T06:10+13:00 arrive craft=NZ11 transit=yes",
            "2009-03-02T06:30+13:00 move place=police-custody",
            "2009-03-03T06:10:01+13:00 tick",
        ]);
        assert_eq!(f.after.border.state, BorderState::CustodyPreWarrant);
        let v = f.with_after(|a| {
            a.border.state = BorderState::AtLarge;
            a.border.detained = false;
            a.border.anchor = None;
        });
        only(&v, Invariant::I32);
    }

    fn permit_after_default(extra: &[&'static str]) -> Lines {
        released_on_conditions(&lines(
            &[
                "2009-03-21T09:00+13:00 fail-deliver-up",
                "2009-03-25T10:00+13:00 grant-permit type=temporary kind=visitor expires=2009-06-25",
            ],
            extra,
        ))
    }

    #[test]
    fn i17_permit_under_an_order_keeps_the_record() {
        let f = fx(&permit_after_default(&[]));
        assert!(f.after.border.order.is_some());
        only(&f.with_after(|a| a.border.order = None), Invariant::I17);
        // A permit at large (B40) must not cite s 128AA(13).
        let f = fx(&[
            ARRIVE,
            PRESENT,
            REFUSE,
            "2009-03-03T10:00+13:00 grant-permit type=temporary kind=visitor expires=2009-06-03",
        ]);
        let v = f.with_outcome(|o| o.trace.push(RuleId::S128AA_13).unwrap());
        only(&v, Invariant::I17);
    }

    #[test]
    fn i17_custody_after_a_permit() {
        for l in [
            "2009-03-26T07:00+13:00 arrest by=police",
            "2009-03-26T07:00+13:00 detain by=police basis=s128",
        ] {
            let f = fx(&permit_after_default(&[l]));
            only(
                &f.without(FindingCode::CustodyAfterS128Ended),
                Invariant::I17,
            );
            set(&f.refused(), &[Invariant::Accepted]);
        }
    }

    #[test]
    fn i05_extension_after_the_elapsed_reading() {
        // Issued 2009-03-02T11:00: elapsed reading 2009-03-30T11:00, date
        // reading 23:59:59 that day.
        let f = fx(&warrant(&[
            "2009-03-30T09:00+13:00 extension-apply oath=yes reasons=yes",
            "2009-03-30T12:00+13:00 extension-grant days=5",
        ]));
        assert!(f.outcome().findings.iter().any(
            |x| x.code == FindingCode::ExtensionAfterExpiry && x.severity == Severity::Warning
        ));
        only(
            &f.without(FindingCode::ExtensionAfterExpiry),
            Invariant::I05,
        );
        let f = fx(&warrant(&[
            "2009-03-30T09:00+13:00 extension-apply oath=yes reasons=yes",
            "2009-03-30T09:30+13:00 conditional-release-apply by=person oath=yes reasons=yes basis=s128aa-2",
            "2009-03-30T12:00+13:00 conditional-release-refuse days=5",
        ]));
        only(
            &f.without(FindingCode::ExtensionAfterExpiry),
            Invariant::I05,
        );
    }

    #[test]
    fn overnight_placement_is_watched_and_judged_at_night() {
        let minor = [
            "person born=1995-01-01 married=no",
            ARRIVE,
            PRESENT,
            REFUSE,
            "2009-03-02T22:30+13:00 detain by=police basis=s128 place=police-station",
        ];
        let f = fx(&minor);
        assert_eq!(f.after.border.night, Some(f.event.at));
        assert_eq!(
            f.after.border.night_code,
            Some(FindingCode::MinorPoliceStation)
        );
        only(&f.with_after(|a| a.border.night = None), Invariant::I09);
        // The night has begun: the finding, dated at 00:00.
        let f = fx(&lines(&minor, &["2009-03-03T09:00+13:00 tick"]));
        let night = f.outcome().findings[0].at;
        assert_eq!(
            night,
            f.before
                .config
                .zone
                .start_of_day(f.before.config.zone.local_date(f.event.at))
        );
        only(&f.without(FindingCode::MinorPoliceStation), Invariant::I09);
        // s 128B(7)(b): an adult in a prison without a Judge's direction.
        let f = fx(&s128b(&[
            "2009-03-02T20:00+13:00 move place=prison",
            "2009-03-03T07:00+13:00 tick",
        ]));
        only(&f.without(FindingCode::AdultWrongPremises), Invariant::I11);
    }

    #[test]
    fn e_accepted_records_of_a_real_case_file() {
        // s 128AB(2)(a): written conditions after the release.
        let after_release = custody(&[
            "2009-03-02T09:00+13:00 conditional-release-apply by=io oath=yes reasons=yes",
            "2009-03-02T10:00+13:00 conditional-release until=2009-03-20 location=AKL reside=yes report=yes",
            "2009-03-02T10:10+13:00 release by=manager",
            "2009-03-02T12:00+13:00 notify-conditions in-writing=yes",
        ]);
        let f = fx(&after_release);
        assert!(f.result.is_ok());
        only(&f.refused(), Invariant::Accepted);
        // s 128AC(3): the terms of a fresh order.
        let f = fx(&released_on_conditions(&[
            "2009-03-05T10:00+13:00 breach-condition class=c",
            "2009-03-05T12:00+13:00 arrest by=police",
            "2009-03-05T14:00+13:00 appear before=judge outcome=release",
            "2009-03-05T14:30+13:00 conditional-release until=2009-04-02 location=AKL reside=yes report=yes",
        ]));
        assert!(f.result.is_ok());
        only(&f.refused(), Invariant::Accepted);
        // s 3(2): a suspicion about a citizen.
        let f = fx(&[
            "person citizen=yes",
            ARRIVE,
            "2009-03-02T06:30+13:00 suspect-s7 by=io reason=no-documents",
        ]);
        assert!(f.result.is_ok());
        only(&f.refused(), Invariant::Accepted);
    }

    #[test]
    fn review_proceedings_under_s128b() {
        let f = fx(&s128b(&["2009-03-03T10:00+13:00 review-commence"]));
        assert!(f.result.is_ok());
        only(&f.refused(), Invariant::Accepted);
        only(&f.without(FindingCode::HumanReview), Invariant::Accepted);
    }

    #[test]
    fn sr7_release_after_the_repeal_is_recorded() {
        let f = fx(&[
            "2010-11-27T06:10+13:00 arrive craft=NZ1 place=customs",
            "2010-11-27T06:25+13:00 present",
            "2010-11-27T08:00+13:00 refuse-permit by=io",
            "2010-11-28T08:30+13:00 detain by=police basis=s128",
            "2010-11-29T09:00+13:00 release by=police",
        ]);
        assert!(f.result.is_ok());
        only(&f.without(FindingCode::TextGap), Invariant::Sr7);
        let r = Rejection::new(ErrorCode::Repealed, "tampered");
        only(
            &f.m.clone().check(&f.before, &f.event, Err(&r), &f.before),
            Invariant::Sr7,
        );
    }

    #[test]
    fn e_in_force() {
        let f = fx(&[
            "2001-06-04T06:10+12:00 arrive craft=NZ1 place=customs",
            "2001-06-04T06:25+12:00 present",
        ]);
        // s 128(16) was inserted on 18 June 2002.
        let v = f.with_outcome(|o| o.trace.push(RuleId::S128_16).unwrap());
        only(&v, Invariant::InForce);
    }

    #[test]
    fn every_invariant_has_an_id_and_the_act_ones_a_rule() {
        for i in Invariant::ALL {
            assert_eq!(Invariant::from_name(i.name()), Some(*i));
            assert_eq!(i.rule().is_none(), i.name().starts_with("E-"), "{i:?}");
        }
    }
}
