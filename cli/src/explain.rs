//! `ia87 rules [RULE]` and `ia87 explain CODE|RULE`: a rule or a code with
//! the Act's words, the reading the engine follows (`docs/readings.md`,
//! compiled in) and the conformance cases that pin it (indexed from
//! `tests/conformance` when the binary is built, by `build.rs`).

use crate::engine::{self, ErrorCode, FindingCode, RuleId};
use crate::escape;
use crate::output::Out;
use crate::{ExplainArgs, Fail, RulesArgs, RulesFormat};
use serde::Serialize;
use std::fmt::Write as _;

/// An `expect` line of the conformance suite that names a rule or a code.
pub struct Pin {
    /// The file, relative to the repository.
    pub file: &'static str,
    /// Its 1-based line.
    pub line: u32,
    /// The line.
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/pins.rs"));

/// The readings page, as built into the binary.
const READINGS: &str = include_str!("../../docs/readings.md");

#[derive(Serialize)]
struct RuleJson {
    id: &'static str,
    cite: &'static str,
    summary: &'static str,
    quote: &'static str,
    #[serde(rename = "in-force")]
    in_force: String,
}

impl RuleJson {
    fn new(r: RuleId) -> Self {
        RuleJson {
            id: r.id(),
            cite: r.cite(),
            summary: r.summary(),
            quote: r.quote(),
            in_force: engine::in_force(r),
        }
    }
}

fn unknown_rule(s: &str) -> Fail {
    Fail::Usage(format!(
        "unknown rule `{}`: `ia87 rules` lists every rule id (e.g. s128(7))",
        escape::echo(s)
    ))
}

/// Runs `ia87 rules`.
pub fn rules(args: &RulesArgs) -> Result<u8, Fail> {
    let selected: Vec<RuleId> = match &args.rule {
        Some(id) => vec![engine::rule(id).ok_or_else(|| unknown_rule(id))?],
        None => engine::all_rules().to_vec(),
    };
    let mut s = String::new();
    match args.format {
        RulesFormat::Json => {
            let json = if args.rule.is_some() {
                serde_json::to_string_pretty(&RuleJson::new(selected[0]))
            } else {
                serde_json::to_string_pretty(
                    &selected
                        .iter()
                        .map(|r| RuleJson::new(*r))
                        .collect::<Vec<_>>(),
                )
            }
            .map_err(|e| Fail::Output(format!("writing JSON: {e}")))?;
            s.push_str(&json);
            s.push('\n');
        }
        RulesFormat::Text => {
            for r in &selected {
                let _ = writeln!(s, "{:<18} {:<18} {}", r.id(), r.cite(), r.summary());
                if args.rule.is_some() {
                    let _ = writeln!(s, "{:<18} in force from {}", "", engine::in_force(*r));
                    let _ = writeln!(s, "{:<18} \"{}\"", "", r.quote());
                }
            }
        }
    }
    let mut out = Out::stdout();
    out.put_str(&s)?;
    out.finish()?;
    Ok(0)
}

/// Runs `ia87 explain`.
pub fn explain(args: &ExplainArgs) -> Result<u8, Fail> {
    let what = args.what.trim();
    let s = if let Some(r) = engine::rule(what) {
        explain_rule(r)
    } else if let Some(c) = engine::finding_code(what) {
        explain_finding(c)
    } else if let Some(c) = engine::error_code(what) {
        explain_error(c)
    } else {
        return Err(Fail::Usage(format!(
            "`{}` is neither a rule id (`ia87 rules` lists them), a finding code nor an error code",
            escape::echo(what)
        )));
    };
    let mut out = Out::stdout();
    out.put_str(&s)?;
    out.finish()?;
    Ok(0)
}

fn explain_rule(r: RuleId) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} ({})\n  {}", r.cite(), r.id(), r.summary());
    let _ = writeln!(s, "  In force from {}.", engine::in_force(r));
    let _ = writeln!(s, "\nThe words it rests on:\n  \"{}\"", r.quote());
    let readings = readings_for(&[Needle::Rule(r)]);
    write_readings(&mut s, &readings);
    let pins: Vec<&Pin> = PINS.iter().filter(|p| pin_names_rule(p, r)).collect();
    write_pins(&mut s, &pins);
    s
}

fn explain_finding(c: FindingCode) -> String {
    let mut s = String::new();
    let pins: Vec<&Pin> = PINS
        .iter()
        .filter(|p| pin_names_code(p, c.name()))
        .collect();
    // The rules and severities the suite pairs the finding with.
    let mut rules = Vec::new();
    let mut severities = Vec::new();
    for p in &pins {
        for tok in expect_tokens(p.text) {
            if let Some(v) = tok.strip_prefix("finding=") {
                if let Some((sev, code)) = v.split_once(':') {
                    if code == c.name() && !severities.contains(&sev) {
                        severities.push(sev);
                    }
                }
            }
            if let Some(r) = tok.strip_prefix("rule=").and_then(engine::rule) {
                rules.push(r);
            }
        }
    }
    let rules = engine::dedup_rules(rules);
    let _ = writeln!(s, "finding {}", c.name());
    if !severities.is_empty() {
        let _ = writeln!(s, "  Reported as: {}.", severities.join(", "));
    }
    if rules.is_empty() {
        let _ = writeln!(s, "  No conformance case names the rule it rests on.");
    }
    for r in &rules {
        let _ = writeln!(
            s,
            "\n{} ({}): {}\n  \"{}\"",
            r.cite(),
            r.id(),
            r.summary(),
            r.quote()
        );
    }
    let mut readings = readings_for(&[Needle::Code(c.name())]);
    if readings.is_empty() {
        let needles: Vec<Needle> = rules.iter().map(|r| Needle::Rule(*r)).collect();
        readings = readings_for(&needles);
    }
    write_readings(&mut s, &readings);
    write_pins(&mut s, &pins);
    s
}

fn explain_error(c: ErrorCode) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "rejection {}", c.name());
    let kind = if c == ErrorCode::Capacity {
        "an engine limit: a bounded list of the core is full, and the line was not \
         applied. It says nothing about the record; every command reports it on \
         standard error and exits with code 3."
    } else if c.is_input_error() {
        "an error in the input itself: the line is not valid case language (exit code 2)."
    } else {
        "the event cannot happen in the case's state, or its rule was not in force; \
         the case is left as it was and the rejection names the rule."
    };
    let _ = writeln!(s, "  {kind}");
    let readings = readings_for(&[Needle::Code(c.name())]);
    if !readings.is_empty() {
        write_readings(&mut s, &readings);
    }
    let pins: Vec<&Pin> = PINS
        .iter()
        .filter(|p| pin_names_code(p, c.name()))
        .collect();
    write_pins(&mut s, &pins);
    s
}

fn expect_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split('#')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .skip(1)
}

fn pin_names_rule(p: &Pin, r: RuleId) -> bool {
    expect_tokens(p.text).any(|t| {
        t.strip_prefix("rule=")
            .or_else(|| t.strip_prefix("cites="))
            .is_some_and(|v| v == r.id())
    })
}

fn pin_names_code(p: &Pin, code: &str) -> bool {
    expect_tokens(p.text).any(|t| match t.split_once('=') {
        Some(("finding", v)) => v.split_once(':').is_some_and(|(_, c)| c == code),
        Some(("rejected" | "no-finding", v)) => v == code,
        _ => false,
    })
}

fn write_readings(s: &mut String, readings: &[String]) {
    if readings.is_empty() {
        let _ = writeln!(
            s,
            "\nThe reading the engine follows: docs/readings.md records no choice \
             for it; the engine applies the words as written."
        );
        return;
    }
    let _ = writeln!(s, "\nThe reading the engine follows (docs/readings.md):");
    for r in readings {
        let _ = writeln!(s, "  - {r}");
    }
}

fn write_pins(s: &mut String, pins: &[&Pin]) {
    if PINS.is_empty() {
        let _ = writeln!(
            s,
            "\nThe conformance suite was not found when this binary was built."
        );
        return;
    }
    if pins.is_empty() {
        let _ = writeln!(s, "\nNo conformance case names it in an expectation.");
        return;
    }
    let _ = writeln!(s, "\nPinned by the conformance suite ({}):", pins.len());
    const SHOWN: usize = 12;
    for p in pins.iter().take(SHOWN) {
        let _ = writeln!(s, "  {}:{}: {}", p.file, p.line, escape::term(p.text));
    }
    if pins.len() > SHOWN {
        let _ = writeln!(
            s,
            "  … and {} more (grep the suite for the full list)",
            pins.len() - SHOWN
        );
    }
}

/// What a reading is searched for.
enum Needle<'a> {
    Rule(RuleId),
    Code(&'a str),
}

/// The entries of docs/readings.md (table rows and list items) that name
/// any of `needles`, as one line of text each.
fn readings_for(needles: &[Needle<'_>]) -> Vec<String> {
    entries()
        .into_iter()
        .filter(|e| {
            needles.iter().any(|n| match n {
                Needle::Rule(r) => {
                    mentions_cite(e, r.cite()) || e.contains(&format!("`{}`", r.id()))
                }
                Needle::Code(c) => mentions_word(e, c),
            })
        })
        .collect()
}

/// The table rows (with their column names) and list items of the page.
fn entries() -> Vec<String> {
    let mut out = Vec::new();
    let mut header: Vec<String> = Vec::new();
    let mut item: Option<String> = None;
    for line in READINGS.lines() {
        let t = line.trim_end();
        if let Some(text) = t.strip_prefix("- ") {
            if let Some(prev) = item.take() {
                out.push(prev);
            }
            item = Some(text.trim().to_string());
            continue;
        }
        if let Some(cur) = item.as_mut() {
            if t.starts_with("  ") && !t.trim().is_empty() {
                cur.push(' ');
                cur.push_str(t.trim());
                continue;
            }
            if let Some(prev) = item.take() {
                out.push(prev);
            }
        }
        if t.starts_with('|') {
            let cells: Vec<String> = t
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect();
            if cells
                .iter()
                .all(|c| c.chars().all(|ch| ch == '-' || ch == ':'))
            {
                continue;
            }
            if header.is_empty() {
                header = cells;
                continue;
            }
            let row: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, c)| match header.get(i) {
                    Some(h) if i > 0 => format!("{h}: {c}"),
                    _ => c.clone(),
                })
                .collect();
            out.push(row.join(" — "));
        } else {
            header.clear();
        }
    }
    if let Some(prev) = item {
        out.push(prev);
    }
    out
}

/// True when `text` cites `cite` (`s 128(7)`) as a whole provision: not as
/// the start of a longer one (`s 128(7A)`, `s 128(7)(a)`).
fn mentions_cite(text: &str, cite: &str) -> bool {
    let mut from = 0;
    while let Some(i) = text[from..].find(cite) {
        let at = from + i;
        let end = at + cite.len();
        let before = text[..at].chars().next_back();
        let before_ok = match before {
            None => true,
            // "ss 128(7)" lists the provision too.
            Some('s') => !text[..at - 1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric()),
            Some(c) => !c.is_alphanumeric(),
        };
        let after_ok = !text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '(');
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}

/// True when `text` has `word` (a kebab-case code) not inside a longer word.
fn mentions_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let end = at + word.len();
        let before_ok = !text[..at].chars().next_back().is_some_and(is_word);
        let after_ok = !text[end..].chars().next().is_some_and(is_word);
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cites_match_whole_provisions() {
        assert!(mentions_cite("**s 128(7)** (\"is to be", "s 128(7)"));
        assert!(mentions_cite("ss 128(7)–(8)", "s 128(7)"));
        assert!(!mentions_cite("s 128(7)(a)", "s 128(7)"));
        assert!(!mentions_cite("s 128(70)", "s 128(7"));
        assert!(!mentions_cite("ss 3(2)", "s 3"));
        assert!(mentions_cite("custody began (s 3).", "s 3"));
    }

    #[test]
    fn codes_match_whole_words() {
        assert!(mentions_word(
            "gives `warning:warrant-expired` (elapsed",
            "warrant-expired"
        ));
        assert!(!mentions_word("no-warrant-expired-x", "warrant-expired"));
    }

    #[test]
    fn the_readings_page_is_split_into_entries() {
        let e = entries();
        assert!(e
            .iter()
            .any(|x| x.starts_with("Warrant expiry (B19) — Rule map:")));
        assert!(e.iter().any(|x| x.starts_with("**s 128(7)**")));
    }
}
