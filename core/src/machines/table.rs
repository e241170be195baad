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

/// A row's guard: `check`, shown as `label` (the tables write `g(label!("…"), check)`).
pub(crate) const fn g(label: Label, check: fn(&Ctx<'_>) -> bool) -> Option<Guard> {
    Some(Guard { label, check })
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

/// Which triggers a table has rows for: a bit per verb (by its code), per
/// deadline name and per signal kind. The dispatcher skips a machine whose table has no row for
/// the trigger, without scanning it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Triggers {
    /// Bit `v` is set if some row is triggered by the verb with code `v`.
    pub verbs: u128,
    /// Bit `d` is set if some row is triggered by deadline `d` passing.
    pub clocks: u64,
    /// Bit `s` is set if some row is triggered by a signal of kind `s`.
    pub signals: u32,
}

// Every verb, deadline name and signal kind has its bit.
const _: () =
    assert!(Verb::ALL.len() <= 128 && DeadlineName::ALL.len() <= 64 && SignalKind::ALL.len() <= 32);

impl Triggers {
    /// True if some row is triggered by `trigger`.
    pub const fn has(self, trigger: Trigger) -> bool {
        match trigger {
            Trigger::Verb(v) => match 1u128.checked_shl(v as u32) {
                Some(bit) => self.verbs & bit != 0,
                None => true,
            },
            Trigger::Clock(d) => match 1u64.checked_shl(d as u32) {
                Some(bit) => self.clocks & bit != 0,
                None => true,
            },
            Trigger::Signal(s) => match 1u32.checked_shl(s as u32) {
                Some(bit) => self.signals & bit != 0,
                None => true,
            },
        }
    }
}

/// The triggers of `table`, computed when the program is compiled.
pub const fn triggers<S>(table: &[Transition<S>]) -> Triggers {
    let mut t = Triggers {
        verbs: 0,
        clocks: 0,
        signals: 0,
    };
    let mut rest = table;
    while let Some((row, more)) = rest.split_first() {
        match row.on {
            Trigger::Verb(v) => {
                if let Some(bit) = 1u128.checked_shl(v as u32) {
                    t.verbs |= bit;
                }
            }
            Trigger::Clock(d) => {
                if let Some(bit) = 1u64.checked_shl(d as u32) {
                    t.clocks |= bit;
                }
            }
            Trigger::Signal(s) => {
                if let Some(bit) = 1u32.checked_shl(s as u32) {
                    t.signals |= bit;
                }
            }
        }
        rest = more;
    }
    t
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
        if t.on == trigger && t.from & bit != 0 {
            if let Some(id) = try_row(t, ctx, set)? {
                return Ok(Some(id));
            }
        }
    }
    Ok(None)
}

/// [`run`] over the rows an [`Index`] lists for `trigger` (the same rows, in
/// the same order, without scanning the others).
#[cfg(feature = "tables")]
pub fn run_indexed<S: Copy + PartialEq + 'static, const N: usize>(
    table: &'static [Transition<S>],
    index: &Index<N>,
    state_code: u16,
    trigger: Trigger,
    ctx: &mut Ctx<'_>,
    set: fn(&mut Ctx<'_>, S),
) -> Result<Option<&'static str>, Rejection> {
    let bit = bit(state_code);
    if index.states_for(trigger) & bit == 0 {
        return Ok(None);
    }
    for &i in index.rows_for(trigger) {
        let Some(t) = table.get(usize::from(i)) else {
            continue;
        };
        if t.from & bit != 0 {
            if let Some(id) = try_row(t, ctx, set)? {
                return Ok(Some(id));
            }
        }
    }
    Ok(None)
}

/// Applies row `t` if its guard holds (cite, effect, state change); its id.
fn try_row<S: Copy + PartialEq + 'static>(
    t: &'static Transition<S>,
    ctx: &mut Ctx<'_>,
    set: fn(&mut Ctx<'_>, S),
) -> Result<Option<&'static str>, Rejection> {
    if let Some(g) = t.guard {
        if !(g.check)(ctx) {
            return Ok(None);
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
    Ok(Some(t.id.text()))
}

/// The number of trigger keys: one per verb, then one per deadline name, then
/// one per signal kind.
#[cfg(feature = "tables")]
const KEYS: usize = Verb::ALL.len() + DeadlineName::ALL.len() + SignalKind::ALL.len();

/// The key of a trigger in an [`Index`].
#[cfg(feature = "tables")]
const fn key(t: Trigger) -> usize {
    match t {
        Trigger::Verb(v) => v as usize,
        Trigger::Clock(d) => Verb::ALL.len().saturating_add(d as usize),
        Trigger::Signal(s) => Verb::ALL
            .len()
            .saturating_add(DeadlineName::ALL.len())
            .saturating_add(s as usize),
    }
}

/// A table's rows grouped by trigger, in table order within each trigger,
/// computed when the program is compiled (feature `tables`): the dispatcher
/// looks only at the rows a trigger can fire. Firmware without the feature
/// scans the table instead (the same rows in the same order; less flash).
#[cfg(feature = "tables")]
#[derive(Clone, Copy, Debug)]
pub struct Index<const N: usize> {
    /// Row numbers, grouped by trigger key, each group in table order.
    rows: [u8; N],
    /// Where the group of key `k` starts in `rows` (`start[k + 1]` is its end).
    start: [u8; KEYS + 1],
    /// The states (bit per state, as [`Transition::from`]) in which key `k`
    /// has a row.
    states: [u32; KEYS],
}

#[cfg(feature = "tables")]
impl<const N: usize> Index<N> {
    /// The index of `table` (a counting sort by trigger, stable). Evaluated by
    /// the compiler: an index out of bounds here is a compile error, never a
    /// panic at run time; a table of more than 255 rows does not compile.
    #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    pub const fn new<S>(table: &[Transition<S>]) -> Self {
        assert!(N == table.len() && N <= 255);
        let mut count = [0u8; KEYS + 1];
        let mut i = 0;
        while i < N {
            count[key(table[i].on)] += 1;
            i += 1;
        }
        let mut start = [0u8; KEYS + 1];
        let mut k = 0;
        let mut sum = 0u8;
        while k < KEYS {
            start[k] = sum;
            sum += count[k];
            k += 1;
        }
        start[KEYS] = sum;
        let mut next = start;
        let mut rows = [0u8; N];
        let mut states = [0u32; KEYS];
        let mut i = 0;
        while i < N {
            let k = key(table[i].on);
            rows[next[k] as usize] = i as u8;
            next[k] += 1;
            states[k] |= table[i].from;
            i += 1;
        }
        Index {
            rows,
            start,
            states,
        }
    }

    /// The states in which `trigger` has a row.
    pub fn states_for(&self, trigger: Trigger) -> u32 {
        self.states.get(key(trigger)).copied().unwrap_or(u32::MAX)
    }

    /// The rows of `trigger`, in table order.
    pub fn rows_for(&self, trigger: Trigger) -> &[u8] {
        let k = key(trigger);
        let from = self.start.get(k).copied().unwrap_or(0);
        let to = self.start.get(k.saturating_add(1)).copied().unwrap_or(0);
        self.rows
            .get(usize::from(from)..usize::from(to))
            .unwrap_or(&[])
    }
}

/// Runs `table` for `trigger` in the given state: through an [`Index`] built
/// at compile time with the `tables` feature, by scanning without it.
macro_rules! run_machine {
    ($table:expr, $state_code:expr, $trigger:expr, $ctx:expr, $set:expr) => {{
        #[cfg(feature = "tables")]
        {
            const INDEX: $crate::machines::table::Index<{ $table.len() }> =
                $crate::machines::table::Index::new($table);
            $crate::machines::table::run_indexed($table, &INDEX, $state_code, $trigger, $ctx, $set)
        }
        #[cfg(not(feature = "tables"))]
        {
            $crate::machines::table::run($table, $state_code, $trigger, $ctx, $set)
        }
    }};
}

pub(crate) use run_machine;

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
