//! The largest snapshot any case can have, so that `IA87_CASE_SIZE` is shown
//! to be enough for every case, not only for the ones the tests happen to build.
//!
//! A serde `Deserializer` builds the "largest" `Case` the types allow: every
//! `Option` is `Some`, every bounded list is full (its capacity is learnt from
//! the overflow error heapless reports), every integer is the value with the
//! longest postcard varint that the type accepts (instants and dates at the
//! end of their range), and for enums with data every variant is tried. The
//! postcard encoding of that case is the worst case, because postcard's size
//! only grows with each of those choices.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ia87_core::time::{Date, Instant};
use ia87_core::Case;
use ia87_ffi::*;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, SeqAccess, VariantAccess, Visitor,
};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug)]
struct Error {
    msg: String,
    /// `invalid_length(n)`: a bounded list overflowed at n elements.
    len: Option<usize>,
    /// Which list (in traversal order) overflowed.
    seq: Option<usize>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}
impl std::error::Error for Error {}
impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            msg: msg.to_string(),
            len: None,
            seq: None,
        }
    }
    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Error {
            msg: format!("invalid length {len}, expected {exp}"),
            len: Some(len),
            seq: None,
        }
    }
}

#[derive(Default)]
struct State {
    /// Elements to offer to each list, by traversal index (default: 64).
    limits: BTreeMap<usize, usize>,
    /// The next list's traversal index.
    next_seq: usize,
    /// The variant chosen for each enum type.
    choice: BTreeMap<&'static str, u32>,
    /// Variant counts of the enum types met.
    variants: BTreeMap<&'static str, u32>,
}

struct Max<'s>(&'s mut State);

struct Seq<'s> {
    st: &'s mut State,
    left: usize,
}

impl<'de> SeqAccess<'de> for Seq<'_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(Max(self.st)).map(Some)
    }
}

struct Enum<'s> {
    st: &'s mut State,
    variant: u32,
}

impl<'de, 's> EnumAccess<'de> for Enum<'s> {
    type Error = Error;
    type Variant = Max<'s>;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Max<'s>), Error> {
        let v = seed.deserialize(de::value::U32Deserializer::<Error>::new(self.variant))?;
        Ok((v, Max(self.st)))
    }
}

impl<'de> VariantAccess<'de> for Max<'_> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, Error> {
        v.visit_seq(Seq {
            st: self.0,
            left: len,
        })
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_seq(Seq {
            st: self.0,
            left: fields.len(),
        })
    }
}

impl<'de> Deserializer<'de> for Max<'_> {
    type Error = Error;
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        Err(de::Error::custom(
            "a self-describing type: extend the bound test",
        ))
    }
    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_bool(true)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_u8(u8::MAX)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_u16(u16::MAX)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_u32(u32::MAX)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_u64(u64::MAX)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_i8(i8::MIN)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_i16(i16::MIN)
    }
    // The only i32 of a case is a date (days since the epoch): the end of its
    // range has the longest zigzag varint of the valid values.
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_i32(Date::MAX.days())
    }
    // The only i64 of a case is an instant: likewise.
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_i64(Instant::MAX.unix_seconds())
    }
    // The only byte string of a case is its set of fired clocks: all set.
    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_bytes(&[0xFF; ia87_core::case::FIRED_BYTES])
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_some(self)
    }
    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_unit()
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let index = self.0.next_seq;
        self.0.next_seq += 1;
        let left = self.0.limits.get(&index).copied().unwrap_or(64);
        v.visit_seq(Seq { st: self.0, left }).map_err(|mut e| {
            if e.len.is_some() && e.seq.is_none() {
                e.seq = Some(index);
            }
            e
        })
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, Error> {
        v.visit_seq(Seq {
            st: self.0,
            left: len,
        })
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_seq(Seq {
            st: self.0,
            left: len,
        })
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_seq(Seq {
            st: self.0,
            left: fields.len(),
        })
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        let n = u32::try_from(variants.len()).unwrap();
        self.0.variants.insert(name, n);
        // Default: the last variant (the longest varint of the index).
        let variant = self.0.choice.get(name).copied().unwrap_or(n - 1);
        v.visit_enum(Enum {
            st: self.0,
            variant,
        })
    }
    serde::forward_to_deserialize_any! {
        u128 i128 f32 f64 char str string byte_buf map identifier ignored_any
    }
}

/// Builds the largest case for the current choices, learning list capacities.
fn largest(st: &mut State) -> Case {
    for _ in 0..1000 {
        st.next_seq = 0;
        match <Case as serde::Deserialize>::deserialize(Max(st)) {
            Ok(c) => return c,
            Err(Error {
                len: Some(len),
                seq: Some(seq),
                ..
            }) => {
                st.limits.insert(seq, len - 1);
            }
            Err(e) => panic!("cannot build the largest case: {e}"),
        }
    }
    panic!("the list capacities did not settle")
}

fn encoded_len(c: &Case) -> usize {
    let mut buf = vec![0u8; 4096];
    postcard::to_slice(c, &mut buf).unwrap().len()
}

#[test]
fn the_largest_possible_case_fits_in_an_ia87case() {
    let mut st = State::default();
    let mut best = encoded_len(&largest(&mut st));
    // Coordinate ascent over the variant of each enum type (only enums with
    // data make a difference; unit variants all encode as one byte). Under
    // Miri the ascent (safe code, hundreds of cases built: five minutes) is
    // left out: what Miri is for is the ABI round trip below, which still
    // loads and saves the largest case with the first choice of each variant.
    while !cfg!(miri) {
        let mut improved = false;
        let names: Vec<(&'static str, u32)> = st.variants.iter().map(|(k, v)| (*k, *v)).collect();
        for (name, n) in names {
            for variant in 0..n {
                let old = st.choice.insert(name, variant);
                let len = encoded_len(&largest(&mut st));
                if len > best {
                    best = len;
                    improved = true;
                } else {
                    match old {
                        Some(o) => st.choice.insert(name, o),
                        None => st.choice.remove(name),
                    };
                }
            }
        }
        if !improved {
            break;
        }
    }
    let frame = best + ia87_core::codec::FRAME_OVERHEAD;
    println!(
        "largest case payload {best} B, frame {frame} B, room in IA87Case {} B, capacities {:?}",
        ia87_ffi::store::SNAPSHOT_ROOM,
        st.limits
    );
    assert!(
        frame <= ia87_ffi::store::SNAPSHOT_ROOM,
        "IA87_CASE_SIZE is too small"
    );
    assert!(frame <= IA87_SNAPSHOT_MAX);

    // And the ABI takes it: load the largest case into an IA87Case and back.
    let c = largest(&mut st);
    let mut snap = vec![0u8; IA87_SNAPSHOT_MAX];
    let n = ia87_core::codec::encode_case(&c, &mut snap).unwrap();
    assert_eq!(n, frame);
    let mut case = IA87Case::ZERO;
    assert_eq!(
        unsafe { ia87_case_load(&mut case, snap.as_ptr(), n) },
        IA87Status::IA87_OK
    );
    let mut again = vec![0u8; IA87_SNAPSHOT_MAX];
    let mut m = 0usize;
    assert_eq!(
        unsafe { ia87_case_save(&case, again.as_mut_ptr(), again.len(), &mut m) },
        IA87Status::IA87_OK
    );
    assert_eq!(&snap[..n], &again[..m]);
}
