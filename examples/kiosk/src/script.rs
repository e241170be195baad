//! The scripted input of the kiosk: one flight (NZ006, Auckland, Monday
//! 2 March 2009, NZDT) and three travellers, as case-language lines in the
//! order the kiosk and the officers record them.
//!
//! - **A** presents at the kiosk; the document check finds a passport that
//!   appears altered, so the kiosk refers A to an immigration officer, who has
//!   reason to suspect false documents: s 128B applies. The officer offers
//!   voluntary departure (Y4.15 para 3, declined); the Police take A into
//!   custody under s 128B(3), which starts the 48-hour clock for the warrant
//!   application (s 128B(6)(c)). The clock is checked the next morning; the
//!   Police apply for a warrant and a Judge issues it.
//! - **B** holds valid documents but is refused a permit: s 128 applies; B is
//!   detained at an officer's request, held overnight in approved premises and
//!   departs the next day, inside 48 hours, so no warrant is needed.
//! - **C** is a New Zealand citizen (s 3) and is cleared at the kiosk.
//!
//! Each step is a typed event (or `person` facts), so the firmware does not
//! link the case-language parser (it would not fit the 64 KiB flash budget
//! next to the rules). The case-language text of each step is in [`LINES`]
//! (logged by the self-test image), and the host build checks that every text
//! parses to exactly the typed step ([`crate::host_checks`], run by
//! `ia87-kiosk-selftest` on the host). What the firmware must see after each
//! step is in [`EXPECT`] (checked by the self-test image); a mismatch is a
//! failed check and the run ends with `ok=false`.

/// The travellers of the script.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Traveller {
    /// False documents: s 128B.
    A,
    /// Refused a permit: s 128.
    B,
    /// A New Zealand citizen.
    C,
}

/// How many travellers (cases) the kiosk holds.
pub const TRAVELLERS: usize = 3;

impl Traveller {
    /// Every traveller, in case-slot order.
    pub const ALL: [Traveller; TRAVELLERS] = [Traveller::A, Traveller::B, Traveller::C];

    /// The index of the traveller's case.
    pub const fn index(self) -> usize {
        match self {
            Traveller::A => 0,
            Traveller::B => 1,
            Traveller::C => 2,
        }
    }

    /// The one-letter name used in the log.
    pub const fn name(self) -> &'static str {
        match self {
            Traveller::A => "A",
            Traveller::B => "B",
            Traveller::C => "C",
        }
    }
}

/// The route the kiosk gives a traveller, derived from the core's outcome.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Path {
    /// Arrived, nothing decided yet.
    Screening,
    /// Cleared: a citizen, exempt, or holding a permit.
    Cleared,
    /// Referred to an immigration officer (s 128 or s 128B applies, not held).
    Officer,
    /// In Police custody under s 128B.
    Custody128B,
    /// In custody under s 128.
    Custody128,
    /// Has left New Zealand.
    Departed,
}

impl Path {
    /// The text shown on the kiosk log.
    pub const fn text(self) -> &'static str {
        match self {
            Path::Screening => "screening",
            Path::Cleared => "cleared",
            Path::Officer => "referred to an immigration officer",
            Path::Custody128B => "held: s 128B eligibility detention",
            Path::Custody128 => "held: s 128 border detention",
            Path::Departed => "departed",
        }
    }
}

use ia87_core::lang::values::{
    Actor, ArrivalPlace, DetainBasis, PermitKind, PermitType, Place, Premises, RequestedBy,
    SuspectReason,
};
use ia87_core::machines::{
    border::BorderState, eligibility::EligibilityState, status::StatusState,
};
use ia87_core::time::Instant;
use ia87_core::{DeadlineName as D, Event, EventKind, FindingCode, MachineState, Severity};

/// What must hold after a step (all parts optional).
#[derive(Clone, Copy, Debug)]
pub struct Expect {
    /// Machine states that must be reported.
    pub states: &'static [MachineState],
    /// An open deadline and its `due` (UTC seconds).
    pub deadline: Option<(D, i64)>,
    /// A deadline that must no longer be open.
    pub no_deadline: Option<D>,
    /// The findings of the line, exactly and in order.
    pub findings: &'static [(Severity, FindingCode)],
    /// The kiosk's route for the traveller.
    pub path: Option<Path>,
}

impl Expect {
    /// Nothing beyond "no findings".
    pub const NONE: Expect = Expect {
        states: &[],
        deadline: None,
        no_deadline: None,
        findings: &[],
        path: None,
    };
}

/// Facts the kiosk reads from a passport (a `person` line).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Passport {
    /// A New Zealand citizen.
    pub citizen: bool,
    /// Date of birth (year, month, day).
    pub born: (i32, u8, u8),
    /// Married or in a civil union, if the document says.
    pub married: Option<bool>,
}

/// What a step feeds the core.
#[derive(Clone, Debug)]
pub enum Action {
    /// An event, for `Case::apply`.
    Event(Event),
    /// Facts for `Case::set_person`.
    Person(Passport),
}

/// One scripted step.
#[derive(Clone, Debug)]
pub struct Step {
    /// The traveller whose case the step belongs to.
    pub who: Traveller,
    /// What happens, in kiosk terms.
    pub what: &'static str,
    /// What the core is given.
    pub action: Action,
}

const fn ev(unix: i64, kind: EventKind) -> Action {
    Action::Event(Event {
        at: Instant::from_unix_seconds(unix),
        kind,
    })
}

const ARRIVE: EventKind = EventKind::Arrive {
    craft: true,
    place: Some(ArrivalPlace::Customs),
    stowaway: false,
    transit: false,
    precleared: false,
    group: false,
    transit_visa: None,
};

const fn moved(place: Place) -> EventKind {
    EventKind::Move {
        place,
        overnight: true,
        agreed_by: None,
        judge_direction: false,
    }
}

const fn detain(basis: DetainBasis) -> EventKind {
    EventKind::Detain {
        by: Some(Actor::Police),
        basis,
        place: None,
        overnight: false,
        requested_by: RequestedBy::Io,
        agreed_by: None,
        judge_direction: false,
        from_prison: false,
    }
}

use MachineState::{Border as B, Eligibility as E, Status as S};

// Instants (UTC seconds) of the script, 2009, NZDT (+13:00).
const T_0302_0610: i64 = 1_235_927_400;
const T_0302_0614: i64 = 1_235_927_640;
const T_0302_0620: i64 = 1_235_928_000;
const T_0302_0625: i64 = 1_235_928_300;
const T_0302_0630: i64 = 1_235_928_600;
const T_0302_0632: i64 = 1_235_928_720;
const T_0302_0645: i64 = 1_235_929_500;
const T_0302_0700: i64 = 1_235_930_400;
const T_0302_0800: i64 = 1_235_934_000;
const T_0302_0830: i64 = 1_235_935_800;
const T_0302_2000: i64 = 1_235_977_200;
const T_0302_2100: i64 = 1_235_980_800;
const T_0303_0900: i64 = 1_236_024_000;
const T_0303_1400: i64 = 1_236_042_000;
const T_0303_1500: i64 = 1_236_045_600;
const T_0303_1600: i64 = 1_236_049_200;
const T_0304_0700: i64 = 1_236_103_200;
const T_0304_0830: i64 = 1_236_108_600;
const T_0305_0625: i64 = 1_236_187_500;
const T_0331_2359_59: i64 = 1_238_497_199;

/// The kiosk script.
pub const SCRIPT: &[Step] = &[
    Step {
        who: Traveller::A,
        what: "flight NZ006 lands; A disembarks",
        action: ev(T_0302_0610, ARRIVE),
    },
    Step {
        who: Traveller::B,
        what: "flight NZ006 lands; B disembarks",
        action: ev(T_0302_0610, ARRIVE),
    },
    Step {
        who: Traveller::C,
        what: "flight NZ006 lands; C disembarks",
        action: ev(T_0302_0610, ARRIVE),
    },
    Step {
        who: Traveller::C,
        what: "C presents at the kiosk",
        action: ev(T_0302_0614, EventKind::Present),
    },
    Step {
        who: Traveller::C,
        what: "document check: New Zealand passport verified",
        action: Action::Person(Passport {
            citizen: true,
            born: (1970, 1, 1),
            married: None,
        }),
    },
    Step {
        who: Traveller::A,
        what: "A presents at the kiosk",
        action: ev(T_0302_0620, EventKind::Present),
    },
    Step {
        who: Traveller::A,
        what: "document check: passport read (not a citizen)",
        action: Action::Person(Passport {
            citizen: false,
            born: (1979, 11, 20),
            married: Some(false),
        }),
    },
    Step {
        who: Traveller::B,
        what: "B presents at the kiosk",
        action: ev(T_0302_0625, EventKind::Present),
    },
    Step {
        who: Traveller::B,
        what: "document check: passport read (not a citizen)",
        action: Action::Person(Passport {
            citizen: false,
            born: (1985, 1, 1),
            married: Some(false),
        }),
    },
    Step {
        who: Traveller::A,
        what: "document check flags the passport as altered: kiosk refers A to an officer",
        action: ev(
            T_0302_0630,
            EventKind::SuspectS7 {
                by: Some(Actor::Io),
                reason: SuspectReason::FalseDocuments,
            },
        ),
    },
    Step {
        who: Traveller::B,
        what: "B applies for a visitor's permit at the kiosk",
        action: ev(
            T_0302_0632,
            EventKind::ApplyPermit {
                permit: PermitType::Temporary,
                kind: Some(PermitKind::Visitor),
            },
        ),
    },
    Step {
        who: Traveller::A,
        what: "the officer offers A voluntary departure (declined)",
        action: ev(T_0302_0645, EventKind::OfferVoluntaryDeparture),
    },
    Step {
        who: Traveller::A,
        what: "Police take A into custody under s 128B(3)",
        action: ev(T_0302_0700, detain(DetainBasis::S128b)),
    },
    Step {
        who: Traveller::B,
        what: "the officer refuses B a permit: s 128 applies",
        action: ev(
            T_0302_0800,
            EventKind::RefusePermit {
                by: Some(Actor::Io),
                officer: None,
            },
        ),
    },
    Step {
        who: Traveller::B,
        what: "Police detain B at the officer's request (s 128(5))",
        action: ev(T_0302_0830, detain(DetainBasis::S128)),
    },
    Step {
        who: Traveller::A,
        what: "A is held overnight in approved premises",
        action: ev(T_0302_2000, moved(Place::ApprovedPremises)),
    },
    Step {
        who: Traveller::B,
        what: "B is held overnight in approved premises",
        action: ev(T_0302_2100, moved(Place::ApprovedPremises)),
    },
    Step {
        who: Traveller::A,
        what: "morning check of A's clocks: the warrant-application clock is running",
        action: ev(T_0303_0900, EventKind::Tick),
    },
    Step {
        who: Traveller::B,
        what: "B departs on a flight, inside 48 hours of custody",
        action: ev(T_0303_1400, EventKind::Depart),
    },
    Step {
        who: Traveller::A,
        what: "Police apply to a Judge for a warrant of commitment (s 128B(6)(c))",
        action: ev(
            T_0303_1500,
            EventKind::WarrantApply {
                by: Some(Actor::Police),
                to: Some(Actor::Judge),
                oath: None,
                reasons: None,
            },
        ),
    },
    Step {
        who: Traveller::A,
        what: "the Judge issues a 28-day warrant (s 128B(9))",
        action: ev(
            T_0303_1600,
            EventKind::WarrantIssue {
                by: Some(Actor::Judge),
                days: Some(28),
                premises: Some(Premises::ApprovedPremises),
                ground: None,
                expires_at: None,
                documents: false,
            },
        ),
    },
];

/// The number of steps in the script.
pub const STEPS: usize = SCRIPT.len();

/// Each step of [`SCRIPT`] as a case-language line. The self-test image logs
/// them; the host build checks that each parses to exactly the typed step
/// ([`crate::host_checks`]). The production image does not carry them (1 KB).
pub const LINES: &[&str] = &[
    "2009-03-02T06:10+13:00 arrive craft=NZ006 place=customs",
    "2009-03-02T06:10+13:00 arrive craft=NZ006 place=customs",
    "2009-03-02T06:10+13:00 arrive craft=NZ006 place=customs",
    "2009-03-02T06:14+13:00 present",
    "person citizen=yes born=1970-01-01",
    "2009-03-02T06:20+13:00 present",
    "person citizen=no born=1979-11-20 married=no",
    "2009-03-02T06:25+13:00 present",
    "person citizen=no born=1985-01-01 married=no",
    "2009-03-02T06:30+13:00 suspect-s7 by=io reason=false-documents",
    "2009-03-02T06:32+13:00 apply-permit type=temporary kind=visitor",
    "2009-03-02T06:45+13:00 offer-voluntary-departure",
    "2009-03-02T07:00+13:00 detain by=police basis=s128b",
    "2009-03-02T08:00+13:00 refuse-permit by=io",
    "2009-03-02T08:30+13:00 detain by=police basis=s128 requested-by=io",
    "2009-03-02T20:00+13:00 move place=approved-premises overnight=yes",
    "2009-03-02T21:00+13:00 move place=approved-premises overnight=yes",
    "2009-03-03T09:00+13:00 tick",
    "2009-03-03T14:00+13:00 depart",
    "2009-03-03T15:00+13:00 warrant-apply by=police to=judge",
    "2009-03-03T16:00+13:00 warrant-issue by=judge days=28 premises=approved-premises",
];

const _: () = assert!(LINES.len() == STEPS, "one line per step");

/// What each step of [`SCRIPT`] must produce, step by step (kept apart from
/// the steps, so that an image that does not check them does not carry them).
pub const EXPECT: &[Expect] = &[
    // [00] flight NZ006 lands; A disembarks
    Expect {
        states: &[S(StatusState::Arrived)],
        path: Some(Path::Screening),
        ..Expect::NONE
    },
    // [01] flight NZ006 lands; B disembarks
    Expect {
        states: &[S(StatusState::Arrived)],
        ..Expect::NONE
    },
    // [02] flight NZ006 lands; C disembarks
    Expect {
        states: &[S(StatusState::Arrived)],
        ..Expect::NONE
    },
    // [03] C presents at the kiosk
    Expect {
        states: &[S(StatusState::Arrived)],
        path: Some(Path::Screening),
        ..Expect::NONE
    },
    // [04] document check: New Zealand passport verified
    Expect {
        states: &[S(StatusState::Citizen)],
        path: Some(Path::Cleared),
        ..Expect::NONE
    },
    // [05] A presents at the kiosk
    Expect {
        states: &[S(StatusState::Arrived)],
        ..Expect::NONE
    },
    // [06] document check: passport read (not a citizen)
    Expect {
        states: &[S(StatusState::Arrived)],
        path: Some(Path::Screening),
        ..Expect::NONE
    },
    // [07] B presents at the kiosk
    Expect {
        states: &[S(StatusState::Arrived)],
        ..Expect::NONE
    },
    // [08] document check: passport read (not a citizen)
    Expect {
        states: &[S(StatusState::Arrived)],
        ..Expect::NONE
    },
    // [09] document check flags the passport as altered: kiosk refers A to an officer
    Expect {
        states: &[S(StatusState::UnlawfulS128b), E(EligibilityState::Applies)],
        path: Some(Path::Officer),
        ..Expect::NONE
    },
    // [10] B applies for a visitor's permit at the kiosk
    Expect {
        states: &[S(StatusState::Arrived)],
        path: Some(Path::Screening),
        ..Expect::NONE
    },
    // [11] the officer offers A voluntary departure (declined)
    Expect {
        states: &[E(EligibilityState::Applies)],
        ..Expect::NONE
    },
    // [12] Police take A into custody under s 128B(3)
    Expect {
        states: &[S(StatusState::UnlawfulS128b), E(EligibilityState::Custody)],
        deadline: Some((D::WarrantApplication, T_0304_0700)),
        path: Some(Path::Custody128B),
        ..Expect::NONE
    },
    // [13] the officer refuses B a permit: s 128 applies
    Expect {
        states: &[S(StatusState::UnlawfulS128), B(BorderState::AtLarge)],
        deadline: Some((D::S128Cessation, T_0305_0625)),
        path: Some(Path::Officer),
        ..Expect::NONE
    },
    // [14] Police detain B at the officer's request (s 128(5))
    Expect {
        states: &[B(BorderState::CustodyPreWarrant)],
        deadline: Some((D::WarrantRequired, T_0304_0830)),
        no_deadline: Some(D::S128Cessation),
        path: Some(Path::Custody128),
        ..Expect::NONE
    },
    // [15] A is held overnight in approved premises
    Expect {
        states: &[E(EligibilityState::Custody)],
        deadline: Some((D::WarrantApplication, T_0304_0700)),
        ..Expect::NONE
    },
    // [16] B is held overnight in approved premises
    Expect {
        states: &[B(BorderState::CustodyPreWarrant)],
        ..Expect::NONE
    },
    // [17] morning check of A's clocks: the warrant-application clock is running
    Expect {
        states: &[E(EligibilityState::Custody)],
        deadline: Some((D::WarrantApplication, T_0304_0700)),
        findings: &[(Severity::Undetermined, FindingCode::DeterminationDelayed)],
        ..Expect::NONE
    },
    // [18] B departs on a flight, inside 48 hours of custody
    Expect {
        states: &[S(StatusState::Departed), B(BorderState::Departed)],
        no_deadline: Some(D::WarrantRequired),
        path: Some(Path::Departed),
        ..Expect::NONE
    },
    // [19] Police apply to a Judge for a warrant of commitment (s 128B(6)(c))
    Expect {
        states: &[E(EligibilityState::Custody)],
        no_deadline: Some(D::WarrantApplication),
        ..Expect::NONE
    },
    // [20] the Judge issues a 28-day warrant (s 128B(9))
    Expect {
        states: &[
            S(StatusState::UnlawfulS128b),
            E(EligibilityState::CustodyWarrant),
        ],
        deadline: Some((D::WarrantExpiry, T_0331_2359_59)),
        path: Some(Path::Custody128B),
        ..Expect::NONE
    },
];

const _: () = assert!(EXPECT.len() == STEPS, "one expectation per step");
