//! The machines drawn as Mermaid or Graphviz DOT, from the same transition
//! tables the engine executes (`TRANSITIONS` of each machine module): one edge
//! per (row, from-state), labelled with the row's rule-map id, its trigger,
//! its guard and the section it rests on. `ia87 diagram` and the Python
//! package both print this text; docs/diagrams.md is generated from it.
//!
//! Needs the `labels` feature for the row ids and guard words (without it the
//! edges are drawn with triggers and sections only).

use super::table::{bit, Transition, Trigger};
use crate::outcome::Machine;
use core::fmt::{self, Write};

/// The output format.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    /// Mermaid `stateDiagram-v2`.
    Mermaid,
    /// Graphviz DOT.
    Dot,
}

/// The pseudo-state of a machine that is not active.
const INACTIVE: &str = "inactive";

/// Writes the label of `t` (without the from and to states).
fn label(
    w: &mut dyn Write,
    id: &str,
    on: Trigger,
    guard: Option<&str>,
    cite: &str,
    mermaid: bool,
) -> fmt::Result {
    // Mermaid reads ':' and ';' in a label as syntax; DOT needs '"' escaped.
    let clean = |w: &mut dyn Write, s: &str| -> fmt::Result {
        for c in s.chars() {
            match c {
                ':' | ';' | '#' if mermaid => w.write_char(',')?,
                '"' => w.write_char('\'')?,
                c => w.write_char(c)?,
            }
        }
        Ok(())
    };
    if !id.is_empty() {
        clean(w, id)?;
        w.write_str(if mermaid { " — " } else { ": " })?;
    }
    match on {
        Trigger::Verb(v) => w.write_str(v.name())?,
        Trigger::Clock(d) => {
            w.write_str(d.name())?;
            w.write_str(" passes")?;
        }
        Trigger::Signal(s) => {
            w.write_str("(")?;
            w.write_str(s.name())?;
            w.write_str(")")?;
        }
    }
    if let Some(g) = guard.filter(|g| !g.is_empty()) {
        w.write_str(" [")?;
        clean(w, g)?;
        w.write_char(']')?;
    }
    w.write_str(" (")?;
    clean(w, cite)?;
    w.write_char(')')
}

fn node(w: &mut dyn Write, state: &str, mermaid: bool) -> fmt::Result {
    if mermaid {
        if state == INACTIVE {
            return w.write_str("[*]");
        }
        for c in state.chars() {
            w.write_char(if c == '-' { '_' } else { c })?;
        }
        Ok(())
    } else {
        write!(w, "\"{state}\"")
    }
}

/// Draws one machine's table (each machine's registry entry calls this).
pub(crate) fn draw<S: Copy + PartialEq>(
    w: &mut dyn Write,
    machine: &str,
    table: &[Transition<S>],
    states: &[S],
    name: fn(S) -> &'static str,
    format: Format,
) -> fmt::Result {
    // The state with code n is states[n] (the kebab enums' `code()` is the
    // position in `ALL`).
    let from = |mask: u32| {
        states
            .iter()
            .enumerate()
            .filter(move |(i, _)| mask & bit(u16::try_from(*i).unwrap_or(u16::MAX)) != 0)
            .map(|(_, s)| *s)
    };
    let mermaid = format == Format::Mermaid;
    if mermaid {
        w.write_str("stateDiagram-v2\n")?;
    } else {
        writeln!(w, "digraph {machine} {{")?;
        w.write_str("  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=9];\n")?;
        w.write_str("  \"inactive\" [shape=point];\n")?;
    }
    // Declare the states that appear in the table, in declaration order.
    for &s in states {
        let n = name(s);
        let used = n != INACTIVE
            && table
                .iter()
                .any(|t| from(t.from).any(|f| f == s) || t.to == Some(s));
        if used && mermaid {
            write!(w, "    state \"{n}\" as ")?;
            node(w, n, true)?;
            w.write_char('\n')?;
        }
    }
    for t in table {
        for f in from(t.from) {
            let to = t.to.unwrap_or(f);
            w.write_str(if mermaid { "    " } else { "  " })?;
            node(w, name(f), mermaid)?;
            w.write_str(if mermaid { " --> " } else { " -> " })?;
            node(w, name(to), mermaid)?;
            if mermaid {
                w.write_str(" : ")?;
                label(
                    w,
                    t.id.text(),
                    t.on,
                    t.guard.map(|g| g.label.text()),
                    t.rule.cite(),
                    true,
                )?;
            } else {
                w.write_str(" [label=\"")?;
                label(
                    w,
                    t.id.text(),
                    t.on,
                    t.guard.map(|g| g.label.text()),
                    t.rule.cite(),
                    false,
                )?;
                w.write_str("\"]")?;
            }
            w.write_str(if mermaid { "\n" } else { ";\n" })?;
        }
    }
    if !mermaid {
        w.write_str("}\n")?;
    }
    Ok(())
}

/// Writes the diagram of `machine` in `format` (nothing for a machine this
/// build does not include).
pub fn render(w: &mut dyn Write, machine: Machine, format: Format) -> fmt::Result {
    match super::entry(machine) {
        Some(e) => (e.diagram)(w, format),
        None => Ok(()),
    }
}
