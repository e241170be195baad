//! What an [`IA87Case`] holds, and how it is checked.
//!
//! | Offset | Size | Contents |
//! |---|---|---|
//! | 0 | 1 | tag: `0xC5` a case is open; `0x3A` the start of a case file (no `case` line yet) |
//! | 1 | 7 | zero |
//! | 8 | 12 + N | the snapshot frame of `ia87_core::codec` (magic, version, kind, length, postcard payload, CRC-32) |
//! | 20 + N | rest | zero |
//!
//! Every call checks the bytes where the caller keeps them (the tag, the zero
//! bytes and the frame, CRC included) and decodes the case from them, works on
//! it, re-encodes it into a local buffer and copies that back. Decoding,
//! working and encoding are separate frames, one after the other
//! ([`decode`], the call's step, [`store`]), so their stack needs do not add
//! up. The two
//! tags differ in every bit, and the frame's CRC-32 catches any single-bit
//! error, so a flipped bit anywhere in the struct is `IA87_ERR_CORRUPT_CASE`.
//! The worst-case snapshot is 467 + 12 bytes (`ffi/tests/snapshot_bound.rs`),
//! which leaves room in the 504 bytes after the header.

use crate::types::{IA87Case, IA87Status, IA87_CASE_SIZE};
use ia87_core::codec::{crc32, encode_case, wire_error, SnapshotError, FORMAT_VERSION, MAGIC};
use ia87_core::wire::{Reader, Wire, WireError};
use ia87_core::Case;

const HEAD: usize = 8;
const TAG_OPEN: u8 = 0xC5;
const TAG_FILE: u8 = 0x3A;
/// The kind byte of a case snapshot in the codec's frame.
const KIND_CASE: u8 = 1;

/// Room for the snapshot frame inside an [`IA87Case`].
///
/// cbindgen:ignore
pub const SNAPSHOT_ROOM: usize = IA87_CASE_SIZE - HEAD;

/// A decoded snapshot, as [`decode_prefix`] leaves it. A call keeps it where
/// the decoder wrote it (a local of the exported function) and works on the
/// case inside it ([`Slot::get`]): moving a 488-byte `Case` out of it would
/// copy it on the stack. The fields are kept apart (rather than one `Result`)
/// so that the derive's result lands in place, without a copy.
#[derive(Debug)]
pub struct Slot {
    /// The length of the frame, or why the frame is not a case snapshot.
    frame: Result<usize, SnapshotError>,
    /// The payload decoded (meaningful when the frame is good).
    case: Result<Case, WireError>,
    /// True if the payload had no bytes after the case.
    exact: bool,
}

impl Slot {
    /// The case and the length of its frame, or why the bytes are not a
    /// snapshot (the error `ia87_core::codec::decode_case_prefix` gives).
    pub fn get(&mut self) -> Result<(&mut Case, usize), SnapshotError> {
        let n = self.frame?;
        match &mut self.case {
            Ok(case) if self.exact => Ok((case, n)),
            Ok(_) => Err(SnapshotError::BadPayload),
            Err(e) => Err(wire_error(*e)),
        }
    }
}

/// A checked and decoded [`IA87Case`], borrowing the case from its [`Slot`].
#[derive(Debug)]
pub struct Stored<'a> {
    /// False at the start of a case file, before its first `case` line.
    pub open: bool,
    /// The case (a new case when not open).
    pub case: &'a mut Case,
}

/// Raw bytes of an [`IA87Case`].
pub type Bytes = [u8; IA87_CASE_SIZE];

/// Checks the codec's frame at the start of `buf` (the checks of
/// `ia87_core::codec`, in its order) and returns the payload and the length of
/// the frame.
fn frame(buf: &[u8]) -> Result<(&[u8], usize), SnapshotError> {
    let head = buf.get(..8).ok_or(SnapshotError::Truncated)?;
    if head.get(..4) != Some(&MAGIC[..]) {
        return Err(SnapshotError::BadMagic);
    }
    if head.get(4) != Some(&FORMAT_VERSION) {
        return Err(SnapshotError::UnsupportedVersion);
    }
    if head.get(5) != Some(&KIND_CASE) {
        return Err(SnapshotError::WrongKind);
    }
    let len = usize::from(u16::from_le_bytes([
        head.get(6).copied().unwrap_or(0),
        head.get(7).copied().unwrap_or(0),
    ]));
    let body_len = len.checked_add(8).ok_or(SnapshotError::Truncated)?;
    let total = body_len.checked_add(4).ok_or(SnapshotError::Truncated)?;
    let body = buf.get(..body_len).ok_or(SnapshotError::Truncated)?;
    let stored = buf.get(body_len..total).ok_or(SnapshotError::Truncated)?;
    let stored = u32::from_le_bytes([
        stored.first().copied().unwrap_or(0),
        stored.get(1).copied().unwrap_or(0),
        stored.get(2).copied().unwrap_or(0),
        stored.get(3).copied().unwrap_or(0),
    ]);
    if crc32(body) != stored {
        return Err(SnapshotError::BadCrc);
    }
    Ok((body.get(8..).unwrap_or(&[]), total))
}

/// `ia87_core::codec::decode_case_prefix`, with less stack: the core's decoder
/// returns the case through three by-value layers (its `decode`, postcard's
/// `take_from_bytes`, the derive), each a copy of the 488-byte `Case` on the
/// stack; this one calls the derive directly. The same checks in the same
/// order, so the same answer for every input: `ffi/tests/decode.rs` and the
/// `ffi_apply` fuzz target compare the two.
#[inline(never)]
pub fn decode_prefix(buf: &[u8]) -> Slot {
    match frame(buf) {
        Err(e) => Slot {
            frame: Err(e),
            case: Err(WireError::Truncated),
            exact: false,
        },
        Ok((payload, total)) => {
            let mut r = Reader::new(payload);
            let case = Case::take(&mut r);
            Slot {
                frame: Ok(total),
                case,
                exact: r.at_end(),
            }
        }
    }
}

/// `ia87_core::codec::decode_case` (the whole of `buf` is the snapshot), with
/// the stack of [`decode_prefix`].
pub fn decode_whole(buf: &[u8]) -> Slot {
    let mut slot = decode_prefix(buf);
    if matches!(slot.get(), Ok((_, n)) if n != buf.len()) {
        slot.frame = Err(SnapshotError::TrailingBytes);
    }
    slot
}

/// Decodes the snapshot in the caller's [`IA87Case`], in place: nothing is
/// copied in first. A phase of its own (the postcard decode is the deepest
/// part of a call), finished before anything is applied or written. NULL is
/// an error (`check` reports it as `IA87_ERR_NULL`).
///
/// # Safety
/// `p` is NULL or valid for reads of `IA87_CASE_SIZE` bytes, which nothing
/// writes during the call.
#[inline(never)]
pub unsafe fn decode(p: *const IA87Case) -> Slot {
    if p.is_null() {
        return decode_prefix(&[]);
    }
    // SAFETY: as documented; bytes have alignment 1, and the slice is dropped
    // before any output is written.
    let b = unsafe { core::slice::from_raw_parts(p.cast::<u8>(), IA87_CASE_SIZE) };
    decode_prefix(b.get(HEAD..).unwrap_or(&[]))
}

/// Checks the rest of the caller's [`IA87Case`] around a decoded snapshot (the
/// tag, the zero bytes after it and after the frame) and returns the case.
///
/// # Safety
/// As [`decode`]; `slot` is what [`decode`] returned for `p`.
pub unsafe fn check<'s>(p: *const IA87Case, slot: &'s mut Slot) -> Result<Stored<'s>, IA87Status> {
    if p.is_null() {
        return Err(IA87Status::IA87_ERR_NULL);
    }
    let corrupt = IA87Status::IA87_ERR_CORRUPT_CASE;
    // SAFETY: as documented.
    let b = unsafe { core::slice::from_raw_parts(p.cast::<u8>(), IA87_CASE_SIZE) };
    let open = match b.first() {
        Some(&TAG_OPEN) => true,
        Some(&TAG_FILE) => false,
        _ => return Err(corrupt),
    };
    let (head, region) = b.split_at_checked(HEAD).ok_or(corrupt)?;
    if head.iter().skip(1).any(|&x| x != 0) {
        return Err(corrupt);
    }
    let (case, n) = slot.get().map_err(|_| corrupt)?;
    if region.iter().skip(n).any(|&x| x != 0) {
        return Err(corrupt);
    }
    Ok(Stored { open, case })
}

/// Encodes a case into the bytes of an [`IA87Case`] and writes them to `p`;
/// `IA87_ERR_CAPACITY`, with nothing written, if it does not fit. A phase of
/// its own, after the case has been worked on.
///
/// # Safety
/// `p` is non-NULL and valid for writes of `IA87_CASE_SIZE` bytes, and no
/// reference to that memory is live.
#[inline(never)]
pub unsafe fn store(p: *mut IA87Case, open: bool, case: &Case) -> Result<(), IA87Status> {
    let mut b: Bytes = [0u8; IA87_CASE_SIZE];
    let (head, region) = b
        .split_at_mut_checked(HEAD)
        .ok_or(IA87Status::IA87_ERR_CAPACITY)?;
    if let Some(t) = head.first_mut() {
        *t = if open { TAG_OPEN } else { TAG_FILE };
    }
    encode_case(case, region).map_err(|_| IA87Status::IA87_ERR_CAPACITY)?;
    // SAFETY: as documented; `b` is a local, so the regions do not overlap.
    unsafe { core::ptr::copy_nonoverlapping(b.as_ptr(), p.cast::<u8>(), IA87_CASE_SIZE) };
    Ok(())
}

/// Writes a new case (open, or the start of a case file) to `p`.
///
/// # Safety
/// As [`store`].
#[inline(never)]
pub unsafe fn store_new(p: *mut IA87Case, open: bool) -> Result<(), IA87Status> {
    // SAFETY: forwarded.
    unsafe { store(p, open, &Case::new()) }
}
