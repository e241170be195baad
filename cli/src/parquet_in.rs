//! Parquet input for `ia87 audit`: the columns of `crate::audit`, read batch
//! by batch (memory stays within a batch and a row group), every cell made
//! text of its column's kind and then validated like a CSV cell.
//!
//! | Arrow type | The cell |
//! |---|---|
//! | string, large string, string view, dictionary of strings | as written |
//! | integers | decimal digits |
//! | boolean | `yes` / `no` |
//! | date (32 or 64) | `YYYY-MM-DD` |
//! | timestamp with a time zone | the instant in UTC, `YYYY-MM-DDTHH:MM:SSZ` (whole seconds only) |
//!
//! A timestamp without a time zone is refused (the core never guesses an
//! offset), and so is any other type; both are errors naming the column.

use crate::audit::{key_token, KeyKind, Layout, RowCells, Table};
use crate::diag;
use crate::engine::{self, ErrorCode, Rejection, UtcTimestamp};
use crate::escape::echo;
use crate::input::read_error;
use crate::Fail;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::Array;
use arrow_schema::{DataType, TimeUnit};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::borrow::Cow;
use std::path::Path;

/// Rows decoded at a time.
const BATCH: usize = 8192;

/// How the cells of one column are read.
enum Cells<'a> {
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    Viewed(&'a arrow_array::StringViewArray),
    Dict {
        array: &'a dyn Array,
        keys: Vec<usize>,
        values: Box<Cells<'a>>,
    },
    Int(&'a dyn Array),
    Bool(&'a arrow_array::BooleanArray),
    Date(&'a dyn Array),
    Timestamp(&'a dyn Array, TimeUnit),
}

/// Whether a column of type `t` can be read, and if not, why.
fn supported(t: &DataType) -> Result<(), String> {
    match t {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => Ok(()),
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64 => Ok(()),
        DataType::Boolean | DataType::Date32 | DataType::Date64 => Ok(()),
        DataType::Timestamp(_, Some(_)) => Ok(()),
        DataType::Timestamp(_, None) => Err(
            "holds timestamps without a time zone; give them one (UTC will do) or write RFC 3339 \
             strings with an offset (no-offset)"
                .into(),
        ),
        DataType::Dictionary(_, v)
            if matches!(
                v.as_ref(),
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
            ) =>
        {
            Ok(())
        }
        other => Err(format!(
            "has type {other}, which is not read (strings, integers, booleans, dates and \
             timestamps with a time zone are)"
        )),
    }
}

impl<'a> Cells<'a> {
    fn new(a: &'a dyn Array) -> Option<Cells<'a>> {
        Some(match a.data_type() {
            DataType::Utf8 => Cells::Utf8(a.as_string_opt::<i32>()?),
            DataType::LargeUtf8 => Cells::LargeUtf8(a.as_string_opt::<i64>()?),
            DataType::Utf8View => Cells::Viewed(a.as_string_view_opt()?),
            DataType::Dictionary(..) => {
                let d = a.as_any_dictionary_opt()?;
                // (normalized_keys() asserts a dictionary with values.)
                let keys = if d.values().is_empty() {
                    Vec::new()
                } else {
                    d.normalized_keys()
                };
                Cells::Dict {
                    array: a,
                    keys,
                    values: Box::new(Cells::new(d.values().as_ref())?),
                }
            }
            DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64 => Cells::Int(a),
            DataType::Boolean => Cells::Bool(a.as_boolean_opt()?),
            DataType::Date32 | DataType::Date64 => Cells::Date(a),
            DataType::Timestamp(unit, Some(_)) => Cells::Timestamp(a, *unit),
            _ => return None,
        })
    }

    /// The cell at row `i` as text, `None` when null.
    fn get(&self, i: usize) -> Result<Option<Cow<'a, str>>, Rejection> {
        if i >= self.len() {
            return Ok(None);
        }
        let null = match self {
            Cells::Utf8(a) => a.is_null(i),
            Cells::LargeUtf8(a) => a.is_null(i),
            Cells::Viewed(a) => a.is_null(i),
            Cells::Dict { array, .. } => array.is_null(i),
            Cells::Int(a) | Cells::Date(a) | Cells::Timestamp(a, _) => a.is_null(i),
            Cells::Bool(a) => a.is_null(i),
        };
        if null {
            return Ok(None);
        }
        Ok(Some(match self {
            Cells::Utf8(a) => Cow::Borrowed(a.value(i)),
            Cells::LargeUtf8(a) => Cow::Borrowed(a.value(i)),
            Cells::Viewed(a) => Cow::Borrowed(a.value(i)),
            Cells::Dict { keys, values, .. } => {
                return match keys.get(i) {
                    Some(&k) => values.get(k),
                    None => Ok(None),
                }
            }
            Cells::Int(a) => Cow::Owned(int_text(*a, i)),
            Cells::Bool(a) => Cow::Borrowed(if a.value(i) { "yes" } else { "no" }),
            Cells::Date(a) => {
                let days = if let Some(d) = a.as_primitive_opt::<Date32Type>() {
                    Some(d.value(i))
                } else {
                    a.as_primitive_opt::<Date64Type>()
                        .map(|d| d.value(i).div_euclid(86_400_000))
                        .and_then(|d| i32::try_from(d).ok())
                };
                match days.and_then(engine::date_from_days) {
                    Some(s) => Cow::Owned(s),
                    None => return Err(Rejection::new(ErrorCode::BadValue, "date out of range")),
                }
            }
            Cells::Timestamp(a, unit) => {
                let (v, per_sec) = match unit {
                    TimeUnit::Second => (
                        a.as_primitive_opt::<TimestampSecondType>()
                            .map(|x| x.value(i)),
                        1,
                    ),
                    TimeUnit::Millisecond => (
                        a.as_primitive_opt::<TimestampMillisecondType>()
                            .map(|x| x.value(i)),
                        1_000,
                    ),
                    TimeUnit::Microsecond => (
                        a.as_primitive_opt::<TimestampMicrosecondType>()
                            .map(|x| x.value(i)),
                        1_000_000,
                    ),
                    TimeUnit::Nanosecond => (
                        a.as_primitive_opt::<TimestampNanosecondType>()
                            .map(|x| x.value(i)),
                        1_000_000_000,
                    ),
                };
                let Some(v) = v else { return Ok(None) };
                if v.rem_euclid(per_sec) != 0 {
                    return Err(Rejection::new(
                        ErrorCode::BadTimestamp,
                        "timestamp with a fraction of a second (the core counts whole seconds)",
                    ));
                }
                match engine::instant_from_unix(v.div_euclid(per_sec)) {
                    Some(t) => Cow::Owned(UtcTimestamp(t).to_string()),
                    None => {
                        return Err(Rejection::new(
                            ErrorCode::BadTimestamp,
                            "timestamp out of range",
                        ))
                    }
                }
            }
        }))
    }

    fn len(&self) -> usize {
        match self {
            Cells::Utf8(a) => a.len(),
            Cells::LargeUtf8(a) => a.len(),
            Cells::Viewed(a) => a.len(),
            Cells::Dict { array, .. } => array.len(),
            Cells::Int(a) | Cells::Date(a) | Cells::Timestamp(a, _) => a.len(),
            Cells::Bool(a) => a.len(),
        }
    }
}

fn int_text(a: &dyn Array, i: usize) -> String {
    macro_rules! try_int {
        ($($t:ty),*) => {
            $(if let Some(x) = a.as_primitive_opt::<$t>() { return x.value(i).to_string(); })*
        };
    }
    try_int!(
        Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type
    );
    String::new()
}

/// Reads the Parquet table at `path` into `t`.
pub fn read(path: &Path, t: &mut Table<'_, '_>, stdout_used: bool) -> Result<(), Fail> {
    let file = std::fs::File::open(path).map_err(|e| read_error(path, &e))?;
    let shown = t.file().to_string();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(|e| Fail::Input(format!("{shown}: not a Parquet file I can read: {e}")))?;
    let total = u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
    let schema = builder.schema().clone();
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let layout = Layout::from_names(&names).map_err(|e| match e {
        Fail::Input(m) => Fail::Input(format!("{shown}: {m}")),
        other => other,
    })?;
    let mut used = vec![layout.case_id, layout.at, layout.verb];
    used.extend(layout.keys.iter().map(|k| k.index));
    for &i in &used {
        if let Some(f) = schema.fields().get(i) {
            supported(f.data_type()).map_err(|why| {
                Fail::Input(format!("{shown}: column `{}` {why}", echo(f.name())))
            })?;
        }
    }
    let reader = builder
        .with_batch_size(BATCH)
        .build()
        .map_err(|e| Fail::Input(format!("{shown}: {e}")))?;
    let bar = diag::progress(total, "rows", stdout_used);
    bar.message("audit");
    let mut row: u64 = 0;
    for batch in reader {
        let batch = batch.map_err(|e| Fail::Input(format!("{shown}: row {}: {e}", row + 1)))?;
        let view = |i: usize| -> Result<Cells<'_>, Fail> {
            batch
                .columns()
                .get(i)
                .and_then(|c| Cells::new(c.as_ref()))
                .ok_or_else(|| Fail::Input(format!("{shown}: column {} cannot be read", i + 1)))
        };
        let case_id = view(layout.case_id)?;
        let at = view(layout.at)?;
        let verb = view(layout.verb)?;
        let keys: Vec<(&str, &KeyKind, Cells<'_>)> = layout
            .keys
            .iter()
            .map(|k| view(k.index).map(|v| (k.name.as_str(), &k.kind, v)))
            .collect::<Result<_, _>>()?;
        for r in 0..batch.num_rows() {
            row += 1;
            let cells = (|| -> Result<RowCells<'_>, (String, Rejection)> {
                fn get<'v>(
                    v: &Cells<'v>,
                    r: usize,
                    name: &str,
                ) -> Result<Option<Cow<'v, str>>, (String, Rejection)> {
                    v.get(r).map_err(|e| (name.to_string(), e))
                }
                let mut key_cells = Vec::new();
                for (name, kind, v) in &keys {
                    if let Some(value) = get(v, r, name)? {
                        if value.is_empty() {
                            continue;
                        }
                        let token = match kind {
                            KeyKind::Tokens => value.into_owned(),
                            KeyKind::Key => key_token(name, &value),
                        };
                        key_cells.push((Cow::Owned(name.to_string()), token));
                    }
                }
                Ok(RowCells {
                    case_id: get(&case_id, r, "case_id")?.map(|c| Cow::Owned(c.into_owned())),
                    at: get(&at, r, "at")?
                        .filter(|a| !a.is_empty())
                        .map(|c| Cow::Owned(c.into_owned())),
                    verb: get(&verb, r, "verb")?.map(|c| Cow::Owned(c.into_owned())),
                    keys: key_cells,
                })
            })();
            match cells {
                Ok(cells) => t.row(row, cells)?,
                Err((name, e)) => t.reject(row, "", &format!("column `{}`: ", echo(&name)), &e),
            }
        }
        bar.set(row);
    }
    Ok(())
}
