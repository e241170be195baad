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
//! Each step carries what the firmware must see after it ([`Expect`]); a
//! mismatch is a failed check and the run ends with `ok=false`.

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

/// What must hold after a step (all parts optional).
#[derive(Clone, Copy, Debug)]
pub struct Expect {
    /// Machine states that must be reported (`machine.state`).
    pub states: &'static [&'static str],
    /// The open deadline `(name, due)`, with `due` as an RFC 3339 timestamp.
    pub deadline: Option<(&'static str, &'static str)>,
    /// A deadline that must no longer be open.
    pub no_deadline: Option<&'static str>,
    /// The findings of the line, exactly and in order (`severity:code`).
    pub findings: &'static [&'static str],
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

/// One scripted step: who, what happens at the kiosk, the case-language line.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// The traveller whose case the line belongs to.
    pub who: Traveller,
    /// What happens, in kiosk terms.
    pub what: &'static str,
    /// The case-language line (an event, or a `person` / `policy` / `config` line).
    pub line: &'static str,
    /// What must hold afterwards.
    pub expect: Expect,
}

/// The kiosk script.
pub const SCRIPT: &[Step] = &[
    Step {
        who: Traveller::A,
        what: "flight NZ006 lands; A disembarks",
        line: "2009-03-02T06:10+13:00 arrive craft=NZ006 place=customs",
        expect: Expect {
            states: &["status.arrived"],
            path: Some(Path::Screening),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::B,
        what: "flight NZ006 lands; B disembarks",
        line: "2009-03-02T06:10+13:00 arrive craft=NZ006 place=customs",
        expect: Expect {
            states: &["status.arrived"],
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::C,
        what: "flight NZ006 lands; C disembarks",
        line: "2009-03-02T06:10+13:00 arrive craft=NZ006 place=customs",
        expect: Expect {
            states: &["status.arrived"],
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::C,
        what: "C presents at the kiosk",
        line: "2009-03-02T06:14+13:00 present",
        expect: Expect {
            states: &["status.arrived"],
            path: Some(Path::Screening),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::C,
        what: "document check: New Zealand passport verified",
        line: "person citizen=yes born=1970-01-01",
        expect: Expect {
            states: &["status.citizen"],
            path: Some(Path::Cleared),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::A,
        what: "A presents at the kiosk",
        line: "2009-03-02T06:20+13:00 present",
        expect: Expect {
            states: &["status.arrived"],
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::A,
        what: "document check: passport read (not a citizen)",
        line: "person citizen=no born=1979-11-20 married=no",
        expect: Expect {
            states: &["status.arrived"],
            path: Some(Path::Screening),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::B,
        what: "B presents at the kiosk",
        line: "2009-03-02T06:25+13:00 present",
        expect: Expect {
            states: &["status.arrived"],
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::B,
        what: "document check: passport read (not a citizen)",
        line: "person citizen=no born=1985-01-01 married=no",
        expect: Expect {
            states: &["status.arrived"],
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::A,
        what: "document check flags the passport as altered: kiosk refers A to an officer",
        line: "2009-03-02T06:30+13:00 suspect-s7 by=io reason=false-documents",
        expect: Expect {
            states: &["status.unlawful-s128b", "eligibility.applies"],
            path: Some(Path::Officer),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::B,
        what: "B applies for a visitor's permit at the kiosk",
        line: "2009-03-02T06:32+13:00 apply-permit type=temporary kind=visitor",
        expect: Expect {
            states: &["status.arrived"],
            path: Some(Path::Screening),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::A,
        what: "the officer offers A voluntary departure (declined)",
        line: "2009-03-02T06:45+13:00 offer-voluntary-departure",
        expect: Expect {
            states: &["eligibility.applies"],
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::A,
        what: "Police take A into custody under s 128B(3)",
        line: "2009-03-02T07:00+13:00 detain by=police basis=s128b",
        expect: Expect {
            states: &["status.unlawful-s128b", "eligibility.custody"],
            deadline: Some(("warrant-application", "2009-03-04T07:00+13:00")),
            path: Some(Path::Custody128B),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::B,
        what: "the officer refuses B a permit: s 128 applies",
        line: "2009-03-02T08:00+13:00 refuse-permit by=io",
        expect: Expect {
            states: &["status.unlawful-s128", "border.at-large"],
            deadline: Some(("s128-cessation", "2009-03-05T06:25+13:00")),
            path: Some(Path::Officer),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::B,
        what: "Police detain B at the officer's request (s 128(5))",
        line: "2009-03-02T08:30+13:00 detain by=police basis=s128 requested-by=io",
        expect: Expect {
            states: &["border.custody-pre-warrant"],
            deadline: Some(("warrant-required", "2009-03-04T08:30+13:00")),
            no_deadline: Some("s128-cessation"),
            path: Some(Path::Custody128),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::A,
        what: "A is held overnight in approved premises",
        line: "2009-03-02T20:00+13:00 move place=approved-premises overnight=yes",
        expect: Expect {
            states: &["eligibility.custody"],
            deadline: Some(("warrant-application", "2009-03-04T07:00+13:00")),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::B,
        what: "B is held overnight in approved premises",
        line: "2009-03-02T21:00+13:00 move place=approved-premises overnight=yes",
        expect: Expect {
            states: &["border.custody-pre-warrant"],
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::A,
        what: "morning check of A's clocks: the warrant-application clock is running",
        line: "2009-03-03T09:00+13:00 tick",
        expect: Expect {
            states: &["eligibility.custody"],
            deadline: Some(("warrant-application", "2009-03-04T07:00+13:00")),
            findings: &["undetermined:determination-delayed"],
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::B,
        what: "B departs on a flight, inside 48 hours of custody",
        line: "2009-03-03T14:00+13:00 depart",
        expect: Expect {
            states: &["status.departed", "border.departed"],
            no_deadline: Some("warrant-required"),
            path: Some(Path::Departed),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::A,
        what: "Police apply to a Judge for a warrant of commitment (s 128B(6)(c))",
        line: "2009-03-03T15:00+13:00 warrant-apply by=police to=judge",
        expect: Expect {
            states: &["eligibility.custody"],
            no_deadline: Some("warrant-application"),
            ..Expect::NONE
        },
    },
    Step {
        who: Traveller::A,
        what: "the Judge issues a 28-day warrant (s 128B(9))",
        line: "2009-03-03T16:00+13:00 warrant-issue by=judge days=28 premises=approved-premises",
        expect: Expect {
            states: &["status.unlawful-s128b", "eligibility.custody-warrant"],
            deadline: Some(("warrant-expiry", "2009-03-31T23:59:59+13:00")),
            path: Some(Path::Custody128B),
            ..Expect::NONE
        },
    },
];

/// The number of steps in the script.
pub const STEPS: usize = SCRIPT.len();
