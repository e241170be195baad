//! `ia87.audit`: an event table in Arrow in, findings, rejected rows and the
//! final state of each case out, in Arrow.
//!
//! 1. With the GIL: the table is imported through the Arrow PyCapsule
//!    interface (no copy of its buffers), and its columns are resolved by name
//!    and type (an unknown column, a missing one or one of a type that cannot
//!    hold its values is an error that names it).
//! 2. Without the GIL: the rows are grouped by case. Input whose rows of a
//!    case are together (sorted or grouped by `case_id`) needs no index: each
//!    case is a range of rows. Otherwise the rows are put in case order by a
//!    stable counting sort (one `u32` per row), keeping the given order within
//!    each case. Then the cases are replayed on `threads` threads, each case by
//!    one thread, in row order: every cell is validated for its column by
//!    `ia87_core::lang::cells` and the row becomes a typed line directly (an
//!    Arrow timestamp is an instant; the case language parser never sees it).
//! 3. With the GIL: the results are built as Arrow record batches and handed
//!    to Python as `ArrowTable`s (`__arrow_c_stream__`).
//!
//! Memory: the input's buffers (not copied), 8 bytes per row when the input is
//! not grouped by case, and the results.

use crate::apply_parsed;
use crate::arrow_io::{import, ArrowTable, Table};
use arrow_array::builder::StringBuilder;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, DictionaryArray, Int16Array, Int64Array, LargeStringArray,
    PrimitiveArray, RecordBatch, StringArray, StringViewArray, TimestampSecondArray, UInt16Array,
};
use arrow_buffer::{NullBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use ia87_core::lang::cells::{
    at_from_units, check_case_id, parse_at, parse_row_typed, parse_verb, CellError, Column,
    KEY_NAMES,
};
use ia87_core::lang::parse::Line;
use ia87_core::machines::status::StatusState;
use ia87_core::outcome::{Machine, Outcome};
use ia87_core::time::{Date, DateDisplay, Instant, Timestamp, UtcTimestamp, Zone};
use ia87_core::vocab::event::{Event, EventKind};
use ia87_core::{Case, ErrorCode, FindingCode, RuleId, Severity};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::Hasher as _;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant as Clock;

/// Rows replayed between two looks at Ctrl-C.
const ROWS_PER_ROUND: usize = 2_000_000;
/// Below this many rows a round runs on one thread.
const MIN_ROWS_PER_THREAD: usize = 20_000;

// ---------------------------------------------------------------- columns

/// The keys of a dictionary-encoded column.
#[derive(Clone)]
enum DictKeys {
    I8(PrimitiveArray<Int8Type>),
    I16(PrimitiveArray<Int16Type>),
    I32(PrimitiveArray<Int32Type>),
    I64(PrimitiveArray<Int64Type>),
    U8(PrimitiveArray<UInt8Type>),
    U16(PrimitiveArray<UInt16Type>),
    U32(PrimitiveArray<UInt32Type>),
    U64(PrimitiveArray<UInt64Type>),
}

impl DictKeys {
    fn get(&self, i: usize) -> Option<usize> {
        macro_rules! key {
            ($a:expr) => {
                if $a.is_null(i) {
                    None
                } else {
                    usize::try_from($a.value(i)).ok()
                }
            };
        }
        match self {
            DictKeys::I8(a) => key!(a),
            DictKeys::I16(a) => key!(a),
            DictKeys::I32(a) => key!(a),
            DictKeys::I64(a) => key!(a),
            DictKeys::U8(a) => key!(a),
            DictKeys::U16(a) => key!(a),
            DictKeys::U32(a) => key!(a),
            DictKeys::U64(a) => key!(a),
        }
    }
}

/// A column of text: UTF-8 (32- or 64-bit offsets, or views), possibly
/// dictionary-encoded (pandas categoricals, polars categoricals).
#[derive(Clone)]
enum Strs {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
    Dict(Box<(DictKeys, Strs)>),
}

impl Strs {
    fn new(a: &ArrayRef) -> Option<Strs> {
        Some(match a.data_type() {
            DataType::Utf8 => Strs::Utf8(a.as_string::<i32>().clone()),
            DataType::LargeUtf8 => Strs::Large(a.as_string::<i64>().clone()),
            DataType::Utf8View => Strs::View(a.as_string_view().clone()),
            DataType::Dictionary(k, _) => {
                macro_rules! dict {
                    ($t:ty, $v:ident) => {{
                        let d = a.as_dictionary::<$t>();
                        (DictKeys::$v(d.keys().clone()), Strs::new(d.values())?)
                    }};
                }
                let (keys, values) = match k.as_ref() {
                    DataType::Int8 => dict!(Int8Type, I8),
                    DataType::Int16 => dict!(Int16Type, I16),
                    DataType::Int32 => dict!(Int32Type, I32),
                    DataType::Int64 => dict!(Int64Type, I64),
                    DataType::UInt8 => dict!(UInt8Type, U8),
                    DataType::UInt16 => dict!(UInt16Type, U16),
                    DataType::UInt32 => dict!(UInt32Type, U32),
                    DataType::UInt64 => dict!(UInt64Type, U64),
                    _ => return None,
                };
                Strs::Dict(Box::new((keys, values)))
            }
            _ => return None,
        })
    }

    fn len(&self) -> usize {
        match self {
            Strs::Utf8(a) => a.len(),
            Strs::Large(a) => a.len(),
            Strs::View(a) => a.len(),
            Strs::Dict(d) => d.0.len(),
        }
    }

    /// Cell `i`, `None` when null (`i` is in range: callers index rows of the
    /// batch the column belongs to).
    #[inline]
    fn get(&self, i: usize) -> Option<&str> {
        match self {
            Strs::Utf8(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strs::Large(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strs::View(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strs::Dict(d) => {
                d.0.get(i)
                    .filter(|&k| k < d.1.len())
                    .and_then(|k| d.1.get(k))
            }
        }
    }
}

impl Strs {
    /// Calls `f` with each cell in row order (`None` when null) until it
    /// returns `false`; whether it ran to the end. The array's type is matched
    /// once for the column, not once per cell (the grouping pass reads every
    /// case id of the input on one thread).
    fn each<'a>(&'a self, f: &mut impl FnMut(Option<&'a str>) -> bool) -> bool {
        fn run<'a>(
            n: usize,
            get: impl Fn(usize) -> Option<&'a str>,
            f: &mut impl FnMut(Option<&'a str>) -> bool,
        ) -> bool {
            (0..n).all(|i| f(get(i)))
        }
        match self {
            Strs::Utf8(a) if a.null_count() == 0 => run(a.len(), |i| Some(a.value(i)), f),
            Strs::Large(a) if a.null_count() == 0 => run(a.len(), |i| Some(a.value(i)), f),
            Strs::View(a) if a.null_count() == 0 => run(a.len(), |i| Some(a.value(i)), f),
            _ => run(self.len(), |i| self.get(i), f),
        }
    }
}

impl DictKeys {
    fn len(&self) -> usize {
        match self {
            DictKeys::I8(a) => a.len(),
            DictKeys::I16(a) => a.len(),
            DictKeys::I32(a) => a.len(),
            DictKeys::I64(a) => a.len(),
            DictKeys::U8(a) => a.len(),
            DictKeys::U16(a) => a.len(),
            DictKeys::U32(a) => a.len(),
            DictKeys::U64(a) => a.len(),
        }
    }
}

/// The `at` column: instants, or RFC 3339 text.
#[derive(Clone)]
enum AtCol {
    Stamp {
        values: ScalarBuffer<i64>,
        nulls: Option<NullBuffer>,
        per_second: i64,
    },
    Text(Strs),
}

/// A key column: text, or a typed value written as the case language writes
/// it (booleans as yes/no, whole numbers, dates, instants in UTC).
#[derive(Clone)]
enum KeyCol {
    Text(Strs),
    Bool(BooleanArray),
    Int(ArrayRef),
    Date(PrimitiveArray<arrow_array::types::Date32Type>),
    Stamp(AtCol),
}

fn per_second(unit: &TimeUnit) -> i64 {
    match unit {
        TimeUnit::Second => 1,
        TimeUnit::Millisecond => 1_000,
        TimeUnit::Microsecond => 1_000_000,
        TimeUnit::Nanosecond => 1_000_000_000,
    }
}

fn stamps(a: &ArrayRef, unit: &TimeUnit) -> AtCol {
    let (values, nulls) = match unit {
        TimeUnit::Second => {
            let p = a.as_primitive::<TimestampSecondType>();
            (p.values().clone(), p.nulls().cloned())
        }
        TimeUnit::Millisecond => {
            let p = a.as_primitive::<TimestampMillisecondType>();
            (p.values().clone(), p.nulls().cloned())
        }
        TimeUnit::Microsecond => {
            let p = a.as_primitive::<TimestampMicrosecondType>();
            (p.values().clone(), p.nulls().cloned())
        }
        TimeUnit::Nanosecond => {
            let p = a.as_primitive::<TimestampNanosecondType>();
            (p.values().clone(), p.nulls().cloned())
        }
    };
    AtCol::Stamp {
        values,
        nulls,
        per_second: per_second(unit),
    }
}

fn type_error(name: &str, dt: &DataType, want: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "column {name:?} has Arrow type {dt}: expected {want}"
    ))
}

fn at_col(name: &str, a: &ArrayRef) -> PyResult<AtCol> {
    match a.data_type() {
        DataType::Timestamp(unit, Some(_)) => Ok(stamps(a, unit)),
        DataType::Timestamp(_, None) => Err(PyValueError::new_err(format!(
            "column {name:?} holds timestamps without a time zone, which name no instant: \
             give them their zone first (pandas: Series.dt.tz_localize(\"Pacific/Auckland\"); \
             polars: .dt.replace_time_zone(...); pyarrow: pc.assume_timezone) or pass RFC 3339 text with offsets"
        ))),
        dt => Strs::new(a).map(AtCol::Text).ok_or_else(|| {
            type_error(name, dt, "a timestamp with a time zone, or RFC 3339 text")
        }),
    }
}

fn key_col(name: &str, a: &ArrayRef) -> PyResult<KeyCol> {
    let dt = a.data_type();
    Ok(match dt {
        DataType::Boolean => KeyCol::Bool(a.as_boolean().clone()),
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64 => KeyCol::Int(a.clone()),
        DataType::Date32 => KeyCol::Date(a.as_primitive().clone()),
        DataType::Timestamp(unit, Some(_)) => KeyCol::Stamp(stamps(a, unit)),
        DataType::Null => KeyCol::Text(Strs::Utf8(StringArray::new_null(a.len()))),
        _ => KeyCol::Text(Strs::new(a).ok_or_else(|| {
            type_error(
                name,
                dt,
                "text, a boolean, a whole number, a date or a timestamp with a time zone",
            )
        })?),
    })
}

fn int_value(a: &ArrayRef, i: usize) -> Option<i128> {
    if a.is_null(i) {
        return None;
    }
    macro_rules! v {
        ($t:ty) => {
            a.as_primitive_opt::<$t>().map(|p| i128::from(p.value(i)))
        };
    }
    match a.data_type() {
        DataType::Int8 => v!(Int8Type),
        DataType::Int16 => v!(Int16Type),
        DataType::Int32 => v!(Int32Type),
        DataType::Int64 => v!(Int64Type),
        DataType::UInt8 => v!(UInt8Type),
        DataType::UInt16 => v!(UInt16Type),
        DataType::UInt32 => v!(UInt32Type),
        DataType::UInt64 => v!(UInt64Type),
        _ => None,
    }
}

/// A value written for the case language (`None`: null, an absent key). A
/// typed value is written into `scratch` and its range returned.
enum Value<'a> {
    Borrowed(&'a str),
    Scratch(Range<usize>),
    /// An instant out of range or with a fraction of a second.
    Bad(CellError),
}

impl KeyCol {
    fn value<'a>(&'a self, i: usize, scratch: &mut String) -> Option<Value<'a>> {
        let start = scratch.len();
        match self {
            KeyCol::Text(s) => return s.get(i).map(Value::Borrowed),
            KeyCol::Bool(b) => {
                if b.is_null(i) {
                    return None;
                }
                return Some(Value::Borrowed(if b.value(i) { "yes" } else { "no" }));
            }
            KeyCol::Int(a) => {
                let v = int_value(a, i)?;
                let _ = write!(scratch, "{v}");
            }
            KeyCol::Date(d) => {
                if d.is_null(i) {
                    return None;
                }
                match Date::from_days(d.value(i)) {
                    Some(date) => {
                        let _ = write!(scratch, "{}", DateDisplay(date));
                    }
                    // Out of the core's range: the date parser says so.
                    None => scratch.push_str("0000-00-00"),
                }
            }
            KeyCol::Stamp(col) => match at_value(col, i)? {
                Ok(at) => {
                    let _ = write!(scratch, "{}", UtcTimestamp(at));
                }
                Err(e) => return Some(Value::Bad(e)),
            },
        }
        Some(Value::Scratch(start..scratch.len()))
    }
}

/// The `at` of row `i`: `None` when null (or empty text).
#[inline]
fn at_value(col: &AtCol, i: usize) -> Option<Result<Instant, CellError>> {
    match col {
        AtCol::Stamp {
            values,
            nulls,
            per_second,
        } => {
            if nulls.as_ref().is_some_and(|n| n.is_null(i)) {
                return None;
            }
            values.get(i).map(|&v| at_from_units(v, *per_second))
        }
        AtCol::Text(s) => s.get(i).filter(|t| !t.is_empty()).map(parse_at),
    }
}

/// The columns of one record batch.
struct Cols {
    rows: usize,
    case_id: Strs,
    at: AtCol,
    verb: Strs,
    /// `key=value …` text columns.
    texts: Vec<Strs>,
    /// One column per key.
    pairs: Vec<KeyCol>,
}

/// Where the keys come from: the names of the text columns and of the key
/// columns, in the order `Cols` holds them.
struct KeySources {
    texts: Vec<String>,
    pairs: Vec<&'static str>,
}

/// The input: every batch's columns, and where each batch starts.
struct Input {
    batches: Vec<Cols>,
    /// Row number of each batch's first row, and the total at the end.
    offsets: Vec<usize>,
}

impl Input {
    fn rows(&self) -> usize {
        self.offsets.last().copied().unwrap_or(0)
    }

    /// The batch and row within it of global row `row`.
    fn locate(&self, row: usize) -> Option<(&Cols, usize)> {
        let b = self.offsets.partition_point(|&o| o <= row).checked_sub(1)?;
        let cols = self.batches.get(b)?;
        let start = *self.offsets.get(b)?;
        let i = row - start;
        (i < cols.rows).then_some((cols, i))
    }
}

/// Names the columns play: `case_id`, `at`, `verb`, and the key sources
/// (`None`: every other column, each a key column or a `keys`/`args` text column).
struct Roles<'a> {
    case_id: &'a str,
    at: &'a str,
    verb: &'a str,
    keys: Option<Vec<String>>,
}

const TEXT_KEY_COLUMNS: [&str; 2] = ["keys", "args"];

fn resolve(table: &Table, roles: &Roles<'_>) -> PyResult<(Input, KeySources)> {
    let schema = &table.schema;
    let index = |name: &str| -> PyResult<usize> {
        schema.index_of(name).map_err(|_| {
            PyValueError::new_err(format!(
                "no column {name:?} in the table (its columns: {})",
                schema
                    .fields()
                    .iter()
                    .map(|f| format!("{:?}", f.name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
    };
    let ci = index(roles.case_id)?;
    let ai = index(roles.at)?;
    let vi = index(roles.verb)?;
    let mut texts: Vec<(usize, String)> = Vec::new();
    let mut pairs: Vec<(usize, &'static str)> = Vec::new();
    let mut add = |name: &str, explicit: bool| -> PyResult<()> {
        let i = index(name)?;
        if [ci, ai, vi].contains(&i) {
            return Err(PyValueError::new_err(format!(
                "column {name:?} is the case_id, at or verb column, not a key column"
            )));
        }
        if let Some(&k) = KEY_NAMES.iter().find(|k| **k == name) {
            pairs.push((i, k));
        } else if explicit || TEXT_KEY_COLUMNS.contains(&name) {
            texts.push((i, name.to_string()));
        } else {
            return Err(PyValueError::new_err(format!(
                "unknown column {name:?}: not case_id, at, verb, keys (or args), nor a key of \
                 the case language; pass keys=[...] to choose the key columns, or drop it"
            )));
        }
        Ok(())
    };
    match &roles.keys {
        Some(names) => {
            // A name that is not a key of the case language is a text
            // column of `key=value …` cells, whatever it is called.
            for n in names {
                add(n, true)?;
            }
        }
        None => {
            for (i, f) in schema.fields().iter().enumerate() {
                if ![ci, ai, vi].contains(&i) {
                    add(f.name(), false)?;
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (i, _) in texts
        .iter()
        .map(|(i, n)| (i, n.as_str()))
        .chain(pairs.iter().map(|(i, n)| (i, *n)))
    {
        if !seen.insert(*i) {
            return Err(PyValueError::new_err(format!(
                "column {:?} is named twice in keys",
                schema.field(*i).name()
            )));
        }
    }
    let mut input = Input {
        batches: Vec::with_capacity(table.batches.len()),
        offsets: vec![0],
    };
    let name = |i: usize| schema.field(i).name().as_str();
    for b in &table.batches {
        let col = |i: usize| -> PyResult<&ArrayRef> {
            b.columns()
                .get(i)
                .ok_or_else(|| PyValueError::new_err("a record batch is missing a column"))
        };
        let text = |i: usize| -> PyResult<Strs> {
            let a = col(i)?;
            Strs::new(a).ok_or_else(|| type_error(name(i), a.data_type(), "text"))
        };
        let cols = Cols {
            rows: b.num_rows(),
            case_id: text(ci)?,
            at: at_col(name(ai), col(ai)?)?,
            verb: text(vi)?,
            texts: texts
                .iter()
                .map(|(i, _)| text(*i))
                .collect::<PyResult<_>>()?,
            pairs: pairs
                .iter()
                .map(|(i, _)| key_col(name(*i), col(*i)?))
                .collect::<PyResult<_>>()?,
        };
        let end = input.rows() + cols.rows;
        input.offsets.push(end);
        input.batches.push(cols);
    }
    Ok((
        input,
        KeySources {
            texts: texts.into_iter().map(|(_, n)| n).collect(),
            pairs: pairs.into_iter().map(|(_, n)| n).collect(),
        },
    ))
}

// ---------------------------------------------------------------- grouping

/// FNV-style hashing of cell text, 8 bytes at a time: the case ids of the
/// grouping pass and the memo's verb and key cells.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h ^ u64::from_le_bytes(w)).wrapping_mul(0x0000_0100_0000_01b3);
            h ^= h >> 29;
        }
        // The last 0-7 bytes as one word, with the length in its top byte.
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        w[7] ^= bytes.len() as u8;
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(0x0000_0100_0000_01b3);
        self.0 = h ^ (h >> 32);
    }
}

type IdMap<'a> = HashMap<&'a str, u32, std::hash::BuildHasherDefault<IdHasher>>;

/// The cases and their rows.
struct Plan<'a> {
    /// Case ids, by case number (order of first appearance).
    names: Vec<&'a str>,
    /// Rows of case `k`: `rows[starts[k]..starts[k + 1]]` when `order` is
    /// set, else the row range `starts[k]..starts[k + 1]` itself (rows with a
    /// null case id inside it are skipped).
    starts: Vec<usize>,
    order: Option<Vec<u32>>,
    /// Rows with a null case id.
    orphans: Vec<usize>,
}

impl Plan<'_> {
    fn cases(&self) -> usize {
        self.names.len()
    }

    fn span(&self, k: usize) -> Range<usize> {
        let a = self.starts.get(k).copied().unwrap_or(0);
        let b = self.starts.get(k + 1).copied().unwrap_or(a);
        a..b
    }
}

fn for_each_id<'a>(input: &'a Input, mut f: impl FnMut(usize, Option<&'a str>) -> bool) {
    let mut row = 0usize;
    for b in &input.batches {
        let mut g = |id: Option<&'a str>| {
            let go = f(row, id);
            row += 1;
            go
        };
        if !b.case_id.each(&mut g) {
            return;
        }
    }
}

fn plan(input: &Input) -> PyResult<Plan<'_>> {
    let n = input.rows();
    if u32::try_from(n).is_err() {
        return Err(PyValueError::new_err(
            "more than 4,294,967,295 rows in one call: split the table (by case_id)",
        ));
    }
    // First pass: are the rows of each case together? (Capacity for a case
    // every 8 rows: growing a map of 10^5 ids costs as much as filling it.)
    let mut map = IdMap::with_capacity_and_hasher(n / 8, Default::default());
    let mut names: Vec<&str> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut orphans: Vec<usize> = Vec::new();
    let mut prev: Option<&str> = None;
    let mut grouped = true;
    for_each_id(input, |row, id| {
        let Some(id) = id else {
            orphans.push(row);
            return true;
        };
        if prev == Some(id) {
            return true;
        }
        if map.contains_key(id) {
            grouped = false;
            return false;
        }
        map.insert(id, names.len() as u32);
        names.push(id);
        starts.push(row);
        prev = Some(id);
        true
    });
    if grouped {
        starts.push(n);
        return Ok(Plan {
            names,
            starts,
            order: None,
            orphans,
        });
    }
    // Second pass: each row's case, then a stable counting sort by case.
    map.clear();
    names.clear();
    orphans.clear();
    let mut case_of: Vec<u32> = Vec::with_capacity(n);
    let mut counts: Vec<u32> = Vec::new();
    let mut last: Option<(&str, u32)> = None;
    for_each_id(input, |row, id| {
        let Some(id) = id else {
            orphans.push(row);
            case_of.push(u32::MAX);
            return true;
        };
        let k = match last {
            Some((p, k)) if p == id => k,
            _ => *map.entry(id).or_insert_with(|| {
                names.push(id);
                counts.push(0);
                (names.len() - 1) as u32
            }),
        };
        last = Some((id, k));
        if let Some(c) = counts.get_mut(k as usize) {
            *c += 1;
        }
        case_of.push(k);
        true
    });
    drop(map);
    let mut starts = Vec::with_capacity(names.len() + 1);
    let mut next = Vec::with_capacity(names.len());
    let mut acc = 0usize;
    for &c in &counts {
        starts.push(acc);
        next.push(acc);
        acc += c as usize;
    }
    starts.push(acc);
    drop(counts);
    let mut order = vec![0u32; acc];
    for (row, &k) in case_of.iter().enumerate() {
        if let Some(slot) = next.get_mut(k as usize) {
            if let Some(o) = order.get_mut(*slot) {
                *o = row as u32;
            }
            *slot += 1;
        }
    }
    Ok(Plan {
        names,
        starts,
        order: Some(order),
        orphans,
    })
}

// ---------------------------------------------------------------- replay

/// Which input column a rejection is about.
#[derive(Clone, Copy)]
enum Where {
    /// The row as a whole (the engine refused the event).
    Row,
    CaseId,
    At,
    Verb,
    /// The key sources as a whole (a required key is missing).
    Keys,
    /// A `key=value …` text column, by index.
    Text(u16),
    /// A key column, by index.
    Pair(u16),
}

struct FindingRec {
    row: u32,
    case: u32,
    at: i64,
    /// `at` in the case's zone, written by the replaying thread (in parallel)
    /// rather than by the one that builds the table.
    local: LocalText,
    severity: Severity,
    code: FindingCode,
    rule: RuleId,
}

struct RejectRec {
    row: u32,
    case: Option<u32>,
    place: Where,
    code: ErrorCode,
    rule: Option<RuleId>,
    message: &'static str,
    position: u16,
}

struct CaseRec {
    case: u32,
    rows: u32,
    rejected: u32,
    findings: u32,
    last: Option<Instant>,
    zone: Zone,
    /// The final state of each machine, in `Machine::ALL` order (filled
    /// only with `final_state`).
    states: Vec<Option<&'static str>>,
    status: Option<StatusState>,
}

#[derive(Default)]
struct Part {
    findings: Vec<FindingRec>,
    rejected: Vec<RejectRec>,
    cases: Vec<CaseRec>,
}

impl Part {
    fn append(&mut self, mut other: Part) {
        self.findings.append(&mut other.findings);
        self.rejected.append(&mut other.rejected);
        self.cases.append(&mut other.cases);
    }
}

/// An instant as RFC 3339 local time with its offset (at most 25 bytes),
/// held inline.
type LocalText = heapless::String<32>;

/// `at` as the case language writes it in `zone`.
fn local_text(at: Instant, zone: Zone) -> LocalText {
    let mut t = LocalText::new();
    // Cannot fail: the longest form is 25 bytes.
    let _ = write!(t, "{}", Timestamp::new(at, zone));
    t
}

/// In a rejection's `Column::Keys(i)` while it travels back from a row: key
/// column `i - PAIR_BASE` when `i >= PAIR_BASE`, else text column `i`.
const PAIR_BASE: u16 = 0x4000;

/// Per-thread buffers reused from row to row.
#[derive(Default)]
struct Scratch {
    texts: Vec<u16>,
    values: Vec<(u16, Range<usize>)>,
    text: String,
    /// The source of each key pair of the row (its column index).
    pair_src: Vec<u16>,
    /// The outcome of the row's event, written in place.
    outcome: Outcome,
    /// Events already parsed from a verb and one key text cell.
    memo: Memo,
}

/// The events parsed from a verb and a single `key=value …` text cell, for
/// rows that have nothing else (no per-key columns): what `parse_kind` makes
/// of a verb and its keys does not depend on the row's time, so a key cell
/// seen before (`by=police basis=s128 requested-by=io` recurs on thousands of
/// rows) is parsed once. Direct-mapped: `MEMO_SLOTS` entries, a new key cell
/// replaces the entry in its slot. Only cells that parsed without error are
/// kept; an invalid cell goes through the parser every time, so its rejection
/// is the parser's own.
struct Memo {
    slots: Vec<Option<MemoEntry>>,
}

/// One remembered verb cell and key cell (together at most `MEMO_KEY_BYTES`
/// bytes: `bytes` holds the verb, then the keys) and its event.
struct MemoEntry {
    verb_len: u8,
    len: u8,
    bytes: [u8; MEMO_KEY_BYTES],
    kind: EventKind,
}

const MEMO_SLOTS: usize = 1024;
const MEMO_KEY_BYTES: usize = 128;

impl Default for Memo {
    fn default() -> Self {
        Memo {
            slots: (0..MEMO_SLOTS).map(|_| None).collect(),
        }
    }
}

impl Memo {
    /// The slot of a verb cell and a key cell.
    fn slot(verb: &[u8], keys: &[u8]) -> usize {
        let mut h = IdHasher::default();
        h.write(verb);
        h.write(keys);
        h.finish() as usize % MEMO_SLOTS
    }

    /// The event kind remembered for the verb cell `verb` and key cell
    /// `keys`, if any.
    fn get(&self, verb: &str, keys: &str) -> Option<&EventKind> {
        let (v, k) = (verb.as_bytes(), keys.as_bytes());
        let e = self.slots.get(Self::slot(v, k))?.as_ref()?;
        let vl = usize::from(e.verb_len);
        (vl == v.len()
            && e.bytes.get(..vl) == Some(v)
            && e.bytes.get(vl..usize::from(e.len)) == Some(k))
        .then_some(&e.kind)
    }

    /// Remembers the event kind parsed from the verb cell `verb` and key cell
    /// `keys` (short cells only).
    fn put(&mut self, verb: &str, keys: &str, kind: &EventKind) {
        let (v, k) = (verb.as_bytes(), keys.as_bytes());
        let len = v.len() + k.len();
        if len > MEMO_KEY_BYTES {
            return;
        }
        let mut bytes = [0u8; MEMO_KEY_BYTES];
        bytes[..v.len()].copy_from_slice(v);
        bytes[v.len()..len].copy_from_slice(k);
        if let Some(slot) = self.slots.get_mut(Self::slot(v, k)) {
            *slot = Some(MemoEntry {
                verb_len: v.len() as u8,
                len: len as u8,
                bytes,
                kind: kind.clone(),
            });
        }
    }
}

/// Replays row `i` of `cols` (global row `row`) into `case`.
#[allow(clippy::too_many_arguments)]
fn replay_row<'a>(
    cols: &'a Cols,
    i: usize,
    row: u32,
    k: u32,
    case: &mut Case,
    rec: &mut CaseRec,
    part: &mut Part,
    keys: &KeySources,
    scratch: &mut Scratch,
    texts: &mut Vec<&'a str>,
) {
    let reject = |part: &mut Part, rec: &mut CaseRec, place, r: ia87_core::Rejection| {
        rec.rejected += 1;
        part.rejected.push(RejectRec {
            row,
            case: Some(k),
            place,
            code: r.code,
            rule: r.rule,
            message: r.message,
            position: r.column,
        });
    };
    let verb_cell = cols.verb.get(i);
    let line_result = (|| {
        let at_cell = at_value(&cols.at, i);
        // Text cells that are present, and where each came from.
        scratch.texts.clear();
        texts.clear();
        for (j, t) in cols.texts.iter().enumerate() {
            if let Some(cell) = t.get(i) {
                texts.push(cell);
                scratch.texts.push(j as u16);
            }
        }
        // A row with a time whose keys are one text cell (or none), in a table
        // with no per-key column: its event may already be known from the
        // same verb and key cells (only rows that parsed as events are
        // remembered, so a hit is an event row and its cells are valid).
        let memo_key = match (verb_cell, &at_cell, texts.len()) {
            (Some(v), Some(Ok(at)), 0 | 1) if cols.pairs.is_empty() => {
                let at = *at;
                let cell = texts.first().copied().unwrap_or("");
                if let Some(kind) = scratch.memo.get(v, cell) {
                    let e = Event {
                        at,
                        kind: kind.clone(),
                    };
                    return Ok(case.apply_into(&e, &mut scratch.outcome));
                }
                Some((v, cell))
            }
            _ => None,
        };
        // The verb is judged first, as `cells::parse_row` judges it (a
        // remembered row skips this: its verb cell parsed before).
        let verb = match verb_cell {
            Some(v) => parse_verb(v)?,
            None => {
                return Err(CellError {
                    column: Column::Verb,
                    rejection: ia87_core::Rejection::new(
                        ErrorCode::MissingKey,
                        "the verb is missing",
                    ),
                })
            }
        };
        let at = at_cell.transpose()?;
        scratch.values.clear();
        scratch.text.clear();
        scratch.pair_src.clear();
        let mut borrowed: Vec<(u16, &str)> = Vec::new();
        for (j, p) in cols.pairs.iter().enumerate() {
            match p.value(i, &mut scratch.text) {
                None => {}
                Some(Value::Borrowed(s)) => borrowed.push((j as u16, s)),
                Some(Value::Scratch(r)) => scratch.values.push((j as u16, r)),
                Some(Value::Bad(e)) => {
                    return Err(CellError {
                        column: Column::Keys(PAIR_BASE + j as u16),
                        rejection: e.rejection,
                    })
                }
            }
        }
        // The pairs in column order (borrowed and written values merged).
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        let pair_src = &mut scratch.pair_src;
        let (mut a, mut b) = (borrowed.iter().peekable(), scratch.values.iter().peekable());
        loop {
            let take_a = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => x.0 < y.0,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let (j, v) = if take_a {
                let Some(&(j, v)) = a.next() else { break };
                (j, v)
            } else {
                let Some((j, r)) = b.next() else { break };
                (*j, scratch.text.get(r.clone()).unwrap_or_default())
            };
            pairs.push((keys.pairs.get(usize::from(j)).copied().unwrap_or(""), v));
            pair_src.push(j);
        }
        let line = parse_row_typed(at, verb, texts, &pairs).map_err(|mut e| {
            // Name the source column of a key cell.
            if let Column::Keys(x) = e.column {
                let x = usize::from(x);
                e.column = if x < texts.len() {
                    Column::Keys(scratch.texts.get(x).copied().unwrap_or(0))
                } else {
                    Column::Keys(PAIR_BASE + pair_src.get(x - texts.len()).copied().unwrap_or(0))
                };
            }
            e
        })?;
        Ok(match line {
            Line::Event(e) => {
                if let Some((v, cell)) = memo_key {
                    scratch.memo.put(v, cell, &e.kind);
                }
                case.apply_into(&e, &mut scratch.outcome)
            }
            other => apply_parsed(case, other).map(|o| scratch.outcome = o),
        })
    })();
    match line_result {
        Ok(Ok(())) => {
            let zone = case.zone();
            for f in &scratch.outcome.findings {
                rec.findings += 1;
                part.findings.push(FindingRec {
                    row,
                    case: k,
                    at: f.at.unix_seconds(),
                    local: local_text(f.at, zone),
                    severity: f.severity,
                    code: f.code,
                    rule: f.rule,
                });
            }
        }
        Ok(Err(r)) => reject(part, rec, Where::Row, r.at_column(0)),
        Err(e) => {
            let place = match e.column {
                Column::CaseId => Where::CaseId,
                Column::At => Where::At,
                Column::Verb => Where::Verb,
                Column::Keys(_) if e.rejection.code == ErrorCode::MissingKey => Where::Keys,
                Column::Keys(x) if x >= PAIR_BASE => Where::Pair(x - PAIR_BASE),
                Column::Keys(x) => Where::Text(x),
            };
            reject(part, rec, place, e.rejection);
        }
    }
}

fn replay_cases<'a>(
    input: &'a Input,
    plan: &Plan<'_>,
    keys: &KeySources,
    cases: Range<usize>,
    final_state: bool,
    scratch: &mut Scratch,
) -> Part {
    let mut part = Part::default();
    let mut texts: Vec<&str> = Vec::new();
    for k in cases {
        let Some(name) = plan.names.get(k) else {
            continue;
        };
        let k32 = k as u32;
        let mut case = Case::new();
        let mut rec = CaseRec {
            case: k32,
            rows: 0,
            rejected: 0,
            findings: 0,
            last: None,
            zone: Zone::Mainland,
            states: Vec::new(),
            status: None,
        };
        let bad_id = check_case_id(name).err();
        let mut one = |cols: &'a Cols, i: usize, row: usize, part: &mut Part| {
            rec.rows += 1;
            if let Some(e) = &bad_id {
                rec.rejected += 1;
                part.rejected.push(RejectRec {
                    row: row as u32,
                    case: None,
                    place: Where::CaseId,
                    code: e.rejection.code,
                    rule: None,
                    message: e.rejection.message,
                    position: e.rejection.column,
                });
                return;
            }
            replay_row(
                cols, i, row as u32, k32, &mut case, &mut rec, part, keys, scratch, &mut texts,
            );
        };
        let span = plan.span(k);
        match &plan.order {
            Some(order) => {
                for &row in order.get(span).unwrap_or_default() {
                    let row = row as usize;
                    if let Some((cols, i)) = input.locate(row) {
                        one(cols, i, row, &mut part);
                    }
                }
            }
            None => {
                // A range of rows, possibly across batches; null ids skipped.
                let mut row = span.start;
                while row < span.end {
                    let Some((cols, i0)) = input.locate(row) else {
                        break;
                    };
                    let stop = (i0 + (span.end - row)).min(cols.rows);
                    for i in i0..stop {
                        if cols.case_id.get(i).is_some() {
                            one(cols, i, row + (i - i0), &mut part);
                        }
                    }
                    row += stop - i0;
                }
            }
        }
        if final_state && bad_id.is_none() {
            rec.last = case.now();
            rec.zone = case.zone();
            if let Ok(o) = case.snapshot_outcome() {
                rec.status = o.status;
                rec.states = Machine::ALL
                    .iter()
                    .map(|m| o.state_of(*m).map(|s| s.state_name()))
                    .collect();
            }
        }
        if final_state {
            part.cases.push(rec);
        }
    }
    part
}

/// Splits `cases` into at most `parts` contiguous ranges of about equal rows.
fn split(plan: &Plan<'_>, cases: Range<usize>, rows: usize, parts: usize) -> Vec<Range<usize>> {
    let parts = parts.max(1);
    if parts == 1 {
        return vec![cases];
    }
    let per = rows.div_ceil(parts);
    let mut out = Vec::with_capacity(parts);
    let (mut start, mut acc) = (cases.start, 0usize);
    for k in cases.clone() {
        acc += plan.span(k).len();
        if acc >= per && out.len() + 1 < parts {
            out.push(start..k + 1);
            start = k + 1;
            acc = 0;
        }
    }
    if start < cases.end {
        out.push(start..cases.end);
    }
    out
}

/// Chunks of cases per thread. The threads claim chunks one at a time, so a
/// thread slowed by its neighbours (a core taken away on a shared machine)
/// leaves its share to the others instead of holding up the round; a chunk
/// (thousands of rows) costs nothing to claim.
const CHUNKS_PER_THREAD: usize = 16;

fn replay_round(
    input: &Input,
    plan: &Plan<'_>,
    keys: &KeySources,
    cases: Range<usize>,
    rows: usize,
    threads: usize,
    final_state: bool,
) -> Part {
    let threads = threads.clamp(1, (rows / MIN_ROWS_PER_THREAD).max(1));
    if threads == 1 {
        return replay_cases(
            input,
            plan,
            keys,
            cases,
            final_state,
            &mut Scratch::default(),
        );
    }
    let chunks = split(plan, cases, rows, threads * CHUNKS_PER_THREAD);
    let next = AtomicUsize::new(0);
    // One worker: claims chunks until none is left; its parts, by chunk.
    let work = || {
        let mut scratch = Scratch::default();
        let mut done: Vec<(usize, Part)> = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(r) = chunks.get(i) else {
                return done;
            };
            let part = replay_cases(input, plan, keys, r.clone(), final_state, &mut scratch);
            done.push((i, part));
        }
    };
    let mut parts: Vec<(usize, Part)> = std::thread::scope(|s| {
        // This thread is one of the workers.
        let handles: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut parts = work();
        for h in handles {
            match h.join() {
                Ok(p) => parts.extend(p),
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        parts
    });
    // The chunks in case order, so the rows stay in input order.
    parts.sort_unstable_by_key(|(i, _)| *i);
    let mut all = Part {
        findings: Vec::with_capacity(parts.iter().map(|(_, p)| p.findings.len()).sum()),
        rejected: Vec::new(),
        cases: Vec::with_capacity(parts.iter().map(|(_, p)| p.cases.len()).sum()),
    };
    for (_, p) in parts {
        all.append(p);
    }
    all
}

// ---------------------------------------------------------------- output

fn vocabulary<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(all.iter().map(|&v| name(v))))
}

fn dict(keys: Vec<Option<i16>>, values: &ArrayRef) -> PyResult<ArrayRef> {
    DictionaryArray::<Int16Type>::try_new(Int16Array::from(keys), values.clone())
        .map(|d| Arc::new(d) as ArrayRef)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

fn code(c: u16) -> i16 {
    i16::try_from(c).unwrap_or(i16::MAX)
}

fn utc_type() -> DataType {
    DataType::Timestamp(TimeUnit::Second, Some("UTC".into()))
}

fn batch(fields: Vec<Field>, columns: Vec<ArrayRef>) -> PyResult<ArrowTable> {
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
        .map(ArrowTable::new)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

fn sev_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int16), Box::new(DataType::Utf8))
}

fn findings_table(all: &Part, names: &[&str]) -> PyResult<ArrowTable> {
    let f = &all.findings;
    let mut ids = StringBuilder::with_capacity(f.len(), f.len() * 16);
    let mut local = StringBuilder::with_capacity(f.len(), f.len() * 25);
    for x in f {
        ids.append_value(names.get(x.case as usize).copied().unwrap_or_default());
        local.append_value(x.local.as_str());
    }
    let severities = vocabulary(Severity::ALL, Severity::name);
    let codes = vocabulary(FindingCode::ALL, FindingCode::name);
    let rules = vocabulary(RuleId::ALL, RuleId::id);
    let summaries = vocabulary(RuleId::ALL, RuleId::summary);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(ids.finish()),
        Arc::new(Int64Array::from_iter_values(
            f.iter().map(|x| i64::from(x.row)),
        )),
        Arc::new(
            TimestampSecondArray::from_iter_values(f.iter().map(|x| x.at)).with_timezone("UTC"),
        ),
        Arc::new(local.finish()),
        dict(
            f.iter().map(|x| Some(code(x.severity.code()))).collect(),
            &severities,
        )?,
        dict(
            f.iter().map(|x| Some(code(x.code.code()))).collect(),
            &codes,
        )?,
        dict(
            f.iter().map(|x| Some(code(x.rule.code()))).collect(),
            &rules,
        )?,
        dict(
            f.iter().map(|x| Some(code(x.rule.code()))).collect(),
            &summaries,
        )?,
    ];
    batch(
        vec![
            Field::new("case_id", DataType::Utf8, false),
            Field::new("row", DataType::Int64, false),
            Field::new("at", utc_type(), false),
            Field::new("at_local", DataType::Utf8, false),
            Field::new("severity", sev_type(), false),
            Field::new("code", sev_type(), false),
            Field::new("rule", sev_type(), false),
            Field::new("message", sev_type(), false),
        ],
        columns,
    )
}

fn where_name<'a>(w: Where, roles: &'a Roles<'_>, keys: &'a KeySources) -> Option<&'a str> {
    match w {
        Where::Row => None,
        Where::CaseId => Some(roles.case_id),
        Where::At => Some(roles.at),
        Where::Verb => Some(roles.verb),
        Where::Keys => Some("keys"),
        Where::Text(i) => keys.texts.get(usize::from(i)).map(String::as_str),
        Where::Pair(i) => keys.pairs.get(usize::from(i)).copied(),
    }
}

fn rejected_table(
    all: &Part,
    names: &[&str],
    roles: &Roles<'_>,
    keys: &KeySources,
) -> PyResult<ArrowTable> {
    let r = &all.rejected;
    let errors = vocabulary(ErrorCode::ALL, ErrorCode::name);
    let rules = vocabulary(RuleId::ALL, RuleId::id);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter(
            r.iter()
                .map(|x| x.case.and_then(|k| names.get(k as usize).copied())),
        )),
        Arc::new(Int64Array::from_iter_values(
            r.iter().map(|x| i64::from(x.row)),
        )),
        Arc::new(StringArray::from_iter(
            r.iter().map(|x| where_name(x.place, roles, keys)),
        )),
        dict(
            r.iter().map(|x| Some(code(x.code.code()))).collect(),
            &errors,
        )?,
        dict(
            r.iter().map(|x| x.rule.map(|q| code(q.code()))).collect(),
            &rules,
        )?,
        Arc::new(StringArray::from_iter_values(r.iter().map(|x| x.message))),
        Arc::new(UInt16Array::from_iter(
            r.iter().map(|x| (x.position > 0).then_some(x.position)),
        )),
    ];
    batch(
        vec![
            Field::new("case_id", DataType::Utf8, true),
            Field::new("row", DataType::Int64, false),
            Field::new("column", DataType::Utf8, true),
            Field::new("code", sev_type(), false),
            Field::new("rule", sev_type(), true),
            Field::new("message", DataType::Utf8, false),
            Field::new("position", DataType::UInt16, true),
        ],
        columns,
    )
}

fn cases_table(all: &Part, names: &[&str]) -> PyResult<ArrowTable> {
    let c = &all.cases;
    let zone = |z: Zone| crate::zone_name(z);
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(c.iter().map(|x| {
            names.get(x.case as usize).copied().unwrap_or_default()
        }))),
        Arc::new(Int64Array::from_iter_values(
            c.iter().map(|x| i64::from(x.rows)),
        )),
        Arc::new(Int64Array::from_iter_values(
            c.iter().map(|x| i64::from(x.rejected)),
        )),
        Arc::new(Int64Array::from_iter_values(
            c.iter().map(|x| i64::from(x.findings)),
        )),
        Arc::new(
            TimestampSecondArray::from_iter(c.iter().map(|x| x.last.map(Instant::unix_seconds)))
                .with_timezone("UTC"),
        ),
        Arc::new(StringArray::from_iter_values(
            c.iter().map(|x| zone(x.zone)),
        )),
        Arc::new(StringArray::from_iter(
            c.iter().map(|x| x.status.map(StatusState::name)),
        )),
    ];
    let mut fields = vec![
        Field::new("case_id", DataType::Utf8, false),
        Field::new("rows", DataType::Int64, false),
        Field::new("rejected", DataType::Int64, false),
        Field::new("findings", DataType::Int64, false),
        Field::new("last_at", utc_type(), true),
        Field::new("zone", DataType::Utf8, false),
        Field::new("status", DataType::Utf8, true),
    ];
    // The status machine's state is the status, already a column.
    for (i, m) in Machine::ALL.iter().enumerate().skip(1) {
        columns.push(Arc::new(StringArray::from_iter(
            c.iter().map(|x| x.states.get(i).copied().flatten()),
        )));
        fields.push(Field::new(m.name(), DataType::Utf8, true));
    }
    batch(fields, columns)
}

// ---------------------------------------------------------------- entry point

/// Audits an event table given through the Arrow PyCapsule interface; see the
/// module documentation and `ia87.audit`. Returns `(findings, rejected,
/// cases or None, stats)`, the tables as `ArrowTable`s.
#[pyfunction]
#[pyo3(signature = (events, case_id = "case_id", at = "at", verb = "verb", keys = None, final_state = false, threads = None))]
#[allow(clippy::too_many_arguments)]
pub fn audit_arrow<'py>(
    py: Python<'py>,
    events: &Bound<'py, PyAny>,
    case_id: &str,
    at: &str,
    verb: &str,
    keys: Option<Vec<String>>,
    final_state: bool,
    threads: Option<usize>,
) -> PyResult<(
    ArrowTable,
    ArrowTable,
    Option<ArrowTable>,
    Bound<'py, PyDict>,
)> {
    let t0 = Clock::now();
    let roles = Roles {
        case_id,
        at,
        verb,
        keys,
    };
    let table = import(events)?;
    let (input, sources) = resolve(&table, &roles)?;
    let t_import = t0.elapsed().as_secs_f64();
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    let t1 = Clock::now();
    let plan = py.detach(|| plan(&input))?;
    let t_plan = t1.elapsed().as_secs_f64();

    let t2 = Clock::now();
    let mut all = Part::default();
    for &row in &plan.orphans {
        all.rejected.push(RejectRec {
            row: row as u32,
            case: None,
            place: Where::CaseId,
            code: ErrorCode::NoCase,
            rule: None,
            message: "the case_id is missing",
            position: 0,
        });
    }
    let mut start = 0usize;
    while start < plan.cases() {
        let (mut end, mut rows) = (start, 0usize);
        while end < plan.cases() && (rows < ROWS_PER_ROUND || end == start) {
            rows += plan.span(end).len();
            end += 1;
        }
        let (input_ref, plan_ref, sources_ref) = (&input, &plan, &sources);
        let part = py.detach(move || {
            replay_round(
                input_ref,
                plan_ref,
                sources_ref,
                start..end,
                rows,
                threads,
                final_state,
            )
        });
        all.append(part);
        start = end;
        py.check_signals()?;
    }
    // Input-row order (stable: the findings of one row keep theirs). Grouped
    // input is already in that order, but for the rows with no case id.
    let (findings_sorted, rejected_sorted) = py.detach(|| {
        if plan.order.is_some() {
            all.findings.sort_by_key(|f| f.row);
        }
        all.rejected.sort_by_key(|r| r.row);
        (all.findings, all.rejected)
    });
    all.findings = findings_sorted;
    all.rejected = rejected_sorted;
    let t_replay = t2.elapsed().as_secs_f64();

    let t3 = Clock::now();
    let findings = findings_table(&all, &plan.names)?;
    let rejected = rejected_table(&all, &plan.names, &roles, &sources)?;
    let cases = if final_state {
        Some(cases_table(&all, &plan.names)?)
    } else {
        None
    };
    let stats = PyDict::new(py);
    stats.set_item("rows", input.rows())?;
    stats.set_item("cases", plan.cases())?;
    stats.set_item("threads", threads)?;
    stats.set_item("grouped", plan.order.is_none())?;
    stats.set_item("batches", input.batches.len())?;
    stats.set_item("seconds_import", t_import)?;
    stats.set_item("seconds_group", t_plan)?;
    stats.set_item("seconds_replay", t_replay)?;
    stats.set_item("seconds_output", t3.elapsed().as_secs_f64())?;
    Ok((findings, rejected, cases, stats))
}
