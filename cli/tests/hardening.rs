//! The command line against a careless or hostile user: one test (or more)
//! for each row of the table in issue 12, each run on the built binary. Each
//! comment names the row it pins; every one of these tests fails on the
//! command line as it was before the issue (set `IA87_TEST_BIN` to another
//! binary to run them against it).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    match std::env::var_os("IA87_TEST_BIN") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_BIN_EXE_ia87")),
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cmd(args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args).current_dir(root()).env("NO_COLOR", "1");
    c
}

/// Waits for `child`, killing it after a generous bound: a command that
/// never ends is a failure, not a measurement.
fn finish(mut child: Child) -> Output {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.try_wait().expect("wait") {
            Some(_) => return child.wait_with_output().expect("output"),
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let out = child.wait_with_output().expect("output");
                panic!(
                    "ia87 did not end; stderr: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Runs ia87 with its output captured (through files, so that a command
/// that writes without end cannot block on a full pipe).
fn ia87(args: &[&str]) -> Output {
    let dir = temp_dir("run");
    let (o, e) = (dir.join("stdout"), dir.join("stderr"));
    let child = cmd(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&o).unwrap())
        .stderr(std::fs::File::create(&e).unwrap())
        .spawn()
        .expect("run ia87");
    let status = finish(child).status;
    Output {
        status,
        stdout: std::fs::read(&o).unwrap(),
        stderr: std::fs::read(&e).unwrap(),
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir =
        std::env::temp_dir().join(format!("ia87-hardening-{}-{name}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A detained person on the border: the rows of one case, as CSV (one
/// token a key cell, a table the command line read before the issue too).
const DETAINED: &str = "case_id,at,verb,keys,keys\n\
    p1,2009-03-02T06:10+13:00,arrive,craft=NZ1,place=customs\n\
    p1,2009-03-02T06:25+13:00,present,,\n\
    p1,2009-03-02T08:00+13:00,refuse-permit,by=io,\n\
    p1,2009-03-02T08:30+13:00,detain,by=police,basis=s128\n";

// ---------------------------------------------------------------- row 1
// `ia87 audit t.csv --output t.csv`: the output file was truncated before
// the input was read; the input was destroyed, exit 0, "0 rows, 0 findings".

#[test]
fn row1_an_output_that_is_the_input_is_refused_and_the_input_kept() {
    let dir = temp_dir("same");
    let t = write(&dir, "t.csv", DETAINED.as_bytes());
    let o = ia87(&["audit", s(&t), "--output", s(&t)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("also an input"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(std::fs::read_to_string(&t).unwrap(), DETAINED);
    // The same file through another path (a link) is the same file.
    let link = dir.join("link.csv");
    std::os::unix::fs::symlink(&t, &link).unwrap();
    let o = ia87(&["audit", s(&t), "--output", s(&link)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&t).unwrap(), DETAINED);
}

#[test]
fn row1_output_is_written_whole_or_not_at_all() {
    let dir = temp_dir("whole");
    let t = write(&dir, "t.csv", DETAINED.as_bytes());
    let out = write(&dir, "findings.csv", b"the old findings\n");
    // An input that cannot be read: the old output is left as it was.
    let o = ia87(&["audit", s(&dir), "--output", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the old findings\n");
    // A good run replaces it, and leaves no temporary file behind.
    let o = ia87(&["audit", s(&t), "--output", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("case_id,row,at,severity,code,rule\n"));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

// ---------------------------------------------------------------- row 2
// An audit CSV row whose `at` cell is `person citizen=yes #` became the
// directive `person citizen=yes`: a citizen-detained finding appeared; a
// verb cell `tick # ` was accepted too.

#[test]
fn row2_an_at_cell_cannot_smuggle_a_directive() {
    let dir = temp_dir("inject-at");
    let csv = format!("{DETAINED}p1,person citizen=yes #,tick,,\n");
    let t = write(&dir, "t.csv", csv.as_bytes());
    let o = ia87(&["audit", s(&t)]);
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(!out.contains("citizen-detained"), "{out}");
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("t.csv:6:") && err.contains("column `at`"),
        "{err}"
    );
    assert!(err.contains("bad-timestamp"), "{err}");
}

#[test]
fn row2_a_verb_cell_holds_exactly_a_verb() {
    let dir = temp_dir("inject-verb");
    let csv = format!("{DETAINED}p1,2009-03-04T08:30:01+13:00,tick # ,,\n");
    let t = write(&dir, "t.csv", csv.as_bytes());
    let o = ia87(&["audit", s(&t)]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("t.csv:6:") && err.contains("column `verb`"),
        "{err}"
    );
    // Key cells too: a comment or a second line in a cell is refused.
    let csv = format!("{DETAINED}p1,2009-03-04T08:30:01+13:00,tick,x=1 # y,\n");
    let t = write(&dir, "k.csv", csv.as_bytes());
    let o = ia87(&["audit", s(&t)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("column `keys`"),
        "{}",
        text(&o.stderr)
    );
}

// ---------------------------------------------------------------- row 3
// `ia87 replay /dev/zero`, or a 100 MB line: the whole line was read into
// memory before the 1,024-byte limit applied; a rejected 100 MB line was
// printed back in full.

#[test]
fn row3_dev_zero_ends_with_line_too_long() {
    let o = ia87(&["replay", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("/dev/zero:1:") && err.contains("line-too-long"),
        "{err}"
    );
    assert!(o.stdout.len() < 4096, "{} bytes of output", o.stdout.len());
}

#[test]
fn row3_a_100_mb_line_is_rejected_and_shown_cut() {
    let dir = temp_dir("long");
    let p = dir.join("long.case");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        f.write_all(b"ia87 1\ncase long\n").unwrap();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..100 {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(b"\n").unwrap();
    }
    let o = ia87(&["replay", s(&p)]);
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("long.case:3:") && err.contains("line-too-long"),
        "{err}"
    );
    assert!(o.stdout.len() < 4096, "{} bytes of output", o.stdout.len());
    assert!(out.contains(&format!("{}…", "x".repeat(80))), "{out}");
    // A table's record is bounded the same way, however it is quoted.
    let mut csv = b"case_id,at,verb,keys\np1,2009-03-02T06:10+13:00,tick,\"".to_vec();
    csv.extend(std::iter::repeat_n(b'z', 3 << 20));
    csv.extend_from_slice(b"\"\n");
    let t = write(&dir, "long.csv", &csv);
    let o = ia87(&["audit", s(&t)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("line-too-long"),
        "{}",
        text(&o.stderr)
    );
    // A long line within the first MiB is skipped, and the next line read.
    let q = write(
        &dir,
        "next.case",
        format!(
            "ia87 1\ncase c\n{}\n2009-03-02T06:10+13:00 arrive craft=A place=customs\n",
            "y".repeat(5000)
        )
        .as_bytes(),
    );
    let o = ia87(&["replay", s(&q)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stdout).contains("status.arrived"),
        "{}",
        text(&o.stdout)
    );
}

// ---------------------------------------------------------------- row 4
// `ia87 check DIR` where DIR holds `ln -s . a`: every file counted 41 times;
// with two such links the walk never ended while memory grew.

fn passed(o: &Output) -> String {
    text(&o.stdout).lines().last().unwrap_or("").to_string()
}

#[test]
fn row4_links_that_loop_are_walked_once() {
    let dir = temp_dir("loop");
    let case = std::fs::read(root().join("tests/conformance/border/sc-01.case")).unwrap();
    let f = write(&dir, "sc-01.case", &case);
    let alone = passed(&ia87(&["check", s(&f)]));
    assert!(
        alone.ends_with(" passed, 0 failed") && !alone.starts_with("0 "),
        "{alone}"
    );
    std::os::unix::fs::symlink(".", dir.join("a")).unwrap();
    let o = ia87(&["check", s(&dir)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(passed(&o), alone);
    std::os::unix::fs::symlink(".", dir.join("b")).unwrap();
    let o = ia87(&["check", s(&dir)]);
    assert_eq!(passed(&o), alone);
    // A file named twice, or reached through a link, is checked once.
    std::os::unix::fs::symlink(&f, dir.join("again.case")).unwrap();
    let o = ia87(&["check", s(&dir), s(&f)]);
    assert_eq!(passed(&o), alone);
}

// ---------------------------------------------------------------- row 5
// `ia87 check … | head -c1`, or output to a full disk: `check`, `diagram`
// and `--help` panicked ("failed printing to stdout"), exit 101.

/// Runs with standard output a pipe whose reader has gone (as `| head -c1`
/// leaves it once `head` has its byte).
fn closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = cmd(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    finish(child)
}

fn full_disk(args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let child = cmd(args)
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    finish(child)
}

#[test]
fn row5_a_closed_pipe_ends_quietly() {
    for args in [
        &["check", "tests/conformance"][..],
        &["diagram", "border"],
        &["--help"],
        &["replay", "examples/cases/dst-48h-breach.case"],
        &[
            "replay",
            "--format",
            "json",
            "examples/cases/dst-48h-breach.case",
        ],
        &["rules"],
    ] {
        let o = closed_pipe(args);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn row5_a_full_disk_is_an_error_not_a_panic() {
    for args in [
        &["check", "tests/conformance"][..],
        &["diagram", "border"],
        &["--help"],
        &["replay", "examples/cases/dst-48h-breach.case"],
        &["rules"],
    ] {
        let o = full_disk(args);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(4), "{args:?}: {err}");
        assert!(err.contains("No space left on device"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // And to a file named with --output.
    let dir = temp_dir("full");
    let t = write(&dir, "t.csv", DETAINED.as_bytes());
    let o = ia87(&["audit", s(&t), "--output", "/dev/full"]);
    assert_eq!(o.status.code(), Some(4), "{}", text(&o.stderr));
}

// ---------------------------------------------------------------- row 6
// ESC/OSC sequences or NUL in a comment or a rejected line were written raw
// to the terminal by `replay` and `check`.

const HOSTILE: &[u8] = b"ia87 1\ncase e\n\
2009-03-02T06:10+13:00 arrive craft=A place=customs # \x1b]0;owned\x07 \x1b[2J\n\
2009-03-02T06:11+13:00 ar\x1b[31mrive\n\
2009-03-02T06:12+13:00 tick # nul\x00here \xc2\x9b31m\n\
expect status=unlawful # \x1b[5m\n";

fn assert_no_controls(what: &str, b: &[u8]) {
    let t = text(b);
    for (i, c) in t.char_indices() {
        let bad = (c < ' ' && c != '\n' && c != '\t')
            || c == '\u{7f}'
            || ('\u{80}'..='\u{9f}').contains(&c);
        assert!(!bad, "{what}: control U+{:04X} at byte {i}: {t}", c as u32);
    }
}

#[test]
fn row6_control_characters_are_shown_escaped() {
    let dir = temp_dir("controls");
    let f = write(&dir, "ctl.case", HOSTILE);
    for args in [&["replay", s(&f)][..], &["check", s(&f)]] {
        let o = ia87(args);
        assert_no_controls("stdout", &o.stdout);
        assert_no_controls("stderr", &o.stderr);
        let out = text(&o.stdout);
        assert!(out.contains("ar\\x1b[31mrive"), "{out}");
        assert!(out.contains("nul\\x00here \\x9b31m"), "{out}");
    }
    let out = text(&ia87(&["replay", s(&f)]).stdout);
    assert!(out.contains("# \\x1b]0;owned\\x07 \\x1b[2J"), "{out}");
    // So is an argument that clap refuses.
    for args in [
        &["replay", "--format", "\x1b[2J", "x.case"][..],
        &[
            "--color",
            "always",
            "replay",
            "--format",
            "\x1b]0;t\x07",
            "x.case",
        ],
    ] {
        let o = ia87(args);
        assert_eq!(o.status.code(), Some(2));
        assert_no_controls("stderr", &o.stderr);
        assert!(
            text(&o.stderr).contains("invalid value"),
            "{}",
            text(&o.stderr)
        );
    }
    // A file name is input too.
    let named = write(&dir, "a\x1b[2Jb.case", b"ia87 1\nnot a line\n");
    let o = ia87(&["replay", s(&named)]);
    assert_no_controls("stderr", &o.stderr);
    assert!(
        text(&o.stderr).contains("a\\x1b[2Jb.case"),
        "{}",
        text(&o.stderr)
    );
}

// ---------------------------------------------------------------- row 7
// A 6th escape, a 9th `holiday=`, a line of 41 tokens: rejected with
// `capacity`, but `replay` exited 0 with nothing on stderr.

fn escapes() -> String {
    let mut c = String::from(
        "ia87 1\ncase esc\n\
         2009-05-30T06:10+12:00 arrive craft=NZ003 place=customs\n\
         2009-05-30T06:25+12:00 present\n\
         2009-05-30T06:30+12:00 apply-permit type=temporary kind=visitor\n\
         2009-05-30T08:00+12:00 refuse-permit by=io\n\
         2009-05-30T12:00+12:00 detain by=police basis=s128 requested-by=io\n\
         2009-06-01T08:00+12:00 warrant-apply by=io to=registrar oath=yes reasons=yes\n\
         2009-06-01T10:00+12:00 warrant-issue by=registrar days=28 premises=prison\n",
    );
    for d in 10..=16 {
        c.push_str(&format!(
            "2009-06-{d}T10:00+12:00 escape\n2009-06-{d}T12:00+12:00 recapture\n"
        ));
    }
    c
}

#[test]
fn row7_engine_limits_are_loud_in_every_command() {
    let dir = temp_dir("capacity");
    let esc = write(&dir, "esc.case", escapes().as_bytes());
    let hol = write(
        &dir,
        "hol.case",
        b"ia87 1\ncase h\nconfig holiday=2009-01-05 holiday=2009-01-06 holiday=2009-01-07 \
holiday=2009-01-08 holiday=2009-01-09 holiday=2009-01-12 holiday=2009-01-13 holiday=2009-01-14\n\
config zone=mainland holiday=2009-01-15\n",
    );
    let mut line = String::from("2009-03-02T06:10+13:00 arrive place=customs");
    for _ in 0..39 {
        line.push_str(" craft=A");
    }
    let tok = write(
        &dir,
        "tok.case",
        format!("ia87 1\ncase t\n{line}\n").as_bytes(),
    );
    // The 6th escape is line 20, the 9th holiday column 22 of line 4, the
    // 41st token column 341 of line 3.
    for (f, loc) in [
        (&esc, "esc.case:20:24:"),
        (&hol, "hol.case:4:22:"),
        (&tok, "tok.case:3:341:"),
    ] {
        for args in [
            &["replay", s(f)][..],
            &["replay", "--format", "json", s(f)],
            &["check", s(f)],
            &["audit", s(f)],
        ] {
            let o = ia87(args);
            let err = text(&o.stderr);
            assert_eq!(o.status.code(), Some(3), "{args:?}: {err}");
            assert!(
                err.contains(loc) && err.contains("(capacity)"),
                "{args:?}: {err}"
            );
        }
    }
    // An event table reaches the same limit.
    let mut csv = String::from("case_id,at,verb,keys\n");
    for d in ["05", "06", "07", "08", "09", "12", "13", "14", "15"] {
        csv.push_str(&format!("h1,,config,holiday=2009-01-{d}\n"));
    }
    let t = write(&dir, "hol.csv", csv.as_bytes());
    let o = ia87(&["audit", s(&t)]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.contains("hol.csv:10:") && err.contains("(capacity)"),
        "{err}"
    );
}

#[test]
fn an_expected_engine_limit_is_a_passing_expectation() {
    // The conformance suite expects the 9th holiday to be refused.
    let o = ia87(&["check", "tests/conformance/errors/cov-errors.case"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
}

// ---------------------------------------------------------------- row 8
// `config service-level=P9999999999999W`: error at column 0 (columns are
// 1-based elsewhere).

#[test]
fn row8_a_refused_setting_is_located_at_its_column() {
    let dir = temp_dir("column");
    let f = write(
        &dir,
        "sl.case",
        b"ia87 1\ncase x\nconfig zone=mainland service-level=P9999999999999W\n",
    );
    for args in [&["replay", s(&f)][..], &["check", s(&f)]] {
        let o = ia87(args);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("sl.case:3:22:"), "{args:?}: {err}");
        assert!(!err.contains(":0:"), "{err}");
    }
}

// ---------------------------------------------------------------- row 9
// Audit CSV case ids had no length limit (case files allow 32 bytes); an id
// starting with `=` went out unescaped to a file a spreadsheet will open.

#[test]
fn row9_case_ids_have_the_case_file_limit() {
    let dir = temp_dir("ids");
    let long = "a".repeat(33);
    let ok = "b".repeat(32);
    let csv = format!(
        "case_id,at,verb,keys,keys\n\
         {long},2009-03-02T06:10+13:00,arrive,craft=NZ1,place=customs\n\
         {ok},2009-03-02T06:10+13:00,arrive,craft=NZ1,place=customs\n\
         =HYPERLINK(1),2009-03-02T06:10+13:00,arrive,craft=NZ1,place=customs\n"
    );
    let t = write(&dir, "ids.csv", csv.as_bytes());
    let o = ia87(&["audit", s(&t)]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("ids.csv:2:") && err.contains("column `case_id`"),
        "{err}"
    );
    assert!(err.contains("ids.csv:4:"), "{err}");
    assert!(!err.contains("ids.csv:3:"), "{err}");
    assert!(err.contains("3 rows, 0 findings, 2 rejected"), "{err}");
}

#[test]
fn row9_cells_a_spreadsheet_would_run_are_defused() {
    let dir = temp_dir("defuse");
    let mut csv = String::from("case_id,at,verb,keys,keys\n");
    for id in ["@SUM(1)", "-1+1", "+64"] {
        for l in DETAINED.lines().skip(1) {
            csv.push_str(&l.replacen("p1", id, 1));
            csv.push('\n');
        }
        csv.push_str(&format!("{id},2009-03-04T08:30:01+13:00,tick,,\n"));
    }
    let t = write(&dir, "f.csv", csv.as_bytes());
    let o = ia87(&["audit", s(&t)]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    for (id, row) in [("'@SUM(1)", 6), ("'-1+1", 11), ("'+64", 16)] {
        let want =
            format!("\n{id},{row},2009-03-04T08:30:01+13:00,violation,no-warrant-48h,s128(7)\n");
        assert!(out.contains(&want), "{want}: {out}");
    }
    for l in out.lines() {
        assert!(!l.starts_with(['=', '+', '-', '@']), "{l}");
    }
}

// ---------------------------------------------------------------- row 10
// `ia87 rules s128(7)` printed every rule, ignoring the argument.

#[test]
fn row10_rules_with_an_id_prints_that_rule() {
    let o = ia87(&["rules", "s128(7)"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    let ids: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(ids, ["s128(7)"], "{out}");
    assert!(
        out.contains("is to be detained for more than 48 hours"),
        "{out}"
    );
    let o = ia87(&["rules", "s999"]);
    assert_eq!(o.status.code(), Some(2));
}
