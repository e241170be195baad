//! Double-buffered snapshots of the kiosk's cases in the simulated flash.
//!
//! Two slots, one sector each. A commit always writes the slot that does
//! *not* hold the newest good record, so the newest good record survives
//! anything that happens to the write. A record is:
//!
//! | Offset | Size | Field |
//! |---|---|---|
//! | 0 | 4 | magic `KSLT` |
//! | 4 | 4 | sequence number (u32 LE, +1 per commit) |
//! | 8 | 2 | cursor: the next script step (u16 LE) |
//! | 10 | 2 | body length N (u16 LE) |
//! | 12 | 4 | CRC-32 of the body |
//! | 16 | 4 | CRC-32 of bytes 0..16 |
//! | 20 | N | body: one `ia87_core::codec` case snapshot per traveller, back to back |
//!
//! Write order: erase the sector, program the body, then the header. A torn
//! write leaves the header erased or failing its CRC; a damaged body fails the
//! body CRC, and each snapshot still carries the codec's own frame CRC, so a
//! record is only used if every check passes. Mounting picks the valid slot
//! with the newer sequence number (compared with wrap-around).

use crate::flash::{Flash, FlashError, SECTOR, SECTORS};
use crate::script::TRAVELLERS;
use ia87_core::codec::{self, crc32, SnapshotError, MAX_SNAPSHOT_LEN};
use ia87_core::Case;

/// The record magic.
pub const MAGIC: [u8; 4] = *b"KSLT";
/// Bytes of the record header.
pub const HEADER_LEN: usize = 20;
/// The largest body a slot holds.
pub const MAX_BODY: usize = SECTOR - HEADER_LEN;

/// Why a record could not be written or read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum StoreError {
    /// The flash refused an operation.
    Flash(FlashError),
    /// A snapshot could not be encoded or decoded.
    Snapshot(SnapshotError),
    /// The slot number is not 0 or 1.
    BadSlot,
    /// The snapshots do not fit a slot.
    TooLarge,
}

impl From<FlashError> for StoreError {
    fn from(e: FlashError) -> Self {
        StoreError::Flash(e)
    }
}

impl From<SnapshotError> for StoreError {
    fn from(e: SnapshotError) -> Self {
        StoreError::Snapshot(e)
    }
}

impl StoreError {
    /// A short explanation.
    pub const fn message(self) -> &'static str {
        match self {
            StoreError::Flash(e) => e.message(),
            StoreError::Snapshot(e) => e.message(),
            StoreError::BadSlot => "no such slot",
            StoreError::TooLarge => "snapshots do not fit a slot",
        }
    }
}

/// What a slot holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum SlotState {
    /// Erased: never written, or erased before a write that stopped at once.
    Blank,
    /// Not a usable record (torn or damaged), with the first check that failed.
    Invalid(Defect),
    /// A good record.
    Valid(Header),
}

/// The first check a slot failed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Defect {
    /// The magic is wrong (header never completed).
    Magic,
    /// The header CRC does not match.
    HeaderCrc,
    /// The body length is impossible.
    Length,
    /// The body CRC does not match.
    BodyCrc,
    /// A snapshot in the body does not decode.
    Snapshot(SnapshotError),
    /// The flash could not be read.
    Flash(FlashError),
}

impl Defect {
    /// A short explanation.
    pub const fn message(self) -> &'static str {
        match self {
            Defect::Magic => "no record header (torn before the header)",
            Defect::HeaderCrc => "header CRC mismatch (torn header)",
            Defect::Length => "impossible body length",
            Defect::BodyCrc => "body CRC mismatch",
            Defect::Snapshot(e) => e.message(),
            Defect::Flash(e) => e.message(),
        }
    }
}

/// A record header.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Header {
    /// The sequence number.
    pub seq: u32,
    /// The next script step.
    pub cursor: u16,
    /// The body length.
    pub body_len: u16,
    /// The CRC-32 of the body.
    pub body_crc: u32,
}

impl Header {
    /// The 20 header bytes, with the header CRC.
    pub fn encode(&self) -> [u8; HEADER_LEN] {
        let mut h = [0u8; HEADER_LEN];
        let (fields, tail) = h.split_at_mut(16);
        let mut put = |at: usize, bytes: &[u8]| {
            if let Some(dst) = fields.get_mut(at..at.saturating_add(bytes.len())) {
                dst.copy_from_slice(bytes);
            }
        };
        put(0, &MAGIC);
        put(4, &self.seq.to_le_bytes());
        put(8, &self.cursor.to_le_bytes());
        put(10, &self.body_len.to_le_bytes());
        put(12, &self.body_crc.to_le_bytes());
        tail.copy_from_slice(&crc32(fields).to_le_bytes());
        h
    }

    fn decode(h: &[u8]) -> Result<Header, Defect> {
        // `h` is the 20 header bytes (a shorter slice reads as zeros).
        let mut b = [0u8; HEADER_LEN];
        if let Some(src) = h.get(..HEADER_LEN) {
            b.copy_from_slice(src);
        }
        let [m0, m1, m2, m3, s0, s1, s2, s3, c0, c1, l0, l1, b0, b1, b2, b3, h0, h1, h2, h3] = b;
        if [m0, m1, m2, m3] != MAGIC {
            return Err(Defect::Magic);
        }
        if crc32(h.get(..16).unwrap_or(&[])) != u32::from_le_bytes([h0, h1, h2, h3]) {
            return Err(Defect::HeaderCrc);
        }
        let header = Header {
            seq: u32::from_le_bytes([s0, s1, s2, s3]),
            cursor: u16::from_le_bytes([c0, c1]),
            body_len: u16::from_le_bytes([l0, l1]),
            body_crc: u32::from_le_bytes([b0, b1, b2, b3]),
        };
        if usize::from(header.body_len) > MAX_BODY {
            return Err(Defect::Length);
        }
        Ok(header)
    }
}

/// `a` is newer than `b` in wrap-around sequence order.
pub fn newer(a: u32, b: u32) -> bool {
    let d = a.wrapping_sub(b);
    d != 0 && d < 0x8000_0000
}

fn slot_base(slot: usize) -> Result<usize, StoreError> {
    if slot >= SECTORS {
        return Err(StoreError::BadSlot);
    }
    slot.checked_mul(SECTOR).ok_or(StoreError::BadSlot)
}

/// Checks slot `slot` without decoding the snapshots (magic, header CRC,
/// length, body CRC).
pub fn inspect(flash: &Flash<'_>, slot: usize) -> SlotState {
    let Ok(base) = slot_base(slot) else {
        return SlotState::Invalid(Defect::Flash(FlashError::OutOfRange));
    };
    let head = match flash.read(base, HEADER_LEN) {
        Ok(h) => h,
        Err(e) => return SlotState::Invalid(Defect::Flash(e)),
    };
    if head.iter().all(|&b| b == 0xFF) {
        // The header is still erased: blank if the body is too, torn otherwise.
        let body_blank = flash
            .read(base.saturating_add(HEADER_LEN), MAX_BODY)
            .map(|body| body.iter().all(|&b| b == 0xFF))
            .unwrap_or(false);
        return if body_blank {
            SlotState::Blank
        } else {
            SlotState::Invalid(Defect::Magic)
        };
    }
    let header = match Header::decode(head) {
        Ok(h) => h,
        Err(d) => return SlotState::Invalid(d),
    };
    match flash.read(
        base.saturating_add(HEADER_LEN),
        usize::from(header.body_len),
    ) {
        Ok(body) if crc32(body) == header.body_crc => SlotState::Valid(header),
        Ok(_) => SlotState::Invalid(Defect::BodyCrc),
        Err(e) => SlotState::Invalid(Defect::Flash(e)),
    }
}

/// Decodes the snapshots of a slot that [`inspect`] found valid into `cases`.
/// On error `cases` may be partly overwritten; the caller then discards them.
pub fn load(
    flash: &Flash<'_>,
    slot: usize,
    header: &Header,
    cases: &mut [Case; TRAVELLERS],
) -> Result<(), Defect> {
    let base = slot_base(slot).map_err(|_| Defect::Flash(FlashError::OutOfRange))?;
    let mut body = flash
        .read(
            base.saturating_add(HEADER_LEN),
            usize::from(header.body_len),
        )
        .map_err(Defect::Flash)?;
    for case in cases.iter_mut() {
        let (c, used) = codec::decode_case_prefix(body).map_err(Defect::Snapshot)?;
        *case = c;
        body = body.get(used..).ok_or(Defect::Length)?;
    }
    if body.is_empty() {
        Ok(())
    } else {
        Err(Defect::Length)
    }
}

/// The body (all snapshots) of a valid slot, as stored.
pub fn body<'f>(
    flash: &'f Flash<'_>,
    slot: usize,
    header: &Header,
) -> Result<&'f [u8], StoreError> {
    let base = slot_base(slot)?;
    Ok(flash.read(
        base.saturating_add(HEADER_LEN),
        usize::from(header.body_len),
    )?)
}

/// The result of mounting the store.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Mount {
    /// What each slot held.
    pub slots: [SlotState; SECTORS],
    /// The slot whose record was loaded, and its header.
    pub loaded: Option<(usize, Header)>,
}

/// Finds the newest good record and decodes it into `cases`. With no good
/// record (a blank or fully damaged store) `cases` are reset to new cases.
pub fn mount(flash: &Flash<'_>, cases: &mut [Case; TRAVELLERS]) -> Mount {
    let slots = [inspect(flash, 0), inspect(flash, 1)];
    let order: [Option<(usize, Header)>; SECTORS] = match slots {
        [SlotState::Valid(a), SlotState::Valid(b)] if newer(b.seq, a.seq) => {
            [Some((1, b)), Some((0, a))]
        }
        [SlotState::Valid(a), SlotState::Valid(b)] => [Some((0, a)), Some((1, b))],
        [SlotState::Valid(a), _] => [Some((0, a)), None],
        [_, SlotState::Valid(b)] => [Some((1, b)), None],
        _ => [None, None],
    };
    let mut mounted = Mount {
        slots,
        loaded: None,
    };
    for (slot, header) in order.iter().flatten() {
        if load(flash, *slot, header, cases).is_ok() {
            mounted.loaded = Some((*slot, *header));
            return mounted;
        }
        if let Some(s) = mounted.slots.get_mut(*slot) {
            *s = SlotState::Invalid(Defect::Snapshot(SnapshotError::BadPayload));
        }
    }
    for case in cases.iter_mut() {
        *case = new_case();
    }
    mounted
}

/// `Case::new()`, out of line: inlined, each of its callers would carry its
/// own copy of the 480-byte initialisation.
#[inline(never)]
pub fn new_case() -> Case {
    Case::new()
}

/// Writes a record of `cases` with `seq` and `cursor` into slot `slot`,
/// using `scratch` to encode one snapshot at a time. Returns the record's
/// total length in bytes.
pub fn commit(
    flash: &mut Flash<'_>,
    scratch: &mut [u8; MAX_SNAPSHOT_LEN],
    slot: usize,
    seq: u32,
    cursor: u16,
    cases: &[Case; TRAVELLERS],
) -> Result<usize, StoreError> {
    let base = slot_base(slot)?;
    flash.erase_sector(slot)?;
    let body_start = base.checked_add(HEADER_LEN).ok_or(StoreError::TooLarge)?;
    let mut at = body_start;
    for case in cases {
        let n = codec::encode_case(case, scratch)?;
        let frame = scratch.get(..n).ok_or(StoreError::TooLarge)?;
        let end = at.checked_add(n).ok_or(StoreError::TooLarge)?;
        if end > base.saturating_add(SECTOR) {
            return Err(StoreError::TooLarge);
        }
        flash.program_all(at, frame)?;
        at = end;
    }
    let body_len = at.saturating_sub(body_start);
    let body_crc = crc32(flash.read(body_start, body_len)?);
    let header = Header {
        seq,
        cursor,
        body_len: u16::try_from(body_len).map_err(|_| StoreError::TooLarge)?,
        body_crc,
    };
    flash.program_all(base, &header.encode())?;
    Ok(body_len.saturating_add(HEADER_LEN))
}
