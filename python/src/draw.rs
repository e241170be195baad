//! The machines as Mermaid or DOT text, drawn from the transition tables the
//! core executes (`ia87_core::machines::*::TRANSITIONS`). The text is the same
//! as `ia87 diagram MACHINE [--format mermaid|dot]` prints (a test checks it).

use ia87_core::machines::table::{Transition, Trigger};
use ia87_core::machines::{border, eligibility, status, transit};
use std::fmt::Write;

/// The pseudo-state of a machine that is not active.
const INACTIVE: &str = "inactive";

struct Edge {
    from: &'static str,
    to: &'static str,
    label: String,
}

fn table_edges<S: Copy>(table: &[Transition<S>], name: fn(S) -> &'static str) -> Vec<Edge> {
    let mut edges = Vec::new();
    for row in table {
        let trigger = match row.on {
            Trigger::Verb(v) => v.name().to_string(),
            Trigger::Clock(d) => format!("{} passes", d.name()),
        };
        let guard = match row.guard {
            Some(g) => format!(" [{}]", g.label),
            None => String::new(),
        };
        let label = format!("{}: {trigger}{guard} ({})", row.id, row.rule.cite());
        for &from in row.from {
            edges.push(Edge {
                from: name(from),
                to: name(row.to.unwrap_or(from)),
                label: label.clone(),
            });
        }
    }
    edges
}

fn edges_of(machine: &str) -> Option<Vec<Edge>> {
    Some(match machine {
        "status" => table_edges(status::TRANSITIONS, |s| s.name()),
        "border" => table_edges(border::TRANSITIONS, |s| s.name()),
        "eligibility" => table_edges(eligibility::TRANSITIONS, |s| s.name()),
        "transit" => table_edges(transit::TRANSITIONS, |s| s.name()),
        _ => return None,
    })
}

fn mermaid_node(state: &str) -> String {
    if state == INACTIVE {
        "[*]".to_string()
    } else {
        state.replace('-', "_")
    }
}

fn mermaid(edges: &[Edge]) -> String {
    let mut out = String::from("stateDiagram-v2\n");
    let mut seen: Vec<&str> = Vec::new();
    for e in edges {
        for s in [e.from, e.to] {
            if s != INACTIVE && !seen.contains(&s) {
                seen.push(s);
                let _ = writeln!(out, "    state \"{s}\" as {}", mermaid_node(s));
            }
        }
    }
    for e in edges {
        // Mermaid reads ':' as the label separator: keep the one after the
        // rule-map id as a dash, turn the others into commas.
        let label = e
            .label
            .replacen(": ", " — ", 1)
            .replace([':', ';', '#'], ",");
        let _ = writeln!(
            out,
            "    {} --> {} : {label}",
            mermaid_node(e.from),
            mermaid_node(e.to)
        );
    }
    out
}

fn dot(machine: &str, edges: &[Edge]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {machine} {{");
    out.push_str("  rankdir=LR;\n");
    out.push_str("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    let _ = writeln!(out, "  \"{INACTIVE}\" [shape=point];");
    for e in edges {
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\"];",
            e.from,
            e.to,
            e.label.replace('"', "'")
        );
    }
    out.push_str("}\n");
    out
}

/// The diagram of `machine`, or `None` for an unknown machine.
pub fn render(machine: &str, as_dot: bool) -> Option<String> {
    let edges = edges_of(machine)?;
    Some(if as_dot {
        dot(machine, &edges)
    } else {
        mermaid(&edges)
    })
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn every_machine_draws_in_both_formats() {
        for m in ["status", "border", "eligibility", "transit"] {
            let mermaid = render(m, false).unwrap_or_default();
            assert!(mermaid.starts_with("stateDiagram-v2\n"), "{m}");
            assert!(mermaid.contains(" --> "), "{m}");
            let dot = render(m, true).unwrap_or_default();
            assert!(dot.starts_with(&format!("digraph {m} {{\n")), "{m}");
            assert!(dot.ends_with("}\n"), "{m}");
        }
        assert!(render("removal", false).is_none());
    }
}
