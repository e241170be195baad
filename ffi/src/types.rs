//! The `#[repr(C)]` types of the ABI. Every field is a fixed-width integer (or
//! an array of them): no Rust enums, no `bool`, no pointers, so any bit pattern
//! a C program leaves in a struct is a valid value on the Rust side, and the
//! layout is the same on x86_64 and on Cortex-M.

#![allow(non_camel_case_types)]

/// The version of the ABI described by this header. A program can compare it
/// with [`ia87_abi_version`](crate::ia87_abi_version) to check that the
/// library it linked matches the header it was compiled with.
pub const IA87_ABI_VERSION: u32 = 3;
/// Library version, major part.
pub const IA87_VERSION_MAJOR: u32 = 0;
/// Library version, minor part.
pub const IA87_VERSION_MINOR: u32 = 1;
/// Library version, patch part.
pub const IA87_VERSION_PATCH: u32 = 0;

/// Size in bytes of an [`IA87Case`].
pub const IA87_CASE_SIZE: usize = 768;
/// Size of an [`IA87Case`] in 8-byte words.
pub const IA87_CASE_WORDS: usize = 96;
/// Size in bytes of an [`IA87Outcome`].
pub const IA87_OUTCOME_SIZE: usize = 816;
/// Size in bytes of an [`IA87Event`].
pub const IA87_EVENT_SIZE: usize = 272;
/// Size in bytes of an [`IA87LineInfo`].
pub const IA87_LINE_INFO_SIZE: usize = 40;

/// A buffer this large always holds a snapshot written by `ia87_case_save`.
pub const IA87_SNAPSHOT_MAX: usize = 1024;
/// A buffer this large always holds a name (state, code, verb, key, word, rule id)
/// with its terminating NUL.
pub const IA87_NAME_MAX: usize = 64;
/// A buffer this large always holds the text of `ia87_format_instant` with its NUL.
pub const IA87_INSTANT_MAX: usize = 32;
/// A buffer this large always holds the JSON line of `ia87_outcome_json` with its NUL.
pub const IA87_JSON_MAX: usize = 8192;
/// The longest case-language line, in bytes (without the line end).
pub const IA87_LINE_MAX: usize = 1024;
/// The longest case id, in bytes.
pub const IA87_CASE_ID_MAX: usize = 32;

/// Most machine states in an outcome.
pub const IA87_MAX_STATES: usize = 7;
/// Most deadlines in an outcome.
pub const IA87_MAX_DEADLINES: usize = 12;
/// Most findings in an outcome.
pub const IA87_MAX_FINDINGS: usize = 16;
/// Most rule codes in the trace of an outcome.
pub const IA87_MAX_TRACE: usize = 32;
/// Room for the error message of a rejected line, with its NUL.
pub const IA87_MESSAGE_MAX: usize = 160;
/// Most arguments (`KEY=VALUE`) of an [`IA87Event`].
pub const IA87_MAX_ARGS: usize = 16;

/// "No code": an absent rule, kind word, and the like.
pub const IA87_NONE: u16 = 0xFFFF;

/// Zone: mainland New Zealand (NZST +12:00 / NZDT +13:00).
pub const IA87_ZONE_MAINLAND: u8 = 0;
/// Zone: the Chatham Islands (+12:45 / +13:45).
pub const IA87_ZONE_CHATHAM: u8 = 1;

/// Line kind: blank or comment only. The outcome is not written.
pub const IA87_LINE_BLANK: u8 = 0;
/// Line kind: the `ia87 1` header. The outcome is not written.
pub const IA87_LINE_HEADER: u8 = 1;
/// Line kind: `case ID`. A new case replaces the old one; the id is in the
/// line info. The outcome is not written.
pub const IA87_LINE_CASE: u8 = 2;
/// Line kind: `person …`, applied to the case. The outcome is written.
pub const IA87_LINE_PERSON: u8 = 3;
/// Line kind: `config …`, applied to the case. The outcome is written.
pub const IA87_LINE_CONFIG: u8 = 4;
/// Line kind: `policy NAME`, applied to the case. The outcome is written.
pub const IA87_LINE_POLICY: u8 = 5;
/// Line kind: a timestamped event (or `tick`), applied to the case. The outcome is written.
pub const IA87_LINE_EVENT: u8 = 6;
/// Line kind: `expect …`. Nothing is applied and the outcome is not written:
/// evaluate it with `ia87_expect` against the outcome of the line above.
pub const IA87_LINE_EXPECT: u8 = 7;
/// Line kind: a line that does not parse. The outcome is written, rejected.
pub const IA87_LINE_INVALID: u8 = 8;

/// Key type: `word` is an `IA87_WORD_*` code.
pub const IA87_KEY_TYPE_WORD: u8 = 0;
/// Key type: `value` is a whole number (0–65535).
pub const IA87_KEY_TYPE_NUMBER: u8 = 1;
/// Key type: `value` is a date as the integer `YYYYMMDD`.
pub const IA87_KEY_TYPE_DATE: u8 = 2;
/// Key type: `value` is an instant in UTC seconds.
pub const IA87_KEY_TYPE_TIMESTAMP: u8 = 3;
/// Key type: free text the core does not keep; `word` and `value` are ignored.
pub const IA87_KEY_TYPE_TEXT: u8 = 4;
/// Key type: `birth parent=`: `word` status, `word2` kind or `IA87_NONE`,
/// `value` until date `YYYYMMDD` or 0.
pub const IA87_KEY_TYPE_PARENT: u8 = 5;
/// Key type: an id of at most 8 bytes (`officer=`): `value` holds its bytes,
/// little-endian, zero-padded.
pub const IA87_KEY_TYPE_ID: u8 = 6;

/// Vocabulary for `ia87_name` / `ia87_lookup`: machines (`status`, `border`, …).
pub const IA87_VOCAB_MACHINE: u32 = 0;
/// Vocabulary: states of the `status` machine (also the person's status).
/// The states of machine `m` (`IA87_MACHINE_*`) are vocabulary
/// `IA87_VOCAB_STATUS + m`; codes up to `IA87_VOCAB_STATUS + 15` are kept for
/// machines.
pub const IA87_VOCAB_STATUS: u32 = 1;
/// Vocabulary: states of the `border` machine.
pub const IA87_VOCAB_BORDER: u32 = 2;
/// Vocabulary: states of the `eligibility` machine.
pub const IA87_VOCAB_ELIGIBILITY: u32 = 3;
/// Vocabulary: states of the `transit` machine.
pub const IA87_VOCAB_TRANSIT: u32 = 4;
/// Vocabulary: states of the `removal` machine.
pub const IA87_VOCAB_REMOVAL: u32 = 5;
/// Vocabulary: states of the `removal-detention` machine.
pub const IA87_VOCAB_REMOVAL_DETENTION: u32 = 6;
/// Vocabulary: states of the `operation` machine (2023 out-of-hours policy).
pub const IA87_VOCAB_OPERATION: u32 = 7;
/// Vocabulary: finding severities.
pub const IA87_VOCAB_SEVERITY: u32 = 17;
/// Vocabulary: finding codes.
pub const IA87_VOCAB_FINDING: u32 = 18;
/// Vocabulary: deadline names.
pub const IA87_VOCAB_DEADLINE: u32 = 19;
/// Vocabulary: error codes of rejected lines.
pub const IA87_VOCAB_ERROR: u32 = 20;
/// Vocabulary: verbs.
pub const IA87_VOCAB_VERB: u32 = 21;
/// Vocabulary: event keys.
pub const IA87_VOCAB_KEY: u32 = 22;
/// Vocabulary: value words.
pub const IA87_VOCAB_WORD: u32 = 23;
/// Vocabulary: rule ids (`s128(7)`).
pub const IA87_VOCAB_RULE: u32 = 24;
/// Vocabulary: zones (`mainland`, `chatham`).
pub const IA87_VOCAB_ZONE: u32 = 25;
/// Vocabulary: deadline kinds (`statutory`, `service-level`; `IA87Deadline.kind`).
pub const IA87_VOCAB_DEADLINE_KIND: u32 = 26;

/// `ia87_rule_text` field: the id as in the case language and JSON (`s128(7)`).
pub const IA87_RULE_FIELD_ID: u32 = 0;
/// `ia87_rule_text` field: the citation as the Act writes it (`s 128(7)`).
pub const IA87_RULE_FIELD_CITE: u32 = 1;
/// `ia87_rule_text` field: a one-line summary.
pub const IA87_RULE_FIELD_SUMMARY: u32 = 2;
/// `ia87_rule_text` field: the few words of the Act the rule rests on.
pub const IA87_RULE_FIELD_QUOTE: u32 = 3;
/// `ia87_rule_text` field: the date it came into force (`YYYY-MM-DD`).
pub const IA87_RULE_FIELD_IN_FORCE: u32 = 4;

/// What every function returns. `IA87_OK` is success; a line the rules reject
/// is still `IA87_OK`, with `accepted == 0` in the outcome.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IA87Status {
    /// Success.
    IA87_OK = 0,
    /// A required pointer was NULL.
    IA87_ERR_NULL = 1,
    /// The output buffer is too small; the length written tells the size needed.
    IA87_ERR_BUFFER_TOO_SMALL = 2,
    /// An argument is out of range (a length, a zone, an instant, a field number).
    IA87_ERR_BAD_ARGUMENT = 3,
    /// A code that its vocabulary does not have.
    IA87_ERR_UNKNOWN_CODE = 4,
    /// The bytes of the IA87Case are not a case: never initialised, or corrupted.
    IA87_ERR_CORRUPT_CASE = 5,
    /// The case no longer fits in an IA87Case; the case is unchanged.
    IA87_ERR_CAPACITY = 6,
    /// An IA87Outcome holds a count or code that no outcome can hold.
    IA87_ERR_BAD_OUTCOME = 7,
    /// The line given to `ia87_expect` is not a valid `expect` line.
    IA87_ERR_NOT_EXPECT = 8,
    /// The outcome has no such machine state or deadline, or the index is past the count.
    IA87_ERR_NOT_FOUND = 9,
    /// Snapshot: shorter than its frame says.
    IA87_ERR_SNAPSHOT_TRUNCATED = 10,
    /// Snapshot: does not start with the magic `IA87`.
    IA87_ERR_SNAPSHOT_MAGIC = 11,
    /// Snapshot: a format version this library does not read.
    IA87_ERR_SNAPSHOT_VERSION = 12,
    /// Snapshot: an encoded event, not a case.
    IA87_ERR_SNAPSHOT_KIND = 13,
    /// Snapshot: the CRC does not match (corrupted or torn).
    IA87_ERR_SNAPSHOT_CRC = 14,
    /// Snapshot: the payload is not a valid case.
    IA87_ERR_SNAPSHOT_PAYLOAD = 15,
    /// Snapshot: bytes follow the end of the frame.
    IA87_ERR_SNAPSHOT_TRAILING = 16,
    /// Text that does not parse (`ia87_parse_timestamp`).
    IA87_ERR_PARSE = 17,
    /// Snapshot: it holds a machine this library was built without (a case
    /// that reached Part 2, restored into kiosk firmware).
    IA87_ERR_SNAPSHOT_MACHINE = 18,
}

/// One case: caller-owned, fixed size, 8-byte aligned. Opaque: it holds the
/// case's snapshot (the same CRC-checked frame `ia87_case_save` writes), so a
/// corrupted or never-initialised IA87Case is reported as
/// `IA87_ERR_CORRUPT_CASE`, never misread. Initialise it with `ia87_case_init`
/// or `ia87_case_init_file`, or restore it with `ia87_case_load`. It may be
/// copied with `memcpy` and stored as bytes on the same machine or another.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IA87Case {
    /// Opaque contents.
    pub opaque: [u64; IA87_CASE_WORDS],
}

/// The state of one machine.
#[repr(C)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct IA87State {
    /// `IA87_MACHINE_*`.
    pub machine: u16,
    /// The machine's state: `IA87_STATE_<MACHINE>_*`.
    pub state: u16,
}

/// An open deadline.
#[repr(C)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct IA87Deadline {
    /// The last instant at which the act is still in time (UTC seconds; for
    /// `s128-cessation`, the instant at which s 128 ceases).
    pub due: i64,
    /// For periods read two ways, `due` of the strict (elapsed) reading; valid
    /// when `has_strict` is 1.
    pub due_strict: i64,
    /// `IA87_DEADLINE_*`.
    pub name: u16,
    /// The rule that sets it: `IA87_RULE_*`.
    pub rule: u16,
    /// 1 if `due_strict` is given.
    pub has_strict: u8,
    /// What `due` is: `IA87_DEADLINE_KIND_STATUTORY` (a time limit of the Act)
    /// or `IA87_DEADLINE_KIND_SERVICE_LEVEL` (an obligation the Act states
    /// without a number, timed by the configured service level; its passing is
    /// only ever `undetermined`). Written by the library, ignored on input
    /// (it follows from `name` and `rule`). Was a reserved zero byte.
    pub kind: u8,
    /// Zero.
    pub reserved: [u8; 2],
}

/// A finding of one line.
#[repr(C)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct IA87Finding {
    /// When it happened (UTC seconds; for a passed deadline, the first instant out of time).
    pub at: i64,
    /// `IA87_SEVERITY_*`.
    pub severity: u16,
    /// `IA87_FINDING_*`.
    pub code: u16,
    /// The rule it rests on: `IA87_RULE_*`.
    pub rule: u16,
    /// Zero.
    pub reserved: u16,
}

/// The outcome of one line: caller-owned, plain integers. For an accepted line
/// (`accepted == 1`) the states, status, deadlines, findings and trace; for a
/// rejected line (`accepted == 0`) the error code, rule, column and message,
/// and all counts are zero.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IA87Outcome {
    /// 1 if the line was accepted, 0 if it was rejected.
    pub accepted: u8,
    /// 1 if `status` is given.
    pub has_status: u8,
    /// The zone of the case after the line (`IA87_ZONE_*`).
    pub zone: u8,
    /// Length of `message` in bytes (without its NUL).
    pub message_len: u8,
    /// The person's status: `IA87_STATE_STATUS_*`.
    pub status: u16,
    /// Rejected: `IA87_ERROR_*`.
    pub error_code: u16,
    /// Rejected: the rule that forbids the event (`IA87_RULE_*`), or `IA87_NONE`.
    pub error_rule: u16,
    /// Rejected: the 1-based column of the offending token, 0 if not known.
    /// After `ia87_case_apply_event`: the 1-based index of the argument at fault
    /// (0: the event as a whole).
    pub error_column: u16,
    /// Number of entries of `states` in use.
    pub state_count: u8,
    /// Number of entries of `deadlines` in use.
    pub deadline_count: u8,
    /// Number of entries of `findings` in use.
    pub finding_count: u8,
    /// Number of entries of `trace` in use.
    pub trace_count: u8,
    /// The state of each active machine.
    pub states: [IA87State; IA87_MAX_STATES],
    /// Zero. (Seven machine states end 4 bytes short of the 8-byte alignment
    /// of `deadlines`: these bytes keep the struct free of padding.)
    pub reserved: [u8; 4],
    /// The open deadlines, in order of `due`.
    pub deadlines: [IA87Deadline; IA87_MAX_DEADLINES],
    /// The findings the line produced, in the order they arose.
    pub findings: [IA87Finding; IA87_MAX_FINDINGS],
    /// The rules applied on this line, in order: `IA87_RULE_*`.
    pub trace: [u16; IA87_MAX_TRACE],
    /// Rejected: the error message, UTF-8, NUL-terminated.
    pub message: [u8; IA87_MESSAGE_MAX],
}

/// What kind of line `ia87_case_apply_line` saw.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IA87LineInfo {
    /// `IA87_LINE_*`.
    pub kind: u8,
    /// 1 for an event line (timestamped); for an invalid line, 1 if it starts with a digit.
    pub is_event: u8,
    /// `IA87_LINE_CASE`: the length of `case_id`.
    pub case_id_len: u8,
    /// `IA87_LINE_EXPECT`: 1 for `expect rejected=…` (which covers a rejected
    /// line; a rejection no such line covers is a failure in `ia87 check`).
    pub expects_rejection: u8,
    /// `IA87_LINE_CASE`: the case id, NUL-terminated.
    pub case_id: [u8; 36],
}

/// One `KEY=VALUE` of an [`IA87Event`]. Which of `word`, `word2` and `value`
/// is read depends on the key's type (`ia87_key_type`, `IA87_KEY_TYPE_*`).
#[repr(C)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct IA87Arg {
    /// `IA87_KEY_*`.
    pub key: u16,
    /// `IA87_KEY_TYPE_WORD`: the value, an `IA87_WORD_*` code. `IA87_KEY_TYPE_PARENT`: the status word.
    pub word: u16,
    /// `IA87_KEY_TYPE_PARENT`: the kind word, or `IA87_NONE`.
    pub word2: u16,
    /// Zero.
    pub reserved: u16,
    /// `IA87_KEY_TYPE_NUMBER`: the number. `IA87_KEY_TYPE_DATE` (and the until
    /// date of a parent): `YYYYMMDD`, 0 for none. `IA87_KEY_TYPE_TIMESTAMP`: UTC seconds.
    /// `IA87_KEY_TYPE_ID`: the id's bytes, little-endian, zero-padded.
    pub value: i64,
}

/// An event in binary form: the verb, its instant and its keys. It is checked
/// exactly like the case-language line it stands for (unknown or missing keys,
/// bad values and duplicate keys are rejections).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IA87Event {
    /// When it happened, UTC seconds since 1970-01-01T00:00:00Z.
    pub at: i64,
    /// `IA87_VERB_*` (`IA87_VERB_TICK` advances the clock).
    pub verb: u16,
    /// Number of entries of `args` in use.
    pub arg_count: u16,
    /// Zero.
    pub reserved: u32,
    /// The keys, in any order.
    pub args: [IA87Arg; IA87_MAX_ARGS],
}

const _: () = assert!(core::mem::size_of::<IA87Case>() == IA87_CASE_SIZE);
const _: () = assert!(IA87_CASE_WORDS * 8 == IA87_CASE_SIZE);
const _: () = assert!(core::mem::align_of::<IA87Case>() == 8);
const _: () = assert!(core::mem::size_of::<IA87Outcome>() == IA87_OUTCOME_SIZE);
// No padding before `deadlines`: the header (16 bytes), the states, `reserved`.
const _: () =
    assert!(core::mem::offset_of!(IA87Outcome, deadlines) == 16 + 4 * IA87_MAX_STATES + 4);
const _: () = assert!(core::mem::size_of::<IA87Event>() == IA87_EVENT_SIZE);
const _: () = assert!(core::mem::size_of::<IA87LineInfo>() == IA87_LINE_INFO_SIZE);
const _: () = assert!(core::mem::size_of::<IA87Deadline>() == 24);
const _: () = assert!(core::mem::size_of::<IA87Finding>() == 16);
const _: () = assert!(core::mem::size_of::<IA87Arg>() == 16);
const _: () = assert!(IA87_MAX_STATES == ia87_core::outcome::MAX_STATES);
const _: () = assert!(IA87_MAX_DEADLINES == ia87_core::outcome::MAX_DEADLINES);
const _: () = assert!(IA87_MAX_FINDINGS == ia87_core::outcome::MAX_FINDINGS);
const _: () = assert!(IA87_MAX_TRACE == ia87_core::outcome::MAX_TRACE);
const _: () = assert!(IA87_SNAPSHOT_MAX == ia87_core::codec::MAX_SNAPSHOT_LEN);
const _: () = assert!(IA87_LINE_MAX == ia87_core::lang::lexer::MAX_LINE);
const _: () = assert!(IA87_CASE_ID_MAX == ia87_core::lang::parse::MAX_CASE_ID);

impl IA87Outcome {
    /// An outcome with every field zero.
    ///
    /// cbindgen:ignore
    pub const ZERO: IA87Outcome = IA87Outcome {
        accepted: 0,
        has_status: 0,
        zone: 0,
        message_len: 0,
        status: 0,
        error_code: 0,
        error_rule: 0,
        error_column: 0,
        state_count: 0,
        deadline_count: 0,
        finding_count: 0,
        trace_count: 0,
        states: [IA87State {
            machine: 0,
            state: 0,
        }; IA87_MAX_STATES],
        reserved: [0; 4],
        deadlines: [IA87Deadline {
            due: 0,
            due_strict: 0,
            name: 0,
            rule: 0,
            has_strict: 0,
            kind: 0,
            reserved: [0; 2],
        }; IA87_MAX_DEADLINES],
        findings: [IA87Finding {
            at: 0,
            severity: 0,
            code: 0,
            rule: 0,
            reserved: 0,
        }; IA87_MAX_FINDINGS],
        trace: [0; IA87_MAX_TRACE],
        message: [0; IA87_MESSAGE_MAX],
    };
}

impl IA87LineInfo {
    /// A line info with every field zero.
    ///
    /// cbindgen:ignore
    pub const ZERO: IA87LineInfo = IA87LineInfo {
        kind: 0,
        is_event: 0,
        case_id_len: 0,
        expects_rejection: 0,
        case_id: [0; 36],
    };
}

impl IA87Event {
    /// An event with every field zero.
    ///
    /// cbindgen:ignore
    pub const ZERO: IA87Event = IA87Event {
        at: 0,
        verb: 0,
        arg_count: 0,
        reserved: 0,
        args: [IA87Arg {
            key: 0,
            word: 0,
            word2: 0,
            reserved: 0,
            value: 0,
        }; IA87_MAX_ARGS],
    };
}

impl IA87Case {
    /// All-zero bytes (not a valid case until initialised).
    ///
    /// cbindgen:ignore
    pub const ZERO: IA87Case = IA87Case {
        opaque: [0; IA87_CASE_WORDS],
    };
}
