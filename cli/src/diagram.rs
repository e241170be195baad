//! `ia87 diagram MACHINE`: the machine drawn from the same transition table the
//! core executes (`ia87_core::machines::*::TRANSITIONS`), each edge labelled
//! with its trigger, guard, rule-map id and the rule it rests on.

use crate::parse_opts;
use ia87_core::machines::table::{Transition, Trigger};
use ia87_core::machines::{border, eligibility, status, transit};
use std::fmt::Write;

struct Edge {
    from: &'static str,
    to: &'static str,
    label: String,
}

fn edges<S: Copy + PartialEq>(table: &[Transition<S>], name: fn(S) -> &'static str) -> Vec<Edge> {
    let mut out = Vec::new();
    for t in table {
        let trigger = match t.on {
            Trigger::Verb(v) => v.name().to_string(),
            Trigger::Clock(d) => format!("{} passes", d.name()),
        };
        let guard = t
            .guard
            .map(|g| format!(" [{}]", g.label))
            .unwrap_or_default();
        let label = format!("{}: {trigger}{guard} ({})", t.id, t.rule.cite());
        for &f in t.from {
            let to = t.to.map_or(name(f), name);
            out.push(Edge {
                from: name(f),
                to,
                label: label.clone(),
            });
        }
    }
    out
}

/// The edges of a machine, by case-language name.
fn machine_edges(machine: &str) -> Option<Vec<Edge>> {
    Some(match machine {
        "status" => edges(status::TRANSITIONS, |s| s.name()),
        "border" => edges(border::TRANSITIONS, |s| s.name()),
        "eligibility" => edges(eligibility::TRANSITIONS, |s| s.name()),
        "transit" => edges(transit::TRANSITIONS, |s| s.name()),
        _ => return None,
    })
}

fn mermaid_id(state: &str) -> String {
    if state == "inactive" {
        "[*]".to_string()
    } else {
        state.replace('-', "_")
    }
}

/// Renders a machine as Mermaid or DOT.
pub fn render(machine: &str, dot: bool) -> Option<String> {
    let edges = machine_edges(machine)?;
    let mut s = String::new();
    let mut states: Vec<&str> = Vec::new();
    for e in &edges {
        for st in [e.from, e.to] {
            if st != "inactive" && !states.contains(&st) {
                states.push(st);
            }
        }
    }
    if dot {
        let _ = writeln!(s, "digraph {} {{", machine);
        let _ = writeln!(s, "  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=9];");
        let _ = writeln!(s, "  \"inactive\" [shape=point];");
        for e in &edges {
            let _ = writeln!(
                s,
                "  \"{}\" -> \"{}\" [label=\"{}\"];",
                e.from,
                e.to,
                e.label.replace('"', "'")
            );
        }
        s.push_str("}\n");
    } else {
        let _ = writeln!(s, "stateDiagram-v2");
        for st in &states {
            let _ = writeln!(s, "    state \"{st}\" as {}", mermaid_id(st));
        }
        for e in &edges {
            // Mermaid treats ':' in a label as the separator; the rule-map ids
            // keep theirs, so replace the others.
            let label = e
                .label
                .replacen(": ", " — ", 1)
                .replace([':', ';', '#'], ",");
            let from = mermaid_id(e.from);
            let to = if e.to == "inactive" {
                "[*]".to_string()
            } else {
                mermaid_id(e.to)
            };
            let _ = writeln!(s, "    {from} --> {to} : {label}");
        }
    }
    Some(s)
}

pub fn run(args: &[String]) -> Result<u8, String> {
    let opts = parse_opts(args, &["mermaid", "dot"])?;
    let [machine] = opts.files.as_slice() else {
        return Err("diagram needs one machine: status, border, eligibility or transit".into());
    };
    let dot = opts.format.as_deref() == Some("dot");
    let s = render(machine, dot).ok_or_else(|| {
        format!("unknown machine `{machine}` (status, border, eligibility, transit)")
    })?;
    print!("{s}");
    Ok(0)
}
