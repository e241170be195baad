//! Typed events: one variant per verb of the case language (case-format.md §3
//! and the rule maps' vocabulary additions), with its keys as typed fields.
//!
//! Free-text values (`location=`, `until-event=`, craft and group ids) are
//! validated by the parser but not kept: the rules only ask whether they were
//! given, so an [`Event`] stays small and fixed-size.

use super::values::*;
use crate::names::kebab_enum;
use crate::time::{Date, Instant, Zone};
use heapless::Vec;

kebab_enum! {
    /// The verbs of the case language.
    pub enum Verb {
        /// Advance the clock: deadlines that pass fire.
        Tick = "tick",
        /// Arrival in New Zealand (ss 126, 128(2), 129, 35I).
        Arrive = "arrive",
        /// First report or presentation to an immigration officer (ss 126, 128(3)).
        Present = "present",
        /// An exemption applies (ss 11, 12).
        Exempt = "exempt",
        /// The exemption ceases (s 13).
        ExemptionCease = "exemption-cease",
        /// Application for a permit (ss 17, 25, 34B).
        ApplyPermit = "apply-permit",
        /// No application in the prescribed manner (s 128(1)(c)(i)).
        FailApply = "fail-apply",
        /// A permit is granted (ss 26, 34C, 35, 35E).
        GrantPermit = "grant-permit",
        /// A permit is refused (s 128(1)(c)(ii)).
        RefusePermit = "refuse-permit",
        /// A permit is revoked (ss 19, 20, 32, 33, 33A, 35F).
        RevokePermit = "revoke-permit",
        /// Reason to suspect s 7(1), or no or false documents (s 128B(1)).
        SuspectS7 = "suspect-s7",
        /// Voluntary departure offered (Y4.15 para 3).
        OfferVoluntaryDeparture = "offer-voluntary-departure",
        /// Opportunity to comment on or rebut the grounds (s 128B(6)(b)).
        OfferRebuttal = "offer-rebuttal",
        /// The Minister considers there may be grounds (s 128B(6)(b)).
        ConsiderS7Grounds = "consider-s7-grounds",
        /// The s 7(1) determination (s 128B(4), (5)).
        DetermineS7 = "determine-s7",
        /// The person requests removal (s 128B(5)(c)).
        RequestRemoval = "request-removal",
        /// Detention by the Police (ss 128(5), 128B(3)).
        Detain = "detain",
        /// A change of place of detention or location.
        Move = "move",
        /// Application for a warrant of commitment (ss 128(7), 128B(6)(c)).
        WarrantApply = "warrant-apply",
        /// A warrant of commitment issues.
        WarrantIssue = "warrant-issue",
        /// Application to extend the warrant (s 128(13)(a), (13A)).
        ExtensionApply = "extension-apply",
        /// The warrant is extended (s 128(13B), s 128AA(8)(b)).
        ExtensionGrant = "extension-grant",
        /// Written notice to release (s 128(13)(b), (14)(a)).
        ReleaseNotice = "release-notice",
        /// Physical release from custody.
        Release = "release",
        /// Escape from lawful custody (s 128(16)).
        Escape = "escape",
        /// Taken into custody again after an escape.
        Recapture = "recapture",
        /// Application for conditional release (s 128AA(3)–(5)).
        ConditionalReleaseApply = "conditional-release-apply",
        /// Order for conditional release (ss 128AA(6)–(7), 128AB).
        ConditionalRelease = "conditional-release",
        /// Conditional release refused (s 128AA(8)).
        ConditionalReleaseRefuse = "conditional-release-refuse",
        /// Conditions notified (ss 128AB(2), 128A(8)).
        NotifyConditions = "notify-conditions",
        /// Conditions varied (ss 128AB(3)–(4), 128A(7), (9)).
        VaryConditions = "vary-conditions",
        /// Delivering oneself up (s 128AA(10)–(11), s 128A(5)).
        DeliverUp = "deliver-up",
        /// Breach of a release condition (ss 128AC, 128A(10)).
        BreachCondition = "breach-condition",
        /// Failure to deliver up (s 128AC(1)(b), s 128A(10A)).
        FailDeliverUp = "fail-deliver-up",
        /// Application to cancel a conditional release order (s 128AD(1)–(2)).
        CancelReleaseApply = "cancel-release-apply",
        /// The order is cancelled (s 128AD(3)).
        CancelRelease = "cancel-release",
        /// Arrest without warrant (ss 128AC(2), 128AD(4), 128A(10), (10A)).
        Arrest = "arrest",
        /// Review proceedings brought (s 128A(1)–(2)).
        ReviewCommence = "review-commence",
        /// Review proceedings completed (s 128A(5)).
        ReviewComplete = "review-complete",
        /// An appearance before a Judge (ss 128A(2)(b), 128AC(3), 128B(10)).
        Appear = "appear",
        /// Bail granted: never lawful (ss 128(15), 128B(12)).
        Bail = "bail",
        /// A craft is available; written requirement to deliver (s 128(11)).
        CraftAvailable = "craft-available",
        /// Delivered into Police custody for departure (s 128(11)).
        DeliverToPolice = "deliver-to-police",
        /// The craft is unavailable or delayed (s 128(12)).
        CraftDelayed = "craft-delayed",
        /// The person leaves New Zealand on a craft (ss 41, 128(5)).
        Depart = "depart",
        /// A refugee claim is made (s 129G).
        RefugeeClaim = "refugee-claim",
        /// A refugee status decision (Part 6A).
        RefugeeDecide = "refugee-decide",
        /// An appeal is lodged.
        AppealLodge = "appeal-lodge",
        /// An appeal is decided.
        AppealDecide = "appeal-decide",
        /// A removal order is made (s 54).
        RemovalOrderMake = "removal-order-make",
        /// A removal order is served.
        RemovalOrderServe = "removal-order-serve",
        /// A removal order is cancelled.
        RemovalOrderCancel = "removal-order-cancel",
        /// A conviction and sentence (ss 7(1), 91).
        Conviction = "conviction",
        /// A deportation order is made (Parts 3, 4).
        DeportationOrderMake = "deportation-order-make",
        /// An enforcement operation is proposed (2023 out-of-hours policy).
        OperationPropose = "operation-propose",
        /// An enforcement operation is carried out (2023 out-of-hours policy).
        OperationExecute = "operation-execute",
        /// Returned after an emergency before reaching another country (ss 2(3), 127).
        EmergencyReturn = "emergency-return",
        /// Birth in New Zealand (s 4A).
        Birth = "birth",
        /// An epidemic management notice (s 35AC; ss 129ZC–129ZF).
        EpidemicNotice = "epidemic-notice",
        /// A change of permit conditions (ss 27(7)–(8), 34D(3)).
        ConditionChange = "condition-change",
        /// Notice of an earlier expiry of a limited purpose permit (s 34C(3)).
        LppExpiryNotice = "lpp-expiry-notice",
        /// The pre-clearance flight left without the holder (s 35G(a)).
        PreclearanceFlightMissed = "preclearance-flight-missed",
        /// The pre-clearance flight turned back or landed elsewhere (s 35G(b)).
        PreclearanceFlightDiverted = "preclearance-flight-diverted",
        /// Application for s 31 reconsideration.
        ReconsiderationApply = "reconsideration-apply",
        /// The s 31 reconsideration decision.
        ReconsiderationDecide = "reconsideration-decide",
        /// A returning resident's visa is issued (s 14C).
        RrvIssue = "rrv-issue",
        /// An appeal is withdrawn "by notice in writing" (s 48(5)).
        @cfg(feature = "removal") AppealWithdraw = "appeal-withdraw",
        /// The person is placed on a craft leaving New Zealand (s 59(4)).
        @cfg(feature = "removal") Board = "board",
        /// A sentence of imprisonment begins (s 61).
        @cfg(feature = "removal") ImprisonmentBegin = "imprisonment-begin",
        /// Released from a sentence of imprisonment to the street.
        @cfg(feature = "removal") ImprisonmentEnd = "imprisonment-end",
        /// The Police ask for the person on release from prison, to execute the
        /// removal order (s 61).
        @cfg(feature = "removal") PrisonReleaseRequest = "prison-release-request",
        /// The person gives information relevant to New Zealand's
        /// international obligations (s 58(5)).
        @cfg(feature = "removal") InternationalObligationsInfo = "international-obligations-info",
        /// A notice under s 70(3)(b): leave or appeal within 42 days.
        @cfg(feature = "removal") TransitionalNoticeServe = "transitional-notice-serve",
    }
}

/// A parent's status on a birth record (`birth parent=STATUS:KIND:UNTIL`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum ParentStatus {
    /// Exempt, on a basis, until a date.
    Exempt(ExemptBasis, Option<Date>),
    /// A temporary permit of a kind, expiring on a date.
    Temporary(Option<PermitKind>, Option<Date>),
    /// A limited purpose permit expiring on a date.
    LimitedPurpose(Option<Date>),
    /// A residence permit.
    Residence,
    /// Unlawfully in New Zealand (until a date, if known).
    Unlawful(Option<Date>),
    /// A New Zealand citizen.
    Citizen,
}

/// The most `parent=` keys on a `birth` line.
pub const MAX_PARENTS: usize = 2;
/// The most `approved-by=` keys on an `operation-propose` line.
pub const MAX_APPROVERS: usize = 4;
/// The most `justification=` keys on an `operation-propose` line.
pub const MAX_JUSTIFICATIONS: usize = 4;

/// What happened, with its keys.
#[derive(Clone, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[allow(missing_docs)] // field names are the case-language keys
pub enum EventKind {
    Tick,
    Arrive {
        craft: bool,
        place: Option<ArrivalPlace>,
        stowaway: bool,
        transit: bool,
        precleared: bool,
        group: bool,
        transit_visa: Option<bool>,
    },
    Present,
    Exempt {
        basis: ExemptBasis,
        until: Option<Date>,
    },
    ExemptionCease,
    ApplyPermit {
        permit: PermitType,
        kind: Option<PermitKind>,
    },
    FailApply,
    GrantPermit {
        permit: PermitType,
        kind: Option<PermitKind>,
        expires: Option<Date>,
        precleared: bool,
        by: Option<Actor>,
        basis: Option<GrantBasis>,
        officer: Option<OfficerId>,
    },
    RefusePermit {
        by: Option<Actor>,
        officer: Option<OfficerId>,
    },
    RevokePermit {
        section: RevokeSection,
        locus: Option<Locus>,
        service: Option<Service>,
        effective: Option<Date>,
        s7_1: Option<S7Ground>,
    },
    SuspectS7 {
        by: Option<Actor>,
        reason: SuspectReason,
    },
    OfferVoluntaryDeparture,
    OfferRebuttal,
    ConsiderS7Grounds {
        by: Option<Actor>,
    },
    DetermineS7 {
        applies: bool,
        permit: Option<bool>,
        by: Option<Actor>,
        adviser: Option<Adviser>,
    },
    RequestRemoval,
    Detain {
        by: Option<Actor>,
        basis: DetainBasis,
        place: Option<Place>,
        overnight: bool,
        requested_by: RequestedBy,
        agreed_by: Option<AgreedBy>,
        judge_direction: bool,
        from_prison: bool,
    },
    Move {
        place: Place,
        overnight: bool,
        agreed_by: Option<AgreedBy>,
        judge_direction: bool,
    },
    WarrantApply {
        by: Option<Actor>,
        to: Option<Actor>,
        oath: Option<bool>,
        reasons: Option<bool>,
    },
    WarrantIssue {
        by: Option<Actor>,
        days: Option<u16>,
        premises: Option<Premises>,
        ground: Option<WarrantGround>,
        expires_at: Option<Instant>,
        documents: bool,
    },
    ExtensionApply {
        oath: Option<bool>,
        reasons: Option<bool>,
    },
    ExtensionGrant {
        days: u16,
        group: bool,
        group_size: Option<u16>,
        group_s128: Option<u16>,
        expires_at: Option<Instant>,
    },
    ReleaseNotice {
        in_writing: Option<bool>,
    },
    Release {
        by: Option<Actor>,
    },
    Escape,
    Recapture,
    ConditionalReleaseApply {
        by: Option<Actor>,
        oath: Option<bool>,
        reasons: Option<bool>,
        basis: Option<CrBasis>,
    },
    ConditionalRelease {
        until: Option<Date>,
        until_event: bool,
        location: bool,
        reside: bool,
        report: bool,
        interview: bool,
    },
    ConditionalReleaseRefuse {
        days: Option<u16>,
    },
    NotifyConditions {
        in_writing: Option<bool>,
    },
    VaryConditions {
        judge_consent: Option<bool>,
        in_writing: Option<bool>,
    },
    DeliverUp {
        location: bool,
    },
    BreachCondition {
        class: BreachClass,
        excuse: bool,
    },
    FailDeliverUp,
    CancelReleaseApply {
        oath: Option<bool>,
        reasons: Option<bool>,
    },
    CancelRelease,
    Arrest {
        by: Option<Actor>,
    },
    ReviewCommence,
    ReviewComplete {
        result: ReviewResult,
    },
    Appear {
        outcome: AppearOutcome,
        days: Option<u16>,
        excuse: bool,
        reside: bool,
        report: Option<Report>,
        location: bool,
        exceptional: bool,
        own_delay: bool,
        documents: bool,
    },
    Bail {
        by: Option<Actor>,
    },
    CraftAvailable {
        in_writing: Option<bool>,
    },
    DeliverToPolice,
    CraftDelayed {
        scheduled: Option<Instant>,
        expected: Option<Instant>,
        reason: Option<CraftReason>,
    },
    Depart,
    RefugeeClaim {
        to: Option<ClaimTo>,
    },
    RefugeeDecide {
        result: RefugeeResult,
    },
    AppealLodge {
        forum: Forum,
        by: Option<Actor>,
        prescribed: Option<bool>,
        fee: Option<bool>,
        addresses: Option<bool>,
        leave: Option<bool>,
    },
    AppealDecide {
        forum: Option<Forum>,
        result: AppealResult,
        direction: Option<Direction>,
    },
    RemovalOrderMake {
        by: Option<Actor>,
        officer: Option<OfficerId>,
        dependants: Option<u16>,
    },
    RemovalOrderServe {
        by: Option<Actor>,
        mode: Option<ServiceMode>,
    },
    RemovalOrderCancel {
        mode: Option<CancelMode>,
        record: Option<bool>,
    },
    Conviction {
        offence: Option<Date>,
        sentence_months: Option<u16>,
        max_penalty_months: Option<u16>,
        sentence: Option<SentenceKind>,
        proceedings: Option<u8>,
        cumulative: bool,
    },
    DeportationOrderMake {
        section: DeportSection,
    },
    OperationPropose {
        kind: Option<OperationKind>,
        purpose: Purpose,
        step: Option<Step>,
        zone: Option<Zone>,
        start: Instant,
        end: Option<Instant>,
        justification: Justifications,
        approved_by: Approvers,
        approved_at: Option<Instant>,
        /// `residential=` and the record's keys.
        answers: Answers,
    },
    OperationExecute {
        start: Instant,
        end: Option<Instant>,
        children: Option<bool>,
        vulnerable: Option<bool>,
    },
    EmergencyReturn {
        departed: Instant,
    },
    Birth {
        parents: Vec<ParentStatus, MAX_PARENTS>,
    },
    EpidemicNotice {
        commenced: Date,
        expires: Date,
    },
    ConditionChange {
        effective: Option<Date>,
    },
    LppExpiryNotice {
        expires: Date,
    },
    PreclearanceFlightMissed,
    PreclearanceFlightDiverted,
    ReconsiderationApply,
    ReconsiderationDecide {
        result: ReconsiderationResult,
        in_writing: Option<bool>,
    },
    RrvIssue,
    #[cfg(feature = "removal")]
    AppealWithdraw {
        forum: Option<Forum>,
        in_writing: Option<bool>,
    },
    #[cfg(feature = "removal")]
    Board,
    #[cfg(feature = "removal")]
    ImprisonmentBegin {
        release_due: Option<Instant>,
    },
    #[cfg(feature = "removal")]
    ImprisonmentEnd,
    #[cfg(feature = "removal")]
    PrisonReleaseRequest {
        by: Option<Actor>,
    },
    #[cfg(feature = "removal")]
    InternationalObligationsInfo,
    #[cfg(feature = "removal")]
    TransitionalNoticeServe,
}

/// An event at an instant.
#[derive(Clone, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Event {
    /// When it happened (UTC).
    pub at: Instant,
    /// What happened.
    pub kind: EventKind,
}

impl EventKind {
    /// The verb of this event.
    pub fn verb(&self) -> Verb {
        match self {
            EventKind::Tick => Verb::Tick,
            EventKind::Arrive { .. } => Verb::Arrive,
            EventKind::Present => Verb::Present,
            EventKind::Exempt { .. } => Verb::Exempt,
            EventKind::ExemptionCease => Verb::ExemptionCease,
            EventKind::ApplyPermit { .. } => Verb::ApplyPermit,
            EventKind::FailApply => Verb::FailApply,
            EventKind::GrantPermit { .. } => Verb::GrantPermit,
            EventKind::RefusePermit { .. } => Verb::RefusePermit,
            EventKind::RevokePermit { .. } => Verb::RevokePermit,
            EventKind::SuspectS7 { .. } => Verb::SuspectS7,
            EventKind::OfferVoluntaryDeparture => Verb::OfferVoluntaryDeparture,
            EventKind::OfferRebuttal => Verb::OfferRebuttal,
            EventKind::ConsiderS7Grounds { .. } => Verb::ConsiderS7Grounds,
            EventKind::DetermineS7 { .. } => Verb::DetermineS7,
            EventKind::RequestRemoval => Verb::RequestRemoval,
            EventKind::Detain { .. } => Verb::Detain,
            EventKind::Move { .. } => Verb::Move,
            EventKind::WarrantApply { .. } => Verb::WarrantApply,
            EventKind::WarrantIssue { .. } => Verb::WarrantIssue,
            EventKind::ExtensionApply { .. } => Verb::ExtensionApply,
            EventKind::ExtensionGrant { .. } => Verb::ExtensionGrant,
            EventKind::ReleaseNotice { .. } => Verb::ReleaseNotice,
            EventKind::Release { .. } => Verb::Release,
            EventKind::Escape => Verb::Escape,
            EventKind::Recapture => Verb::Recapture,
            EventKind::ConditionalReleaseApply { .. } => Verb::ConditionalReleaseApply,
            EventKind::ConditionalRelease { .. } => Verb::ConditionalRelease,
            EventKind::ConditionalReleaseRefuse { .. } => Verb::ConditionalReleaseRefuse,
            EventKind::NotifyConditions { .. } => Verb::NotifyConditions,
            EventKind::VaryConditions { .. } => Verb::VaryConditions,
            EventKind::DeliverUp { .. } => Verb::DeliverUp,
            EventKind::BreachCondition { .. } => Verb::BreachCondition,
            EventKind::FailDeliverUp => Verb::FailDeliverUp,
            EventKind::CancelReleaseApply { .. } => Verb::CancelReleaseApply,
            EventKind::CancelRelease => Verb::CancelRelease,
            EventKind::Arrest { .. } => Verb::Arrest,
            EventKind::ReviewCommence => Verb::ReviewCommence,
            EventKind::ReviewComplete { .. } => Verb::ReviewComplete,
            EventKind::Appear { .. } => Verb::Appear,
            EventKind::Bail { .. } => Verb::Bail,
            EventKind::CraftAvailable { .. } => Verb::CraftAvailable,
            EventKind::DeliverToPolice => Verb::DeliverToPolice,
            EventKind::CraftDelayed { .. } => Verb::CraftDelayed,
            EventKind::Depart => Verb::Depart,
            EventKind::RefugeeClaim { .. } => Verb::RefugeeClaim,
            EventKind::RefugeeDecide { .. } => Verb::RefugeeDecide,
            EventKind::AppealLodge { .. } => Verb::AppealLodge,
            EventKind::AppealDecide { .. } => Verb::AppealDecide,
            EventKind::RemovalOrderMake { .. } => Verb::RemovalOrderMake,
            EventKind::RemovalOrderServe { .. } => Verb::RemovalOrderServe,
            EventKind::RemovalOrderCancel { .. } => Verb::RemovalOrderCancel,
            EventKind::Conviction { .. } => Verb::Conviction,
            EventKind::DeportationOrderMake { .. } => Verb::DeportationOrderMake,
            EventKind::OperationPropose { .. } => Verb::OperationPropose,
            EventKind::OperationExecute { .. } => Verb::OperationExecute,
            EventKind::EmergencyReturn { .. } => Verb::EmergencyReturn,
            EventKind::Birth { .. } => Verb::Birth,
            EventKind::EpidemicNotice { .. } => Verb::EpidemicNotice,
            EventKind::ConditionChange { .. } => Verb::ConditionChange,
            EventKind::LppExpiryNotice { .. } => Verb::LppExpiryNotice,
            EventKind::PreclearanceFlightMissed => Verb::PreclearanceFlightMissed,
            EventKind::PreclearanceFlightDiverted => Verb::PreclearanceFlightDiverted,
            EventKind::ReconsiderationApply => Verb::ReconsiderationApply,
            EventKind::ReconsiderationDecide { .. } => Verb::ReconsiderationDecide,
            EventKind::RrvIssue => Verb::RrvIssue,
            #[cfg(feature = "removal")]
            EventKind::AppealWithdraw { .. } => Verb::AppealWithdraw,
            #[cfg(feature = "removal")]
            EventKind::Board => Verb::Board,
            #[cfg(feature = "removal")]
            EventKind::ImprisonmentBegin { .. } => Verb::ImprisonmentBegin,
            #[cfg(feature = "removal")]
            EventKind::ImprisonmentEnd => Verb::ImprisonmentEnd,
            #[cfg(feature = "removal")]
            EventKind::PrisonReleaseRequest { .. } => Verb::PrisonReleaseRequest,
            #[cfg(feature = "removal")]
            EventKind::InternationalObligationsInfo => Verb::InternationalObligationsInfo,
            #[cfg(feature = "removal")]
            EventKind::TransitionalNoticeServe => Verb::TransitionalNoticeServe,
        }
    }
}

impl Event {
    /// A `tick` at `at`.
    pub const fn tick(at: Instant) -> Event {
        Event {
            at,
            kind: EventKind::Tick,
        }
    }

    /// The verb of this event.
    pub fn verb(&self) -> Verb {
        self.kind.verb()
    }
}
