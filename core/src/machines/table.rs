//! Transition tables: the single description of each machine that the engine
//! executes and that `ia87 diagram` draws.
//!
//! A [`Transition`] says: in one of the states `from`, on `on` (a verb or a
//! deadline passing), if `guard` holds, go to `to` (or stay), citing `rule`,
//! and run `effect` (data updates, findings, effects on other machines). The
//! first matching row wins; a verb that matches no row of any machine is
//! rejected with `not-in-state` and the rule that governs the verb.

use crate::case::Ctx;
use crate::names::kebab_enum;
use crate::outcome::{DeadlineName, Rejection};
use crate::rules::RuleId;
use crate::vocab::event::Verb;
use crate::vocab::values::UnlawfulCause;

/// What makes a transition fire.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Trigger {
    /// An event with this verb.
    Verb(Verb),
    /// A deadline passing (on the first line after its due instant).
    Clock(DeadlineName),
    /// A change that another machine's transition made (see [`Signal`]).
    Signal(SignalKind),
}

/// A change in the person's situation that one machine's transition makes
/// and that the Part 2 machines (`removal`, `removal-detention`) follow: the
/// status machine and the border machines hand the person over to Part 2 with
/// these. Unlike a verb, a signal is offered to every Part 2 machine (each
/// takes it if a row of its table matches); in a build without the Part 2
/// machines it goes nowhere. Rows match on its [`SignalKind`]; their guards
/// read the signal itself (`Ctx::signal`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Signal {
    /// The person became unlawfully in New Zealand under Part 2, for this
    /// cause (s 45(1)–(2)).
    Unlawful(UnlawfulCause),
    /// A permit was granted: the obligation to leave ends (s 45(1): "unless
    /// subsequently granted a permit").
    PermitGranted,
    /// An officer decided an application by the person for a permit (s 54(2)).
    PermitDecided,
    /// The person left New Zealand (s 41; removed, s 2(7), if an order is in force).
    Departed,
    /// The person arrived in New Zealand: `true` elsewhere than at a Customs
    /// place (s 126(1)(c)).
    Arrived(bool),
    /// The person made a refugee claim (s 129G(1)).
    Claim,
    /// A s 31 reconsideration confirmed the decline and the person was
    /// notified (s 47(2)(b), s 53(1)(a)(ii)).
    ReconsiderationConfirmed,
    /// An epidemic management notice (ss 35AC, 129ZC).
    Epidemic,
}

kebab_enum! {
    /// The kind of a [`Signal`], which a table row matches.
    pub enum SignalKind {
        /// [`Signal::Unlawful`].
        Unlawful = "unlawful",
        /// [`Signal::PermitGranted`].
        PermitGranted = "permit-granted",
        /// [`Signal::PermitDecided`].
        PermitDecided = "permit-decided",
        /// [`Signal::Departed`].
        Departed = "departed",
        /// [`Signal::Arrived`].
        Arrived = "arrived",
        /// [`Signal::Claim`].
        Claim = "refugee-claim",
        /// [`Signal::ReconsiderationConfirmed`].
        ReconsiderationConfirmed = "s31-decline-confirmed",
        /// [`Signal::Epidemic`].
        Epidemic = "epidemic-notice",
    }
}

impl Signal {
    /// Its kind.
    pub const fn kind(self) -> SignalKind {
        match self {
            Signal::Unlawful(_) => SignalKind::Unlawful,
            Signal::PermitGranted => SignalKind::PermitGranted,
            Signal::PermitDecided => SignalKind::PermitDecided,
            Signal::Departed => SignalKind::Departed,
            Signal::Arrived(_) => SignalKind::Arrived,
            Signal::Claim => SignalKind::Claim,
            Signal::ReconsiderationConfirmed => SignalKind::ReconsiderationConfirmed,
            Signal::Epidemic => SignalKind::Epidemic,
        }
    }
}

impl Trigger {
    /// The label of the trigger in a diagram.
    pub fn label(self) -> &'static str {
        match self {
            Trigger::Verb(v) => v.name(),
            Trigger::Clock(d) => d.name(),
            Trigger::Signal(s) => s.name(),
        }
    }
}

/// Words of a table row (its rule-map id, a guard's meaning), for diagrams.
/// With the `labels` feature (on by default) it holds the text; without it, it
/// is zero-sized, so firmware that never draws a diagram carries neither the
/// words nor their pointers in flash. What the rows execute is the same.
#[derive(Clone, Copy, Debug)]
pub struct Label(#[cfg(feature = "labels")] pub(crate) &'static str);

impl Label {
    /// No words.
    #[cfg(feature = "labels")]
    pub const EMPTY: Label = Label("");
    /// No words.
    #[cfg(not(feature = "labels"))]
    pub const EMPTY: Label = Label();

    /// The words (empty without the `labels` feature).
    pub const fn text(self) -> &'static str {
        #[cfg(feature = "labels")]
        {
            self.0
        }
        #[cfg(not(feature = "labels"))]
        {
            ""
        }
    }
}

/// A condition on a transition, with the words a diagram shows for it.
#[derive(Clone, Copy)]
pub struct Guard {
    /// What the condition means, for diagrams and traces.
    pub label: Label,
    /// The condition.
    pub check: fn(&Ctx<'_>) -> bool,
}

/// What a transition does besides changing state.
pub type Effect = fn(&mut Ctx<'_>) -> Result<(), Rejection>;

/// One row of a machine's transition table.
#[derive(Clone, Copy)]
pub struct Transition<S: 'static> {
    /// The rule map's identifier (`B05`, `E13`, `T04`, `A7`, …).
    pub id: Label,
    /// The states the row applies in, one bit per state (bit `n` is the state
    /// whose `code()` is `n`; every machine has fewer than 32 states).
    pub from: u32,
    /// What fires it.
    pub on: Trigger,
    /// An extra condition, if any.
    pub guard: Option<Guard>,
    /// The next state (`None`: stay).
    pub to: Option<S>,
    /// The rule the transition rests on.
    pub rule: RuleId,
    /// Data updates and findings.
    pub effect: Option<Effect>,
}

/// Finds the first row of `table` that matches `state` and `trigger` and whose
/// guard holds; applies it (cite, change state with `set`, run the effect) and
/// returns its id. The effect runs before the state is set, so it sees the
/// state being left.
pub fn run<S: Copy + PartialEq + 'static>(
    table: &'static [Transition<S>],
    state_code: u16,
    trigger: Trigger,
    ctx: &mut Ctx<'_>,
    set: fn(&mut Ctx<'_>, S),
) -> Result<Option<&'static str>, Rejection> {
    let bit = bit(state_code);
    for t in table {
        if t.on != trigger || t.from & bit == 0 {
            continue;
        }
        if let Some(g) = t.guard {
            if !(g.check)(ctx) {
                continue;
            }
        }
        ctx.out.cite(t.rule)?;
        // The effect sees the state the transition leaves; then the state changes.
        if let Some(effect) = t.effect {
            effect(ctx)?;
        }
        if let Some(to) = t.to {
            set(ctx, to);
        }
        return Ok(Some(t.id.text()));
    }
    Ok(None)
}

/// The bit of a state in [`Transition::from`].
pub const fn bit(state_code: u16) -> u32 {
    match 1u32.checked_shl(state_code as u32) {
        Some(b) => b,
        None => 0,
    }
}

/// The [`Label`] of a row id or guard label (see there).
#[cfg(feature = "labels")]
macro_rules! label {
    ($s:literal) => {
        $crate::machines::table::Label($s)
    };
}
#[cfg(not(feature = "labels"))]
macro_rules! label {
    ($s:literal) => {
        $crate::machines::table::Label::EMPTY
    };
}

pub(crate) use label;

/// Shorthand for a table row.
macro_rules! row {
    ($id:literal, [$($from:ident),+ $(,)?], $on:expr, $guard:expr, $to:expr, $rule:ident, $effect:expr) => {
        $crate::machines::table::Transition {
            id: $crate::machines::table::label!($id),
            from: 0 $(| $crate::machines::table::bit(S::$from as u16))+,
            on: $on,
            guard: $guard,
            to: $to,
            rule: $crate::rules::RuleId::$rule,
            effect: $effect,
        }
    };
}

pub(crate) use row;
