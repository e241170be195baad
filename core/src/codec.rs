//! Snapshots of a [`Case`] and encodings of an `Event`: postcard inside a
//! small frame with a format version and a CRC-32, so that a kiosk can persist
//! a case to flash and a legacy system can keep it in a database BLOB, and a
//! torn or corrupted record is detected instead of misread.
//!
//! ## Frame (all integers little-endian)
//!
//! | Offset | Size | Field |
//! |---|---|---|
//! | 0 | 4 | magic `IA87` |
//! | 4 | 1 | format version ([`FORMAT_VERSION`]) |
//! | 5 | 1 | kind: 1 = case snapshot, 2 = event |
//! | 6 | 2 | payload length N |
//! | 8 | N | payload: the postcard encoding of the value |
//! | 8+N | 4 | CRC-32 (IEEE 802.3, reflected, as in zlib) of bytes 0..8+N |
//!
//! Decoding checks, in order: length of the input, magic, version, kind,
//! payload length, CRC, then the postcard payload (which itself rejects
//! out-of-range enum tags, over-long lists and out-of-range instants), and
//! finally that no bytes follow. Every failure is a [`SnapshotError`].
//!
//! ## The case payload (format version 4)
//!
//! A [`Case`] is the postcard encoding of this tuple, in this order:
//!
//! | # | Field | Encoding |
//! |---|---|---|
//! | 1 | the instant of the last event | `Option<i64>` |
//! | 2 | the configuration | struct |
//! | 3 | the person's facts | struct |
//! | 4 | the fired clock readings | byte string (varint length, then bytes): bit `2·c + r` is clock `c` ([`crate::case::ClockId::index`]: the three hidden clocks, then the deadline names by code), reading `r` (0 elapsed, 1 date); missing trailing bytes read as zero |
//! | 5 | the `status` machine | struct |
//! | 6 | the other machines | a sequence of slots (varint count, then each slot): slot *i* is `Option<data of machine i>`, `None` (one zero byte) when the machine is not active |
//!
//! The slots, in this order, which only ever grows at the end: 0 `border`,
//! 1 `eligibility`, 2 `transit`, 3 `removal`, 4 `removal-detention`,
//! 5 `operation`, 6 `removal-record` ([`MACHINE_SLOTS`]). The `operation`
//! slot also holds the 2023 policy's configuration, so it is written when that
//! is set even before the machine is active; `removal-record` is not a machine
//! but the Part 2 facts that outlast the removal machine's episodes, written
//! when not empty. The encoder stops after the last active slot, so a
//! case that never left the border writes three slots at most. A decoder
//! reads a sequence shorter than its list (the rest are not active) and
//! refuses one that holds a machine it does not know or was built without
//! ([`SnapshotError::UnsupportedMachine`]). So a snapshot taken on a kiosk,
//! which links the border machines only, restores into the full engine and the
//! case carries on; a full-engine case that has reached Part 2 does not
//! restore into the kiosk; nor does one holding a pending revocation (ss 20,
//! 33, 33A) or s 31 reconsideration, which a build without the `lifecycle`
//! feature has no rows for. Enum values, deadline names and slots are only
//! ever appended (values that only the full engine has come last), so an
//! older snapshot of the same format version stays readable.
//!
//! Version 3 changed from 2: the person's facts hold the list of
//! convictions and the Minister's s 7(1)(e)–(i) beliefs (instead of two
//! summary fields), the configuration's option bits are a `u16`, the hidden
//! clocks come first in the fired set, and slots 5 (`operation`) and 6
//! (`removal-record`) were added.
//!
//! Version 4 (this one; issue 9) changed from 3: the `border` data records the instant of an escape
//! before a warrant and the overnight placement being watched, a release order
//! whether it is a fresh s 128AC(3) order, the `eligibility` data its watched
//! placement and pending review proceedings, the `transit` data whether the
//! passenger is in Police custody; the fired set has the `Overnight` clock.
//! Snapshots of versions 2 and 3 are refused (`Version`).
//!
//! The case payload is written and read by [`crate::wire`] (postcard's
//! encoding by hand, so that kiosk firmware carries no serde code; the tests
//! below check it byte for byte against postcard's own). Events, which only
//! hosts encode, use postcard itself (feature `serde`).

use crate::case::{Case, Fired, FIRED_BYTES};
#[cfg(feature = "serde")]
use crate::vocab::event::Event;
use crate::vocab::{BorderState, EligibilityState, TransitState};
use crate::wire::{Reader, Wire, WireError, Writer};

/// The frame's magic bytes.
pub const MAGIC: [u8; 4] = *b"IA87";
/// The version of the snapshot format. Bump it when `Case` changes shape in a
/// way the append-only rules above do not cover.
pub const FORMAT_VERSION: u8 = 4;
/// The machine slots of the case payload, in order (see the module docs).
pub const MACHINE_SLOTS: &[&str] = &[
    "border",
    "eligibility",
    "transit",
    "removal",
    "removal-detention",
    "operation",
    "removal-record",
];
/// Bytes of frame around the payload.
pub const FRAME_OVERHEAD: usize = 12;
/// A buffer this large always holds a case snapshot.
pub const MAX_SNAPSHOT_LEN: usize = 1024;
/// A buffer this large always holds an encoded event.
pub const MAX_EVENT_LEN: usize = 128;

const KIND_CASE: u8 = 1;
#[cfg(feature = "serde")]
const KIND_EVENT: u8 = 2;

/// Why a snapshot or event could not be encoded or decoded.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum SnapshotError {
    /// The output buffer is too small.
    BufferTooSmall,
    /// The input is shorter than its frame says.
    Truncated,
    /// The input does not start with `IA87`.
    BadMagic,
    /// A format version this engine does not read.
    UnsupportedVersion,
    /// A snapshot where an event was expected, or the reverse.
    WrongKind,
    /// The CRC does not match: the bytes are corrupted or torn.
    BadCrc,
    /// The payload is not a valid encoding.
    BadPayload,
    /// Bytes follow the frame.
    TrailingBytes,
    /// The snapshot holds a machine this build does not include (a case that
    /// reached Part 2, restored into kiosk firmware), or one it does not know.
    UnsupportedMachine,
}

impl SnapshotError {
    /// A short English explanation.
    pub const fn message(self) -> &'static str {
        match self {
            SnapshotError::BufferTooSmall => "buffer too small",
            SnapshotError::Truncated => "snapshot truncated",
            SnapshotError::BadMagic => "not an ia87 snapshot (bad magic)",
            SnapshotError::UnsupportedVersion => "unsupported snapshot format version",
            SnapshotError::WrongKind => "wrong kind of record",
            SnapshotError::BadCrc => "snapshot corrupted (CRC mismatch)",
            SnapshotError::BadPayload => "snapshot payload is not valid",
            SnapshotError::TrailingBytes => "bytes after the end of the snapshot",
            SnapshotError::UnsupportedMachine => {
                "the snapshot holds a machine this build does not include"
            }
        }
    }
}

/// CRC-32 (IEEE), reflected polynomial 0xEDB88320, with a 16-entry table.
pub fn crc32(data: &[u8]) -> u32 {
    const fn entry(i: u32) -> u32 {
        let mut c = i;
        let mut k: u32 = 0;
        while k < 4 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k = k.wrapping_add(1);
        }
        c
    }
    const TABLE: [u32; 16] = [
        entry(0),
        entry(1),
        entry(2),
        entry(3),
        entry(4),
        entry(5),
        entry(6),
        entry(7),
        entry(8),
        entry(9),
        entry(10),
        entry(11),
        entry(12),
        entry(13),
        entry(14),
        entry(15),
    ];
    let mut crc = !0u32;
    for &b in data {
        for shift in [0u32, 4] {
            let idx = ((crc ^ (u32::from(b) >> shift)) & 0xF) as usize;
            crc = TABLE.get(idx).copied().unwrap_or(0) ^ (crc >> 4);
        }
    }
    !crc
}

/// The [`SnapshotError`] of a wire error in a payload.
pub fn wire_error(e: WireError) -> SnapshotError {
    match e {
        WireError::BufferTooSmall => SnapshotError::BufferTooSmall,
        WireError::UnsupportedMachine => SnapshotError::UnsupportedMachine,
        WireError::Truncated | WireError::BadValue | WireError::TooLong => {
            SnapshotError::BadPayload
        }
    }
}

/// Writes the frame around a payload written by `payload` into `buf`.
fn encode_with(
    kind: u8,
    buf: &mut [u8],
    payload: impl FnOnce(&mut [u8]) -> Result<usize, SnapshotError>,
) -> Result<usize, SnapshotError> {
    let (head, rest) = buf
        .split_at_mut_checked(8)
        .ok_or(SnapshotError::BufferTooSmall)?;
    let payload_room = rest.len().saturating_sub(4);
    let n = payload(
        rest.get_mut(..payload_room)
            .ok_or(SnapshotError::BufferTooSmall)?,
    )?;
    let len = u16::try_from(n).map_err(|_| SnapshotError::BufferTooSmall)?;
    let [l0, l1] = len.to_le_bytes();
    head.copy_from_slice(&[
        MAGIC[0],
        MAGIC[1],
        MAGIC[2],
        MAGIC[3],
        FORMAT_VERSION,
        kind,
        l0,
        l1,
    ]);
    let body_len = n.checked_add(8).ok_or(SnapshotError::BufferTooSmall)?;
    let crc = crc32(buf.get(..body_len).ok_or(SnapshotError::BufferTooSmall)?);
    let total = body_len
        .checked_add(4)
        .ok_or(SnapshotError::BufferTooSmall)?;
    buf.get_mut(body_len..total)
        .ok_or(SnapshotError::BufferTooSmall)?
        .copy_from_slice(&crc.to_le_bytes());
    Ok(total)
}

/// Checks the frame and returns (payload, total frame length).
pub fn frame(buf: &[u8], kind: u8) -> Result<(&[u8], usize), SnapshotError> {
    let head = buf.get(..8).ok_or(SnapshotError::Truncated)?;
    if head.get(..4) != Some(&MAGIC[..]) {
        return Err(SnapshotError::BadMagic);
    }
    if head.get(4) != Some(&FORMAT_VERSION) {
        return Err(SnapshotError::UnsupportedVersion);
    }
    if head.get(5) != Some(&kind) {
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

// ------------------------------------------------------------------ the case payload

/// Writes the fired set as a byte string, without its trailing zero bytes.
fn put_fired(f: &Fired, w: &mut Writer<'_>) -> Result<(), WireError> {
    let b = f.bytes();
    let used = b
        .iter()
        .rposition(|&x| x != 0)
        .map_or(0, |i| i.saturating_add(1));
    let b = b.get(..used).unwrap_or(&[]);
    w.varint(b.len() as u64)?;
    w.bytes(b)
}

/// Reads the fired set: missing trailing bytes are zero; more bytes than
/// this build has clocks for is an error.
fn take_fired(r: &mut Reader<'_>) -> Result<Fired, WireError> {
    let n = usize::try_from(r.varint(64)?).map_err(|_| WireError::TooLong)?;
    if n > FIRED_BYTES {
        return Err(WireError::TooLong);
    }
    let mut bytes = [0u8; FIRED_BYTES];
    for (d, s) in bytes.iter_mut().zip(r.bytes(n)?) {
        *d = *s;
    }
    Ok(Fired(bytes))
}

/// Reads machine slot `T` into `into`.
fn take_slot<T: Wire>(r: &mut Reader<'_>, into: &mut T) -> Result<(), WireError> {
    match r.byte()? {
        0 => Ok(()),
        1 => into.read(r),
        _ => Err(WireError::BadValue),
    }
}

/// Reads a slot this build has no machine for: only an empty one.
#[cfg(not(all(feature = "removal", feature = "operation")))]
fn skip_slot(r: &mut Reader<'_>) -> Result<(), WireError> {
    match r.byte()? {
        0 => Ok(()),
        1 => Err(WireError::UnsupportedMachine),
        _ => Err(WireError::BadValue),
    }
}

/// Writes `data` as slot `Some` if `active`, else `None`.
fn put_slot<T: Wire>(w: &mut Writer<'_>, data: &T, active: bool) -> Result<(), WireError> {
    if active {
        w.byte(1)?;
        data.put(w)
    } else {
        w.byte(0)
    }
}

impl Wire for Case {
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        self.now.put(w)?;
        self.config.put(w)?;
        self.person.put(w)?;
        put_fired(&self.fired, w)?;
        self.status.put(w)?;
        // A machine that is not active holds no data (invariant
        // `inactive-machine-empty`), so nothing is lost by writing `None`.
        let active = [
            self.border.state != BorderState::Inactive,
            self.eligibility.state != EligibilityState::Inactive,
            self.transit.state != TransitState::Inactive,
            #[cfg(feature = "removal")]
            (self.removal.state != crate::vocab::RemovalState::Inactive),
            #[cfg(feature = "removal")]
            (self.removal_detention.state != crate::vocab::RemovalDetentionState::Inactive),
            #[cfg(all(feature = "operation", not(feature = "removal")))]
            false,
            #[cfg(all(feature = "operation", not(feature = "removal")))]
            false,
            #[cfg(feature = "operation")]
            self.operation.holds_anything(),
            #[cfg(all(feature = "removal", not(feature = "operation")))]
            false,
            #[cfg(feature = "removal")]
            (self.removal_record != crate::machines::removal::RemovalRecord::default()),
        ];
        let n = active
            .iter()
            .rposition(|&a| a)
            .map_or(0, |i| i.saturating_add(1));
        w.varint(n as u64)?;
        for (i, &on) in active.iter().enumerate().take(n) {
            match i {
                0 => put_slot(w, &self.border, on)?,
                1 => put_slot(w, &self.eligibility, on)?,
                2 => put_slot(w, &self.transit, on)?,
                #[cfg(feature = "removal")]
                3 => put_slot(w, &self.removal, on)?,
                #[cfg(feature = "removal")]
                4 => put_slot(w, &self.removal_detention, on)?,
                #[cfg(feature = "operation")]
                5 => put_slot(w, &self.operation, on)?,
                #[cfg(feature = "removal")]
                6 => put_slot(w, &self.removal_record, on)?,
                _ => w.byte(0)?,
            }
        }
        Ok(())
    }

    fn take(r: &mut Reader<'_>) -> Result<Case, WireError> {
        let mut case = Case {
            now: Wire::take(r)?,
            ..Case::default()
        };
        case.config.read(r)?;
        case.person.read(r)?;
        case.fired = take_fired(r)?;
        case.status.read(r)?;
        // A build without the `lifecycle` feature has no rows for a pending
        // revocation (ss 20, 33, 33A) or s 31 reconsideration: such a case
        // does not restore, as a Part 2 slot does not.
        #[cfg(not(feature = "lifecycle"))]
        if case.status.revocation.is_some() || case.status.reconsideration {
            return Err(WireError::UnsupportedMachine);
        }
        let n = r.varint(64)?;
        for i in 0..n {
            match i {
                0 => take_slot(r, &mut case.border)?,
                1 => take_slot(r, &mut case.eligibility)?,
                2 => take_slot(r, &mut case.transit)?,
                #[cfg(feature = "removal")]
                3 => take_slot(r, &mut case.removal)?,
                #[cfg(feature = "removal")]
                4 => take_slot(r, &mut case.removal_detention)?,
                #[cfg(feature = "removal")]
                6 => take_slot(r, &mut case.removal_record)?,
                #[cfg(not(feature = "removal"))]
                3 | 4 | 6 => skip_slot(r)?,
                #[cfg(feature = "operation")]
                5 => take_slot(r, &mut case.operation)?,
                #[cfg(not(feature = "operation"))]
                5 => skip_slot(r)?,
                // A machine this build does not know.
                _ => return Err(WireError::UnsupportedMachine),
            }
        }
        Ok(case)
    }
}

/// Writes a snapshot of `case` into `buf`; returns the number of bytes written.
pub fn encode_case(case: &Case, buf: &mut [u8]) -> Result<usize, SnapshotError> {
    encode_with(KIND_CASE, buf, |payload| {
        let mut w = Writer::new(payload);
        case.put(&mut w).map_err(wire_error)?;
        Ok(w.len())
    })
}

/// Reads a snapshot written by [`encode_case`]. The whole of `buf` must be the
/// snapshot (use [`decode_case_prefix`] for a snapshot followed by other data).
pub fn decode_case(buf: &[u8]) -> Result<Case, SnapshotError> {
    let (case, total) = decode_case_prefix(buf)?;
    if total != buf.len() {
        return Err(SnapshotError::TrailingBytes);
    }
    Ok(case)
}

/// Reads a snapshot at the start of `buf`; returns it and its length.
pub fn decode_case_prefix(buf: &[u8]) -> Result<(Case, usize), SnapshotError> {
    let (payload, total) = frame(buf, KIND_CASE)?;
    let mut r = Reader::new(payload);
    let case = Case::take(&mut r).map_err(wire_error)?;
    if !r.at_end() {
        return Err(SnapshotError::BadPayload);
    }
    Ok((case, total))
}

/// Writes an encoded event into `buf`; returns the number of bytes written.
#[cfg(feature = "serde")]
pub fn encode_event(event: &Event, buf: &mut [u8]) -> Result<usize, SnapshotError> {
    encode_with(KIND_EVENT, buf, |payload| {
        postcard::to_slice(event, payload)
            .map(|b| b.len())
            .map_err(|_| SnapshotError::BufferTooSmall)
    })
}

/// Reads an event written by [`encode_event`] (the whole of `buf`).
#[cfg(feature = "serde")]
pub fn decode_event(buf: &[u8]) -> Result<Event, SnapshotError> {
    let (payload, total) = frame(buf, KIND_EVENT)?;
    if total != buf.len() {
        return Err(SnapshotError::TrailingBytes);
    }
    let (event, rest) =
        postcard::take_from_bytes::<Event>(payload).map_err(|_| SnapshotError::BadPayload)?;
    if !rest.is_empty() {
        return Err(SnapshotError::BadPayload);
    }
    Ok(event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::parse::{parse_line, Line};

    fn event(line: &str) -> Event {
        match parse_line(line.as_bytes()).unwrap() {
            Line::Event(e) => e,
            other => panic!("not an event: {other:?}"),
        }
    }

    fn busy_case() -> Case {
        let mut c = Case::new();
        for l in [
            "2009-03-02T06:10+13:00 arrive craft=NZ001 place=customs",
            "2009-03-02T06:25+13:00 present",
            "2009-03-02T08:00+13:00 refuse-permit by=io",
            "2009-03-02T08:30+13:00 detain by=police basis=s128",
            "2009-03-04T07:00+13:00 warrant-apply by=io to=registrar oath=yes reasons=yes",
            "2009-03-04T08:00+13:00 warrant-issue by=registrar days=28 premises=prison",
            "2009-03-10T08:00+13:00 escape",
            "2009-03-12T08:00+13:00 recapture",
            "2009-03-20T08:00+13:00 review-commence",
        ] {
            c.apply(&event(l)).unwrap();
        }
        c
    }

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn case_round_trips_byte_for_byte() {
        let c = busy_case();
        let mut buf = [0u8; MAX_SNAPSHOT_LEN];
        let n = encode_case(&c, &mut buf).unwrap();
        let back = decode_case(&buf[..n]).unwrap();
        assert_eq!(back, c);
        let mut again = [0u8; MAX_SNAPSHOT_LEN];
        let m = encode_case(&back, &mut again).unwrap();
        assert_eq!(&buf[..n], &again[..m]);
    }

    #[test]
    fn every_single_bit_flip_is_detected() {
        let c = busy_case();
        let mut buf = [0u8; MAX_SNAPSHOT_LEN];
        let n = encode_case(&c, &mut buf).unwrap();
        // Every byte natively; a sample under Miri, which is ~1000× slower.
        let step = if cfg!(miri) { 17 } else { 1 };
        for i in (0..n).step_by(step) {
            for bit in 0..8 {
                let mut b = buf;
                b[i] ^= 1 << bit;
                assert!(
                    decode_case(&b[..n]).is_err(),
                    "flip at byte {i} bit {bit} accepted"
                );
            }
        }
    }

    #[test]
    fn truncation_and_trailing_bytes_are_errors() {
        let c = busy_case();
        let mut buf = [0u8; MAX_SNAPSHOT_LEN];
        let n = encode_case(&c, &mut buf).unwrap();
        let step = if cfg!(miri) { 17 } else { 1 };
        for cut in (0..n).step_by(step) {
            assert!(decode_case(&buf[..cut]).is_err());
        }
        assert_eq!(
            decode_case(&buf[..n + 1]),
            Err(SnapshotError::TrailingBytes)
        );
        assert_eq!(decode_case_prefix(&buf[..n + 3]).map(|(_, len)| len), Ok(n));
    }

    #[test]
    fn small_buffers_are_an_error_not_a_panic() {
        let c = busy_case();
        let mut buf = [0u8; MAX_SNAPSHOT_LEN];
        let n = encode_case(&c, &mut buf).unwrap();
        let step = if cfg!(miri) { 17 } else { 1 };
        for len in (0..n).step_by(step) {
            let mut small = [0u8; MAX_SNAPSHOT_LEN];
            assert_eq!(
                encode_case(&c, &mut small[..len]),
                Err(SnapshotError::BufferTooSmall)
            );
        }
    }

    #[test]
    fn events_round_trip_and_kinds_are_checked() {
        let e = event("2009-05-06T14:00+12:00 conditional-release until=2009-05-20 location=\"DoL office\" reside=yes report=yes");
        let mut buf = [0u8; MAX_EVENT_LEN];
        let n = encode_event(&e, &mut buf).unwrap();
        assert_eq!(decode_event(&buf[..n]), Ok(e));
        assert_eq!(decode_case(&buf[..n]), Err(SnapshotError::WrongKind));
    }
}
