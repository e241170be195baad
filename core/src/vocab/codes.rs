//! The codes of the outcome model (case-format.md §4): severities, finding
//! codes, deadline names, error codes, and a rejection. Plain vocabulary: no
//! rule logic, shared by the parser and the machines.

use crate::names::kebab_enum;
use crate::rules::RuleId;

kebab_enum! {
    /// How serious a finding is (spec "Principles of the core").
    pub enum Severity {
        /// A breach under every reasonable reading.
        Violation = "violation",
        /// A breach under the strict (elapsed) reading only, or of policy.
        Warning = "warning",
        /// The result depends on words missing from the supplied text of the Act.
        Gap = "gap",
        /// Needs a human decision (discretion, "as soon as possible", excuse).
        Undetermined = "undetermined",
        /// Information (e.g. evaluated under a hypothetical overlay).
        Info = "info",
    }
}

kebab_enum! {
    /// What a finding says. The names are the contract's (case-format.md §4) and
    /// the rule maps' proposed additions.
    pub enum FindingCode {
        /// Held under s 128 more than 48 hours without a warrant (s 128(7)); or,
        /// under Y4.15 para 4, under s 128B without a warrant obtained.
        NoWarrant48h = "no-warrant-48h",
        /// No s 128B(6)(c) warrant application within 48 hours of custody.
        LateWarrantApplication = "late-warrant-application",
        /// Custody after the warrant expired.
        WarrantExpired = "warrant-expired",
        /// Bail granted to a person detained under s 128 or s 128B.
        BailForbidden = "bail-forbidden",
        /// A person under 17, not married or in a civil union, held overnight at a
        /// Police station or in a prison.
        MinorPoliceStation = "minor-police-station",
        /// Y4.15 para 3: not first offered the option of departing voluntarily.
        VoluntaryDepartureNotOffered = "voluntary-departure-not-offered",
        /// s 128B(6)(b): no opportunity to comment on or rebut the grounds.
        RebuttalNotOffered = "rebuttal-not-offered",
        /// s 3: a New Zealand citizen detained under the Act.
        CitizenDetained = "citizen-detained",
        /// s 129X: a refugee status claimant or refugee removed.
        RemovalOfClaimant = "removal-of-claimant",
        /// An appeal lodged out of time: the Authority "must not consider" it
        /// (s 48(4)); an appeal to the High Court after the s 115A(2) 28 days.
        LateAppeal = "late-appeal",
        /// An out-of-hours operation during a pause of the 2023 policy.
        OohPaused = "ooh-paused",
        /// An out-of-hours operation without an approval, with an approval by
        /// the wrong office, or carried out outside what was approved.
        OohUnauthorised = "ooh-unauthorised",
        /// An out-of-hours approval not shown to precede the planned start.
        OohLateAuthorisation = "ooh-late-authorisation",
        /// An out-of-hours operation without an accepted justification
        /// (public safety, by default).
        OohJustification = "ooh-justification",
        /// An out-of-hours record incomplete: before the visit (alternatives,
        /// who may be present, cultural factors, proportionality, officer
        /// safety) or after it (who was present, nationality).
        OohIncomplete = "ooh-incomplete",
        /// Evaluated under an overlay after the Act's repeal: hypothetical.
        AfterRepeal = "after-repeal",
        /// The result depends on words missing from the supplied text.
        TextGap = "text-gap",
        /// s 128(7)–(8) application not on oath or without reasons, or to the
        /// wrong officer.
        DefectiveWarrantApplication = "defective-warrant-application",
        /// A s 128 warrant for more than 28 days.
        WarrantTooLong = "warrant-too-long",
        /// A s 128(13B) extension longer than the Act allows.
        ExtensionTooLong = "extension-too-long",
        /// An extension granted without an application on oath with reasons.
        DefectiveExtensionApplication = "defective-extension-application",
        /// An extension granted after the warrant had expired.
        ExtensionAfterExpiry = "extension-after-expiry",
        /// A person under 17 held overnight in premises the Act does not allow.
        MinorWrongPremises = "minor-wrong-premises",
        /// An adult held overnight in premises the Act does not allow.
        AdultWrongPremises = "adult-wrong-premises",
        /// A person under 17 held in a prison under a s 128 warrant (policy concern).
        MinorInPrisonWarrant = "minor-in-prison-warrant",
        /// Detained "under s 128" after s 128 had ceased to apply (s 128(3)).
        DetainedAfterCessation = "detained-after-cessation",
        /// Detained under s 128(5) without an immigration officer's request.
        DetentionNotRequested = "detention-not-requested",
        /// A Part 2 step while s 128 or s 128B applies.
        Part2Excluded = "part2-excluded",
        /// Held under s 128 after it ceased to apply (s 128(14A)).
        CustodyAfterS128Ended = "custody-after-s128-ended",
        /// Delivered to the Police without a written requirement (s 128(11)).
        DeliveryNotInWriting = "delivery-not-in-writing",
        /// A s 128AA order lacking a required element or condition.
        DefectiveReleaseOrder = "defective-release-order",
        /// A s 128AA application by someone who may not make it.
        WrongReleaseApplicant = "wrong-release-applicant",
        /// Released again after breaching a s 128AB(1)(a)/(b) condition without
        /// a reasonable excuse (s 128AC(4)).
        ReleaseAfterBreach = "release-after-breach",
        /// A s 128AD cancellation without an application on oath with reasons.
        DefectiveCancellation = "defective-cancellation",
        /// A Judge appearance later than the Act requires.
        LateJudgeAppearance = "late-judge-appearance",
        /// Detention beyond the s 128A(3)(b) total.
        ReviewCapExceeded = "review-cap-exceeded",
        /// A s 128A(4) release the Act does not allow.
        ReviewReleaseInvalid = "review-release-invalid",
        /// A s 128B determination not made by the Minister (s 128B(4)).
        WrongDecisionMaker = "wrong-decision-maker",
        /// Release later than "immediately" / "on receiving" allows (service level).
        LateRelease = "late-release",
        /// A person exempt under s 11 or s 12 detained under s 128B.
        ExemptDetainedS128b = "exempt-detained-s128b",
        /// A permit or exemption for a person s 7(1) makes ineligible.
        S7IneligibleGrant = "s7-ineligible-grant",
        /// A notice served in a way the Act does not allow.
        DefectiveService = "defective-service",
        /// A revocation taking effect earlier than the Act allows.
        RevocationTooEarly = "revocation-too-early",
        /// A s 34C(3) earlier expiry less than 14 days after the notice.
        LppNoticeTooShort = "lpp-notice-too-short",
        /// A removal order made or served while s 31 reconsideration is pending.
        RemovalDuringReconsideration = "removal-during-reconsideration",
        /// Needs a human decision (e.g. an unresolved status).
        HumanReview = "human-review",
        /// A removal order made or served against a refugee status claimant
        /// (settled reading 8: s 53 is subject to s 129X).
        OrderAgainstClaimant = "order-against-claimant",
        /// The s 128B(6)(a) determination has not been made within the service level.
        DeterminationDelayed = "determination-delayed",
        /// A s 128B warrant lapsed: the Judge was not satisfied (s 128B(11)).
        WarrantLapsed = "warrant-lapsed",
        /// A s 128AA(3) or (4) application not "made on oath" or not stating
        /// "why section 128 applies to the person" (s 128AA(5)); the applicant
        /// may be the right one.
        DefectiveReleaseApplication = "defective-release-application",
        /// An operation against a refugee status claimant with no recorded
        /// acknowledgement of the duty to have regard to Part 6A (s 129X(2)).
        @cfg(feature = "operation")
        RegardNotRecorded = "regard-not-recorded",
        /// An appeal the Act bars the person from bringing (ss 34F(a), 47(5),
        /// 63(2)): accepted as a fact, not considered.
        @cfg(feature = "removal") AppealBarred = "appeal-barred",
        /// An appeal not made in the prescribed manner or without the fee: the
        /// Authority "must not consider" it (s 48(4)).
        @cfg(feature = "removal") DefectiveAppeal = "defective-appeal",
        /// The officer must consider cancelling the removal order (s 58(5);
        /// an order in force when an in-time appeal is lodged, rule map A10).
        @cfg(feature = "removal") ConsiderCancellation = "consider-cancellation",
        /// Held under s 59 beyond 72 hours without a warrant of commitment (s 59(3)).
        @cfg(feature = "removal") NoWarrant72h = "no-warrant-72h",
        /// Held under warrants of commitment for more than 3 consecutive months (s 60(7)).
        @cfg(feature = "removal") DetentionCapExceeded = "detention-cap-exceeded",
        /// Held in reliance on a removal order after its cancellation, past
        /// the service level of "immediately" (s 58(2)–(3); settled reading 3).
        @cfg(feature = "removal") CustodyAfterCancellation = "custody-after-cancellation",
        /// Released from prison otherwise than into the custody of the Police
        /// despite a s 61 request.
        @cfg(feature = "removal") HandoverMissed = "handover-missed",
        /// A removal order served otherwise than by personal service (s 56(1)).
        @cfg(feature = "removal") DefectiveOrderService = "defective-order-service",
    }
}

kebab_enum! {
    /// What a deadline's `due` is (the JSON's `kind`).
    pub enum DeadlineKind {
        /// A time limit the Act (or a rule in force under it) states: `due`
        /// is the last instant at which the act is in time, and passing it is
        /// judged (violation, or warning under the strict reading only).
        Statutory = "statutory",
        /// An obligation the Act states without a number ("immediately", "on
        /// receiving", "as soon as possible", "as speedily as may be possible"):
        /// `due` is the configured service level (settled reading 3), not a
        /// statutory limit, and passing it is only ever `undetermined`.
        ServiceLevel = "service-level",
    }
}

kebab_enum! {
    /// The name of a deadline (case-format.md §4, and the rule maps' additions).
    pub enum DeadlineName {
        /// s 128(3): s 128 ceases 72 hours after first report unless detained.
        S128Cessation = "s128-cessation",
        /// s 128(7): a warrant is needed to hold the person beyond 48 hours.
        WarrantRequired = "warrant-required",
        /// s 128B(6)(c): the warrant application is due within 48 hours.
        WarrantApplication = "warrant-application",
        /// The warrant of commitment expires.
        WarrantExpiry = "warrant-expiry",
        /// The next appearance before a District Court Judge.
        JudgeAppearance = "judge-appearance",
        /// s 129(2): transit cover ends 24 hours after arrival.
        TransitCover = "transit-cover",
        /// The permit expires (end of its expiry date).
        PermitExpiry = "permit-expiry",
        /// The exemption expires.
        ExemptionExpiry = "exemption-expiry",
        /// s 47(2): the 42 days for an appeal to the Removal Review Authority.
        AppealWindow = "appeal-window",
        /// s 53(1): the last instant before the person is liable to removal.
        RemovalLiability = "removal-liability",
        /// s 59(3): 72 hours of custody without further authority.
        S59Custody = "s59-custody",
        /// Release "immediately" / "on receiving" the notice (service level).
        ReleaseDue = "release-due",
        /// s 128B(6)(a): the determination, "as speedily as may be possible".
        S7Determination = "s7-determination",
        /// A revocation takes effect (due is the last second before it does).
        RevocationEffective = "revocation-effective",
        /// A s 128AA order for conditional release expires.
        ReleaseOrderExpiry = "release-order-expiry",
        /// s 115A(2): an appeal to the High Court on a question of law, 28 days
        /// after the decision was notified (no s 2(2) exclusion).
        @cfg(feature = "removal") HcAppealWindow = "hc-appeal-window",
        /// s 57(1): a removal order is in force until 5 years after the
        /// person's removal.
        @cfg(feature = "removal") RemovalOrderExpiry = "removal-order-expiry",
        /// s 60(7): no more than 3 consecutive months under warrants of commitment.
        @cfg(feature = "removal") DetentionCap = "detention-cap",
        /// s 70(1): Part 2 as substituted applies from 1 October 1999 to a
        /// person unlawfully in New Zealand immediately before then.
        @cfg(feature = "removal") Part2Commencement = "part2-commencement",
    }
}

kebab_enum! {
    /// Why a line was rejected (case-format.md §4, plus additions).
    pub enum ErrorCode {
        /// The line does not follow the grammar.
        BadSyntax = "bad-syntax",
        /// The line is longer than 1024 bytes.
        LineTooLong = "line-too-long",
        /// The line is not valid UTF-8.
        BadUtf8 = "bad-utf8",
        /// A timestamp that does not parse or does not exist.
        BadTimestamp = "bad-timestamp",
        /// A timestamp without a UTC offset.
        NoOffset = "no-offset",
        /// An event earlier than the previous event of the case.
        TimeReversed = "time-reversed",
        /// A verb the language does not have.
        UnknownVerb = "unknown-verb",
        /// A key the verb does not take.
        UnknownKey = "unknown-key",
        /// A key the verb requires is absent.
        MissingKey = "missing-key",
        /// A value outside the key's domain.
        BadValue = "bad-value",
        /// The event is not possible in the current state; the error names the rule.
        NotInState = "not-in-state",
        /// A bounded list is full.
        Capacity = "capacity",
        /// An event before any `case` line.
        NoCase = "no-case",
        /// A key given twice where it may appear once.
        DuplicateKey = "duplicate-key",
        /// The rule the event rests on was not in force at that instant.
        NotInForce = "not-in-force",
        /// The event is after the repeal of the Act and no overlay asks for it.
        Repealed = "repealed",
        /// The verb belongs to a machine this version of the core does not encode.
        Unsupported = "unsupported",
    }
}

impl ErrorCode {
    /// True for errors in the input itself (exit code 2), as opposed to events
    /// that the rules refuse (`not-in-state`, `time-reversed`, …).
    pub const fn is_input_error(self) -> bool {
        matches!(
            self,
            ErrorCode::BadSyntax
                | ErrorCode::LineTooLong
                | ErrorCode::BadUtf8
                | ErrorCode::BadTimestamp
                | ErrorCode::NoOffset
                | ErrorCode::UnknownVerb
                | ErrorCode::UnknownKey
                | ErrorCode::MissingKey
                | ErrorCode::BadValue
                | ErrorCode::NoCase
                | ErrorCode::DuplicateKey
        )
    }
}

/// A rejected line: the error code, the rule that forbids the event (when one
/// does), a message, and for input errors the 1-based column.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Rejection {
    /// The error code.
    pub code: ErrorCode,
    /// The rule that forbids the event, if a rule does.
    pub rule: Option<RuleId>,
    /// A short English explanation.
    pub message: &'static str,
    /// The 1-based byte column of the offending token (0 when not known).
    pub column: u16,
}

impl Rejection {
    /// A rejection with no rule and no column.
    pub const fn new(code: ErrorCode, message: &'static str) -> Self {
        Rejection {
            code,
            rule: None,
            message,
            column: 0,
        }
    }

    /// `not-in-state`, naming the rule that forbids the event.
    pub const fn not_in_state(rule: RuleId, message: &'static str) -> Self {
        Rejection {
            code: ErrorCode::NotInState,
            rule: Some(rule),
            message,
            column: 0,
        }
    }

    /// A bounded list is full.
    pub const fn capacity(message: &'static str) -> Self {
        Rejection::new(ErrorCode::Capacity, message)
    }

    /// The same rejection at `column`.
    pub const fn at_column(mut self, column: u16) -> Self {
        self.column = column;
        self
    }
}
