//! `ia87`: the command line (case-format.md §6).
//!
//! ```text
//! ia87 replay FILE… [--format text|json|html] [--fail-on SEVERITY] [--output FILE]
//! ia87 check FILE|DIR…
//! ia87 audit FILE [--format csv|json] [--output FILE] [--fail-on SEVERITY]
//! ia87 diagram MACHINE [--format mermaid|dot]
//! ia87 rules [RULE] [--format text|json]
//! ia87 explain CODE|RULE
//! ia87 completions SHELL
//! ```
//!
//! Exit codes: 0 success; 1 expectations failed (or findings with
//! `--fail-on`); 2 bad input or usage, with the file, line and column;
//! 3 an engine limit dropped a line (`capacity`); 4 the output could not be
//! written. When several apply, the largest is returned. A closed pipe on
//! standard output ends the command quietly (0).
//!
//! Nothing is printed with `print!`: every write goes through a writer whose
//! errors are handled ([`output::Out`], [`diag`]).

mod audit;
mod check;
mod diag;
mod diagram;
mod engine;
mod escape;
mod explain;
mod html;
mod input;
mod output;
mod parquet_in;
mod replay;
mod run;
mod text;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Expectations failed, or findings of the `--fail-on` severity.
pub const EXIT_FAILED: u8 = 1;
/// Bad input or usage.
pub const EXIT_BAD_INPUT: u8 = 2;
/// An engine limit dropped a line.
pub const EXIT_LIMIT: u8 = 3;
/// The output could not be written.
pub const EXIT_OUTPUT: u8 = 4;

/// Why a command stopped.
#[derive(Debug)]
pub enum Fail {
    /// The command was asked for something it cannot do (exit 2).
    Usage(String),
    /// The input cannot be read or is not what it must be (exit 2).
    Input(String),
    /// The output cannot be written (exit 4).
    Output(String),
    /// Standard output was closed by its reader: stop without a word (exit 0).
    Quiet,
}

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  expectations failed (check), or a finding of the --fail-on severity
  2  bad input or usage (the message gives file, line and column)
  3  an engine limit was reached (`capacity`): a line was not applied
  4  the output could not be written (nothing is left half-written)
When several apply, the largest is returned.";

#[derive(Parser)]
#[command(
    name = "ia87",
    version,
    about = "New Zealand's Immigration Act 1987: status and detention rules, replayed and audited",
    long_about = "New Zealand's Immigration Act 1987 (reprint as at 29 November 2010): \
        replay case files through the rules core, check their expectations, audit event \
        tables, and show the rules with the Act's words.",
    after_help = EXIT_CODES,
    arg_required_else_help = true
)]
struct Cli {
    /// When to colour text on a terminal (NO_COLOR is honoured).
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Cmd {
    /// The timeline of each case: states, deadlines, findings, rules
    #[command(after_help = "\
Examples:
  ia87 replay examples/cases/dst-48h-breach.case
  ia87 replay --format json examples/cases/*.case
  ia87 replay examples/cases/dst-48h-breach.case --format html --output timeline.html
  ia87 replay --fail-on violation record.case      # exit 1 if a violation is found

Text and HTML show local times in the case's zone (New Zealand); JSON is one
object a line, byte for byte what the C ABI and the Python package give.")]
    Replay(ReplayArgs),
    /// Run the expectations (`expect …` lines) of case files
    #[command(after_help = "\
Examples:
  ia87 check tests/conformance
  ia87 check my-case.case other/

A directory is searched for *.case files; each file is checked once, however
many links lead to it, and links that loop are not followed again.")]
    Check(CheckArgs),
    /// Many cases in one event table (CSV, Parquet or a case file) → one findings table
    #[command(after_help = "\
Examples:
  ia87 audit events.csv --output findings.csv
  ia87 audit events.parquet --format json
  ia87 audit record.case
  ia87 audit examples/cases/ooh-operations-2022-2024.case --report ooh
  ia87 audit operations.csv --report ooh --format csv --output report.csv

A table has the columns case_id, at, verb and then the keys: cells of KEY=VALUE
tokens in a column named `keys` (or `args`), or one column per key named by the
key. Every cell is validated for its column. The output may not be an input.")]
    Audit(AuditArgs),
    /// Draw a machine from the transition table the core executes
    #[command(after_help = "\
Examples:
  ia87 diagram border
  ia87 diagram eligibility --format dot | dot -Tsvg > eligibility.svg")]
    Diagram(DiagramArgs),
    /// Every rule the core encodes, or one rule with the Act's words
    #[command(after_help = "\
Examples:
  ia87 rules
  ia87 rules 's128(7)'
  ia87 rules --format json")]
    Rules(RulesArgs),
    /// A rule, finding code or error code: the Act's words, the reading the engine follows, the cases that pin it
    #[command(after_help = "\
Examples:
  ia87 explain 's128(7)'
  ia87 explain no-warrant-48h
  ia87 explain capacity")]
    Explain(ExplainArgs),
    /// Print a completion script for a shell
    #[command(after_help = "\
Examples:
  ia87 completions bash > ~/.local/share/bash-completion/completions/ia87
  ia87 completions zsh > ~/.zfunc/_ia87")]
    Completions(CompletionsArgs),
}

/// `ia87 replay`.
#[derive(Args)]
pub struct ReplayArgs {
    /// Case files
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReplayFormat::Text)]
    pub format: ReplayFormat,
    /// Exit 1 if a finding of this severity occurs
    #[arg(long, value_name = "SEVERITY", value_parser = severities())]
    pub fail_on: Option<String>,
    /// Write to FILE (whole or not at all) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The severities, for `--fail-on`.
fn severities() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(engine::severity_names())
}

/// Formats of `ia87 replay`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
pub enum ReplayFormat {
    /// The timeline as text
    Text,
    /// One JSON object a line
    Json,
    /// One self-contained HTML page
    Html,
}

/// `ia87 check`.
#[derive(Args)]
pub struct CheckArgs {
    /// Case files, or directories to search for *.case files
    #[arg(required = true, value_name = "FILE|DIR")]
    pub paths: Vec<PathBuf>,
}

/// `ia87 audit`.
#[derive(Args)]
pub struct AuditArgs {
    /// The event table (CSV or Parquet) or a case file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format (default: csv for findings, text for --report)
    #[arg(long, value_enum)]
    pub format: Option<AuditFormat>,
    /// Write to FILE (whole or not at all) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What the input is (by default, from its extension)
    #[arg(long, value_enum, default_value_t = AuditInput::Auto)]
    pub input_format: AuditInput,
    /// Exit 1 if a finding of this severity occurs
    #[arg(long, value_name = "SEVERITY", value_parser = severities())]
    pub fail_on: Option<String>,
    /// Instead of the findings, an oversight report over the cases: `ooh`,
    /// the 2023 out-of-hours operations by nationality and authorisation
    /// (with --format text, csv or json)
    #[arg(long, value_enum, value_name = "REPORT")]
    pub report: Option<AuditReport>,
}

/// Reports of `ia87 audit --report`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
pub enum AuditReport {
    /// Out-of-hours enforcement operations (2023 policy): in and out of
    /// hours, by authorisation outcome, by nationality, with children present
    Ooh,
}

/// Formats of `ia87 audit`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
pub enum AuditFormat {
    /// `case_id,row,at,severity,code,rule`
    Csv,
    /// One JSON object a line
    Json,
    /// A table for reading (`--report` only)
    Text,
}

/// Inputs of `ia87 audit`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
pub enum AuditInput {
    /// By extension: .case, .parquet/.parq/.pq, else CSV
    Auto,
    /// CSV
    Csv,
    /// Parquet
    Parquet,
    /// A case file
    Case,
}

/// `ia87 diagram`.
#[derive(Args)]
pub struct DiagramArgs {
    /// The machine: status, border, eligibility or transit
    #[arg(value_name = "MACHINE")]
    pub machine: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiagramFormatArg::Mermaid)]
    pub format: DiagramFormatArg,
    /// Write to FILE (whole or not at all) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Formats of `ia87 diagram`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
pub enum DiagramFormatArg {
    /// Mermaid stateDiagram-v2
    Mermaid,
    /// Graphviz DOT
    Dot,
}

/// `ia87 rules`.
#[derive(Args)]
pub struct RulesArgs {
    /// One rule id (e.g. s128(7)); all rules when absent
    #[arg(value_name = "RULE")]
    pub rule: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

/// Formats of `ia87 rules`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
pub enum RulesFormat {
    /// One line a rule (with the Act's words for one rule)
    Text,
    /// JSON
    Json,
}

/// `ia87 explain`.
#[derive(Args)]
pub struct ExplainArgs {
    /// A rule id (s128(7)), a finding code (no-warrant-48h) or an error code (capacity)
    #[arg(value_name = "CODE|RULE")]
    pub what: String,
}

/// `ia87 completions`.
#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `--color` from the raw arguments, so that it applies to help and errors
/// that clap reports before the arguments are parsed.
fn color_from_args() -> Option<ColorWhen> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let v = if a == "--color" {
            it.next().map(String::as_str)
        } else {
            a.strip_prefix("--color=")
        };
        match v {
            Some("always") => return Some(ColorWhen::Always),
            Some("never") => return Some(ColorWhen::Never),
            Some("auto") => return Some(ColorWhen::Auto),
            _ => {}
        }
    }
    None
}

fn set_color(c: ColorWhen) {
    let choice = match c {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
}

fn main() -> ExitCode {
    if let Some(c) = color_from_args() {
        set_color(c);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    set_color(cli.color);
    let result = match &cli.cmd {
        Cmd::Replay(a) => replay::run(a),
        Cmd::Check(a) => check::run(a),
        Cmd::Audit(a) => audit::run(a),
        Cmd::Diagram(a) => diagram::run(a),
        Cmd::Rules(a) => explain::rules(a),
        Cmd::Explain(a) => explain::explain(a),
        Cmd::Completions(a) => completions(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Fail::Quiet) => ExitCode::SUCCESS,
        Err(Fail::Usage(m)) | Err(Fail::Input(m)) => {
            diag::error(&m);
            ExitCode::from(EXIT_BAD_INPUT)
        }
        Err(Fail::Output(m)) => {
            diag::error(&m);
            ExitCode::from(EXIT_OUTPUT)
        }
    }
}

/// Help and version go to standard output, errors to standard error; a
/// closed or full standard output is handled like any other write.
fn clap_error(e: &clap::Error) -> ExitCode {
    let styled = e.render();
    if e.use_stderr() {
        // clap echoes the arguments: when one holds a control character,
        // the message is shown without colour and escaped.
        let plain = styled.to_string();
        let hostile = std::env::args_os().any(|a| {
            let a = a.to_string_lossy();
            escape::term(&a) != a
        });
        let text = if hostile {
            plain
                .lines()
                .map(|l| escape::term(l).into_owned())
                .collect::<Vec<_>>()
                .join("\n")
        } else if diag::color() {
            styled.ansi().to_string()
        } else {
            plain
        };
        diag::line(text.trim_end());
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let color = diag::stdout_color();
    let text = if color {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    let mut out = output::Out::stdout();
    let done = out.put_str(&text).and_then(|_| out.finish());
    match done {
        Ok(()) | Err(Fail::Quiet) => ExitCode::SUCCESS,
        Err(Fail::Output(m)) | Err(Fail::Usage(m)) | Err(Fail::Input(m)) => {
            diag::error(&m);
            ExitCode::from(EXIT_OUTPUT)
        }
    }
}

fn completions(a: &CompletionsArgs) -> Result<u8, Fail> {
    let mut buf = Vec::new();
    clap_complete::generate(a.shell, &mut Cli::command(), "ia87", &mut buf);
    let mut out = output::Out::stdout();
    out.put(&buf)?;
    out.finish()?;
    Ok(0)
}
