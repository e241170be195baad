//! The command line as a user runs it: exit codes, error locations, formats.

use std::path::PathBuf;
use std::process::{Command, Output};

fn ia87(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ia87"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run ia87")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_file(name: &str, content: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ia87-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn check_passes_on_the_conformance_suite() {
    let o = ia87(&["check", "tests/conformance"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    let last = out.lines().last().unwrap();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
    let n: u32 = last.split_whitespace().next().unwrap().parse().unwrap();
    assert!(n >= 293, "{last}");
}

#[test]
fn check_reports_a_failed_expectation_with_exit_1() {
    let f = temp_file(
        "fail.case",
        b"ia87 1\ncase x\n2009-03-02T06:10+13:00 arrive craft=A place=customs\nexpect status=unlawful\n",
    );
    let o = ia87(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("fail.case:4"), "{out}");
    assert!(out.contains("status arrived"), "{out}");
    assert!(out.ends_with("0 passed, 1 failed\n"), "{out}");
}

#[test]
fn bad_input_exits_2_with_line_and_column() {
    let f = temp_file(
        "bad.case",
        b"ia87 1\ncase x\n2009-03-02T06:10 arrive craft=A\n2009-03-02T06:11+13:00 arive\n",
    );
    let o = ia87(&["replay", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("bad.case:3:1:") && err.contains("no-offset"),
        "{err}"
    );
    assert!(
        err.contains("bad.case:4:24:") && err.contains("unknown-verb"),
        "{err}"
    );
    // Nothing is lost: the lines after the bad ones are still replayed.
    let o = ia87(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn missing_file_is_bad_input() {
    let o = ia87(&["replay", "no/such/file.case"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/file.case"));
}

#[test]
fn replay_json_is_one_object_per_line() {
    let o = ia87(&[
        "replay",
        "--format",
        "json",
        "examples/cases/dst-48h-breach.case",
    ]);
    assert!(o.status.success());
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 10);
    for l in &lines {
        assert!(
            l.starts_with("{\"case\":\"chc-2009-0404-11\",\"line\":") && l.ends_with('}'),
            "{l}"
        );
    }
    assert!(out.contains("\"severity\":\"violation\",\"code\":\"no-warrant-48h\",\"rule\":\"s128(7)\",\"at\":\"2009-04-06T09:00:01+12:00\""));
}

#[test]
fn fail_on_turns_findings_into_exit_1() {
    let o = ia87(&[
        "replay",
        "--fail-on",
        "violation",
        "examples/cases/dst-48h-breach.case",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let o = ia87(&[
        "replay",
        "--fail-on",
        "violation",
        "examples/cases/refused-visitor-first-craft.case",
    ]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn diagrams_are_drawn_from_the_tables() {
    for m in ["status", "border", "eligibility", "transit"] {
        let o = ia87(&["diagram", m]);
        assert!(o.status.success());
        let out = stdout(&o);
        assert!(out.starts_with("stateDiagram-v2\n"), "{m}");
        let o = ia87(&["diagram", m, "--format", "dot"]);
        assert!(stdout(&o).starts_with(&format!("digraph {m} {{")));
    }
    let out = stdout(&ia87(&["diagram", "border"]));
    assert!(
        out.contains("custody_pre_warrant --> custody_warrant : B07 — warrant-issue (s 128(7))"),
        "{out}"
    );
    assert_eq!(ia87(&["diagram", "nope"]).status.code(), Some(2));
}

#[test]
fn rules_lists_every_rule() {
    let text = stdout(&ia87(&["rules"]));
    assert!(text.contains("s128B(6)(c)        s 128B(6)(c)"));
    let json = stdout(&ia87(&["rules", "--format", "json"]));
    assert!(json.trim_start().starts_with('[') && json.trim_end().ends_with(']'));
    assert_eq!(json.matches("\"id\":").count(), text.lines().count());
}

#[test]
fn audit_reads_a_csv_event_table() {
    // Token columns are named `keys` (or `args`), and may repeat.
    let csv = "case_id,at,verb,keys,keys,keys,keys\n\
        p1,2009-03-02T06:10+13:00,arrive,craft=NZ1,place=customs,,\n\
        p1,2009-03-02T06:25+13:00,present,,,,\n\
        p1,2009-03-02T08:00+13:00,refuse-permit,by=io,,,\n\
        p2,2009-03-02T06:10+13:00,arrive,craft=NZ1,place=customs,,\n\
        p1,2009-03-02T08:30+13:00,detain,by=police,basis=s128,,\n\
        p1,2009-03-04T08:30:01+13:00,tick,,,,\n\
        p2,2009-03-02T07:00+13:00,arive,,,,\n";
    let f = temp_file("events.csv", csv.as_bytes());
    let o = ia87(&["audit", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "the misspelt verb is reported");
    let out = stdout(&o);
    assert!(out.starts_with("case_id,row,at,severity,code,rule\n"));
    assert!(
        out.contains("p1,7,2009-03-04T08:30:01+13:00,violation,no-warrant-48h,s128(7)\n"),
        "{out}"
    );
    assert!(stderr(&o).contains(":8: case p2"), "{}", stderr(&o));
}
