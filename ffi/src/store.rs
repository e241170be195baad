//! What an [`IA87Case`] holds, and how it is checked.
//!
//! | Offset | Size | Contents |
//! |---|---|---|
//! | 0 | 1 | tag: `0xC5` a case is open; `0x3A` the start of a case file (no `case` line yet) |
//! | 1 | 7 | zero |
//! | 8 | 12 + N | the snapshot frame of `ia87_core::codec` (magic, version, kind, length, postcard payload, CRC-32) |
//! | 20 + N | rest | zero |
//!
//! Every call copies the bytes in, checks the tag, the zero bytes and the frame
//! (CRC included), decodes the case, works on it, and re-encodes it. The two
//! tags differ in every bit, and the frame's CRC-32 catches any single-bit
//! error, so a flipped bit anywhere in the struct is `IA87_ERR_CORRUPT_CASE`.
//! The worst-case snapshot is 389 + 12 bytes (`ffi/tests/snapshot_bound.rs`),
//! which leaves room in the 504 bytes after the header.

use crate::types::{IA87Case, IA87Status, IA87_CASE_SIZE};
use ia87_core::codec::{decode_case_prefix, encode_case};
use ia87_core::Case;

const HEAD: usize = 8;
const TAG_OPEN: u8 = 0xC5;
const TAG_FILE: u8 = 0x3A;

/// Room for the snapshot frame inside an [`IA87Case`].
///
/// cbindgen:ignore
pub const SNAPSHOT_ROOM: usize = IA87_CASE_SIZE - HEAD;

/// A decoded [`IA87Case`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    /// False at the start of a case file, before its first `case` line.
    pub open: bool,
    /// The case (a new case when not open).
    pub case: Case,
}

impl Stored {
    /// A fresh, open case.
    pub fn open() -> Stored {
        Stored {
            open: true,
            case: Case::new(),
        }
    }

    /// The start of a case file.
    pub fn file() -> Stored {
        Stored {
            open: false,
            case: Case::new(),
        }
    }
}

/// Raw bytes of an [`IA87Case`].
pub type Bytes = [u8; IA87_CASE_SIZE];

/// Checks and decodes the bytes of an [`IA87Case`].
#[inline(never)]
pub fn decode(b: &Bytes) -> Result<Stored, IA87Status> {
    let corrupt = IA87Status::IA87_ERR_CORRUPT_CASE;
    let open = match b.first() {
        Some(&TAG_OPEN) => true,
        Some(&TAG_FILE) => false,
        _ => return Err(corrupt),
    };
    let (head, region) = b.split_at_checked(HEAD).ok_or(corrupt)?;
    if head.iter().skip(1).any(|&x| x != 0) {
        return Err(corrupt);
    }
    let (case, n) = decode_case_prefix(region).map_err(|_| corrupt)?;
    if region.iter().skip(n).any(|&x| x != 0) {
        return Err(corrupt);
    }
    Ok(Stored { open, case })
}

/// Encodes a case into the bytes of an [`IA87Case`].
#[inline(never)]
pub fn encode(s: &Stored) -> Result<Bytes, IA87Status> {
    let mut b = [0u8; IA87_CASE_SIZE];
    let (head, region) = b
        .split_at_mut_checked(HEAD)
        .ok_or(IA87Status::IA87_ERR_CAPACITY)?;
    if let Some(t) = head.first_mut() {
        *t = if s.open { TAG_OPEN } else { TAG_FILE };
    }
    encode_case(&s.case, region).map_err(|_| IA87Status::IA87_ERR_CAPACITY)?;
    Ok(b)
}

/// Copies the bytes of the caller's [`IA87Case`] in and decodes them.
///
/// # Safety
/// `p` is NULL or valid for reads of `IA87_CASE_SIZE` bytes.
pub unsafe fn read(p: *const IA87Case) -> Result<Stored, IA87Status> {
    if p.is_null() {
        return Err(IA87Status::IA87_ERR_NULL);
    }
    let mut b = [0u8; IA87_CASE_SIZE];
    // SAFETY: the caller guarantees IA87_CASE_SIZE readable bytes at p; `b` is
    // a local, so the two regions do not overlap. Bytes have alignment 1.
    unsafe { core::ptr::copy_nonoverlapping(p.cast::<u8>(), b.as_mut_ptr(), IA87_CASE_SIZE) };
    decode(&b)
}

/// Writes encoded bytes to the caller's [`IA87Case`].
///
/// # Safety
/// `p` is non-NULL and valid for writes of `IA87_CASE_SIZE` bytes.
pub unsafe fn write(p: *mut IA87Case, b: &Bytes) {
    // SAFETY: as documented; `b` is a local of this crate, not caller memory.
    unsafe { core::ptr::copy_nonoverlapping(b.as_ptr(), p.cast::<u8>(), IA87_CASE_SIZE) };
}
