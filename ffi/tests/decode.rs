//! The snapshot decoder of `ffi/src/store.rs` (which calls the serde derive
//! directly, to save stack on Cortex-M) against the core's codec: the same
//! case, frame length or error for valid snapshots, every bit flip, every
//! truncation, trailing bytes, garbage, and payloads mutated under a correct
//! CRC (so that the postcard decode itself is exercised).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::undocumented_unsafe_blocks
)]

mod common;

use common::{conformance_files, lines};
use ia87_core::codec::{crc32, decode_case, decode_case_prefix, SnapshotError};
use ia87_core::Case;
use ia87_ffi::IA87Status::*;
use ia87_ffi::*;

const SC01: &[u8] = include_bytes!("../../tests/conformance/border/sc-01.case");

fn ours_prefix(buf: &[u8]) -> Result<(Case, usize), SnapshotError> {
    let mut slot = store::decode_prefix(buf);
    slot.get().map(|(c, n)| (*c, n))
}

fn ours_whole(buf: &[u8]) -> Result<Case, SnapshotError> {
    let mut slot = store::decode_whole(buf);
    slot.get().map(|(c, _)| *c)
}

fn same(buf: &[u8]) {
    assert_eq!(ours_prefix(buf), decode_case_prefix(buf), "{buf:02x?}");
    assert_eq!(ours_whole(buf), decode_case(buf), "{buf:02x?}");
}

/// Snapshots of the cases of `text` after each line (by `ia87_case_save`).
fn snapshots(text: &[u8], out: &mut Vec<Vec<u8>>) {
    let mut case = IA87Case::ZERO;
    assert_eq!(unsafe { ia87_case_init_file(&mut case) }, IA87_OK);
    for raw in lines(text) {
        let mut o = IA87Outcome::ZERO;
        let st = unsafe {
            ia87_case_apply_line(
                &mut case,
                raw.as_ptr().cast(),
                raw.len(),
                &mut o,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(st, IA87_OK);
        let mut buf = [0u8; IA87_SNAPSHOT_MAX];
        let mut n = 0usize;
        if unsafe { ia87_case_save(&case, buf.as_mut_ptr(), buf.len(), &mut n) } == IA87_OK {
            out.push(buf[..n].to_vec());
        }
    }
}

/// Rewrites the CRC of a frame after its payload has been changed.
fn fix_crc(f: &mut [u8]) {
    let body = f.len() - 4;
    let crc = crc32(&f[..body]).to_le_bytes();
    f[body..].copy_from_slice(&crc);
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn the_ffi_decoder_equals_the_core_codec() {
    let mut snaps = Vec::new();
    if cfg!(miri) {
        // Miri's isolation has no directory listing: one file, built in.
        snapshots(SC01, &mut snaps);
    } else {
        for path in conformance_files() {
            snapshots(&std::fs::read(&path).unwrap(), &mut snaps);
        }
    }
    snaps.sort();
    snaps.dedup();
    assert!(snaps.len() > 3);
    let step = if cfg!(miri) { 97 } else { 1 };
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    for (k, s) in snaps.iter().enumerate() {
        same(s);
        assert!(ours_whole(s).is_ok());
        if k % if cfg!(miri) { 5 } else { 4 } != 0 {
            continue;
        }
        // Truncations and trailing bytes.
        for n in (0..s.len()).step_by(step) {
            same(&s[..n]);
        }
        let mut long = s.clone();
        long.extend_from_slice(&[0, 1, 2]);
        same(&long);
        // Every bit flip (the CRC catches them), and the same flip in the
        // payload under a corrected CRC (the postcard decode must judge it).
        for bit in (0..s.len() * 8).step_by(step * 3) {
            let mut f = s.clone();
            f[bit / 8] ^= 1 << (bit % 8);
            same(&f);
            if bit / 8 >= 8 && bit / 8 < s.len() - 4 {
                fix_crc(&mut f);
                same(&f);
            }
        }
        // Random bytes of the payload, under a corrected CRC.
        for _ in 0..if cfg!(miri) { 4 } else { 200 } {
            let mut f = s.clone();
            let payload = s.len() - 12;
            if payload == 0 {
                break;
            }
            for _ in 0..=rng.next() % 3 {
                let i = 8 + usize::try_from(rng.next()).unwrap() % payload;
                f[i] = u8::try_from(rng.next() & 0xFF).unwrap();
            }
            fix_crc(&mut f);
            same(&f);
        }
    }
    // Garbage, and frames with other magic, version, kind and length bytes.
    for _ in 0..if cfg!(miri) { 20 } else { 5000 } {
        let n = usize::try_from(rng.next() % 64).unwrap();
        let mut g: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        same(&g);
        if g.len() >= 12 {
            g[..4].copy_from_slice(b"IA87");
            same(&g);
            g[4] = 1;
            g[5] = u8::try_from(rng.next() % 3).unwrap();
            let len = u16::try_from(g.len() - 12).unwrap();
            g[6..8].copy_from_slice(&len.to_le_bytes());
            same(&g);
            fix_crc(&mut g);
            same(&g);
        }
    }
}
