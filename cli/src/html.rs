//! `ia87 replay --format html`: one self-contained page for a reviewer.
//!
//! Everything is inline (CSS, SVG, a few lines of script); the page loads
//! nothing (its Content-Security-Policy forbids it). Each case is drawn as a
//! time axis in New Zealand local time (the case's zone, with the instants
//! at which the clocks change), with:
//!
//! - the event lines, as ticks;
//! - the state of each machine over time, custody periods highlighted
//!   (`custody*` states, `with-police`, `before-judge`);
//! - the deadlines, both readings (`due`, the date reading, solid; and
//!   `due-strict`, the elapsed reading, dashed);
//! - the findings, coloured by severity;
//!
//! and below it the custody periods, findings, deadlines and every line with
//! its outcome. Each rule shows the Act's words on hover (`title`) and in a
//! `<details>` that opens. Every piece of text from the input is escaped.

use crate::engine::{self, Instant, LineResult, Outcome, Rejection, RuleId, Severity, Zone};
use crate::escape::{self, html as h};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One line of a case, as the page shows it.
pub struct HtmlRow {
    line: u32,
    /// The zone the case read local times in after this line.
    zone: Zone,
    text: String,
    event: bool,
    at: Option<Instant>,
    result: Res,
}

enum Res {
    Accepted(Box<Outcome>),
    Rejected(Rejection),
}

impl HtmlRow {
    /// A row from a line of input (`raw`, perhaps cut when `too_long`).
    pub fn new(
        line: u32,
        zone: Zone,
        raw: &[u8],
        too_long: bool,
        event: bool,
        result: LineResult<'_>,
    ) -> Self {
        let raw_line = raw.strip_suffix(b"\r").unwrap_or(raw);
        let text = String::from_utf8_lossy(raw_line);
        let text = if too_long {
            escape::truncate(&text, escape::SHOWN_CHARS).into_owned()
        } else {
            text.into_owned()
        };
        HtmlRow {
            line,
            zone,
            text,
            event,
            at: if event && !too_long {
                engine::event_instant(raw)
            } else {
                None
            },
            result: match result {
                LineResult::Accepted(o) => Res::Accepted(Box::new(o.clone())),
                LineResult::Rejected(r, ..) => Res::Rejected(*r),
            },
        }
    }
}

/// One case.
pub struct HtmlCase {
    id: String,
    file: String,
    /// The zone the case reads local times in (after its last line).
    pub zone: Zone,
    /// Its lines.
    pub rows: Vec<HtmlRow>,
}

impl HtmlCase {
    /// A case `id` of `file`.
    pub fn new(id: &str, file: &str) -> Self {
        HtmlCase {
            id: id.to_string(),
            file: file.to_string(),
            zone: Zone::Mainland,
            rows: Vec::new(),
        }
    }
}

/// The whole page.
#[derive(Default)]
pub struct Page {
    /// The cases, in input order.
    pub cases: Vec<HtmlCase>,
    /// The zone for a page without cases.
    pub zone_default: Zone,
}

// ------------------------------------------------------------ time text

fn zone_abbrev(zone: Zone, offset: i32) -> &'static str {
    match (zone, offset) {
        (Zone::Mainland, 43_200) => "NZST",
        (Zone::Mainland, 46_800) => "NZDT",
        (Zone::Chatham, 45_900) => "CHAST",
        (Zone::Chatham, 49_500) => "CHADT",
        _ => "",
    }
}

fn offset_text(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.unsigned_abs();
    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Mon 6 Apr 2009 09:00:01 NZST (+12:00)`.
fn local_text(t: Instant, zone: Zone) -> String {
    let ((y, m, d), sod, off) = engine::local(zone, t);
    let wd = DAYS
        .get(usize::from(engine::weekday(zone, t)))
        .copied()
        .unwrap_or("");
    let mon = MONTHS
        .get(usize::from(m.saturating_sub(1)))
        .copied()
        .unwrap_or("");
    format!(
        "{wd} {d} {mon} {y} {:02}:{:02}:{:02} {} ({})",
        sod / 3600,
        (sod % 3600) / 60,
        sod % 60,
        zone_abbrev(zone, off),
        offset_text(off)
    )
}

/// `2009-04-06T09:00:01+12:00`.
fn rfc3339(t: Instant, zone: Zone) -> String {
    engine::Timestamp::new(t, zone).to_string()
}

fn duration_text(secs: i64) -> String {
    let secs = secs.max(0);
    let (d, h, m) = (secs / 86_400, (secs % 86_400) / 3600, (secs % 3600) / 60);
    match (d, h, m) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, h, _) => format!("{d} d {h} h ({} h in all)", secs / 3600),
    }
}

fn zone_text(zone: Zone) -> &'static str {
    match zone {
        Zone::Mainland => "mainland New Zealand (NZST +12:00, NZDT +13:00)",
        Zone::Chatham => "Chatham Islands (CHAST +12:45, CHADT +13:45)",
    }
}

// ------------------------------------------------------------ rules and severities

fn rule_abbr(r: RuleId) -> String {
    format!(
        "<abbr class=\"rule\" title=\"{}: &#8220;{}&#8221;\">{}</abbr>",
        h(r.summary()),
        h(r.quote()),
        h(r.cite())
    )
}

fn rule_details(r: RuleId) -> String {
    format!(
        "<details class=\"words\"><summary>{} — the Act&#8217;s words</summary>\
         <blockquote>&#8220;{}&#8221;</blockquote><p>{} <span class=\"muted\">(in force from {})</span></p></details>",
        h(r.cite()),
        h(r.quote()),
        h(r.summary()),
        h(&engine::in_force(r))
    )
}

fn sev_class(s: Severity) -> &'static str {
    s.name()
}

fn is_custody(state_name: &str) -> bool {
    state_name.starts_with("custody") || state_name == "with-police" || state_name == "before-judge"
}

// ------------------------------------------------------------ derived facts

/// A state of one machine over a span of time.
struct Segment {
    machine: &'static str,
    state: &'static str,
    from: Instant,
    to: Option<Instant>,
    line: u32,
}

/// A deadline as it was open at some point.
struct Due {
    name: &'static str,
    due: Instant,
    strict: Option<Instant>,
    rule: RuleId,
    first_line: u32,
    open_at_end: bool,
}

struct FindingRec {
    severity: Severity,
    code: &'static str,
    rule: RuleId,
    at: Instant,
    line: u32,
}

struct Facts {
    events: Vec<(Instant, u32, bool)>,
    segments: Vec<Segment>,
    dues: Vec<Due>,
    findings: Vec<FindingRec>,
    rules: Vec<RuleId>,
}

fn facts(case: &HtmlCase) -> Facts {
    let mut events = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    let mut open: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut dues: Vec<Due> = Vec::new();
    let mut findings = Vec::new();
    let mut rules = Vec::new();
    let mut now: Option<Instant> = None;
    let mut last_deadlines: Vec<(&'static str, Instant)> = Vec::new();
    for row in &case.rows {
        if let Some(t) = row.at {
            events.push((t, row.line, matches!(row.result, Res::Accepted(_))));
        }
        let Res::Accepted(o) = &row.result else {
            continue;
        };
        if let Some(t) = row.at {
            now = Some(t);
        }
        rules.extend(o.trace.iter().copied());
        for f in &o.findings {
            findings.push(FindingRec {
                severity: f.severity,
                code: f.code.name(),
                rule: f.rule,
                at: f.at,
                line: row.line,
            });
        }
        // Deadlines: every distinct (name, due, due-strict) seen.
        for d in &o.deadlines {
            let name = d.name.name();
            if !dues
                .iter()
                .any(|x| x.name == name && x.due == d.due && x.strict == d.due_strict)
            {
                dues.push(Due {
                    name,
                    due: d.due,
                    strict: d.due_strict,
                    rule: d.rule,
                    first_line: row.line,
                    open_at_end: false,
                });
            }
        }
        if row.event || !o.deadlines.is_empty() || !o.states.is_empty() {
            last_deadlines = o.deadlines.iter().map(|d| (d.name.name(), d.due)).collect();
        }
        // States: a segment per machine and state, from the instant of the line.
        let Some(t) = now else { continue };
        let mut seen: Vec<&'static str> = Vec::new();
        for st in &o.states {
            let m = st.machine().name();
            seen.push(m);
            let s = st.state_name();
            match open.get(m).and_then(|&i| segments.get(i)) {
                Some(seg) if seg.state == s => {}
                _ => {
                    if let Some(&i) = open.get(m) {
                        if let Some(seg) = segments.get_mut(i) {
                            seg.to = Some(t);
                        }
                    }
                    if s == "inactive" {
                        open.remove(m);
                    } else {
                        open.insert(m, segments.len());
                        segments.push(Segment {
                            machine: m,
                            state: s,
                            from: t,
                            to: None,
                            line: row.line,
                        });
                    }
                }
            }
        }
        // A machine no longer listed has ended.
        let ended: Vec<&'static str> = open.keys().copied().filter(|m| !seen.contains(m)).collect();
        for m in ended {
            if let Some(i) = open.remove(m) {
                if let Some(seg) = segments.get_mut(i) {
                    seg.to = Some(t);
                }
            }
        }
    }
    for d in &mut dues {
        d.open_at_end = last_deadlines.contains(&(d.name, d.due));
    }
    Facts {
        events,
        segments,
        dues,
        findings,
        rules: engine::dedup_rules(rules),
    }
}

// ------------------------------------------------------------ the axis

const X0: f64 = 130.0;
const X1: f64 = 985.0;

struct Axis {
    t0: Instant,
    t1: Instant,
}

impl Axis {
    fn x(&self, t: Instant) -> f64 {
        let span = engine::seconds_between(self.t0, self.t1).max(1) as f64;
        let dx = engine::seconds_between(self.t0, t) as f64;
        (X0 + (X1 - X0) * dx / span).clamp(X0, X1)
    }

    fn holds(&self, t: Instant) -> bool {
        t >= self.t0 && t <= self.t1
    }
}

fn axis(f: &Facts) -> Option<Axis> {
    let first = f.events.iter().map(|e| e.0).min()?;
    let mut last = f.events.iter().map(|e| e.0).max()?;
    for x in &f.findings {
        last = last.max(x.at);
    }
    let span = engine::seconds_between(first, last).max(86_400);
    let reach = engine::add_seconds(last, span);
    for d in &f.dues {
        for t in std::iter::once(d.due).chain(d.strict) {
            if t > last && t <= reach {
                last = t;
            }
        }
    }
    let span = engine::seconds_between(first, last).max(3600);
    let pad = span / 40;
    Some(Axis {
        t0: engine::add_seconds(first, -pad),
        t1: engine::add_seconds(last, pad),
    })
}

/// Tick instants and labels for the axis, in local time.
fn ticks(a: &Axis, zone: Zone) -> Vec<(Instant, String)> {
    const H: i64 = 3600;
    const D: i64 = 86_400;
    let span = engine::seconds_between(a.t0, a.t1);
    let steps = [
        H,
        3 * H,
        6 * H,
        12 * H,
        D,
        2 * D,
        7 * D,
        14 * D,
        28 * D,
        91 * D,
        365 * D,
    ];
    let step = steps
        .iter()
        .copied()
        .find(|s| span / s <= 10)
        .unwrap_or(365 * D);
    let mut out = Vec::new();
    let mut t = engine::start_of_local_day(zone, a.t0);
    let mut guard = 0;
    while t <= a.t1 && guard < 400 {
        guard += 1;
        if t >= a.t0 {
            let ((y, m, d), sod, _) = engine::local(zone, t);
            let mon = MONTHS
                .get(usize::from(m.saturating_sub(1)))
                .copied()
                .unwrap_or("");
            let label = if step < D && sod != 0 {
                format!("{:02}:{:02}", sod / 3600, (sod % 3600) / 60)
            } else if step >= 28 * D {
                format!("{d} {mon} {y}")
            } else {
                let wd = DAYS
                    .get(usize::from(engine::weekday(zone, t)))
                    .copied()
                    .unwrap_or("");
                format!("{wd} {d} {mon}")
            };
            out.push((t, label));
        }
        let next = if step >= D {
            // Whole local days: from local midnight to local midnight.
            engine::start_of_local_day(zone, engine::add_seconds(t, step + 3 * H))
        } else {
            engine::add_seconds(t, step)
        };
        if next <= t {
            break;
        }
        t = next;
    }
    out
}

// ------------------------------------------------------------ rendering

impl Page {
    /// Writes the page.
    pub fn render(&self, s: &mut String) {
        s.push_str(HEAD);
        let _ = write!(
            s,
            "<header><h1>ia87 timeline</h1><p>Immigration Act 1987 (reprint as at 29 November 2010): \
             {} case{} replayed by ia87 {}. Times are New Zealand local time in each case&#8217;s zone; \
             hover a rule for the Act&#8217;s words, or open it below.</p>",
            self.cases.len(),
            if self.cases.len() == 1 { "" } else { "s" },
            h(env!("CARGO_PKG_VERSION"))
        );
        if self.cases.len() > 1 {
            s.push_str("<nav><ol>");
            for (i, c) in self.cases.iter().enumerate() {
                let _ = write!(
                    s,
                    "<li><a href=\"#case-{i}\">{}</a> <span class=\"muted\">{}</span></li>",
                    h(&c.id),
                    h(&c.file)
                );
            }
            s.push_str("</ol></nav>");
        }
        s.push_str(LEGEND);
        s.push_str("</header><main>");
        for (i, c) in self.cases.iter().enumerate() {
            case(s, i, c);
        }
        if self.cases.is_empty() {
            let _ = write!(
                s,
                "<p>No case in the input ({}).</p>",
                h(zone_text(self.zone_default))
            );
        }
        s.push_str("</main>");
        s.push_str(FOOT);
    }
}

fn case(s: &mut String, n: usize, c: &HtmlCase) {
    let f = facts(c);
    let zone = c.zone;
    let rejected = c
        .rows
        .iter()
        .filter(|r| matches!(r.result, Res::Rejected(_)))
        .count();
    let mut by = [0usize; 5];
    for x in &f.findings {
        if let Some(b) = by.get_mut(usize::from(x.severity.code())) {
            *b += 1;
        }
    }
    let summary: Vec<String> = Severity::ALL
        .iter()
        .zip(by)
        .filter(|(_, k)| *k > 0)
        .map(|(sev, k)| {
            format!(
                "<span class=\"sev {}\">{k} {}</span>",
                sev_class(*sev),
                h(sev.name())
            )
        })
        .collect();
    let _ = write!(
        s,
        "<section class=\"case\" id=\"case-{n}\"><h2>Case <code>{}</code></h2>\
         <p class=\"meta\"><code>{}</code> · {} event lines · {rejected} rejected · {} · times in {}</p>",
        h(&c.id),
        h(&c.file),
        f.events.len(),
        if summary.is_empty() {
            "no findings".to_string()
        } else {
            summary.join(" ")
        },
        h(zone_text(zone))
    );
    match axis(&f) {
        Some(a) => svg(s, n, &f, &a, zone),
        None => s.push_str("<p class=\"muted\">No event line: nothing to draw.</p>"),
    }
    custody(s, &f, zone);
    findings(s, n, &f, zone);
    deadlines(s, n, &f, zone);
    lines(s, n, c);
    if !f.rules.is_empty() {
        s.push_str("<h3>Rules applied</h3><div class=\"rules\">");
        for r in &f.rules {
            s.push_str(&rule_details(*r));
        }
        s.push_str("</div>");
    }
    s.push_str("</section>");
}

fn svg(s: &mut String, n: usize, f: &Facts, a: &Axis, zone: Zone) {
    let machines: Vec<&'static str> = {
        let mut m: Vec<&'static str> = Vec::new();
        for seg in &f.segments {
            if !m.contains(&seg.machine) {
                m.push(seg.machine);
            }
        }
        m
    };
    let lane_h = 26.0;
    let y_events = 58.0;
    let y_machines = 84.0;
    let y_dues = y_machines + lane_h * machines.len() as f64 + 8.0;
    let y_findings = y_dues + 50.0;
    let height = y_findings + 30.0;
    let _ = write!(
        s,
        "<figure class=\"axis\"><svg viewBox=\"0 0 1000 {height:.0}\" role=\"img\" \
         aria-label=\"Timeline of case {n}\">"
    );
    // Ticks and local dates.
    for (t, label) in ticks(a, zone) {
        let x = a.x(t);
        let _ = write!(
            s,
            "<line class=\"tick\" x1=\"{x:.1}\" y1=\"30\" x2=\"{x:.1}\" y2=\"{:.0}\"/>\
             <text class=\"ticklabel\" x=\"{x:.1}\" y=\"24\">{}</text>",
            height - 6.0,
            h(&label)
        );
    }
    // The instants at which the clocks change.
    for t in engine::clock_changes(a.t0, a.t1) {
        let before = engine::utc_offset(zone, engine::add_seconds(t, -1));
        let after = engine::utc_offset(zone, t);
        let x = a.x(t);
        let what = format!(
            "Clocks change: {} {} → {} {} at {}",
            zone_abbrev(zone, before),
            offset_text(before),
            zone_abbrev(zone, after),
            offset_text(after),
            local_text(t, zone)
        );
        let _ = write!(
            s,
            "<g class=\"dst\"><title>{}</title><line x1=\"{x:.1}\" y1=\"32\" x2=\"{x:.1}\" y2=\"{:.0}\"/>\
             <text x=\"{:.1}\" y=\"44\">{} → {}</text></g>",
            h(&what),
            height - 6.0,
            x + 3.0,
            h(&offset_text(before)),
            h(&offset_text(after))
        );
    }
    // Lane labels.
    let _ = write!(
        s,
        "<text class=\"lane\" x=\"8\" y=\"{:.0}\">events</text>",
        y_events + 4.0
    );
    for (i, m) in machines.iter().enumerate() {
        let _ = write!(
            s,
            "<text class=\"lane\" x=\"8\" y=\"{:.0}\">{}</text>",
            y_machines + lane_h * i as f64 + 14.0,
            h(m)
        );
    }
    let _ = write!(
        s,
        "<text class=\"lane\" x=\"8\" y=\"{:.0}\">deadlines</text>\
         <text class=\"lane\" x=\"8\" y=\"{:.0}\">findings</text>",
        y_dues + 18.0,
        y_findings + 4.0
    );
    // Event ticks.
    for (t, line, accepted) in &f.events {
        let x = a.x(*t);
        let _ = write!(
            s,
            "<a href=\"#c{n}-l{line}\"><g class=\"event{}\"><title>line {line}: {}</title>\
             <line x1=\"{x:.1}\" y1=\"{:.0}\" x2=\"{x:.1}\" y2=\"{:.0}\"/></g></a>",
            if *accepted { "" } else { " rejected" },
            h(&local_text(*t, zone)),
            y_events - 8.0,
            y_events + 8.0
        );
    }
    // State segments per machine.
    for seg in &f.segments {
        let Some(i) = machines.iter().position(|m| *m == seg.machine) else {
            continue;
        };
        let y = y_machines + lane_h * i as f64;
        let to = seg.to.unwrap_or(a.t1);
        let (x0, x1) = (a.x(seg.from), a.x(to));
        let w = (x1 - x0).max(2.0);
        let custody = is_custody(seg.state);
        let until = match seg.to {
            Some(t) => format!("until {}", local_text(t, zone)),
            None => "still so after the last line".into(),
        };
        let _ = write!(
            s,
            "<a href=\"#c{n}-l{}\"><g class=\"seg{}\"><title>{}.{} from {} {} (line {})</title>\
             <rect x=\"{x0:.1}\" y=\"{y:.0}\" width=\"{w:.1}\" height=\"18\" rx=\"3\"/>",
            seg.line,
            if custody { " custody" } else { "" },
            h(seg.machine),
            h(seg.state),
            h(&local_text(seg.from, zone)),
            h(&until),
            seg.line
        );
        if w > 70.0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.0}\">{}</text>",
                x0 + 4.0,
                y + 13.0,
                h(seg.state)
            );
        }
        s.push_str("</g></a>");
    }
    // Deadlines: the date reading solid, the elapsed reading dashed.
    for (k, d) in f.dues.iter().enumerate() {
        let y = y_dues + (k % 3) as f64 * 10.0 + 6.0;
        for (t, strict) in std::iter::once((d.due, false)).chain(d.strict.map(|t| (t, true))) {
            if !a.holds(t) {
                continue;
            }
            let x = a.x(t);
            let reading = if strict {
                "due-strict (elapsed reading)"
            } else {
                "due (date reading)"
            };
            let _ = write!(
                s,
                "<a href=\"#c{n}-d{k}\"><g class=\"due{}{}\"><title>{} {}: {} — {}: &#8220;{}&#8221;</title>\
                 <line x1=\"{x:.1}\" y1=\"{:.0}\" x2=\"{x:.1}\" y2=\"{:.0}\"/>\
                 <path d=\"M{x:.1} {y:.0} l5 5 l-5 5 l-5 -5 z\"/>{}</g></a>",
                if strict { " strict" } else { "" },
                if d.open_at_end { "" } else { " closed" },
                h(d.name),
                reading,
                h(&local_text(t, zone)),
                h(d.rule.cite()),
                h(d.rule.quote()),
                y_machines - 4.0,
                y + 10.0,
                if strict {
                    String::new()
                } else {
                    label(x + 7.0, y + 9.0, d.name)
                }
            );
        }
    }
    // Findings.
    for (k, x) in f.findings.iter().enumerate() {
        let cx = a.x(x.at);
        let _ = write!(
            s,
            "<a href=\"#c{n}-f{k}\"><g class=\"finding {}\"><title>{} {} at {} — {}: &#8220;{}&#8221;</title>\
             <circle cx=\"{cx:.1}\" cy=\"{:.0}\" r=\"7\"/>{}</g></a>",
            sev_class(x.severity),
            h(x.severity.name()),
            h(x.code),
            h(&local_text(x.at, zone)),
            h(x.rule.cite()),
            h(x.rule.quote()),
            y_findings,
            label(cx + 10.0, y_findings + 4.0 + (k % 2) as f64 * 12.0, x.code)
        );
    }
    s.push_str("</svg></figure>");
    let later: Vec<String> = f
        .dues
        .iter()
        .filter(|d| d.due > a.t1 && d.open_at_end)
        .map(|d| {
            format!(
                "<code>{}</code> due {}",
                h(d.name),
                h(&local_text(d.due, zone))
            )
        })
        .collect();
    if !later.is_empty() {
        let _ = write!(
            s,
            "<p class=\"muted\">Open deadlines beyond the axis: {}.</p>",
            later.join("; ")
        );
    }
}

/// A small label beside a marker, kept inside the drawing.
fn label(x: f64, y: f64, text: &str) -> String {
    let width = text.chars().count() as f64 * 6.0;
    if x + width > X1 + 10.0 {
        format!(
            "<text class=\"mark\" x=\"{:.1}\" y=\"{y:.0}\" text-anchor=\"end\">{}</text>",
            x - 17.0,
            h(text)
        )
    } else {
        format!(
            "<text class=\"mark\" x=\"{x:.1}\" y=\"{y:.0}\">{}</text>",
            h(text)
        )
    }
}

fn custody(s: &mut String, f: &Facts, zone: Zone) {
    let periods: Vec<&Segment> = f.segments.iter().filter(|g| is_custody(g.state)).collect();
    if periods.is_empty() {
        return;
    }
    s.push_str("<h3>Custody</h3><ul class=\"custody\">");
    for g in periods {
        let (until, length) = match g.to {
            Some(t) => (
                local_text(t, zone),
                duration_text(engine::seconds_between(g.from, t)),
            ),
            None => ("after the last line".into(), "open".into()),
        };
        let _ = write!(
            s,
            "<li><code>{}.{}</code> from <time datetime=\"{}\">{}</time> to {} — {}</li>",
            h(g.machine),
            h(g.state),
            h(&rfc3339(g.from, zone)),
            h(&local_text(g.from, zone)),
            h(&until),
            h(&length)
        );
    }
    s.push_str("</ul>");
}

fn findings(s: &mut String, n: usize, f: &Facts, zone: Zone) {
    if f.findings.is_empty() {
        return;
    }
    s.push_str("<h3>Findings</h3><ol class=\"findings\">");
    for (k, x) in f.findings.iter().enumerate() {
        let _ = write!(
            s,
            "<li id=\"c{n}-f{k}\"><span class=\"sev {}\">{}</span> <code>{}</code> at \
             <time datetime=\"{}\">{}</time> · {} · <a href=\"#c{n}-l{}\">line {}</a>{}</li>",
            sev_class(x.severity),
            h(x.severity.name()),
            h(x.code),
            h(&rfc3339(x.at, zone)),
            h(&local_text(x.at, zone)),
            rule_abbr(x.rule),
            x.line,
            x.line,
            rule_details(x.rule)
        );
    }
    s.push_str("</ol>");
}

fn deadlines(s: &mut String, n: usize, f: &Facts, zone: Zone) {
    if f.dues.is_empty() {
        return;
    }
    s.push_str(
        "<h3>Deadlines</h3><table class=\"dues\"><thead><tr><th>deadline</th>\
         <th>due (date reading)</th><th>due-strict (elapsed reading)</th><th>rule</th>\
         <th>from line</th><th>after the last line</th></tr></thead><tbody>",
    );
    for (k, d) in f.dues.iter().enumerate() {
        let strict = match d.strict {
            Some(t) => format!(
                "<time datetime=\"{}\">{}</time>",
                h(&rfc3339(t, zone)),
                h(&local_text(t, zone))
            ),
            None => "—".into(),
        };
        let _ =
            write!(
            s,
            "<tr id=\"c{n}-d{k}\"><td><code>{}</code></td><td><time datetime=\"{}\">{}</time></td>\
             <td>{strict}</td><td>{}</td><td><a href=\"#c{n}-l{}\">{}</a></td><td>{}</td></tr>",
            h(d.name),
            h(&rfc3339(d.due, zone)),
            h(&local_text(d.due, zone)),
            rule_abbr(d.rule),
            d.first_line,
            d.first_line,
            if d.open_at_end { "open" } else { "closed or moved" }
        );
    }
    s.push_str("</tbody></table>");
}

fn lines(s: &mut String, n: usize, c: &HtmlCase) {
    s.push_str(
        "<h3>Lines</h3><table class=\"lines\"><thead><tr><th>line</th><th>local time</th>\
         <th>as written</th><th>outcome</th></tr></thead><tbody>",
    );
    for r in &c.rows {
        let when = match r.at {
            Some(t) => format!(
                "<time datetime=\"{}\">{}</time>",
                h(&rfc3339(t, r.zone)),
                h(&local_text(t, r.zone))
            ),
            None => String::new(),
        };
        let (class, outcome) = match &r.result {
            Res::Rejected(x) => (
                "rejected",
                format!(
                    "<span class=\"rej\">rejected <code>{}</code></span> {}{}{}",
                    h(x.code.name()),
                    h(x.message),
                    x.rule
                        .map(|r| format!(" · {}", rule_abbr(r)))
                        .unwrap_or_default(),
                    if x.column > 0 {
                        format!(" <span class=\"muted\">(column {})</span>", x.column)
                    } else {
                        String::new()
                    }
                ),
            ),
            Res::Accepted(o) => {
                let mut t = String::new();
                if !o.states.is_empty() {
                    t.push_str("<div class=\"states\">");
                    for st in &o.states {
                        let _ = write!(
                            t,
                            "<code class=\"state{}\">{}</code> ",
                            if is_custody(st.state_name()) {
                                " custody"
                            } else {
                                ""
                            },
                            h(&st.to_string())
                        );
                    }
                    t.push_str("</div>");
                }
                for d in &o.deadlines {
                    // A service level (settled reading 3) is not a deadline of the Act.
                    let (what, due) = if d.kind() == crate::engine::DeadlineKind::ServiceLevel {
                        ("service level", "level")
                    } else {
                        ("deadline", "due")
                    };
                    let _ = write!(
                        t,
                        "<div class=\"dl\">{what} <code>{}</code> {due} {}{} · {}</div>",
                        h(d.name.name()),
                        h(&local_text(d.due, r.zone)),
                        d.due_strict
                            .map(|x| format!("; elapsed reading {}", h(&local_text(x, r.zone))))
                            .unwrap_or_default(),
                        rule_abbr(d.rule)
                    );
                }
                for fd in &o.findings {
                    let _ = write!(
                        t,
                        "<div><span class=\"sev {}\">{}</span> <code>{}</code> at {} · {}</div>",
                        sev_class(fd.severity),
                        h(fd.severity.name()),
                        h(fd.code.name()),
                        h(&local_text(fd.at, r.zone)),
                        rule_abbr(fd.rule)
                    );
                }
                if !o.trace.is_empty() {
                    let rules: Vec<String> = o.trace.iter().map(|r| rule_abbr(*r)).collect();
                    let _ = write!(t, "<div class=\"trace\">rules {}</div>", rules.join(", "));
                }
                (
                    if o.findings.is_empty() {
                        "plain"
                    } else {
                        "found"
                    },
                    t,
                )
            }
        };
        let _ = write!(
            s,
            "<tr id=\"c{n}-l{}\" class=\"{class}\"><td class=\"num\">{}</td><td>{when}</td>\
             <td><code>{}</code></td><td>{outcome}</td></tr>",
            r.line,
            r.line,
            h(&r.text)
        );
    }
    s.push_str("</tbody></table>");
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ia87">
<title>ia87 timeline</title>
<link rel="icon" href="data:,">
<style>
:root { --ink:#1d2530; --muted:#5b6675; --line:#d5dbe3; --bg:#fbfcfd; --custody:#b03a2e; --state:#c9d3df;
  --violation:#b3261e; --warning:#b26a00; --gap:#7b3fa0; --undetermined:#006d8f; --info:#3558a8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; }
h1 { font-size: 24px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 0 0 4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
.muted, .meta { color: var(--muted); }
section.case { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin: 18px 0; }
figure.axis { margin: 10px 0; }
svg { width: 100%; height: auto; display: block; font-size: 11px; }
svg .tick { stroke: #e6eaf0; }
svg .ticklabel { fill: var(--muted); text-anchor: middle; }
svg .lane { fill: var(--muted); font-weight: 600; }
svg .dst line { stroke: #6b7a8c; stroke-dasharray: 2 3; }
svg .dst text { fill: #6b7a8c; }
svg .event line { stroke: var(--ink); stroke-width: 2; }
svg .event.rejected line { stroke: var(--violation); stroke-dasharray: 2 2; }
svg .seg rect { fill: var(--state); }
svg .seg text { fill: var(--ink); pointer-events: none; }
svg .seg.custody rect { fill: var(--custody); }
svg .seg.custody text { fill: #fff; }
svg .due line { stroke: #44546a; stroke-width: 1.2; }
svg .due path { fill: #44546a; }
svg .due.strict line { stroke-dasharray: 4 3; }
svg .due.strict path { fill: #fff; stroke: #44546a; }
svg .due.closed { opacity: .45; }
svg text.mark { fill: var(--muted); font-size: 10px; }
svg .finding circle { stroke: #fff; stroke-width: 2; }
svg .finding.violation circle { fill: var(--violation); }
svg .finding.warning circle { fill: var(--warning); }
svg .finding.gap circle { fill: var(--gap); }
svg .finding.undetermined circle { fill: var(--undetermined); }
svg .finding.info circle { fill: var(--info); }
svg a:hover line, svg a:hover rect, svg a:hover circle { filter: brightness(1.2); }
.sev { display: inline-block; border-radius: 4px; padding: 0 6px; color: #fff; font-size: 12px; font-weight: 600; }
.sev.violation { background: var(--violation); } .sev.warning { background: var(--warning); }
.sev.gap { background: var(--gap); } .sev.undetermined { background: var(--undetermined); } .sev.info { background: var(--info); }
abbr.rule { text-decoration: underline dotted; cursor: help; white-space: nowrap; }
details.words { margin: 4px 0; }
details.words summary { cursor: pointer; color: var(--muted); }
blockquote { margin: 4px 0 4px 16px; padding-left: 10px; border-left: 3px solid var(--line); font-style: italic; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.num { text-align: right; color: var(--muted); }
tr.rejected td { background: #fdf1f0; }
tr.found td { background: #fffaf0; }
.rej { color: var(--violation); font-weight: 600; }
code.state.custody { color: var(--custody); font-weight: 600; }
.legend { color: var(--muted); font-size: 13px; }
.legend .sw { display: inline-block; width: 14px; height: 10px; border-radius: 2px; vertical-align: middle; margin: 0 3px 0 8px; }
body.only-findings tr.plain { display: none; }
:target, .hit { outline: 2px solid #f2b01e; outline-offset: 1px; }
nav ol { margin: 4px 0; }
footer { max-width: 1200px; margin: 0 auto 30px; padding: 0 20px; color: var(--muted); font-size: 13px; }
</style>
</head>
<body>
"#;

const LEGEND: &str = "<p class=\"legend\">\
<span class=\"sw\" style=\"background:var(--custody)\"></span>custody (<code>custody*</code>, <code>with-police</code>, <code>before-judge</code>)\
<span class=\"sw\" style=\"background:var(--state)\"></span>other states \
· ◆ deadline, date reading (<code>due</code>) · ◇ dashed: elapsed reading (<code>due-strict</code>) · findings: \
<span class=\"sev violation\">violation</span> <span class=\"sev warning\">warning</span> \
<span class=\"sev gap\">gap</span> <span class=\"sev undetermined\">undetermined</span> \
<span class=\"sev info\">info</span> · <label><input type=\"checkbox\" id=\"only-findings\"> only lines with findings</label></p>";

const FOOT: &str = r#"<footer>Generated by <code>ia87 replay --format html</code>. The engine audits a record: an unlawful act that happened is reported as a finding; an event that cannot happen is rejected and leaves the case as it was.</footer>
<script>
(function () {
  "use strict";
  var box = document.getElementById("only-findings");
  if (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("only-findings", box.checked);
    });
  }
  function mark() {
    var old = document.querySelectorAll(".hit");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("hit"); }
    var id = window.location.hash.slice(1);
    var el = id ? document.getElementById(id) : null;
    if (el) { el.classList.add("hit"); }
  }
  window.addEventListener("hashchange", mark);
  mark();
  document.documentElement.setAttribute("data-ready", "yes");
})();
</script>
</body>
</html>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_offsets_read_well() {
        assert_eq!(duration_text(90 * 60), "1 h 30 min");
        assert_eq!(duration_text(49 * 3600), "2 d 1 h (49 h in all)");
        assert_eq!(offset_text(45_900), "+12:45");
        assert!(is_custody("custody-pre-warrant") && is_custody("custody"));
        assert!(!is_custody("at-large"));
    }
}
