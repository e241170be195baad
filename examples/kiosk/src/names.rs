//! The names the kiosk logs (states, deadlines, findings, rule citations),
//! packed at compile time.
//!
//! `ia87_core`'s `name()` and `cite()` are `match`es that LLVM turns into two
//! tables per enum, a pointer and a length per value (8 B), and for the 144
//! rule citations into two 256-entry tables (2 KB). Here the same strings,
//! taken from those very `const fn`s when the kiosk is compiled, are laid end
//! to end in one string per enum, with a `u16` end offset per value: the
//! strings cost what they did, the tables a quarter. Nothing is copied by
//! hand, so the names cannot drift from the core's; the host self-test checks
//! every value anyway ([`crate::host_checks`]).
//!
//! The packing runs only in `const` items: an index out of range or an
//! overflow there is a compile error, not a panic, hence the `allow`s.

use ia87_core::machines::{
    border::BorderState, eligibility::EligibilityState, status::StatusState, transit::TransitState,
};
use ia87_core::rules::RuleId;
use ia87_core::{DeadlineName, ErrorCode, FindingCode, MachineState, Severity};

/// The `i`th of the strings laid end to end in `text`, ending at `ends`.
fn nth(text: &'static str, ends: &[u16], i: usize) -> &'static str {
    let end = ends.get(i).copied().map_or(0, usize::from);
    let start = i
        .checked_sub(1)
        .and_then(|p| ends.get(p))
        .copied()
        .map_or(0, usize::from);
    text.get(start..end).unwrap_or("")
}

/// Declares `pub fn $fun(v: $ty) -> &'static str`, returning `v.$name()`
/// from a table packed at compile time over `$ty::ALL` (in which each value
/// sits at its `code()`, checked at compile time).
macro_rules! packed {
    ($(#[$doc:meta])* $fun:ident: $ty:ty, $name:ident) => {
        $(#[$doc])*
        pub fn $fun(v: $ty) -> &'static str {
            #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
            mod table {
                use super::*;
                const ALL: &[$ty] = <$ty>::ALL;
                const N: usize = ALL.len();
                const LEN: usize = {
                    let mut n = 0;
                    let mut i = 0;
                    while i < N {
                        assert!(ALL[i].code() as usize == i, "a value is not at its code");
                        n += ALL[i].$name().len();
                        i += 1;
                    }
                    n
                };
                const BYTES: [u8; LEN] = {
                    let mut b = [0u8; LEN];
                    let mut at = 0;
                    let mut i = 0;
                    while i < N {
                        let s = ALL[i].$name().as_bytes();
                        let mut j = 0;
                        while j < s.len() {
                            b[at] = s[j];
                            at += 1;
                            j += 1;
                        }
                        i += 1;
                    }
                    b
                };
                pub const ENDS: [u16; N] = {
                    assert!(LEN <= u16::MAX as usize, "names too long for u16 offsets");
                    let mut e = [0u16; N];
                    let mut at = 0;
                    let mut i = 0;
                    while i < N {
                        at += ALL[i].$name().len();
                        e[i] = at as u16;
                        i += 1;
                    }
                    e
                };
                pub const TEXT: &str = match core::str::from_utf8(&BYTES) {
                    Ok(s) => s,
                    Err(_) => "",
                };
            }
            nth(table::TEXT, &table::ENDS, usize::from(v.code()))
        }
    };
}

packed!(
    /// `rule.cite()`, e.g. `s 128B(6)(c)`.
    cite: RuleId, cite
);
packed!(
    /// `code.name()` of a finding.
    finding: FindingCode, name
);
packed!(
    /// `severity.name()`.
    severity: Severity, name
);
packed!(
    /// `deadline.name()`.
    deadline: DeadlineName, name
);
packed!(
    /// `code.name()` of a rejection.
    error: ErrorCode, name
);
packed!(
    /// A status state's name.
    status: StatusState, name
);
packed!(
    /// A border state's name.
    border: BorderState, name
);
packed!(
    /// An eligibility state's name.
    eligibility: EligibilityState, name
);
packed!(
    /// A transit state's name.
    transit: TransitState, name
);

/// `s.state_name()`: the state's own name (after the dot). (The four machine
/// names stay `Machine::name()`: a table of four is no waste.)
pub fn state(s: MachineState) -> &'static str {
    match s {
        MachineState::Status(x) => status(x),
        MachineState::Border(x) => border(x),
        MachineState::Eligibility(x) => eligibility(x),
        MachineState::Transit(x) => transit(x),
        // The kiosk's core has no Part 2 machines: never reported here.
        MachineState::Removal(_) | MachineState::RemovalDetention(_) => "not-in-this-build",
    }
}
