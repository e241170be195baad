//! The oversight report of out-of-hours enforcement operations (spec
//! `rules/refugee_and_policy.md` §2.1–§2.2; rule id `ooh-2023(report)`): the
//! counts INZ and the Minister's office published in May 2023 — operations in
//! and out of hours, by nationality — with the authorisation outcome and the
//! children present, over many cases.
//!
//! Each case counts once, with its latest operation
//! (`ia87_core::machines::operation::summary::summary`): out of hours is
//! judged on the whole visit in New Zealand local time at the location,
//! against the window of the policy version in force on the local date of its
//! start; on what happened if it was carried out, else on what was planned.
//!
//! | Column | Counts |
//! |---|---|
//! | `operations` | cases with an operation |
//! | `in_hours`, `out_of_hours` | operations in and out of hours |
//! | `authorised` | out of hours, covered by an authorisation that passed every check |
//! | `not_authorised` | out of hours, not so covered (denied, planned in hours, no proposal, blocked, or judged without the overlay) |
//! | `blocked` | operations the statute blocks (s 129X), in or out of hours |
//! | `children_present` | out-of-hours operations with children present (as recorded after the visit, else as expected) |
//! | `executed` | operations carried out (`operation-execute`) |
//!
//! Three groupings, each adding up to the total: by nationality (the person's
//! `nationality=`, `unknown` when not recorded), by authorisation outcome
//! (what the proposal came to: the `operation` machine's state before the
//! execution, `no-proposal` when it was carried out without one), and by
//! policy version.

use ia87_core::lang::cells::{check_case_id, parse_row};
use ia87_core::lang::parse::{parse_line, Line};
use ia87_core::machines::operation::summary::{summary, OperationSummary};
use ia87_core::machines::operation::OperationState;
use ia87_core::runner::{Report, Runner, Sink};
use ia87_core::{Case, Outcome, Rejection};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::BufRead;

use crate::progress::Progress;

/// The counts of one row of the report (see the module documentation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Cases with an operation.
    pub operations: u64,
    /// Operations in hours.
    pub in_hours: u64,
    /// Operations out of hours.
    pub out_of_hours: u64,
    /// Out of hours and covered by an authorisation that passed every check.
    pub authorised: u64,
    /// Out of hours and not so covered.
    pub not_authorised: u64,
    /// Blocked by the statute (s 129X).
    pub blocked: u64,
    /// Out of hours with children present.
    pub children_present: u64,
    /// Carried out.
    pub executed: u64,
}

impl Counts {
    fn add(&mut self, s: &OperationSummary) {
        let one = |b: bool| u64::from(b);
        self.operations += 1;
        self.in_hours += one(!s.out_of_hours);
        self.out_of_hours += one(s.out_of_hours);
        self.authorised += one(s.authorised);
        self.not_authorised += one(s.out_of_hours && !s.authorised);
        self.blocked += one(s.decision == OperationState::Blocked);
        self.children_present += one(s.out_of_hours && s.children_present);
        self.executed += one(s.executed);
    }

    /// The columns, in the report's order.
    pub fn columns(&self) -> [(&'static str, u64); 8] {
        [
            ("operations", self.operations),
            ("in_hours", self.in_hours),
            ("out_of_hours", self.out_of_hours),
            ("authorised", self.authorised),
            ("not_authorised", self.not_authorised),
            ("blocked", self.blocked),
            ("children_present", self.children_present),
            ("executed", self.executed),
        ]
    }
}

/// The name of an authorisation outcome (the `operation` machine's state the
/// proposal reached; `no-proposal` when there was none).
pub fn outcome_name(decision: OperationState) -> &'static str {
    match decision {
        OperationState::Inactive => "no-proposal",
        s => s.name(),
    }
}

/// The report's output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned tables for people.
    Text,
    /// One CSV table: `group,key,operations,…` (groups `nationality`,
    /// `outcome`, `version`, `total`).
    Csv,
    /// One JSON object.
    Json,
}

impl Format {
    /// Parses `text`, `csv` or `json`.
    pub fn from_name(s: &str) -> Option<Format> {
        match s {
            "text" => Some(Format::Text),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// The report, added up case by case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OohReport {
    /// Cases seen.
    pub cases: u64,
    /// Every operation.
    pub total: Counts,
    /// By nationality (ISO 3166 alpha-3, or `unknown`).
    pub by_nationality: BTreeMap<String, Counts>,
    /// By authorisation outcome.
    pub by_outcome: BTreeMap<&'static str, Counts>,
    /// By policy version (`v0` … `v4`).
    pub by_version: BTreeMap<&'static str, Counts>,
}

/// The order the outcomes are listed in.
const OUTCOMES: [&str; 6] = [
    "in-hours",
    "out-of-hours-authorised",
    "out-of-hours-denied",
    "blocked",
    "cleared",
    "no-proposal",
];

impl OohReport {
    /// An empty report.
    pub fn new() -> Self {
        OohReport::default()
    }

    /// Adds one operation.
    pub fn add(&mut self, s: &OperationSummary) {
        let nationality = match s.nationality {
            Some(n) => String::from_utf8_lossy(&n).into_owned(),
            None => "unknown".to_string(),
        };
        self.total.add(s);
        self.by_nationality.entry(nationality).or_default().add(s);
        self.by_outcome
            .entry(outcome_name(s.decision))
            .or_default()
            .add(s);
        self.by_version.entry(s.version.name()).or_default().add(s);
    }

    /// Adds one case (its latest operation, if it has one).
    pub fn add_case(&mut self, case: &Case) {
        self.cases += 1;
        if let Some(s) = summary(case) {
            self.add(&s);
        }
    }

    /// Cases without an operation.
    pub fn cases_without_operation(&self) -> u64 {
        self.cases.saturating_sub(self.total.operations)
    }

    /// The nationality rows, most out-of-hours operations first (then most
    /// operations, then by code), as the sources list them.
    pub fn nationality_rows(&self) -> Vec<(&str, &Counts)> {
        let mut rows: Vec<(&str, &Counts)> = self
            .by_nationality
            .iter()
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        rows.sort_by(|a, b| {
            b.1.out_of_hours
                .cmp(&a.1.out_of_hours)
                .then(b.1.operations.cmp(&a.1.operations))
                .then(a.0.cmp(b.0))
        });
        rows
    }

    fn outcome_rows(&self) -> Vec<(&str, &Counts)> {
        OUTCOMES
            .iter()
            .filter_map(|k| self.by_outcome.get(k).map(|c| (*k, c)))
            .collect()
    }

    fn version_rows(&self) -> Vec<(&str, &Counts)> {
        self.by_version.iter().map(|(k, v)| (*k, v)).collect()
    }

    /// The report in `format`.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => self.text(),
            Format::Csv => self.csv(),
            Format::Json => self.json(),
        }
    }

    fn text(&self) -> String {
        let mut s = String::new();
        let t = &self.total;
        let pct = |n: u64| {
            if t.operations == 0 {
                "0.0".to_string()
            } else {
                format!("{:.1}", n as f64 * 100.0 / t.operations as f64)
            }
        };
        let _ = writeln!(
            s,
            "Out-of-hours enforcement operations (2023 policy, rule ooh-2023(report))"
        );
        let _ = writeln!(
            s,
            "{} cases, {} operations ({} cases without one): {} out of hours ({}%), {} in hours",
            self.cases,
            t.operations,
            self.cases_without_operation(),
            t.out_of_hours,
            pct(t.out_of_hours),
            t.in_hours
        );
        let _ = writeln!(
            s,
            "Out of hours: {} authorised, {} not authorised, {} with children present. Blocked by s 129X (in or out of hours): {}",
            t.authorised, t.not_authorised, t.children_present, t.blocked
        );
        table(
            &mut s,
            "By nationality",
            "nationality",
            &self.nationality_rows(),
            t,
        );
        table(
            &mut s,
            "By authorisation outcome",
            "outcome",
            &self.outcome_rows(),
            t,
        );
        table(
            &mut s,
            "By policy version",
            "version",
            &self.version_rows(),
            t,
        );
        s.push_str(
            "\nOut of hours: any second of the visit outside the version's window, in New Zealand\n\
             local time at the location (the actual times if carried out, else the planned ones).\n\
             Authorised: covered by an out-of-hours approval that passed every check of the policy.\n\
             Children present: out-of-hours operations only.\n",
        );
        s
    }

    fn csv(&self) -> String {
        let mut s = String::from("group,key");
        for (name, _) in Counts::default().columns() {
            s.push(',');
            s.push_str(name);
        }
        s.push('\n');
        let mut row = |group: &str, key: &str, c: &Counts| {
            let _ = write!(s, "{group},{}", csv_field(key));
            for (_, v) in c.columns() {
                let _ = write!(s, ",{v}");
            }
            s.push('\n');
        };
        for (k, c) in self.nationality_rows() {
            row("nationality", k, c);
        }
        for (k, c) in self.outcome_rows() {
            row("outcome", k, c);
        }
        for (k, c) in self.version_rows() {
            row("version", k, c);
        }
        row("total", "", &self.total);
        s
    }

    fn json(&self) -> String {
        let mut s = String::new();
        let _ = write!(
            s,
            "{{\"report\":\"ooh-2023\",\"cases\":{},\"cases_without_operation\":{},\"total\":",
            self.cases,
            self.cases_without_operation()
        );
        counts_json(&mut s, None, &self.total);
        for (name, rows) in [
            ("by_nationality", self.nationality_rows()),
            ("by_outcome", self.outcome_rows()),
            ("by_version", self.version_rows()),
        ] {
            let key = match name {
                "by_nationality" => "nationality",
                "by_outcome" => "outcome",
                _ => "version",
            };
            let _ = write!(s, ",\"{name}\":[");
            for (i, (k, c)) in rows.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                counts_json(&mut s, Some((key, k)), c);
            }
            s.push(']');
        }
        s.push_str("}\n");
        s
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn counts_json(s: &mut String, key: Option<(&str, &str)>, c: &Counts) {
    s.push('{');
    let mut first = true;
    if let Some((k, v)) = key {
        let _ = write!(s, "\"{k}\":");
        let _ = ia87_core::json::string(s, v);
        first = false;
    }
    for (name, v) in c.columns() {
        if !first {
            s.push(',');
        }
        first = false;
        let _ = write!(s, "\"{name}\":{v}");
    }
    s.push('}');
}

/// Column headings of the text tables.
const HEADINGS: [&str; 8] = [
    "operations",
    "in hours",
    "out of hours",
    "authorised",
    "not authorised",
    "blocked",
    "with children",
    "executed",
];

fn table(s: &mut String, title: &str, key: &str, rows: &[(&str, &Counts)], total: &Counts) {
    let width = rows
        .iter()
        .map(|(k, _)| k.len())
        .chain([key.len(), "total".len()])
        .max()
        .unwrap_or(5);
    let _ = writeln!(s, "\n{title}");
    let _ = write!(s, "{key:<width$}");
    for h in HEADINGS {
        let _ = write!(s, "  {h:>w$}", w = h.len().max(5));
    }
    s.push('\n');
    let mut line = |k: &str, c: &Counts| {
        let _ = write!(s, "{k:<width$}");
        for (h, (_, v)) in HEADINGS.iter().zip(c.columns()) {
            let _ = write!(s, "  {v:>w$}", w = h.len().max(5));
        }
        s.push('\n');
    };
    for (k, c) in rows {
        line(k, c);
    }
    line("total", total);
}

// ------------------------------------------------------------------ reading cases

/// How a run over a case file went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// Lines read.
    pub lines: u64,
    /// Lines rejected (by the parser or the rules) with no `expect rejected=`.
    pub rejected: u64,
}

struct Count<'a> {
    rejected: u64,
    on_reject: &'a mut dyn FnMut(u32, &str, &Rejection),
}

impl Sink for Count<'_> {
    fn report(&mut self, report: Report<'_>) {
        if let Report::Unexpected {
            line,
            case,
            rejection,
        } = report
        {
            self.rejected += 1;
            (self.on_reject)(line, case, rejection);
        }
    }
}

/// True if `raw` is a `case` line (the runner is about to start a new case).
fn starts_case(raw: &[u8]) -> bool {
    let t = raw.trim_ascii_start();
    t.starts_with(b"case") && matches!(parse_line(raw), Ok(Line::Case(_)))
}

/// Runs a case file (the case language, `ia87 1` …) through the core's
/// runner and adds every case to `report`. Rejected lines do not stop the
/// run; each is passed to `on_reject` (line, case id, rejection).
pub fn read_case_file(
    mut input: impl BufRead,
    report: &mut OohReport,
    progress: &mut Progress,
    on_reject: &mut dyn FnMut(u32, &str, &Rejection),
) -> std::io::Result<ReadStats> {
    let mut runner = Runner::new();
    let mut sink = Count {
        rejected: 0,
        on_reject,
    };
    let mut buf = Vec::new();
    let mut lines = 0u64;
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        lines += 1;
        if starts_case(&buf) {
            if let Some(c) = runner.case() {
                report.add_case(c);
            }
        }
        runner.feed(&buf, &mut sink);
        progress.advance(n as u64, report.cases);
    }
    runner.finish(&mut sink);
    if let Some(c) = runner.case() {
        report.add_case(c);
    }
    progress.finish();
    Ok(ReadStats {
        lines,
        rejected: sink.rejected,
    })
}

/// A row the table could not apply: its 0-based position, its case id, and
/// why (the code's name and a message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowRejection {
    /// 0-based row.
    pub row: usize,
    /// The case id cell.
    pub case_id: String,
    /// The error code (`bad-value`, `not-in-state`, …).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

/// Many cases from the rows of an event table (`case_id`, `at`, `verb`, keys),
/// cases interleaved, each case's rows in time order — the table `ia87 audit`
/// reads as CSV and the Python package as columns. Each row goes through the
/// core's cell validation (`ia87_core::lang::cells`) and is applied to its
/// case; a rejected row leaves its case as it was.
#[derive(Debug, Default)]
pub struct CaseTable {
    index: HashMap<String, usize>,
    cases: Vec<(String, Case)>,
    rows: usize,
    /// The rows that were not applied.
    pub rejected: Vec<RowRejection>,
}

impl CaseTable {
    /// An empty table.
    pub fn new() -> Self {
        CaseTable::default()
    }

    /// Applies one row. The `at` of a `person`, `config` or `policy` row is
    /// ignored (as `ia87 audit` and `ia87.replay_events` ignore it); `keys`
    /// are `KEY=VALUE` cells (several tokens a cell are allowed). The outcome
    /// of an accepted row is returned.
    pub fn row(
        &mut self,
        case_id: &str,
        at: Option<&str>,
        verb: &str,
        keys: &[&str],
    ) -> Option<Outcome> {
        let row = self.rows;
        self.rows += 1;
        let at = if matches!(verb, "person" | "config" | "policy") {
            None
        } else {
            at
        };
        let result = check_case_id(case_id)
            .and_then(|()| parse_row(at, verb, keys))
            .map_err(|e| e.rejection)
            .and_then(|line| {
                let i = match self.index.get(case_id) {
                    Some(&i) => i,
                    None => {
                        self.cases.push((case_id.to_string(), Case::new()));
                        let i = self.cases.len() - 1;
                        self.index.insert(case_id.to_string(), i);
                        i
                    }
                };
                let case = &mut self.cases[i].1;
                match line {
                    Line::Event(e) => case.apply(&e),
                    Line::Person(p) => case.set_person(&p),
                    Line::Config(items) => case
                        .configure(&items)
                        .and_then(|()| case.snapshot_outcome()),
                    Line::Policy(p) => {
                        case.set_policy(p);
                        case.snapshot_outcome()
                    }
                    _ => Err(Rejection::new(
                        ia87_core::ErrorCode::BadSyntax,
                        "not an event row",
                    )),
                }
            });
        match result {
            Ok(o) => Some(o),
            Err(r) => {
                self.rejected.push(RowRejection {
                    row,
                    case_id: case_id.to_string(),
                    code: r.code.name(),
                    message: r.message.to_string(),
                });
                None
            }
        }
    }

    /// The cases, in order of first appearance.
    pub fn cases(&self) -> impl Iterator<Item = (&str, &Case)> {
        self.cases.iter().map(|(id, c)| (id.as_str(), c))
    }

    /// The report over every case of the table.
    pub fn report(&self) -> OohReport {
        let mut r = OohReport::new();
        for (_, c) in self.cases() {
            r.add_case(c);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "ia87 1
case a
person nationality=CHN
policy ooh-2023
config ooh-pause=off
2024-07-10T16:30:00+12:00 operation-propose kind=home-visit purpose=deportation start=2024-07-11T06:00:00+12:00 end=2024-07-11T07:00:00+12:00 approved-by=head-of-inz approved-at=2024-07-10T16:00:00+12:00 justification=public-safety children=yes vulnerable=no nz-residents=no alternatives=yes cultural=yes proportionality=yes safety-plan=yes
2024-07-11T08:00:00+12:00 operation-execute start=2024-07-11T06:05:00+12:00 end=2024-07-11T06:50:00+12:00 children=yes
case b
person nationality=CHN
policy ooh-2023
2024-07-10T16:30:00+12:00 operation-propose kind=home-visit purpose=deportation start=2024-07-11T06:00:00+12:00
case c
person nationality=TON
policy ooh-2023
2024-07-10T16:30:00+12:00 operation-propose kind=home-visit purpose=deportation start=2024-07-11T10:00:00+12:00
case d
2009-03-02T06:10+13:00 arrive craft=NZ1 place=customs
2009-03-02T06:20+13:00 present colour=blue
";

    fn report() -> (OohReport, ReadStats, Vec<u32>) {
        let mut r = OohReport::new();
        let mut bad = Vec::new();
        let stats = read_case_file(
            FILE.as_bytes(),
            &mut r,
            &mut Progress::none(),
            &mut |line, _, _| bad.push(line),
        )
        .unwrap();
        (r, stats, bad)
    }

    #[test]
    fn counts_by_nationality_outcome_and_version() {
        let (r, stats, bad) = report();
        assert_eq!(stats.lines, 18);
        assert_eq!((stats.rejected, bad), (1, vec![18]));
        assert_eq!(r.cases, 4);
        assert_eq!(r.cases_without_operation(), 1);
        let chn = r.by_nationality["CHN"];
        assert_eq!(
            chn,
            Counts {
                operations: 2,
                in_hours: 0,
                out_of_hours: 2,
                authorised: 1,
                not_authorised: 1,
                blocked: 0,
                children_present: 1,
                executed: 1,
            }
        );
        assert_eq!(r.by_nationality["TON"].in_hours, 1);
        assert!(!r.by_outcome.contains_key("executed"));
        assert_eq!(r.by_outcome["out-of-hours-authorised"].executed, 1);
        assert_eq!(r.by_outcome["out-of-hours-denied"].out_of_hours, 1);
        assert_eq!(r.by_outcome["in-hours"].in_hours, 1);
        assert_eq!(r.by_version["v3"].operations, 3);
        assert_eq!(r.total.operations, 3);
        let rows: Vec<&str> = r.nationality_rows().iter().map(|(k, _)| *k).collect();
        assert_eq!(rows, ["CHN", "TON"]);
    }

    #[test]
    fn the_three_formats_say_the_same() {
        let (r, _, _) = report();
        let csv = r.render(Format::Csv);
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("group,key,operations,in_hours,out_of_hours,authorised,not_authorised,blocked,children_present,executed")
        );
        assert!(csv.contains("\nnationality,CHN,2,0,2,1,1,0,1,1\n"));
        assert!(csv.ends_with("\ntotal,,3,1,2,1,1,0,1,1\n"));
        let json = r.render(Format::Json);
        assert!(json.starts_with("{\"report\":\"ooh-2023\",\"cases\":4,\"cases_without_operation\":1,\"total\":{\"operations\":3,"));
        assert!(json.contains("{\"nationality\":\"CHN\",\"operations\":2,\"in_hours\":0,\"out_of_hours\":2,\"authorised\":1,\"not_authorised\":1,\"blocked\":0,\"children_present\":1,\"executed\":1}"));
        let text = r.render(Format::Text);
        assert!(text.contains(
            "4 cases, 3 operations (1 cases without one): 2 out of hours (66.7%), 1 in hours"
        ));
        assert!(text.contains("\nCHN  "));
    }

    #[test]
    fn a_table_of_rows_gives_the_same_report() {
        let mut t = CaseTable::new();
        let kv = |s: &'static str| -> Vec<&'static str> { s.split(' ').collect() };
        t.row(
            "a",
            Some("2024-01-01T00:00:00Z"),
            "person",
            &["nationality=CHN"],
        );
        t.row("b", None, "policy", &["ooh-2023"]);
        t.row("a", None, "policy", &["ooh-2023"]);
        t.row("b", None, "person", &["nationality=CHN"]);
        t.row("a", None, "config", &["ooh-pause=off"]);
        t.row("a", Some("2024-07-10T16:30:00+12:00"), "operation-propose", &kv("kind=home-visit purpose=deportation start=2024-07-11T06:00:00+12:00 end=2024-07-11T07:00:00+12:00 approved-by=head-of-inz approved-at=2024-07-10T16:00:00+12:00 justification=public-safety children=yes vulnerable=no nz-residents=no alternatives=yes cultural=yes proportionality=yes safety-plan=yes"));
        t.row(
            "b",
            Some("2024-07-10T16:30:00+12:00"),
            "operation-propose",
            &kv("kind=home-visit purpose=deportation start=2024-07-11T06:00:00+12:00"),
        );
        t.row(
            "a",
            Some("2024-07-11T08:00:00+12:00"),
            "operation-execute",
            &kv("start=2024-07-11T06:05:00+12:00 end=2024-07-11T06:50:00+12:00 children=yes"),
        );
        t.row("c", None, "person", &["nationality=TON"]);
        t.row("c", None, "policy", &["ooh-2023"]);
        t.row(
            "c",
            Some("2024-07-10T16:30:00+12:00"),
            "operation-propose",
            &kv("kind=home-visit purpose=deportation start=2024-07-11T10:00:00+12:00"),
        );
        t.row(
            "d",
            Some("2009-03-02T06:10+13:00"),
            "arrive",
            &kv("craft=NZ1 place=customs"),
        );
        assert!(t
            .row(
                "d",
                Some("2009-03-02T06:20+13:00"),
                "present",
                &["colour=blue"]
            )
            .is_none());
        assert!(t.row("bad id", None, "policy", &["ooh-2023"]).is_none());
        assert_eq!(t.rejected.len(), 2);
        assert_eq!(t.rejected[0].code, "unknown-key");
        let (from_file, _, _) = report();
        assert_eq!(t.report(), from_file);
    }
}
