//! Any bytes as one row of an event table (the cells the CLI's CSV/Parquet
//! reader and the Python package hand to `ia87_core::lang::cells`): the cell
//! parser never panics, whatever the cells hold, and an event row that is
//! accepted is the same event the line parser reads from the equivalent line
//! (when that line is within the 1,024-byte limit).
#![no_main]
use ia87_core::lang::cells::{check_case_id, parse_row};
use ia87_core::lang::{parse_line, Line};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Cells separated by a 0x1F (unit separator) byte: case_id, at, verb, keys...
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let cells: Vec<&str> = text.split('\u{1f}').collect();
    let [case_id, at, verb, keys @ ..] = cells.as_slice() else {
        return;
    };
    let _ = check_case_id(case_id);
    let row = parse_row(Some(at), verb, keys);
    if let Ok(Line::Event(e)) = row {
        // Valid cells joined by spaces form a valid line with the same event.
        let line = format!("{at} {verb} {}", keys.join(" "));
        if line.len() > 1024 {
            return; // cells have no line length; the line has (line-too-long)
        }
        match parse_line(line.as_bytes()) {
            Ok(Line::Event(f)) => assert_eq!(e, f, "{line}"),
            other => panic!("cells accepted but the line is not: {line}: {other:?}"),
        }
    }
});
