//! The machines and their states (case-format.md §4), written
//! `MACHINE.STATE` in the case language. Each machine's module holds its table,
//! data and invariants; the names live here, below both the parser and the
//! machines.

use crate::names::kebab_enum;

kebab_enum! {
    /// The states of the `status` machine (case-format.md §4).
    #[derive(Default)]
    pub enum StatusState {
        /// Not in New Zealand (the initial state).
        #[default]
        Outside = "outside",
        /// A New Zealand citizen (s 3).
        Citizen = "citizen",
        /// Arrived, not exempt, no permit yet (s 126; strictly unlawful, s 4(2)).
        Arrived = "arrived",
        /// Covered by s 129 as a transit passenger.
        Transit = "transit",
        /// Exempt from holding a permit (ss 11, 12).
        Exempt = "exempt",
        /// Holds a temporary permit (s 24).
        TemporaryPermit = "temporary-permit",
        /// Holds a limited purpose permit (s 34A).
        LimitedPurposePermit = "limited-purpose-permit",
        /// Holds a residence permit (s 16).
        ResidencePermit = "residence-permit",
        /// Unlawfully in New Zealand; Part 2 applies (s 4(2), s 45).
        Unlawful = "unlawful",
        /// Deemed unlawful under s 128(4); Part 2 does not apply.
        UnlawfulS128 = "unlawful-s128",
        /// Deemed unlawful under s 128B(2); Part 2 does not apply.
        UnlawfulS128b = "unlawful-s128b",
        /// Has left New Zealand.
        Departed = "departed",
    }
}

kebab_enum! {
    /// The states of the `border` machine (case-format.md §4, rule map 3.0).
    #[derive(Default)]
    pub enum BorderState {
        /// s 128 does not apply (not reported).
        #[default]
        Inactive = "inactive",
        /// s 128 applies; the person is not detained.
        AtLarge = "at-large",
        /// s 128 ceased under s 128(3).
        Ceased72h = "ceased-72h",
        /// In Police custody under s 128(5), no warrant.
        CustodyPreWarrant = "custody-pre-warrant",
        /// In custody under a warrant of commitment.
        CustodyWarrant = "custody-warrant",
        /// Delivered to the Police for departure (s 128(11)).
        WithPolice = "with-police",
        /// Escaped from lawful custody.
        Escaped = "escaped",
        /// Released under a s 128AA order.
        ConditionallyReleased = "conditionally-released",
        /// Breached a condition or failed to deliver up (s 128AC(1)).
        ConditionalDefault = "conditional-default",
        /// The s 128AA order was cancelled (s 128AD).
        ConditionalCancelled = "conditional-cancelled",
        /// Arrested and awaiting a Judge (ss 128AC(3), 128A(10)(b), (10A)(b)).
        BeforeJudge = "before-judge",
        /// Released under s 128A(4) pending review proceedings.
        ReviewReleased = "review-released",
        /// The s 128A order was nullified or not complied with (s 128A(10), (10A)).
        ReviewDefault = "review-default",
        /// Left New Zealand.
        Departed = "departed",
        /// Released under s 128(14): Part 2 applies, s 128 ceases (s 128(14A)).
        ReleasedPart2 = "released-part2",
        /// A permit was granted (s 128AA(13), or s 128(1)(c) no longer met).
        PermitGranted = "permit-granted",
        /// Released under s 128A(5)(b) after the review.
        ReleasedAfterReview = "released-after-review",
        /// Held under a claimed s 128 power after s 128 ceased under s 128(3)
        /// ("shall cease to apply … unless that person is sooner detained"):
        /// custody with no power under s 128; a `release` ends it.
        HeldAfterCessation = "held-after-cessation",
        /// Held again after a release under s 128(14), which s 128(14A) says
        /// ends s 128 ("this section ceases to apply"): custody with no power
        /// under s 128; a `release` ends it.
        HeldAfterRelease = "held-after-release",
        /// Arrested or held after a permit ended s 128 (s 128AA(13)(c), s 128AC(1)(b),
        /// s 128(1)(c)): custody with no power under s 128; a `release` ends it.
        HeldAfterPermit = "held-after-permit",
    }
}

kebab_enum! {
    /// The states of the `eligibility` machine (case-format.md §4, rule map 4.0).
    #[derive(Default)]
    pub enum EligibilityState {
        /// s 128B does not apply (not reported).
        #[default]
        Inactive = "inactive",
        /// s 128B applies; not in custody.
        Applies = "applies",
        /// In custody under s 128B(3), no warrant.
        Custody = "custody",
        /// In custody under a s 128B(6)(c) warrant.
        CustodyWarrant = "custody-warrant",
        /// Escaped from s 128B custody (no statutory pause; rule map 9.18).
        Escaped = "escaped",
        /// The Judge was not satisfied; the warrant lapses (s 128B(11); rule map 9.7).
        WarrantLapsed = "warrant-lapsed",
        /// Treated as a s 128 person (s 128B(5)(a)(ii), (b), (c)).
        HandedToS128 = "handed-to-s128",
        /// Released with a permit (s 128B(5)(a)(i)).
        ReleasedPermit = "released-permit",
        /// Left New Zealand while s 128B applied.
        Departed = "departed",
    }
}

kebab_enum! {
    /// The states of the `transit` machine (case-format.md §4, rule map 5.0).
    #[derive(Default)]
    pub enum TransitState {
        /// s 129 does not apply (not reported).
        #[default]
        Inactive = "inactive",
        /// Covered by s 129.
        Covered = "covered",
        /// The 24 hours passed while still in New Zealand.
        Expired = "expired",
        /// Left New Zealand while covered.
        Departed = "departed",
        /// Left the craft, the Customs controlled area and Police custody.
        Broken = "broken",
    }
}

kebab_enum! {
    /// The states of the `removal` machine: unlawful status and removal under
    /// Part 2 (case-format.md §4; rule map `removal_and_deportation.md` §2.1).
    #[derive(Default)]
    pub enum RemovalState {
        /// Part 2 does not apply: lawful, or held by a border machine (not reported).
        #[default]
        Inactive = "inactive",
        /// Unlawful, not yet liable to removal (U1; ss 4(2), 45, 47).
        Unlawful = "unlawful",
        /// An appeal to the Removal Review Authority is pending (U2; s 47).
        AppealPending = "appeal-pending",
        /// An appeal to the High Court or the Court of Appeal is pending (U3; ss 115A, 116).
        CourtAppealPending = "court-appeal-pending",
        /// The appeal failed; the s 53(1)(b) 7 days are running (U4).
        PostDecisionGrace = "post-decision-grace",
        /// The Authority allowed the appeal (U4a; s 52).
        AppealAllowed = "appeal-allowed",
        /// Liable to removal (U5; s 53).
        Liable = "liable",
        /// A removal order is made but not served: not in force (U6; s 57(1)).
        OrderMade = "order-made",
        /// A removal order is in force (U7; s 57(1)).
        OrderInForce = "order-in-force",
        /// Left New Zealand while the order was in force (U8; s 2(7)).
        Removed = "removed",
        /// Left before an order was made and served (U9; s 53(3)).
        DepartedBeforeService = "departed-before-service",
        /// Granted a permit; the obligation to leave ended (U10; s 45(1)).
        Regularised = "regularised",
        /// The removal order was cancelled (U11; s 58).
        OrderCancelled = "order-cancelled",
    }
}

kebab_enum! {
    /// The states of the `removal-detention` machine: arrest and detention to
    /// execute a removal order (ss 59–62; rule map §2.2).
    #[derive(Default)]
    pub enum RemovalDetentionState {
        /// Not in custody under Part 2 (not reported).
        #[default]
        Inactive = "inactive",
        /// Held under s 59 without a warrant: 72 hours at most (D1, D2; s 59(3)).
        Custody72h = "custody-72h",
        /// Held under a warrant of commitment (D3; s 60).
        CustodyWarrant = "custody-warrant",
        /// Released on conditions by a Judge (D4; s 60(5)).
        ReleasedConditions = "released-conditions",
        /// On board a craft leaving New Zealand (D5; s 59(4)).
        OnBoard = "on-board",
        /// Left New Zealand: removed (D6; s 2(7)).
        Departed = "departed",
        /// Released from custody; liability survives (D7; s 60(9)).
        Released = "released",
        /// Serving a prison sentence with a removal order in force (D8; s 61).
        ServingSentence = "serving-sentence",
    }
}

kebab_enum! {
    /// The states of the `operation` machine: the latest enforcement operation
    /// of the case, judged by the statute and, under `policy ooh-2023`, by the
    /// 2023 out-of-hours policy (spec `rules/refugee_and_policy.md` §2.5.2).
    #[derive(Default)]
    pub enum OperationState {
        /// No operation proposed (not reported).
        #[default]
        Inactive = "inactive",
        /// The statute forbids the act: s 129X (BLOCK_STATUTE).
        Blocked = "blocked",
        /// The statute does not forbid it, and no overlay applies.
        Cleared = "cleared",
        /// Overlay on: the whole planned visit is in hours (PASS_POLICY).
        InHours = "in-hours",
        /// Overlay on: out of hours, and every check passed
        /// (ALLOW_WITH_CONDITIONS); the post-visit record is owed.
        OutOfHoursAuthorised = "out-of-hours-authorised",
        /// Overlay on: out of hours, and at least one check failed (DENY_*).
        OutOfHoursDenied = "out-of-hours-denied",
        /// The operation was carried out (`operation-execute`).
        Executed = "executed",
    }
}

/// The state of one machine, written `MACHINE.STATE` in the case language.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum MachineState {
    /// The immigration-status machine.
    Status(StatusState),
    /// s 128 border detention.
    Border(BorderState),
    /// s 128B eligibility detention.
    Eligibility(EligibilityState),
    /// s 129 transit.
    Transit(TransitState),
    /// Part 2 unlawful status and removal.
    Removal(RemovalState),
    /// ss 59–62 removal detention.
    RemovalDetention(RemovalDetentionState),
    /// An enforcement operation (2023 out-of-hours policy).
    #[cfg(feature = "operation")]
    Operation(OperationState),
}

kebab_enum! {
    /// The machines, by case-language name, in the order an outcome lists them.
    pub enum Machine {
        /// The person's immigration status (Part 1).
        Status = "status",
        /// s 128 border detention.
        Border = "border",
        /// s 128B eligibility detention.
        Eligibility = "eligibility",
        /// s 129 transit.
        Transit = "transit",
        /// Part 2 unlawful status and removal.
        Removal = "removal",
        /// ss 59–62 removal detention.
        RemovalDetention = "removal-detention",
        /// An enforcement operation (2023 out-of-hours policy).
        @cfg(feature = "operation")
        Operation = "operation",
    }
}

impl MachineState {
    /// The machine this state belongs to.
    pub const fn machine(self) -> Machine {
        match self {
            MachineState::Status(_) => Machine::Status,
            MachineState::Border(_) => Machine::Border,
            MachineState::Eligibility(_) => Machine::Eligibility,
            MachineState::Transit(_) => Machine::Transit,
            MachineState::Removal(_) => Machine::Removal,
            MachineState::RemovalDetention(_) => Machine::RemovalDetention,
            #[cfg(feature = "operation")]
            MachineState::Operation(_) => Machine::Operation,
        }
    }

    /// The state's own name (after the dot).
    pub const fn state_name(self) -> &'static str {
        match self {
            MachineState::Status(s) => s.name(),
            MachineState::Border(s) => s.name(),
            MachineState::Eligibility(s) => s.name(),
            MachineState::Transit(s) => s.name(),
            MachineState::Removal(s) => s.name(),
            MachineState::RemovalDetention(s) => s.name(),
            #[cfg(feature = "operation")]
            MachineState::Operation(s) => s.name(),
        }
    }

    /// The state's code within its machine (the C ABI's `IA87_STATE_*`).
    pub const fn state_code(self) -> u16 {
        match self {
            MachineState::Status(s) => s.code(),
            MachineState::Border(s) => s.code(),
            MachineState::Eligibility(s) => s.code(),
            MachineState::Transit(s) => s.code(),
            MachineState::Removal(s) => s.code(),
            MachineState::RemovalDetention(s) => s.code(),
            #[cfg(feature = "operation")]
            MachineState::Operation(s) => s.code(),
        }
    }

    /// The state of `machine` with code `code`, if there is one.
    pub fn from_codes(machine: Machine, code: u16) -> Option<MachineState> {
        Some(match machine {
            Machine::Status => MachineState::Status(StatusState::from_code(code)?),
            Machine::Border => MachineState::Border(BorderState::from_code(code)?),
            Machine::Eligibility => MachineState::Eligibility(EligibilityState::from_code(code)?),
            Machine::Transit => MachineState::Transit(TransitState::from_code(code)?),
            Machine::Removal => MachineState::Removal(RemovalState::from_code(code)?),
            Machine::RemovalDetention => {
                MachineState::RemovalDetention(RemovalDetentionState::from_code(code)?)
            }
            #[cfg(feature = "operation")]
            Machine::Operation => MachineState::Operation(OperationState::from_code(code)?),
        })
    }

    /// Parses `MACHINE.STATE`.
    pub fn parse(s: &str) -> Option<MachineState> {
        let (m, st) = s.split_once('.')?;
        Some(match Machine::from_name(m)? {
            Machine::Status => MachineState::Status(StatusState::from_name(st)?),
            Machine::Border => MachineState::Border(BorderState::from_name(st)?),
            Machine::Eligibility => MachineState::Eligibility(EligibilityState::from_name(st)?),
            Machine::Transit => MachineState::Transit(TransitState::from_name(st)?),
            Machine::Removal => MachineState::Removal(RemovalState::from_name(st)?),
            Machine::RemovalDetention => {
                MachineState::RemovalDetention(RemovalDetentionState::from_name(st)?)
            }
            #[cfg(feature = "operation")]
            Machine::Operation => MachineState::Operation(OperationState::from_name(st)?),
        })
    }
}

impl core::fmt::Display for MachineState {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}.{}", self.machine().name(), self.state_name())
    }
}
