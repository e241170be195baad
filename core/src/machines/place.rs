//! Places of overnight detention: s 128(6) (before a s 128 warrant), s 128B(7)
//! (any s 128B custody) and the policy concern about minors in prison under a
//! s 128 warrant (rule map 3.6, 4.6, 9.12).
//!
//! "Overnight" is undefined in the Act. A placement counts as overnight if the
//! line says `overnight=yes`, or if it happens inside the configured overnight
//! window (`config overnight-window=`, default 00:00–06:00 local). Age is
//! evaluated when the placement begins (rule map 9.13).

use crate::case::Ctx;
use crate::outcome::{FindingCode, Rejection, Severity};
use crate::rules::RuleId;
use crate::vocab::values::{AgreedBy, Place};

/// The power the custody rests on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Custody {
    /// s 128(5), before any warrant: s 128(6) applies.
    S128PreWarrant,
    /// Under a s 128 warrant: "a prison or some other premises approved" (s 128(7)).
    S128Warrant,
    /// s 128B(3) or (6)(c): s 128B(7) applies.
    S128B,
}

/// Checks one placement and records any finding. Returns the rule applied.
pub fn check(
    ctx: &mut Ctx<'_>,
    custody: Custody,
    place: Place,
    overnight: bool,
    agreed_by: Option<AgreedBy>,
    judge_direction: bool,
) -> Result<(), Rejection> {
    let at = ctx.at();
    let overnight = overnight || ctx.case.is_overnight(at);
    let minor = ctx.case.is_unmarried_minor(at);
    match custody {
        Custody::S128Warrant => {
            if minor && place == Place::Prison {
                // Rule map 9.12: s 128(6) governs pre-warrant custody only, so this
                // is a policy concern (warning), not a breach of the Act.
                ctx.find(
                    Severity::Warning,
                    FindingCode::MinorInPrisonWarrant,
                    RuleId::S128_7,
                )?;
            } else {
                ctx.out.cite(RuleId::S128_7)?;
            }
            Ok(())
        }
        Custody::S128PreWarrant | Custody::S128B => {
            if !overnight {
                return Ok(());
            }
            let (minor_rule, adult_rule) = match custody {
                Custody::S128B => (RuleId::S128B_7_A, RuleId::S128B_7_B),
                _ => (RuleId::S128_6_A, RuleId::S128_6_B),
            };
            if minor {
                match place {
                    Place::CyfResidence => ctx.out.cite(minor_rule),
                    Place::AgreedPremises if agreed_by == Some(AgreedBy::ParentAndIo) => {
                        ctx.out.cite(minor_rule)
                    }
                    // Rule map 4.6: a Police station is `minor-police-station`; a
                    // prison, like any other place the Act does not list, is
                    // `minor-wrong-premises`.
                    Place::PoliceStation | Place::PoliceCustody => ctx.find(
                        Severity::Violation,
                        FindingCode::MinorPoliceStation,
                        minor_rule,
                    ),
                    _ => ctx.find(
                        Severity::Violation,
                        FindingCode::MinorWrongPremises,
                        minor_rule,
                    ),
                }
            } else {
                match place {
                    Place::ApprovedPremises | Place::PoliceStation | Place::PoliceCustody => {
                        ctx.out.cite(adult_rule)
                    }
                    Place::Prison if custody == Custody::S128B && judge_direction => {
                        ctx.out.cite(adult_rule)
                    }
                    _ => ctx.find(
                        Severity::Violation,
                        FindingCode::AdultWrongPremises,
                        adult_rule,
                    ),
                }
            }
        }
    }
}
