//! serde for [`Case`], in the snapshot's shape (feature `serde`): the tuple of
//! `crate::codec`'s payload table, so that postcard's encoding of a case is
//! byte for byte the snapshot payload that [`crate::wire`] writes by hand.
//! The codec's tests hold the two against each other; tools that walk the
//! serde data model (the C ABI's snapshot-bound test) use it too.

use crate::case::{Case, Fired, FIRED_BYTES};
use crate::codec::MACHINE_SLOTS;
use crate::vocab::{BorderState, EligibilityState, TransitState};
use serde::de::{self, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, SerializeTuple};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A machine slot this build has no machine for: `None` decodes, `Some` is an
/// error.
#[cfg(not(all(feature = "removal", feature = "operation")))]
enum Absent {}

#[cfg(not(all(feature = "removal", feature = "operation")))]
impl<'de> Deserialize<'de> for Absent {
    fn deserialize<D: Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(de::Error::custom("machine not in this build"))
    }
}

/// An element past the known machine slots: always an error, reported as an
/// invalid length (so a walker of the data model learns the slot count).
struct Extra;

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(de::Error::invalid_length(
            MACHINE_SLOTS.len().saturating_add(1),
            &"the known machine slots",
        ))
    }
}

struct FiredBytes<'a>(&'a Fired);

impl Serialize for FiredBytes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = self.0.bytes();
        let used = b
            .iter()
            .rposition(|&x| x != 0)
            .map_or(0, |i| i.saturating_add(1));
        s.serialize_bytes(b.get(..used).unwrap_or(&[]))
    }
}

struct FiredVisitor;

impl Visitor<'_> for FiredVisitor {
    type Value = Fired;
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("the fired clock readings")
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Fired, E> {
        if v.len() > FIRED_BYTES {
            return Err(E::invalid_length(v.len(), &self));
        }
        let mut bytes = [0u8; FIRED_BYTES];
        for (d, s) in bytes.iter_mut().zip(v) {
            *d = *s;
        }
        Ok(Fired(bytes))
    }
    fn visit_borrowed_bytes<E: de::Error>(self, v: &[u8]) -> Result<Fired, E> {
        self.visit_bytes(v)
    }
}

struct FiredSeed;

impl<'de> de::DeserializeSeed<'de> for FiredSeed {
    type Value = Fired;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Fired, D::Error> {
        d.deserialize_bytes(FiredVisitor)
    }
}

/// Whether each machine slot is written, in `MACHINE_SLOTS` order (a slot
/// this build has no machine for is never written).
fn active(c: &Case) -> [bool; 7] {
    [
        c.border.state != BorderState::Inactive,
        c.eligibility.state != EligibilityState::Inactive,
        c.transit.state != TransitState::Inactive,
        #[cfg(feature = "removal")]
        (c.removal.state != crate::vocab::RemovalState::Inactive),
        #[cfg(not(feature = "removal"))]
        false,
        #[cfg(feature = "removal")]
        (c.removal_detention.state != crate::vocab::RemovalDetentionState::Inactive),
        #[cfg(not(feature = "removal"))]
        false,
        #[cfg(feature = "operation")]
        c.operation.holds_anything(),
        #[cfg(not(feature = "operation"))]
        false,
        #[cfg(feature = "removal")]
        (c.removal_record != crate::machines::removal::RemovalRecord::default()),
        #[cfg(not(feature = "removal"))]
        false,
    ]
}

/// The machine slots of a case, up to the last active one.
struct Slots<'a>(&'a Case);

impl Serialize for Slots<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let on = active(c);
        let n = on
            .iter()
            .rposition(|&a| a)
            .map_or(0, |i| i.saturating_add(1));
        let mut seq = s.serialize_seq(Some(n))?;
        for (i, &a) in on.iter().enumerate().take(n) {
            match i {
                0 => seq.serialize_element(&a.then_some(&c.border))?,
                1 => seq.serialize_element(&a.then_some(&c.eligibility))?,
                2 => seq.serialize_element(&a.then_some(&c.transit))?,
                #[cfg(feature = "removal")]
                3 => seq.serialize_element(&a.then_some(&c.removal))?,
                #[cfg(feature = "removal")]
                4 => seq.serialize_element(&a.then_some(&c.removal_detention))?,
                #[cfg(feature = "operation")]
                5 => seq.serialize_element(&a.then_some(&c.operation))?,
                #[cfg(feature = "removal")]
                6 => seq.serialize_element(&a.then_some(&c.removal_record))?,
                _ => seq.serialize_element(&None::<()>)?,
            }
        }
        seq.end()
    }
}

struct SlotsSeed<'a>(&'a mut Case);

impl<'de> de::DeserializeSeed<'de> for SlotsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

fn read_slot<'de, A: SeqAccess<'de>, T: Deserialize<'de>>(
    seq: &mut A,
    into: &mut T,
) -> Result<bool, A::Error> {
    match seq.next_element::<Option<T>>()? {
        Some(Some(data)) => {
            *into = data;
            Ok(true)
        }
        Some(None) => Ok(true),
        None => Ok(false),
    }
}

impl<'de> Visitor<'de> for SlotsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("the machine slots")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let c = self.0;
        let more = read_slot(&mut seq, &mut c.border)?
            && read_slot(&mut seq, &mut c.eligibility)?
            && read_slot(&mut seq, &mut c.transit)?;
        #[cfg(feature = "removal")]
        let more = more
            && read_slot(&mut seq, &mut c.removal)?
            && read_slot(&mut seq, &mut c.removal_detention)?;
        #[cfg(not(feature = "removal"))]
        let more = more
            && seq.next_element::<Option<Absent>>()?.is_some()
            && seq.next_element::<Option<Absent>>()?.is_some();
        #[cfg(feature = "operation")]
        let more = more && read_slot(&mut seq, &mut c.operation)?;
        #[cfg(not(feature = "operation"))]
        let more = more && seq.next_element::<Option<Absent>>()?.is_some();
        #[cfg(feature = "removal")]
        let more = more && read_slot(&mut seq, &mut c.removal_record)?;
        #[cfg(not(feature = "removal"))]
        let more = more && seq.next_element::<Option<Absent>>()?.is_some();
        if more {
            seq.next_element::<Extra>()?;
        }
        Ok(())
    }
}

impl Serialize for Case {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut t = s.serialize_tuple(6)?;
        t.serialize_element(&self.now)?;
        t.serialize_element(&self.config)?;
        t.serialize_element(&self.person)?;
        t.serialize_element(&FiredBytes(&self.fired))?;
        t.serialize_element(&self.status)?;
        t.serialize_element(&Slots(self))?;
        t.end()
    }
}

struct CaseVisitor;

impl<'de> Visitor<'de> for CaseVisitor {
    type Value = Case;
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("an ia87 case")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Case, A::Error> {
        let missing = || de::Error::invalid_length(0, &"a case of 6 fields");
        let mut case = Case {
            now: seq.next_element()?.ok_or_else(missing)?,
            config: seq.next_element()?.ok_or_else(missing)?,
            person: seq.next_element()?.ok_or_else(missing)?,
            fired: seq.next_element_seed(FiredSeed)?.ok_or_else(missing)?,
            status: seq.next_element()?.ok_or_else(missing)?,
            ..Case::default()
        };
        seq.next_element_seed(SlotsSeed(&mut case))?
            .ok_or_else(missing)?;
        Ok(case)
    }
}

impl<'de> Deserialize<'de> for Case {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Case, D::Error> {
        d.deserialize_tuple(6, CaseVisitor)
    }
}
