//! The snapshot wire format, written by hand: the bytes postcard writes for
//! the same types (its specification: varint integers, zigzag for signed
//! ones, one byte for a bool and for an `Option`'s tag, a varint variant
//! index for an enum, a varint length before a sequence or a byte string,
//! fields in declaration order), without the generic serde machinery.
//!
//! Why not the serde derive: the kiosk's flash. The derive's visitors cost
//! several kilobytes of a 64 KiB image, and kiosk firmware builds the core
//! without `serde` at all. With the `serde` feature the types keep their
//! derives, and `codec`'s tests check byte for byte that this encoding is the
//! postcard encoding of the same values.
//!
//! Every read is bounds-checked and every value range-checked (enum codes,
//! bools, dates, instants, list capacities); nothing here panics.

use crate::list::{Filler, List};
use crate::time::{Date, Instant};

/// Why a value could not be written or read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum WireError {
    /// The output buffer is full.
    BufferTooSmall,
    /// The input ended inside a value.
    Truncated,
    /// A value out of its range: an unknown enum code, a bool that is not 0
    /// or 1, a date or instant out of range, an over-long varint.
    BadValue,
    /// A list longer than its capacity.
    TooLong,
    /// A machine slot this build has no machine for, or does not know.
    UnsupportedMachine,
}

/// Writes into a caller's buffer.
#[derive(Debug)]
pub struct Writer<'a> {
    buf: &'a mut [u8],
    pos: usize,
}

impl<'a> Writer<'a> {
    /// A writer at the start of `buf`.
    pub fn new(buf: &'a mut [u8]) -> Self {
        Writer { buf, pos: 0 }
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.pos
    }

    /// True if nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.pos == 0
    }

    /// Writes one byte.
    pub fn byte(&mut self, b: u8) -> Result<(), WireError> {
        let slot = self
            .buf
            .get_mut(self.pos)
            .ok_or(WireError::BufferTooSmall)?;
        *slot = b;
        self.pos = self.pos.saturating_add(1);
        Ok(())
    }

    /// Writes bytes as they are.
    pub fn bytes(&mut self, b: &[u8]) -> Result<(), WireError> {
        let end = self
            .pos
            .checked_add(b.len())
            .ok_or(WireError::BufferTooSmall)?;
        self.buf
            .get_mut(self.pos..end)
            .ok_or(WireError::BufferTooSmall)?
            .copy_from_slice(b);
        self.pos = end;
        Ok(())
    }

    /// Writes an unsigned varint (LEB128, as postcard).
    #[inline(never)]
    pub fn varint(&mut self, mut v: u64) -> Result<(), WireError> {
        loop {
            let low = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                return self.byte(low);
            }
            self.byte(low | 0x80)?;
        }
    }

    /// Writes a signed varint (zigzag, then LEB128).
    #[inline(never)]
    pub fn zigzag(&mut self, v: i64) -> Result<(), WireError> {
        self.varint(((v << 1) ^ (v >> 63)) as u64)
    }
}

/// Reads from a byte slice.
#[derive(Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    /// Bytes read so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// True if every byte has been read.
    pub fn at_end(&self) -> bool {
        self.pos >= self.buf.len()
    }

    /// Reads one byte.
    pub fn byte(&mut self) -> Result<u8, WireError> {
        let b = *self.buf.get(self.pos).ok_or(WireError::Truncated)?;
        self.pos = self.pos.saturating_add(1);
        Ok(b)
    }

    /// Reads an enum's variant index (a varint of at most 32 bits); the
    /// caller looks it up in its list of values.
    #[inline(never)]
    pub fn index(&mut self) -> Result<usize, WireError> {
        usize::try_from(self.varint(32)?).map_err(|_| WireError::BadValue)
    }

    /// Reads a bool, or an `Option`'s tag (`true`: `Some`): one byte, 0 or 1.
    #[inline(never)]
    pub fn bool(&mut self) -> Result<bool, WireError> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(WireError::BadValue),
        }
    }

    /// Reads `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        let end = self.pos.checked_add(n).ok_or(WireError::Truncated)?;
        let b = self.buf.get(self.pos..end).ok_or(WireError::Truncated)?;
        self.pos = end;
        Ok(b)
    }

    /// Reads an unsigned varint of at most `bits` bits (postcard refuses
    /// encodings longer than the type needs, and so does this).
    #[inline(never)]
    pub fn varint(&mut self, bits: u32) -> Result<u64, WireError> {
        let max_bytes = bits.div_ceil(7);
        let mut v: u64 = 0;
        let mut shift: u32 = 0;
        for _ in 0..max_bytes {
            let b = self.byte()?;
            let part = u64::from(b & 0x7F)
                .checked_shl(shift)
                .ok_or(WireError::BadValue)?;
            v |= part;
            if b & 0x80 == 0 {
                if bits < 64 && v >> bits != 0 {
                    return Err(WireError::BadValue);
                }
                return Ok(v);
            }
            shift = shift.saturating_add(7);
        }
        Err(WireError::BadValue)
    }

    /// Reads a signed varint (zigzag) of at most `bits` bits.
    #[inline(never)]
    pub fn zigzag(&mut self, bits: u32) -> Result<i64, WireError> {
        let u = self.varint(bits)?;
        Ok(((u >> 1) as i64) ^ ((u & 1) as i64).wrapping_neg())
    }
}

/// A value with a wire encoding.
pub trait Wire: Sized {
    /// Writes the value.
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError>;
    /// Reads a value.
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError>;
    /// Reads a value into `self`. On error `self` may be partly overwritten.
    /// A struct reads its fields in place (`wire_struct!`): much less code
    /// than building the value on the stack and moving it.
    fn read(&mut self, r: &mut Reader<'_>) -> Result<(), WireError> {
        *self = Self::take(r)?;
        Ok(())
    }
}

impl Wire for u8 {
    #[inline(never)]
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        w.byte(*self)
    }
    #[inline(never)]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        r.byte()
    }
}

impl Wire for u16 {
    #[inline(never)]
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        w.varint(u64::from(*self))
    }
    #[inline(never)]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        u16::try_from(r.varint(16)?).map_err(|_| WireError::BadValue)
    }
}

impl Wire for u32 {
    #[inline(never)]
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        w.varint(u64::from(*self))
    }
    #[inline(never)]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        u32::try_from(r.varint(32)?).map_err(|_| WireError::BadValue)
    }
}

impl Wire for bool {
    #[inline(never)]
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        w.byte(u8::from(*self))
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        r.bool()
    }
}

impl<T: Wire> Wire for Option<T> {
    #[inline(never)]
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        w.byte(u8::from(self.is_some()))?;
        match self {
            None => Ok(()),
            Some(v) => v.put(w),
        }
    }
    #[inline(never)]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        if r.bool()? {
            T::take(r).map(Some)
        } else {
            Ok(None)
        }
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    #[inline(never)]
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        self.0.put(w)?;
        self.1.put(w)
    }
    #[inline(never)]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let a = A::take(r)?;
        Ok((a, B::take(r)?))
    }
}

/// A fixed array is a tuple: its elements, no length.
impl Wire for [u8; 3] {
    #[inline(never)]
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        w.bytes(self)
    }
    #[inline(never)]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let b = r.bytes(3)?;
        Ok([
            b.first().copied().unwrap_or(0),
            b.get(1).copied().unwrap_or(0),
            b.get(2).copied().unwrap_or(0),
        ])
    }
}

impl Wire for Instant {
    #[inline(never)]
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        w.zigzag(self.unix_seconds())
    }
    #[inline(never)]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let s = r.zigzag(64)?;
        if (Instant::MIN.unix_seconds()..=Instant::MAX.unix_seconds()).contains(&s) {
            Ok(Instant::from_unix_seconds(s))
        } else {
            Err(WireError::BadValue)
        }
    }
}

impl Wire for Date {
    #[inline(never)]
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        w.zigzag(i64::from(self.days()))
    }
    #[inline(never)]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let d = i32::try_from(r.zigzag(32)?).map_err(|_| WireError::BadValue)?;
        Date::from_days(d).ok_or(WireError::BadValue)
    }
}

impl<T: Filler + Wire, const N: usize> Wire for List<T, N> {
    #[inline(never)]
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        w.varint(self.len() as u64)?;
        for x in self.iter() {
            x.put(w)?;
        }
        Ok(())
    }
    #[inline(never)]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let mut list = List::new();
        list.read(r)?;
        Ok(list)
    }
    #[inline(never)]
    fn read(&mut self, r: &mut Reader<'_>) -> Result<(), WireError> {
        let n = r.varint(64)?;
        self.clear();
        for _ in 0..n {
            let x = T::take(r)?;
            self.push(x).map_err(|_| WireError::TooLong)?;
        }
        Ok(())
    }
}

/// Implements [`Wire`] for a struct: its fields, in declaration order (the
/// order matters: it is the postcard order of the serde derive).
macro_rules! wire_struct {
    ($t:ty { $($field:ident),* $(,)? }) => {
        impl $crate::wire::Wire for $t {
            #[inline(never)]
            fn put(&self, w: &mut $crate::wire::Writer<'_>) -> Result<(), $crate::wire::WireError> {
                $( $crate::wire::Wire::put(&self.$field, w)?; )*
                Ok(())
            }
            #[inline(never)]
            fn take(r: &mut $crate::wire::Reader<'_>) -> Result<Self, $crate::wire::WireError> {
                Ok(Self { $( $field: $crate::wire::Wire::take(r)?, )* })
            }
            #[inline(never)]
            fn read(&mut self, r: &mut $crate::wire::Reader<'_>) -> Result<(), $crate::wire::WireError> {
                $( $crate::wire::Wire::read(&mut self.$field, r)?; )*
                Ok(())
            }
        }
    };
}

/// Implements [`Wire`] for an enum of unit variants: the variant's index as
/// a varint (its position in the list given, which must be the declaration
/// order).
macro_rules! wire_unit_enum {
    ($t:ident { $($v:ident),* $(,)? }) => {
        impl $crate::wire::Wire for $t {
            #[inline(never)]
            fn put(&self, w: &mut $crate::wire::Writer<'_>) -> Result<(), $crate::wire::WireError> {
                const ALL: &[$t] = &[$($t::$v),*];
                let i = ALL.iter().position(|x| x == self).unwrap_or(0);
                w.varint(i as u64)
            }
            #[inline(never)]
            fn take(r: &mut $crate::wire::Reader<'_>) -> Result<Self, $crate::wire::WireError> {
                const ALL: &[$t] = &[$($t::$v),*];
                ALL.get(r.index()?).copied().ok_or($crate::wire::WireError::BadValue)
            }
        }
    };
}

pub(crate) use {wire_struct, wire_unit_enum};

impl Wire for crate::time::Zone {
    #[inline(never)]
    fn put(&self, w: &mut Writer<'_>) -> Result<(), WireError> {
        w.varint(match self {
            crate::time::Zone::Mainland => 0,
            crate::time::Zone::Chatham => 1,
        })
    }
    #[inline(never)]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        match r.varint(32)? {
            0 => Ok(crate::time::Zone::Mainland),
            1 => Ok(crate::time::Zone::Chatham),
            _ => Err(WireError::BadValue),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round<T: Wire + PartialEq + core::fmt::Debug>(v: T) -> usize {
        let mut buf = [0u8; 32];
        let mut w = Writer::new(&mut buf);
        v.put(&mut w).unwrap();
        let n = w.len();
        let mut r = Reader::new(&buf[..n]);
        assert_eq!(T::take(&mut r).unwrap(), v);
        assert!(r.at_end());
        n
    }

    #[test]
    fn values_round_trip() {
        assert_eq!(round(0u16), 1);
        assert_eq!(round(300u16), 2);
        assert_eq!(round(u32::MAX), 5);
        assert_eq!(round(Some(true)), 2);
        assert_eq!(round(None::<u8>), 1);
        round(Instant::MAX);
        round(Instant::MIN);
        round(Date::MAX);
        round(Date::MIN);
        round((7u16, false));
    }

    #[test]
    fn bad_input_is_an_error() {
        assert_eq!(bool::take(&mut Reader::new(&[2])), Err(WireError::BadValue));
        assert_eq!(
            u16::take(&mut Reader::new(&[0xFF, 0xFF, 0x7F])),
            Err(WireError::BadValue)
        );
        assert_eq!(
            u16::take(&mut Reader::new(&[0x80])),
            Err(WireError::Truncated)
        );
        assert_eq!(
            u32::take(&mut Reader::new(&[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])),
            Err(WireError::BadValue)
        );
        assert_eq!(
            <Option<u8> as Wire>::take(&mut Reader::new(&[3])),
            Err(WireError::BadValue)
        );
        let l: Result<List<u16, 1>, _> = Wire::take(&mut Reader::new(&[2, 1, 1]));
        assert_eq!(l, Err(WireError::TooLong));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn varints_match_postcard() {
        for v in [0u32, 1, 127, 128, 300, 16_384, u32::MAX] {
            let mut a = [0u8; 8];
            let mut w = Writer::new(&mut a);
            v.put(&mut w).unwrap();
            let n = w.len();
            let mut b = [0u8; 8];
            assert_eq!(&a[..n], postcard::to_slice(&v, &mut b).unwrap());
        }
        for v in [0i64, -1, 1, i64::from(i32::MIN), 1_290_949_200] {
            let mut a = [0u8; 16];
            let mut w = Writer::new(&mut a);
            w.zigzag(v).unwrap();
            let n = w.len();
            let mut b = [0u8; 16];
            assert_eq!(&a[..n], postcard::to_slice(&v, &mut b).unwrap());
        }
    }
}
