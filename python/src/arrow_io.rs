//! The Arrow C data interface through PyCapsules (the "Arrow PyCapsule
//! interface"): reading any object that has `__arrow_c_stream__` or
//! `__arrow_c_array__` (pyarrow, polars, pandas ≥ 2.2, DuckDB, …) without
//! copying its buffers, and handing tables back the same way.
//!
//! All the `unsafe` of the package's Arrow input and output is here: taking the
//! C structs out of a capsule (arrow-rs then owns them and calls their
//! `release` when done), and putting ours into one.

use arrow_array::ffi::{from_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::{RecordBatch, RecordBatchIterator, StructArray};
use arrow_schema::{ArrowError, DataType, Schema, SchemaRef};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyCapsuleMethods, PyTuple};
use std::ffi::CStr;
use std::sync::Arc;

const STREAM: &CStr = c"arrow_array_stream";
const SCHEMA: &CStr = c"arrow_schema";
const ARRAY: &CStr = c"arrow_array";

fn arrow_err(e: ArrowError) -> PyErr {
    PyValueError::new_err(format!("Arrow: {e}"))
}

/// A table read from Python: its schema and its record batches (the buffers
/// stay the producer's; they are released when the batches are dropped).
pub struct Table {
    pub schema: SchemaRef,
    pub batches: Vec<RecordBatch>,
}

/// Reads `obj` through `__arrow_c_stream__` (a table, a record batch reader, a
/// data frame) or `__arrow_c_array__` (one record batch, or a struct array).
pub fn import(obj: &Bound<'_, PyAny>) -> PyResult<Table> {
    if obj.hasattr("__arrow_c_stream__")? {
        let capsule = obj.call_method0("__arrow_c_stream__")?;
        let capsule = capsule
            .cast::<PyCapsule>()
            .map_err(|_| PyTypeError::new_err("__arrow_c_stream__ did not return a PyCapsule"))?;
        let ptr = capsule.pointer_checked(Some(STREAM))?;
        // SAFETY: the capsule is named "arrow_array_stream", so by the Arrow
        // PyCapsule interface it holds a valid `ArrowArrayStream`. `from_raw`
        // moves it out and marks the capsule's copy released, so the
        // capsule's destructor will not release it a second time.
        let stream = unsafe { FFI_ArrowArrayStream::from_raw(ptr.as_ptr().cast()) };
        let reader = RecordBatchStreamReader::try_new(stream).map_err(arrow_err)?;
        let schema = arrow_array::RecordBatchReader::schema(&reader);
        let batches = reader.collect::<Result<Vec<_>, _>>().map_err(arrow_err)?;
        return Ok(Table { schema, batches });
    }
    if obj.hasattr("__arrow_c_array__")? {
        let pair = obj.call_method0("__arrow_c_array__")?;
        let pair = pair
            .cast::<PyTuple>()
            .map_err(|_| PyTypeError::new_err("__arrow_c_array__ did not return a tuple"))?;
        let schema_capsule = pair.get_item(0)?;
        let array_capsule = pair.get_item(1)?;
        let schema_capsule = schema_capsule
            .cast::<PyCapsule>()
            .map_err(|_| PyTypeError::new_err("__arrow_c_array__: not a PyCapsule"))?;
        let array_capsule = array_capsule
            .cast::<PyCapsule>()
            .map_err(|_| PyTypeError::new_err("__arrow_c_array__: not a PyCapsule"))?;
        let schema_ptr = schema_capsule.pointer_checked(Some(SCHEMA))?;
        let array_ptr = array_capsule.pointer_checked(Some(ARRAY))?;
        // SAFETY: capsules named "arrow_schema" and "arrow_array" hold an
        // `ArrowSchema` and an `ArrowArray` (Arrow PyCapsule interface). The
        // array is moved out (its capsule's copy is marked released); the
        // schema is only borrowed, and stays owned by its capsule.
        let data = unsafe {
            let array = FFI_ArrowArray::from_raw(array_ptr.as_ptr().cast());
            let schema: &FFI_ArrowSchema = &*schema_ptr.as_ptr().cast::<FFI_ArrowSchema>();
            from_ffi(array, schema)
        }
        .map_err(arrow_err)?;
        if !matches!(data.data_type(), DataType::Struct(_)) {
            return Err(PyTypeError::new_err(format!(
                "expected a table (an Arrow struct array or record batch), got an array of {}",
                data.data_type()
            )));
        }
        let s = StructArray::from(data);
        let schema = Arc::new(Schema::new(s.fields().clone()));
        let batch =
            RecordBatch::try_new(schema.clone(), s.columns().to_vec()).map_err(arrow_err)?;
        return Ok(Table {
            schema,
            batches: vec![batch],
        });
    }
    Err(PyTypeError::new_err(format!(
        "{} does not speak the Arrow PyCapsule interface (no __arrow_c_stream__ or __arrow_c_array__)",
        obj.get_type().name()?
    )))
}

/// A table made in Rust, handed to Python through `__arrow_c_stream__`:
/// `pyarrow.table(t)`, `polars.DataFrame(t)` and others take it without a copy.
#[pyclass(name = "ArrowTable", module = "ia87._native", frozen)]
pub struct ArrowTable {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

impl ArrowTable {
    pub fn new(batch: RecordBatch) -> Self {
        ArrowTable {
            schema: batch.schema(),
            batches: vec![batch],
        }
    }
}

#[pymethods]
impl ArrowTable {
    /// The table as an Arrow C stream in a PyCapsule (each call a new stream
    /// over the same buffers). A requested schema is not honoured: the
    /// protocol allows a producer to ignore it.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(
            self.batches.clone().into_iter().map(Ok),
            self.schema.clone(),
        );
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        // The consumer moves the stream out of the capsule (marking ours
        // released); if nobody does, dropping it here releases it.
        PyCapsule::new_with_value_and_destructor(py, stream, STREAM, |s, _| drop(s))
    }

    /// The number of rows.
    fn __len__(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.schema
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }
}
