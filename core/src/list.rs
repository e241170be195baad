//! [`List`]: a bounded list that is `Copy`, for the lists inside a
//! [`Case`](crate::Case).
//!
//! `Case::apply` works on a copy of the case and commits it only on success,
//! so the case is copied on every line. With every field `Copy`, that copy is
//! one `memcpy`; a `heapless::Vec` field would make it an element-by-element
//! clone (about 1.3 KB of kiosk flash and hundreds of instructions a line).
//! Elements are `Copy`, the unused slots hold a filler value ([`Filler`]), and
//! overflow is an error value, never a panic. The serde encoding is the same as
//! `heapless::Vec`'s (a length, then the elements), so snapshots did not change
//! when the case moved to it.

use core::ops::{Deref, DerefMut};

/// A `Copy` value that fills the unused slots of a [`List`] (never read).
pub trait Filler: Copy {
    /// The filler.
    const FILLER: Self;
}

impl Filler for u16 {
    const FILLER: u16 = 0;
}

impl Filler for crate::time::Date {
    const FILLER: Self = crate::time::Date::EPOCH;
}

/// A list of at most `N` `Copy` values.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct List<T: Filler, const N: usize> {
    len: u8,
    items: [T; N],
}

impl<T: Filler, const N: usize> Default for List<T, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Filler, const N: usize> List<T, N> {
    // A length fits in the `u8`.
    const FITS: () = assert!(N <= 255);

    /// An empty list.
    #[inline(never)]
    pub fn new() -> Self {
        #[allow(clippy::let_unit_value)]
        let () = Self::FITS;
        List {
            len: 0,
            items: [T::FILLER; N],
        }
    }

    /// The most values it holds.
    pub const fn capacity(&self) -> usize {
        N
    }

    /// Appends `value`, or gives it back if the list is full.
    pub fn push(&mut self, value: T) -> Result<(), T> {
        let i = usize::from(self.len);
        match self.items.get_mut(i) {
            Some(slot) => {
                *slot = value;
                self.len = self.len.saturating_add(1);
                Ok(())
            }
            None => Err(value),
        }
    }

    /// Removes every value.
    pub fn clear(&mut self) {
        *self = Self::new();
    }
}

impl<T: Filler, const N: usize> Deref for List<T, N> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.items.get(..usize::from(self.len)).unwrap_or(&[])
    }
}

impl<T: Filler, const N: usize> DerefMut for List<T, N> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.items
            .get_mut(..usize::from(self.len))
            .unwrap_or(&mut [])
    }
}

impl<'a, T: Filler, const N: usize> IntoIterator for &'a List<T, N> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(feature = "defmt")]
impl<T: Filler + defmt::Format, const N: usize> defmt::Format for List<T, N> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{=[?]}", self.deref())
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::{Filler, List};
    use core::marker::PhantomData;
    use serde::de::{self, SeqAccess, Visitor};
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl<T: Filler + Serialize, const N: usize> Serialize for List<T, N> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(self.len()))?;
            for x in self.iter() {
                seq.serialize_element(x)?;
            }
            seq.end()
        }
    }

    struct ListVisitor<T, const N: usize>(PhantomData<T>);

    impl<'de, T: Filler + Deserialize<'de>, const N: usize> Visitor<'de> for ListVisitor<T, N> {
        type Value = List<T, N>;
        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            write!(f, "a list of at most {N} values")
        }
        #[inline(never)]
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T, N>, A::Error> {
            let mut list = List::new();
            while let Some(x) = seq.next_element()? {
                // As heapless reports an overflow: the capacity plus one.
                list.push(x)
                    .map_err(|_| de::Error::invalid_length(N.saturating_add(1), &self))?;
            }
            Ok(list)
        }
    }

    impl<'de, T: Filler + Deserialize<'de>, const N: usize> Deserialize<'de> for List<T, N> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<List<T, N>, D::Error> {
            d.deserialize_seq(ListVisitor::<T, N>(PhantomData))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::List;

    #[test]
    fn push_until_full_then_an_error() {
        let mut l: List<u16, 2> = List::new();
        assert_eq!(l.push(1), Ok(()));
        assert_eq!(l.push(2), Ok(()));
        assert_eq!(l.push(3), Err(3));
        assert_eq!(&l[..], &[1, 2]);
        l.clear();
        assert!(l.is_empty());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn encodes_as_heapless_vec_does() {
        let mut l: List<u16, 4> = List::new();
        let mut v: heapless::Vec<u16, 4> = heapless::Vec::new();
        for x in [7u16, 300, 2] {
            l.push(x).unwrap();
            v.push(x).unwrap();
        }
        let mut a = [0u8; 32];
        let mut b = [0u8; 32];
        let a = postcard::to_slice(&l, &mut a).unwrap();
        let b = postcard::to_slice(&v, &mut b).unwrap();
        assert_eq!(a, b);
        let back: List<u16, 4> = postcard::from_bytes(a).unwrap();
        assert_eq!(back, l);
        let too_many: Result<List<u16, 2>, _> = postcard::from_bytes(a);
        assert!(too_many.is_err());
    }
}
