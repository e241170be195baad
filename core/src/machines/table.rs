//! Transition tables: the single description of each machine that the engine
//! executes and that `ia87 diagram` draws.
//!
//! A [`Transition`] says: in one of the states `from`, on `on` (a verb or a
//! deadline passing), if `guard` holds, go to `to` (or stay), citing `rule`,
//! and run `effect` (data updates, findings, effects on other machines). The
//! first matching row wins; a verb that matches no row of any machine is
//! rejected with `not-in-state` and the rule that governs the verb.

use crate::case::Ctx;
use crate::lang::event::Verb;
use crate::outcome::{DeadlineName, Rejection};
use crate::rules::RuleId;

/// What makes a transition fire.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Trigger {
    /// An event with this verb.
    Verb(Verb),
    /// A deadline passing (on the first line after its due instant).
    Clock(DeadlineName),
}

impl Trigger {
    /// The label of the trigger in a diagram.
    pub fn label(self) -> &'static str {
        match self {
            Trigger::Verb(v) => v.name(),
            Trigger::Clock(d) => d.name(),
        }
    }
}

/// A condition on a transition, with the words a diagram shows for it.
#[derive(Clone, Copy)]
pub struct Guard {
    /// What the condition means, for diagrams and traces.
    pub label: &'static str,
    /// The condition.
    pub check: fn(&Ctx<'_>) -> bool,
}

/// What a transition does besides changing state.
pub type Effect = fn(&mut Ctx<'_>) -> Result<(), Rejection>;

/// One row of a machine's transition table.
#[derive(Clone, Copy)]
pub struct Transition<S: 'static> {
    /// The rule map's identifier (`B05`, `E13`, `T04`, `A7`, …).
    pub id: &'static str,
    /// The states the row applies in.
    pub from: &'static [S],
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
    state: S,
    trigger: Trigger,
    ctx: &mut Ctx<'_>,
    set: fn(&mut Ctx<'_>, S),
) -> Result<Option<&'static str>, Rejection> {
    for t in table {
        if t.on != trigger || !t.from.contains(&state) {
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
        return Ok(Some(t.id));
    }
    Ok(None)
}

/// The text of a row id or guard label: kept with the `labels` feature (on by
/// default; the diagrams and traces of the CLI and Python use it), an empty
/// string without it — so firmware that never draws a diagram does not carry
/// the words in flash. The rows themselves, and what they execute, are the same.
#[cfg(feature = "labels")]
macro_rules! label {
    ($s:literal) => {
        $s
    };
}
#[cfg(not(feature = "labels"))]
macro_rules! label {
    ($s:literal) => {
        ""
    };
}

pub(crate) use label;

/// Shorthand for a table row.
macro_rules! row {
    ($id:literal, [$($from:ident),+ $(,)?], $on:expr, $guard:expr, $to:expr, $rule:ident, $effect:expr) => {
        $crate::machines::table::Transition {
            id: $crate::machines::table::label!($id),
            from: &[$(S::$from),+],
            on: $on,
            guard: $guard,
            to: $to,
            rule: $crate::rules::RuleId::$rule,
            effect: $effect,
        }
    };
}

pub(crate) use row;
