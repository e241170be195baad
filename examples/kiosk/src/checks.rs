//! Failure paths: every way the flash, the store, the codec and the core can
//! refuse something must come back as an error value (the firmware has no
//! unwinding: a panic would end the run with exit code 101 instead).

use crate::console::Console;
use crate::flash::{Flash, FlashError, FLASH_SIZE, PAGE, SECTOR, SECTORS};
use crate::kiosk::{Kiosk, Scratch};
use crate::script::{Action, SCRIPT};
use crate::store::{self, Defect, Header, SlotState, StoreError, HEADER_LEN};
use crate::Checks;
use ia87_core::codec::{self, SnapshotError};
use ia87_core::lang::parse::ConfigItem;
use ia87_core::time::{Date, Instant};
use ia87_core::{Case, ErrorCode, Event, EventKind};

/// The error of a decode, without comparing the decoded case (which would
/// link `Case: PartialEq` into the firmware).
fn decode_err(bytes: &[u8]) -> Option<SnapshotError> {
    codec::decode_case(bytes).err()
}

/// True if `a` and `b` encode to the same snapshot bytes (using both halves
/// of the scratch buffers).
pub fn same_bytes(a: &Case, b: &Case, scratch: &mut Scratch) -> bool {
    let (x, y) = (&mut scratch.frame, &mut scratch.reference);
    match (codec::encode_case(a, x), codec::encode_case(b, y)) {
        (Ok(n), Ok(m)) => n == m && x.get(..n) == y.get(..m),
        _ => false,
    }
}

/// A new case after the script's first event (an arrival).
fn arrived_case() -> Option<Case> {
    let mut c = Case::new();
    match SCRIPT.first().map(|s| &s.action) {
        Some(Action::Event(e)) => c.apply(e).ok().map(|_| c),
        _ => None,
    }
}

fn at(unix: i64, kind: EventKind) -> Event {
    Event {
        at: Instant::from_unix_seconds(unix),
        kind,
    }
}

/// `event` is rejected with `code`, and the case is left byte for byte as it was.
fn rejects(case: &Case, event: &Event, code: ErrorCode, scratch: &mut Scratch) -> bool {
    let mut after = *case;
    match after.apply(event) {
        Err(r) => r.code == code && same_bytes(&after, case, scratch),
        Ok(_) => false,
    }
}

/// Runs every failure-path check. Leaves the flash erased.
pub fn failure_paths<C: Console>(
    flash: &mut Flash<'_>,
    scratch: &mut Scratch,
    con: &mut C,
    checks: &mut Checks,
) {
    flash_rules(flash, con, checks);
    codec_errors(scratch, con, checks);
    store_errors(flash, scratch, con, checks);
    core_errors(scratch, con, checks);
    flash.factory_erase();
}

fn flash_rules<C: Console>(flash: &mut Flash<'_>, con: &mut C, checks: &mut Checks) {
    flash.factory_erase();
    let mut c = |ok: bool, what: &str| {
        checks.check(con, ok, what, None);
    };
    c(
        flash.read(FLASH_SIZE.saturating_sub(1), 2) == Err(FlashError::OutOfRange),
        "flash: read past the end",
    );
    c(
        flash.read(usize::MAX, 2) == Err(FlashError::OutOfRange),
        "flash: read with an overflowing address",
    );
    c(
        flash.erase_sector(SECTORS) == Err(FlashError::OutOfRange),
        "flash: erase a sector past the end",
    );
    c(
        flash.program(FLASH_SIZE, &[0]) == Err(FlashError::OutOfRange),
        "flash: program past the end",
    );
    c(
        flash.program(PAGE.saturating_sub(1), &[0, 0]) == Err(FlashError::CrossesPage),
        "flash: program across a page boundary",
    );
    c(
        flash.program(0, &[0x0F]).is_ok(),
        "flash: program erased byte",
    );
    c(
        flash.program(0, &[0xF0]) == Err(FlashError::NotErased)
            && flash.read(0, 1) == Ok(&[0x0F][..]),
        "flash: program that needs a 0 bit set to 1 is refused, byte unchanged",
    );
    c(flash.erase_sector(0).is_ok(), "flash: erase a sector");
    c(
        flash
            .read(0, SECTOR)
            .is_ok_and(|s| s.iter().all(|&b| b == 0xFF)),
        "flash: erased sector reads 0xFF",
    );
    flash.cut_power_after(3);
    c(
        flash.program_all(16, &[0; 8]) == Err(FlashError::PowerLost),
        "flash: power cut during a program",
    );
    c(
        flash.read(16, 8) == Err(FlashError::PowerLost)
            && flash.erase_sector(0) == Err(FlashError::PowerLost)
            && flash.program(64, &[0]) == Err(FlashError::PowerLost),
        "flash: no operation while the power is off",
    );
    flash.power_on();
    c(
        flash.read(16, 8) == Ok(&[0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF][..]),
        "flash: exactly the bytes before the cut were programmed",
    );
    flash.factory_erase();
}

fn codec_errors<C: Console>(scratch: &mut Scratch, con: &mut C, checks: &mut Checks) {
    let Some(case) = arrived_case() else {
        checks.check(con, false, "codec: build a case", None);
        return;
    };
    let mut c = |ok: bool, what: &str| {
        checks.check(con, ok, what, None);
    };
    let (buf, other) = (&mut scratch.frame, &mut scratch.reference);
    c(
        codec::encode_case(&case, buf.get_mut(..10).unwrap_or(&mut []))
            == Err(SnapshotError::BufferTooSmall),
        "codec: encode into a short buffer",
    );
    c(
        decode_err(&[0xFF; 32]) == Some(SnapshotError::BadMagic),
        "codec: decode erased flash",
    );
    let Ok(n) = codec::encode_case(&case, buf) else {
        c(false, "codec: encode");
        return;
    };
    let round_trip = codec::decode_case(buf.get(..n).unwrap_or(&[]))
        .ok()
        .and_then(|d| codec::encode_case(&d, other).ok())
        .is_some_and(|m| buf.get(..n) == other.get(..m));
    c(round_trip, "codec: round trip, byte for byte");
    c(
        decode_err(buf.get(..n.saturating_sub(1)).unwrap_or(&[])) == Some(SnapshotError::Truncated),
        "codec: truncated snapshot",
    );
    c(
        decode_err(buf.get(..n.saturating_add(1)).unwrap_or(&[]))
            == Some(SnapshotError::TrailingBytes),
        "codec: trailing bytes",
    );
    if let Some(b) = buf.get_mut(9) {
        *b ^= 0x04;
    }
    c(
        decode_err(buf.get(..n).unwrap_or(&[])) == Some(SnapshotError::BadCrc),
        "codec: one flipped bit",
    );
}

fn store_errors<C: Console>(
    flash: &mut Flash<'_>,
    scratch: &mut Scratch,
    con: &mut C,
    checks: &mut Checks,
) {
    flash.factory_erase();
    let k = Kiosk::new();
    let (_, m) = Kiosk::boot(flash);
    checks.check(
        con,
        m.loaded.is_none() && m.slots == [SlotState::Blank, SlotState::Blank],
        "store: blank flash mounts nothing",
        None,
    );
    checks.check(
        con,
        store::commit(flash, &mut scratch.frame, SECTORS, 1, 0, &k.cases)
            == Err(StoreError::BadSlot),
        "store: commit to a slot that does not exist",
        None,
    );
    let write = |flash: &mut Flash<'_>, scratch: &mut Scratch, slot: usize, seq: u32| {
        flash.factory_erase();
        store::commit(flash, &mut scratch.frame, slot, seq, 0, &k.cases).is_ok()
    };
    // Damage each part of a good record in turn.
    let cases: [(usize, Defect, &str); 3] = [
        (0, Defect::Magic, "store: damaged magic"),
        (5, Defect::HeaderCrc, "store: damaged sequence number"),
        (
            HEADER_LEN.saturating_add(3),
            Defect::BodyCrc,
            "store: damaged body",
        ),
    ];
    for (at, defect, what) in cases {
        let ok = write(flash, scratch, 0, 7) && {
            flash.corrupt(at, 0x01);
            store::inspect(flash, 0) == SlotState::Invalid(defect)
                && Kiosk::boot(flash).1.loaded.is_none()
        };
        checks.check(con, ok, what, None);
    }
    // An impossible body length behind a valid header CRC.
    flash.factory_erase();
    let bad_len = Header {
        seq: 1,
        cursor: 0,
        body_len: u16::MAX,
        body_crc: 0,
    };
    let ok = flash.program_all(0, &bad_len.encode()).is_ok()
        && store::inspect(flash, 0) == SlotState::Invalid(Defect::Length);
    checks.check(con, ok, "store: impossible body length", None);
    // A record whose header and body CRC hold but whose body is not snapshots.
    flash.factory_erase();
    let junk = [1u8, 2, 3, 4];
    let h = Header {
        seq: 1,
        cursor: 0,
        body_len: 4,
        body_crc: codec::crc32(&junk),
    };
    let ok = flash.program_all(HEADER_LEN, &junk).is_ok()
        && flash.program_all(0, &h.encode()).is_ok()
        && store::inspect(flash, 0) == SlotState::Valid(h)
        && {
            let (k2, m) = Kiosk::boot(flash);
            let fresh = Case::new();
            m.loaded.is_none()
                && k2.cursor == 0
                && k2.cases.iter().all(|c| same_bytes(c, &fresh, scratch))
        };
    checks.check(
        con,
        ok,
        "store: body that is not snapshots is refused",
        None,
    );
    // Two good records: the newer wins, also across the u32 wrap.
    let ok = write(flash, scratch, 0, u32::MAX)
        && store::commit(flash, &mut scratch.frame, 1, 0, 0, &k.cases).is_ok()
        && Kiosk::boot(flash).1.loaded.map(|(s, h)| (s, h.seq)) == Some((1, 0));
    checks.check(con, ok, "store: newest record wins across the wrap", None);
    flash.factory_erase();
}

fn core_errors<C: Console>(scratch: &mut Scratch, con: &mut C, checks: &mut Checks) {
    let Some(case) = arrived_case() else {
        checks.check(con, false, "core: build a case", None);
        return;
    };
    // Arrived at 2009-03-02T06:10+13:00 (UTC 1_235_927_400).
    let issue = at(
        1_235_930_400,
        EventKind::WarrantIssue {
            by: None,
            days: Some(28),
            premises: None,
            ground: None,
            expires_at: None,
            documents: false,
        },
    );
    let ok = rejects(&case, &issue, ErrorCode::NotInState, scratch);
    checks.check(
        con,
        ok,
        "core: event not possible in the state is rejected, case unchanged",
        None,
    );
    let earlier = at(1_235_844_000, EventKind::Present);
    let ok = rejects(&case, &earlier, ErrorCode::TimeReversed, scratch);
    checks.check(
        con,
        ok,
        "core: event earlier than the case is rejected, case unchanged",
        None,
    );
    let after_repeal = at(1_294_603_200, EventKind::Present);
    let ok = rejects(&case, &after_repeal, ErrorCode::Repealed, scratch);
    checks.check(
        con,
        ok,
        "core: event after the repeal is rejected, case unchanged",
        None,
    );
    let mut many: heapless::Vec<ConfigItem, 9> = heapless::Vec::new();
    for day in 1..=9u8 {
        if let Some(d) = Date::from_ymd(2009, 3, day) {
            let _ = many.push(ConfigItem::Holiday(d));
        }
    }
    let mut configured = case;
    let refused = configured
        .configure(&many)
        .is_err_and(|r| r.code == ErrorCode::Capacity);
    let ok = refused && same_bytes(&configured, &case, scratch);
    checks.check(
        con,
        ok,
        "core: too many holidays is a capacity error, case unchanged",
        None,
    );
}
