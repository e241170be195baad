//! The typed directives of a case file (case-format.md §2): the facts of a
//! `person` line, the settings of a `config` line, and the obligations whose
//! service level a setting names.

use super::values::Approver;
#[cfg(feature = "operation")]
use super::values::{Justification, OohVersion};
#[cfg(feature = "removal")]
use super::values::{Reading, S605From};
use crate::time::{Date, Zone};

/// An obligation with a service level (settled reading 3).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Obligation {
    /// Release "immediately" (s 128B(5)(a)(i)) or "on receiving" notice (s 128(14)(a)).
    Release,
    /// The s 7(1) determination "as speedily as may be possible" (s 128B(6)(a)).
    Determination,
    /// Before a Judge "as soon as possible" (ss 128AC(3), 128A(10)(b), (10A)(b)).
    Judge,
}

/// One `config` setting.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum ConfigItem {
    /// `holiday=DATE`: an extra excluded day (Departmental or anniversary).
    Holiday(Date),
    /// `zone=mainland|chatham`.
    Zone(Zone),
    /// `service-level=DURATION` (all obligations) or `service-level.NAME=`.
    ServiceLevel(Option<Obligation>, i64),
    /// `aa1a-covers-prewarrant=yes|no` (s 128AA(1)(a) gap).
    Aa1aCoversPrewarrant(bool),
    /// `aa2a-covers-claimants=yes|no` (s 128AA(2)(a) gap).
    Aa2aCoversClaimants(bool),
    /// `defective-application-voids-warrant=yes|no`.
    DefectiveApplicationVoidsWarrant(bool),
    /// `apply-s2-2-to-128b-6c=yes|no`.
    ApplyS2_2To128b6c(bool),
    /// `overnight-window=HH:MM/HH:MM`, in seconds after local midnight.
    OvernightWindow(u32, u32),
    /// `y4-15=yes|no`: the Y4.15 overlay (on by default).
    Y415(bool),
    /// `hypothetical=yes|no`: evaluate events after the repeal.
    Hypothetical(bool),
    /// `ooh-role=ROLE` (repeatable): an approver required from July 2023 on,
    /// beside the Head of Immigration New Zealand (settled reading 9).
    OohRole(Approver),
    /// `ooh-pause=on|off`: the July 2023 pause and its continuation in V4
    /// (default on).
    #[cfg(feature = "operation")]
    OohPause(bool),
    /// `ooh-from=VERSION@DATE`: the local date a policy version takes effect.
    #[cfg(feature = "operation")]
    OohFrom(OohVersion, Date),
    /// `ooh-window=HH:MM-HH:MM`: V4's in-hours window, in seconds after local
    /// midnight (start included, end excluded).
    #[cfg(feature = "operation")]
    OohWindow(u32, u32),
    /// `ooh-justification=CATEGORY` (repeatable): an accepted justification
    /// (default: public-safety only).
    #[cfg(feature = "operation")]
    OohJustification(Justification),
    /// `reading=recommended|literal`: the Part 2 day periods (removal rule map §6.0).
    #[cfg(feature = "removal")]
    Reading(Reading),
    /// `s60-5-from=first-extension|second-extension` (removal rule map §7 A14).
    #[cfg(feature = "removal")]
    S605From(S605From),
}

/// The facts of a `person` line.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct PersonLine {
    /// `citizen=yes|no`.
    pub citizen: Option<bool>,
    /// `born=DATE`.
    pub born: Option<Date>,
    /// `married=yes|no` (marriage or civil union).
    pub married: Option<bool>,
    /// `nationality=AAA` (ISO 3166 alpha-3, upper case).
    pub nationality: Option<[u8; 3]>,
    /// `deported=yes|no` (s 7(1)(d)).
    pub deported: Option<bool>,
    /// `s7-minister=e|f|g|h|i` (repeatable): the Minister "has reason to
    /// believe" the matters of s 7(1)(e)–(i); one bit per paragraph, in
    /// [`crate::vocab::values::MinisterBelief`] order.
    pub minister: u8,
}
