//! The closed vocabularies of key values (case-format.md §3 and the rule maps'
//! "Vocabulary additions proposed").

use crate::names::kebab_enum;

kebab_enum! {
    /// Who performs an act (`by=`).
    pub enum Actor {
        /// An immigration officer.
        Io = "io",
        /// A member of the Police.
        Police = "police",
        /// The Registrar of a District Court.
        Registrar = "registrar",
        /// The Deputy Registrar, in the Registrar's absence.
        DeputyRegistrar = "deputy-registrar",
        /// A District Court Judge.
        Judge = "judge",
        /// The Minister of Immigration (including delegates, s 2).
        Minister = "minister",
        /// The chief executive named in s 128(6).
        ChiefExecutive = "chief-executive",
        /// The person concerned.
        Person = "person",
        /// The manager of the prison or person in charge of premises.
        Manager = "manager",
        /// A visa officer.
        Vo = "vo",
        /// A parent or guardian.
        Parent = "parent",
        /// The carrier.
        Carrier = "carrier",
    }
}

kebab_enum! {
    /// Where an arrival happens (`arrive place=`).
    pub enum ArrivalPlace {
        /// At a Customs place (s 126(1)(a)).
        Customs = "customs",
        /// Elsewhere than at a Customs place (s 126(1)(c)).
        Elsewhere = "elsewhere",
    }
}

kebab_enum! {
    /// The basis of an exemption (`exempt basis=`).
    pub enum ExemptBasis {
        /// s 11(1)(a) (paragraph missing from the supplied text).
        S11_1A = "s11-1-a",
        /// s 11(1)(b): visiting forces.
        S11_1B = "s11-1-b",
        /// s 11(1)(c): crew or passengers of a seagoing craft (28 days).
        S11_1C = "s11-1-c",
        /// s 11(1)(d): foreign fishing craft.
        S11_1D = "s11-1-d",
        /// s 11(1)(e): commercial aircraft crew (7 days).
        S11_1E = "s11-1-e",
        /// s 11(1)(f): Antarctic programme in the Ross Dependency.
        S11_1F = "s11-1-f",
        /// s 11(1)(g): authorised ship (28 days).
        S11_1G = "s11-1-g",
        /// s 12(1): regulations.
        S12Regulations = "s12-regulations",
        /// s 12(2): special direction.
        S12Direction = "s12-direction",
        /// s 4A: derived from a parent at birth.
        S4a = "s4a",
        /// s 127(2): deemed exempt for 14 days after an emergency return.
        S127_2 = "s127-2",
        /// s 35AC: deemed continuing during an epidemic.
        S35ac = "s35ac",
    }
}

impl ExemptBasis {
    /// True for bases that apply despite s 7 (s 7(3)(b): s 11(1)(a) and special
    /// directions).
    pub const fn despite_s7(self) -> bool {
        matches!(self, ExemptBasis::S11_1A | ExemptBasis::S12Direction)
    }

    /// True for the s 11 and s 12 bases (the exemptions that exclude s 128B, s 128B(1)).
    pub const fn is_s11_or_s12(self) -> bool {
        !matches!(
            self,
            ExemptBasis::S4a | ExemptBasis::S127_2 | ExemptBasis::S35ac
        )
    }
}

kebab_enum! {
    /// The type of a permit (`type=`).
    pub enum PermitType {
        /// A temporary permit (s 24).
        Temporary = "temporary",
        /// A residence permit (s 16).
        Residence = "residence",
        /// A limited purpose permit (s 34A).
        LimitedPurpose = "limited-purpose",
    }
}

kebab_enum! {
    /// The kind of a temporary permit (`kind=`).
    pub enum PermitKind {
        /// Visitor's permit.
        Visitor = "visitor",
        /// Work permit.
        Work = "work",
        /// Student permit.
        Student = "student",
    }
}

kebab_enum! {
    /// The section a revocation is made under (`revoke-permit section=`).
    pub enum RevokeSection {
        /// s 19: residence permit, administrative error (immigration officer).
        S19 = "19",
        /// s 20: residence permit, Minister.
        S20 = "20",
        /// s 32: temporary permit, administrative error (immigration officer).
        S32 = "32",
        /// s 33: temporary permit, Minister.
        S33 = "33",
        /// s 33A: temporary permit for MACMA purposes.
        S33A = "33A" | "33a",
        /// s 35F: pre-cleared permit, administrative error.
        S35F = "35F" | "35f",
    }
}

kebab_enum! {
    /// Where an administrative-error revocation happens (`locus=`).
    pub enum Locus {
        /// In the arrival hall (ss 19(2), 32(2), 35F).
        ArrivalHall = "arrival-hall",
        /// In a Department office.
        Office = "office",
    }
}

kebab_enum! {
    /// How a notice is served (`service=`).
    pub enum Service {
        /// Personal service.
        Personal = "personal",
        /// Registered post to the holder's New Zealand address.
        RegisteredPost = "registered-post",
    }
}

kebab_enum! {
    /// A paragraph of s 7(1)(a)–(d) that applies to the holder (`s7-1=`).
    pub enum S7Ground {
        /// s 7(1)(a).
        A = "a",
        /// s 7(1)(b).
        B = "b",
        /// s 7(1)(c).
        C = "c",
        /// s 7(1)(d).
        D = "d",
    }
}

kebab_enum! {
    /// Why s 128B is engaged (`suspect-s7 reason=`).
    pub enum SuspectReason {
        /// s 128B(1)(a): reason to suspect s 7(1) applies.
        S7 = "s7",
        /// s 128B(1)(b): no appropriate documentation.
        NoDocuments = "no-documents",
        /// s 128B(1)(b): documentation appears to be false.
        FalseDocuments = "false-documents",
    }
}

kebab_enum! {
    /// The power a detention rests on (`detain basis=`).
    pub enum DetainBasis {
        /// s 128(5).
        S128 = "s128",
        /// s 128B(3).
        S128b = "s128b",
        /// s 59 (removal machine).
        S59 = "s59",
        /// s 75 (deportation).
        S75 = "s75",
        /// s 78 (deportation).
        S78 = "s78",
        /// s 97 (deportation).
        S97 = "s97",
        /// s 114O (security risk).
        S114o = "s114o",
    }
}

kebab_enum! {
    /// A place of detention or location (`place=`).
    pub enum Place {
        /// A Police station.
        PoliceStation = "police-station",
        /// Premises approved by the chief executive / Secretary of Labour / Registrar.
        ApprovedPremises = "approved-premises",
        /// A prison.
        Prison = "prison",
        /// A residence under the Children, Young Persons, and Their Families Act 1989.
        CyfResidence = "cyf-residence",
        /// Premises agreed (see `agreed-by=`).
        AgreedPremises = "agreed-premises",
        /// On board the craft (transit).
        Craft = "craft",
        /// A Customs controlled area (transit).
        CustomsArea = "customs-area",
        /// In the custody of the Police (transit).
        PoliceCustody = "police-custody",
        /// Anywhere else (landside).
        Landside = "landside",
    }
}

impl Place {
    /// True for the places where a transit passenger keeps s 129 cover.
    pub const fn keeps_transit_cover(self) -> bool {
        matches!(
            self,
            Place::Craft | Place::CustomsArea | Place::PoliceCustody
        )
    }
}

kebab_enum! {
    /// Whose request a s 128(5) detention rests on (`requested-by=`).
    pub enum RequestedBy {
        /// An immigration officer's request (the default, settled reading 4).
        Io = "io",
        /// No request.
        None = "none",
    }
}

kebab_enum! {
    /// Who agreed to premises for a minor (`agreed-by=`).
    pub enum AgreedBy {
        /// A parent or guardian only.
        Parent = "parent",
        /// An immigration officer only.
        Io = "io",
        /// A parent or guardian and an immigration officer (s 128(6)(a)(ii)).
        ParentAndIo = "parent-and-io",
    }
}

kebab_enum! {
    /// Premises named in a warrant (`premises=`).
    pub enum Premises {
        /// A prison.
        Prison = "prison",
        /// Other premises approved for the purpose.
        ApprovedPremises = "approved-premises",
    }
}

kebab_enum! {
    /// The subsection of s 128AA a conditional-release applicant relies on.
    pub enum CrBasis {
        /// s 128AA(1) (application by an officer under (3)).
        S128aa1 = "s128aa-1",
        /// s 128AA(2) (application by an officer or the person under (4)).
        S128aa2 = "s128aa-2",
    }
}

kebab_enum! {
    /// The paragraph of the condition breached (`class=`): s 128AB(1)(a)–(c) or
    /// s 128A(6)(a)–(c).
    pub enum BreachClass {
        /// (a): residence (s 128AB(1)(a)(i), s 128A(6)(a)) or, in s 128AB(1)(a),
        /// also reporting.
        A = "a",
        /// (b): reporting (s 128A(6)(b)) or interviews (s 128AB(1)(b)).
        B = "b",
        /// (c): other conditions.
        C = "c",
    }
}

kebab_enum! {
    /// The result of review proceedings.
    pub enum ReviewResult {
        /// The decision stands (unfavourable to the person).
        Upheld = "upheld" | "dismissed",
        /// The decision is quashed (favourable to the person).
        Quashed = "quashed" | "allowed",
    }
}

kebab_enum! {
    /// What a Judge decides at an appearance (`appear outcome=`).
    pub enum AppearOutcome {
        /// Extend the warrant.
        Extend = "extend",
        /// Release on conditions.
        Release = "release",
        /// Continue custody (or issue a warrant / order re-custody).
        Continue = "continue",
        /// Not satisfied that s 128B still applies: no extension (s 128B(11)).
        Decline = "decline",
    }
}

kebab_enum! {
    /// A reporting condition (`report=`).
    pub enum Report {
        /// A reporting condition is imposed.
        Yes = "yes",
        /// None.
        No = "no",
        /// Daily reporting (s 128A(6)(b)).
        Daily = "daily",
        /// Weekly reporting, a s 60(5)(a) condition "as to reporting at
        /// specified intervals".
        @cfg(feature = "removal") Weekly = "weekly",
    }
}

kebab_enum! {
    /// The adviser on a s 128B determination (`adviser=`).
    pub enum Adviser {
        /// The Commissioner of Police.
        Commissioner = "commissioner",
        /// Another adviser the Minister thinks appropriate.
        Other = "other",
    }
}

kebab_enum! {
    /// An appeal forum (`forum=`).
    pub enum Forum {
        /// Removal Review Authority.
        Rra = "rra",
        /// High Court.
        Hc = "hc",
        /// Court of Appeal.
        Ca = "ca",
        /// Deportation Review Tribunal.
        Drt = "drt",
        /// Refugee Status Appeals Authority.
        Rsaa = "rsaa",
    }
}

kebab_enum! {
    /// An appeal result.
    pub enum AppealResult {
        /// Allowed.
        Allowed = "allowed",
        /// Dismissed.
        Dismissed = "dismissed",
        /// Remitted to the Removal Review Authority with the High Court's
        /// opinion (s 115A(3)(b)).
        @cfg(feature = "removal") Remitted = "remitted",
    }
}

kebab_enum! {
    /// A refugee-status decision.
    pub enum RefugeeResult {
        /// Recognised as a refugee.
        Recognised = "recognised",
        /// Declined.
        Declined = "declined",
    }
}

kebab_enum! {
    /// A s 31 reconsideration result.
    pub enum ReconsiderationResult {
        /// The decline is confirmed.
        Confirmed = "confirmed",
        /// The decline is reversed.
        Reversed = "reversed",
    }
}

kebab_enum! {
    /// The section a deportation order is made under.
    pub enum DeportSection {
        /// s 72.
        S72 = "72",
        /// s 73.
        S73 = "73",
        /// s 91.
        S91 = "91",
        /// s 92.
        S92 = "92",
    }
}

kebab_enum! {
    /// Whether a fact is known (`children=`, `vulnerable=`).
    pub enum YesNoUnknown {
        /// Yes.
        Yes = "yes",
        /// No.
        No = "no",
        /// Not known.
        Unknown = "unknown",
    }
}

kebab_enum! {
    /// An out-of-hours operation approver (`approved-by=`, 2023 policy).
    pub enum Approver {
        /// The Head of Immigration New Zealand; a formally acting Head is the
        /// Head for the policy (`acting-head-of-inz`, rule map A11).
        HeadOfInz = "head-of-inz" | "acting-head-of-inz",
        /// A Deputy Secretary.
        DeputySecretary = "deputy-secretary",
        /// A national manager.
        NationalManager = "national-manager",
        /// A compliance manager.
        ComplianceManager = "compliance-manager",
    }
}

kebab_enum! {
    /// What an enforcement operation is for (`operation-propose purpose=`).
    pub enum Purpose {
        /// To deport the person (a 2009-Act deportation liability notice or
        /// deportation order; rule map A18 maps it to Part 2 removal).
        Deportation = "deportation",
        /// To remove the person under Part 2 (ss 54-59).
        Removal = "removal",
        /// A compliance visit to an employer, not for deportation or removal.
        EmployerCompliance = "employer-compliance",
        /// Any other purpose.
        Other = "other",
    }
}

impl Purpose {
    /// True for the purposes s 129X and the pause of July 2023 speak of:
    /// removal or deportation.
    pub const fn removes(self) -> bool {
        matches!(self, Purpose::Deportation | Purpose::Removal)
    }
}

kebab_enum! {
    /// The kind of an enforcement operation (`operation-propose kind=`).
    pub enum OperationKind {
        /// A visit to a home: a residential address.
        HomeVisit = "home-visit",
        /// A visit to a workplace.
        WorkplaceVisit = "workplace-visit",
        /// Any other kind.
        Other = "other",
    }
}

kebab_enum! {
    /// Which act on an order an operation is for (`operation-propose step=`).
    pub enum Step {
        /// Serving the order (or a deportation liability notice).
        Serve = "serve",
        /// Executing it: custody and placing on a craft (s 2(1) "execute").
        Execute = "execute",
    }
}

kebab_enum! {
    /// The reason given for an out-of-hours operation
    /// (`operation-propose justification=`, repeatable; `config ooh-justification=`).
    pub enum Justification {
        /// A threat to public safety.
        PublicSafety = "public-safety",
        /// The person may abscond.
        FlightRisk = "flight-risk",
        /// Allegations of violence.
        AllegationsOfViolence = "allegations-of-violence",
        /// Any other reason.
        Other = "other",
    }
}

kebab_enum! {
    /// A version of the 2023 out-of-hours policy (`config ooh-from=VERSION@DATE`).
    pub enum OohVersion {
        /// Before May 2023: 07:00-21:00, managers' approval.
        V0 = "v0",
        /// From 1 May 2023: 08:00-18:00, the Head of INZ personally.
        V1 = "v1",
        /// From 5 May 2023: every out-of-hours visit paused.
        V2 = "v2",
        /// From 10 July 2023: residential visits for deportation or removal paused.
        V3 = "v3",
        /// A later version, from configuration.
        V4 = "v4",
    }
}

/// A set of approvers (`approved-by=`, repeatable): one bit per
/// [`Approver`] code. (A set, not a list: only who approved matters, and an
/// event stays small enough for the kiosk's script tables.)
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Approvers(pub u8);

impl Approvers {
    const fn bit(a: Approver) -> u8 {
        match 1u8.checked_shl(a.code() as u32) {
            Some(b) => b,
            None => 0,
        }
    }

    /// Adds `a`.
    pub fn insert(&mut self, a: Approver) {
        self.0 |= Self::bit(a);
    }

    /// True if `a` approved.
    pub const fn contains(self, a: Approver) -> bool {
        self.0 & Self::bit(a) != 0
    }

    /// The approvers, in code order.
    pub fn iter(self) -> impl Iterator<Item = Approver> {
        Approver::ALL
            .iter()
            .copied()
            .filter(move |a| self.contains(*a))
    }
}

/// A set of justification categories (`justification=`, repeatable): one
/// bit per [`Justification`] code.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Justifications(pub u8);

impl Justifications {
    /// The bit of `j`.
    pub const fn bit(j: Justification) -> u8 {
        match 1u8.checked_shl(j.code() as u32) {
            Some(b) => b,
            None => 0,
        }
    }

    /// Adds `j`.
    pub fn insert(&mut self, j: Justification) {
        self.0 |= Self::bit(j);
    }

    /// True if `j` was given.
    pub const fn contains(self, j: Justification) -> bool {
        self.0 & Self::bit(j) != 0
    }
}

kebab_enum! {
    /// The yes/no (or yes/no/unknown) keys of an `operation-propose` line:
    /// where the operation is, and its record (spec
    /// `rules/refugee_and_policy.md` §2.5.1).
    pub enum RecordKey {
        /// `residential=yes|no`: a residential address.
        Residential = "residential",
        /// `children=yes|no|unknown`: children may be present.
        Children = "children",
        /// `vulnerable=yes|no|unknown`: elderly or other vulnerable people.
        Vulnerable = "vulnerable",
        /// `nz-residents=yes|no|unknown`: New Zealand citizens or residents.
        NzResidents = "nz-residents",
        /// `alternatives=yes|no`: an alternative considered, and why it was inadequate.
        Alternatives = "alternatives",
        /// `cultural=yes|no`: cultural factors assessed.
        Cultural = "cultural",
        /// `proportionality=yes|no`: reasonableness, proportionality and public interest.
        Proportionality = "proportionality",
        /// `safety-plan=yes|no`: an officer health and safety plan.
        SafetyPlan = "safety-plan",
        /// `regard=yes|no`: the duty of s 129X(2) acknowledged.
        Regard = "regard",
    }
}

impl RecordKey {
    /// The keys of the operation's record (every key but `residential`, which
    /// says where the operation is), in the order a line's keys are read.
    pub const RECORD: [RecordKey; 8] = [
        RecordKey::Children,
        RecordKey::Vulnerable,
        RecordKey::NzResidents,
        RecordKey::Alternatives,
        RecordKey::Cultural,
        RecordKey::Proportionality,
        RecordKey::SafetyPlan,
        RecordKey::Regard,
    ];

    /// True for the keys that also take `unknown`.
    pub const fn takes_unknown(self) -> bool {
        matches!(
            self,
            RecordKey::Children | RecordKey::Vulnerable | RecordKey::NzResidents
        )
    }
}

/// The answers given to the [`RecordKey`]s of a line, two bits a key (0 not
/// given, then yes, no, unknown), so that an event stays small.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Answers(pub u32);

impl Answers {
    const fn shift(k: RecordKey) -> u32 {
        (k.code() as u32).saturating_mul(2)
    }

    /// The answer to `k`, if given.
    pub const fn get(self, k: RecordKey) -> Option<YesNoUnknown> {
        match (self.0 >> Self::shift(k)) & 3 {
            1 => Some(YesNoUnknown::Yes),
            2 => Some(YesNoUnknown::No),
            3 => Some(YesNoUnknown::Unknown),
            _ => None,
        }
    }

    /// Records the answer to `k`.
    pub fn set(&mut self, k: RecordKey, v: YesNoUnknown) {
        let bits: u32 = match v {
            YesNoUnknown::Yes => 1,
            YesNoUnknown::No => 2,
            YesNoUnknown::Unknown => 3,
        };
        let s = Self::shift(k);
        self.0 = (self.0 & !(3u32 << s)) | (bits << s);
    }

    /// True if the answer to `k` is yes.
    pub const fn yes(self, k: RecordKey) -> bool {
        matches!(self.get(k), Some(YesNoUnknown::Yes))
    }

    /// True if `k` was answered yes or no (not unknown, not absent).
    pub const fn known(self, k: RecordKey) -> bool {
        matches!(self.get(k), Some(YesNoUnknown::Yes | YesNoUnknown::No))
    }
}

kebab_enum! {
    /// A dated policy overlay (`policy NAME`).
    pub enum Policy {
        /// Operational Manual Y4.15 (1 October 1999 to 29 November 2010).
        Y4_15 = "y4-15",
        /// The 2023 out-of-hours enforcement policy (hypothetical under the 1987 Act).
        Ooh2023 = "ooh-2023",
    }
}

kebab_enum! {
    /// The route of a permit grant (`grant-permit basis=`): the s 7(3)
    /// exceptions, and the permits with their own rules on expiry.
    pub enum GrantBasis {
        /// An ordinary grant (s 7(1) applies).
        Ordinary = "ordinary",
        /// s 7(3)(a)(i): a person "entitled to a permit under section 18".
        S18Entitlement = "s18-entitlement",
        /// s 7(3)(a)(ii): "in accordance with a special direction".
        SpecialDirection = "special-direction",
        /// s 7(3)(a)(iia), s 27A: for the purposes of the Mutual Assistance in
        /// Criminal Matters Act 1992, subject to the s 27A(2) condition.
        S27a = "s27a",
        /// s 7(3)(a)(iii): "for the sole purpose of enabling that person to
        /// return to New Zealand to face any charge … or to serve any sentence".
        FaceCharge = "face-charge",
        /// s 35A: the Minister's grant of the Minister's own volition.
        S35a = "s35a",
        /// s 52(2)–(3): on a direction of the Removal Review Authority, "even
        /// though the applicant is a person who would normally be prohibited …
        /// under section 7(1)".
        @cfg(feature = "removal") S52Direction = "s52-direction",
    }
}

impl GrantBasis {
    /// True for the grants that s 7(3)(a) (or s 52(3)) allows despite s 7(1).
    pub const fn despite_s7(self) -> bool {
        !matches!(self, GrantBasis::Ordinary | GrantBasis::S35a)
    }
}

kebab_enum! {
    /// The kind of a sentence (`conviction sentence=`): s 7(2)(a) counts a
    /// sentence "whether … of immediate effect or … deferred or … suspended in
    /// whole or in part"; s 7(1)(a)–(b) count an indeterminate sentence by the
    /// period it is "capable of running".
    pub enum SentenceKind {
        /// Imprisonment of immediate effect (the default).
        Imprisonment = "imprisonment",
        /// A suspended sentence of imprisonment.
        Suspended = "suspended",
        /// A deferred sentence of imprisonment.
        Deferred = "deferred",
        /// An indeterminate sentence: `sentence-months=` is the period it is
        /// capable of running.
        Indeterminate = "indeterminate",
        /// No sentence of imprisonment (a fine, community work, …).
        None = "none",
    }
}

kebab_enum! {
    /// A paragraph of s 7(1)(e)–(i): a belief of the Minister, recorded as a
    /// fact of the person (`person s7-minister=e`).
    pub enum MinisterBelief {
        /// s 7(1)(e): terrorism in New Zealand.
        E = "e",
        /// s 7(1)(f): terrorism outside New Zealand, and a threat to public safety.
        F = "f",
        /// s 7(1)(g): likely to engage in or facilitate terrorism.
        G = "g",
        /// s 7(1)(h): a danger to the security or public order of New Zealand.
        H = "h",
        /// s 7(1)(i): a criminal organisation, and a threat to the public interest.
        I = "i",
    }
}

kebab_enum! {
    /// Why a person is unlawfully in New Zealand under Part 2: the s 45(2)
    /// causes ("the expiry or revocation of a permit, their entry into New
    /// Zealand without a permit or exemption, ceasing to be exempt …"), as the
    /// status machine hands the person over to Part 2.
    pub enum UnlawfulCause {
        /// A temporary permit expired (s 34).
        PermitExpired = "permit-expired",
        /// A limited purpose permit expired (s 34F).
        LppExpired = "lpp-expired",
        /// A temporary permit granted under s 27A(2) expired (s 63(1)).
        S27aPermitExpired = "s27a-permit-expired",
        /// A permit was revoked (ss 19, 20, 32, 33, 33A).
        PermitRevoked = "permit-revoked",
        /// An exemption ceased (s 13(1)).
        ExemptionCeased = "exemption-ceased",
        /// Born in New Zealand to parents unlawfully there (s 4A(4)).
        BornUnlawful = "born-unlawful",
        /// s 128 ceased 72 hours after the first report (s 128(3)).
        S128Ceased = "s128-ceased",
        /// Released under s 128(14): "Part 2 applies" (s 128(14A)).
        S128Released = "s128-released",
        /// Released after review proceedings favourable to the person (s 128A(5)(b)).
        ReviewReleased = "review-released",
        /// Arrived elsewhere than at a Customs place and never presented (s 4(2)).
        EnteredUnlawfully = "entered-unlawfully",
    }
}

/// Parses `yes` / `no`.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match s {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

kebab_enum! {
    /// How a removal order is served (`removal-order-serve mode=`): s 56(1)
    /// "by personal service only", which s 2 defines as "personal delivery …
    /// or, where the person refuses to accept …, the bringing of the document
    /// … to that person's attention".
    pub enum ServiceMode {
        /// Personal delivery.
        Delivered = "delivered",
        /// Refused and brought to the person's attention.
        BroughtToAttention = "brought-to-attention",
        /// "Except where section 141C(d) applies" (text missing).
        S141cD = "s141c-d",
        /// Not personal service (post, a third person, …).
        Other = "other",
    }
}

kebab_enum! {
    /// How a removal order is cancelled (`removal-order-cancel mode=`, s 58).
    pub enum CancelMode {
        /// s 58(1): "endorsing a copy of the order accordingly, and personally
        /// serving that copy" (the person is in New Zealand).
        EndorsedCopy = "endorsed-copy",
        /// s 58(4): "sending the person … a notice to that effect in the
        /// prescribed form" (the person has left).
        PrescribedNotice = "prescribed-notice",
    }
}

kebab_enum! {
    /// Why a s 59 detainee cannot be placed on a craft within 72 hours
    /// (`craft-delayed reason=`, s 60(1)(a)–(d)).
    pub enum CraftReason {
        /// (a) "no craft will be available within the 72-hour period".
        NoCraft = "no-craft",
        /// (b) "a craft that was available is no longer available".
        CraftUnavailable = "craft-unavailable",
        /// (c) "it is not practicable for the person to be placed on a craft".
        NotPracticable = "not-practicable",
        /// (d) "for some other reason the person is unable to leave".
        Other = "other",
    }
}

kebab_enum! {
    /// The s 60(3) ground of a warrant of commitment (`warrant-issue ground=`).
    pub enum WarrantGround {
        /// (a) a craft is likely to be available within the warrant's period.
        A = "60-3-a",
        /// (b) the practical difficulties continue, not for an unreasonable period.
        B = "60-3-b",
        /// (c) the other reasons continue, not for an unreasonable period.
        C = "60-3-c",
        /// (d) in the public interest.
        D = "60-3-d",
    }
}

kebab_enum! {
    /// A direction of the Removal Review Authority (`appeal-decide direction=`, s 52(2)).
    pub enum Direction {
        /// s 52(2)(a): a residence permit.
        ResidencePermit = "residence-permit",
        /// s 52(2)(b): a temporary permit.
        TemporaryPermit = "temporary-permit",
    }
}

kebab_enum! {
    /// Where a refugee claim is signified (`refugee-claim to=`, s 129G(1)).
    pub enum ClaimTo {
        /// To the Department of Labour.
        Department = "department",
        /// To a member of the Police.
        Police = "police",
    }
}

#[cfg(feature = "removal")]
kebab_enum! {
    /// Which reading of the Part 2 day periods (`config reading=`; removal rule
    /// map §6.0): the recommended readings, or the literal ones.
    pub enum Reading {
        /// The rule map's \[R\] readings (the default).
        Recommended = "recommended",
        /// The literal readings (e.g. liability after 42 × 24 hours).
        Literal = "literal",
    }
}

#[cfg(feature = "removal")]
kebab_enum! {
    /// From which appearance s 60(5) release on conditions is available
    /// (`config s60-5-from=`; removal rule map §7 A14).
    pub enum S605From {
        /// The first extension hearing (the issue of the warrant is appearance 1).
        FirstExtension = "first-extension",
        /// The second extension hearing (counting s 60(4) appearances only).
        SecondExtension = "second-extension",
    }
}

/// The most bytes of an officer id (`officer=`).
pub const OFFICER_ID_LEN: usize = 8;

/// An immigration officer's id (`officer=ID`, a bare token of at most 8
/// bytes), kept so that s 54(2) can be checked: an officer "may not make a
/// removal order in respect of a person if the officer has at any previous
/// time been involved in determining an application by that person for a
/// permit". The bytes of the id, zero-padded.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct OfficerId(pub [u8; OFFICER_ID_LEN]);

impl OfficerId {
    /// The id of `s`, if it is 1 to 8 bytes of the bare-token alphabet.
    pub fn new(s: &str) -> Option<OfficerId> {
        let b = s.as_bytes();
        let bare = |c: &u8| c.is_ascii_alphanumeric() || b"._:+()/@-".contains(c);
        if b.is_empty() || b.len() > OFFICER_ID_LEN || !b.iter().all(bare) {
            return None;
        }
        let mut id = [0u8; OFFICER_ID_LEN];
        for (d, c) in id.iter_mut().zip(b) {
            *d = *c;
        }
        Some(OfficerId(id))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        let n = self
            .0
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(OFFICER_ID_LEN);
        self.0
            .get(..n)
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// The id packed into an integer (the C ABI's typed form: its bytes,
    /// little-endian).
    pub fn to_i64(&self) -> i64 {
        i64::from_le_bytes(self.0)
    }

    /// The id from its packed integer (see [`to_i64`](Self::to_i64)).
    pub fn from_i64(v: i64) -> Option<OfficerId> {
        let b = v.to_le_bytes();
        let n = b.iter().position(|&x| x == 0).unwrap_or(OFFICER_ID_LEN);
        if n == 0 || b.get(n..).is_some_and(|rest| rest.iter().any(|&x| x != 0)) {
            return None;
        }
        core::str::from_utf8(b.get(..n)?)
            .ok()
            .and_then(OfficerId::new)
    }
}
