//! The commands issue 12 added or extended: Parquet and per-key columns in
//! `audit`, the HTML timeline, `explain`, `rules --format json`,
//! completions, colour and the documented exit codes.

use arrow_array::{ArrayRef, RecordBatch, StringArray, TimestampMillisecondArray};
use arrow_schema::{Field, Schema};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

fn ia87_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ia87"));
    c.args(args)
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."))
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run ia87")
}

fn ia87(args: &[&str]) -> Output {
    ia87_env(args, &[])
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ia87-features-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Writes a Parquet file of string columns (and optional extra columns).
fn parquet(path: &Path, columns: Vec<(&str, ArrayRef)>) {
    let fields: Vec<Field> = columns
        .iter()
        .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let batch =
        RecordBatch::try_new(schema.clone(), columns.into_iter().map(|c| c.1).collect()).unwrap();
    let file = std::fs::File::create(path).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, schema, None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

fn strings(v: &[Option<&str>]) -> ArrayRef {
    Arc::new(StringArray::from(v.to_vec()))
}

/// Local 2009-03-02T06:10+13:00 and later, in UTC milliseconds.
fn ms(rfc: &str) -> i64 {
    // Only the few instants the tests use.
    match rfc {
        "06:10" => 1_235_927_400_000,
        "06:25" => 1_235_928_300_000,
        "08:00" => 1_235_934_000_000,
        "08:30" => 1_235_935_800_000,
        "+48h1s" => 1_236_108_601_000,
        _ => panic!("{rfc}"),
    }
}

#[test]
fn audit_reads_parquet_with_one_column_per_key_and_arrow_timestamps() {
    let dir = temp_dir("parquet");
    let p = dir.join("events.parquet");
    let at = TimestampMillisecondArray::from(vec![
        ms("06:10"),
        ms("06:25"),
        ms("08:00"),
        ms("08:30"),
        ms("+48h1s"),
    ])
    .with_timezone("Pacific/Auckland");
    parquet(
        &p,
        vec![
            ("case_id", strings(&[Some("p1"); 5])),
            ("at", Arc::new(at)),
            (
                "verb",
                strings(&[
                    Some("arrive"),
                    Some("present"),
                    Some("refuse-permit"),
                    Some("detain"),
                    Some("tick"),
                ]),
            ),
            ("craft", strings(&[Some("NZ1"), None, None, None, None])),
            ("place", strings(&[Some("customs"), None, None, None, None])),
            (
                "by",
                strings(&[None, None, Some("io"), Some("police"), None]),
            ),
            ("basis", strings(&[None, None, None, Some("s128"), None])),
        ],
    );
    let o = ia87(&["audit", s(&p)]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        out,
        "case_id,row,at,severity,code,rule\np1,5,2009-03-04T08:30:01+13:00,violation,no-warrant-48h,s128(7)\n"
    );
    assert!(text(&o.stderr).contains("5 rows, 1 findings, 0 rejected"));
    // JSON out: one object a line.
    let o = ia87(&["audit", s(&p), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(text(&o.stdout).trim()).unwrap();
    assert_eq!(v["case"], "p1");
    assert_eq!(v["rule"], "s128(7)");
    assert_eq!(v["row"], 5);
}

#[test]
fn audit_reads_parquet_with_a_keys_column_and_validates_its_cells() {
    let dir = temp_dir("parquet-keys");
    let p = dir.join("events.parquet");
    parquet(
        &p,
        vec![
            ("case_id", strings(&[Some("p1"), Some("p1"), Some("p1")])),
            (
                "at",
                strings(&[
                    Some("2009-03-02T06:10+13:00"),
                    Some("person citizen=yes #"),
                    None,
                ]),
            ),
            (
                "verb",
                strings(&[Some("arrive"), Some("tick"), Some("person")]),
            ),
            (
                "keys",
                strings(&[
                    Some("craft=NZ1 place=customs"),
                    None,
                    Some("citizen=yes # x"),
                ]),
            ),
        ],
    );
    let o = ia87(&["audit", s(&p)]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("events.parquet:2: case p1: column `at`"),
        "{err}"
    );
    assert!(
        err.contains("events.parquet:3: case p1: column `keys`"),
        "{err}"
    );
}

#[test]
fn parquet_columns_are_checked_before_any_row() {
    let dir = temp_dir("parquet-schema");
    let p = dir.join("bad.parquet");
    parquet(
        &p,
        vec![
            ("case_id", strings(&[Some("p1")])),
            ("at", strings(&[Some("2009-03-02T06:10+13:00")])),
            ("verb", strings(&[Some("tick")])),
            ("Colour", strings(&[Some("red")])),
        ],
    );
    let o = ia87(&["audit", s(&p)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("unknown column `Colour`"),
        "{}",
        text(&o.stderr)
    );
    // A timestamp without a zone is never guessed.
    let naive = TimestampMillisecondArray::from(vec![ms("06:10")]);
    let q = dir.join("naive.parquet");
    parquet(
        &q,
        vec![
            ("case_id", strings(&[Some("p1")])),
            ("at", Arc::new(naive)),
            ("verb", strings(&[Some("tick")])),
        ],
    );
    let o = ia87(&["audit", s(&q)]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("column `at`") && err.contains("without a time zone"),
        "{err}"
    );
}

#[test]
fn csv_may_have_one_column_per_key_and_names_an_unknown_one() {
    let dir = temp_dir("csv-keys");
    let csv = "verb,case_id,at,craft,place,by,basis,colour\n\
        arrive,p1,2009-03-02T06:10+13:00,NZ1,customs,,,\n\
        present,p1,2009-03-02T06:25+13:00,,,,,\n\
        refuse-permit,p1,2009-03-02T08:00+13:00,,,io,,\n\
        detain,p1,2009-03-02T08:30+13:00,,,police,s128,\n\
        tick,p1,2009-03-04T08:30:01+13:00,,,,,red\n";
    let p = dir.join("wide.csv");
    std::fs::write(&p, csv).unwrap();
    let o = ia87(&["audit", s(&p)]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("wide.csv:6: case p1: column `colour`"),
        "{err}"
    );
    assert!(err.contains("unknown-key"), "{err}");
    let q = dir.join("bad.csv");
    std::fs::write(&q, "case_id,at,verb,Bad Column\n").unwrap();
    let o = ia87(&["audit", s(&q)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("unknown column `Bad Column`"));
}

#[test]
fn the_html_timeline_is_self_contained_and_escaped() {
    let dir = temp_dir("html");
    let hostile = dir.join("hostile.case");
    std::fs::write(
        &hostile,
        "ia87 1\n# <script>alert('comment')</script>\ncase x\n\
         2009-03-02T06:10+13:00 arrive craft=A place=customs\n\
         2009-03-02T06:25+13:00 present\n\
         2009-03-02T08:00+13:00 refuse-permit by=io\n\
         2009-03-02T08:30+13:00 detain by=police basis=s128  # <img src=x onerror=alert(1)>\n\
         2009-03-04T08:30:01+13:00 tick\n\
         2009-03-04T09:00+13:00 <b>bold</b>\n",
    )
    .unwrap();
    let out = dir.join("t.html");
    let o = ia87(&[
        "replay",
        s(&hostile),
        "examples/cases/dst-48h-breach.case",
        "--format",
        "html",
        "--output",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr)); // the <b> line
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    // Nothing is fetched: no URL, no external script, style, font or image.
    for bad in [
        "http:",
        "https:",
        "<img",
        "<iframe",
        "<link rel=\"stylesheet\"",
        "@import",
        "url(",
    ] {
        assert!(!page.contains(bad), "{bad}");
    }
    assert_eq!(page.matches("<script").count(), 1);
    assert!(page.contains("default-src 'none'"));
    // Input is text, never markup.
    assert!(!page.contains("<b>bold"));
    assert!(page.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // A custody period, both readings of a deadline, a finding by severity,
    // the Act's words, and the local time with its offset.
    assert!(page.contains("class=\"seg custody\""));
    assert!(page.contains("due-strict (elapsed reading)"));
    assert!(page.contains("class=\"finding violation\""));
    assert!(page.contains("is to be detained for more than 48 hours"));
    assert!(page.contains("Mon 6 Apr 2009 09:00:01 NZST (+12:00)"));
    assert!(page.contains("Clocks change: NZDT +13:00 → NZST +12:00"));
}

#[test]
fn replay_refuses_to_write_over_its_input() {
    let dir = temp_dir("replay-same");
    let f = dir.join("c.case");
    let body = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/cases/dst-48h-breach.case"),
    )
    .unwrap();
    std::fs::write(&f, &body).unwrap();
    let o = ia87(&["replay", s(&f), "--format", "html", "-o", s(&f)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&f).unwrap(), body);
}

#[test]
fn explain_gives_the_words_the_reading_and_the_cases() {
    let o = ia87(&["explain", "s128(7)"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        out.contains("is to be detained for more than 48 hours after"),
        "{out}"
    );
    assert!(
        out.contains("the test is whether a warrant has *issued*"),
        "{out}"
    );
    assert!(
        out.contains("tests/conformance/border/sc-02.case:"),
        "{out}"
    );
    let out = text(&ia87(&["explain", "no-warrant-48h"]).stdout);
    assert!(
        out.contains("s 128(7) (s128(7))") && out.contains("violation"),
        "{out}"
    );
    let out = text(&ia87(&["explain", "warrant-expired"]).stdout);
    assert!(out.contains("Warrant expiry (B19)"), "{out}");
    let out = text(&ia87(&["explain", "capacity"]).stdout);
    assert!(out.contains("exits with code 3"), "{out}");
    assert_eq!(
        ia87(&["explain", "nothing-of-the-kind"]).status.code(),
        Some(2)
    );
}

#[test]
fn rules_json_is_json() {
    let all: serde_json::Value =
        serde_json::from_slice(&ia87(&["rules", "--format", "json"]).stdout).unwrap();
    let n = text(&ia87(&["rules"]).stdout).lines().count();
    assert_eq!(all.as_array().unwrap().len(), n);
    let one: serde_json::Value =
        serde_json::from_slice(&ia87(&["rules", "s128(7)", "--format", "json"]).stdout).unwrap();
    assert_eq!(one["cite"], "s 128(7)");
    assert_eq!(one["in-force"], "1987-11-01");
}

#[test]
fn completions_and_version() {
    let o = ia87(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    assert!(out.contains("_ia87()") && out.contains("explain"), "{out}");
    let o = ia87(&["--version"]);
    assert_eq!(
        text(&o.stdout),
        format!("ia87 {}\n", env!("CARGO_PKG_VERSION"))
    );
    let o = ia87(&["replay", "--help"]);
    assert!(text(&o.stdout).contains("Examples:"));
}

#[test]
fn the_exit_codes_are_documented() {
    let out = text(&ia87(&["--help"]).stdout);
    for line in [
        "0  success",
        "1  expectations failed",
        "2  bad input or usage",
        "3  an engine limit was reached",
        "4  the output could not be written",
    ] {
        assert!(out.contains(line), "{line}: {out}");
    }
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    for code in ["| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |"] {
        assert!(readme.contains(code), "README: {code}");
    }
    // Usage errors are 2.
    assert_eq!(ia87(&["replay"]).status.code(), Some(2));
    assert_eq!(ia87(&["nonsense"]).status.code(), Some(2));
    assert_eq!(ia87(&[]).status.code(), Some(2));
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let plain = ia87(&["check", "tests/conformance/border/sc-01.case"]);
    assert!(!plain.stdout.contains(&0x1b));
    let forced = ia87(&[
        "--color",
        "always",
        "check",
        "tests/conformance/border/sc-01.case",
    ]);
    assert!(forced.stdout.contains(&0x1b));
    let no = ia87_env(
        &["check", "tests/conformance/border/sc-01.case"],
        &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")],
    );
    assert!(!no.stdout.contains(&0x1b));
}
