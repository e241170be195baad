//! A macro for the fieldless enums whose values the case language spells in
//! lower-case kebab-case (`custody-warrant`, `no-warrant-48h`, …): each gets
//! `name()`, `from_name()` (with aliases) and `ALL`, from one table.
//!
//! A value that belongs to a machine compiled in by a cargo feature is written
//! `@cfg(feature = "…") Variant = "name"`: it exists only in builds with that
//! feature (so kiosk firmware carries neither the value nor its name). Such
//! values go at the end of their enum, so that every other value keeps its
//! `code()` in every build.

/// Declares a fieldless enum with a kebab-case name for each variant, and
/// optional aliases accepted by `from_name`; `@cfg(…)` before a variant
/// compiles it only in builds with that feature (see the module docs).
macro_rules! kebab_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vattr:meta])*
                $(@cfg($cfg:meta))?
                $variant:ident = $text:literal $(| $alias:literal)*
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "defmt", derive(defmt::Format))]
        $vis enum $name {
            $( $(#[$vattr])* $(#[cfg($cfg)])? $variant, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$( $(#[cfg($cfg)])? $name::$variant ),*];

            /// The case-language spelling.
            pub const fn name(self) -> &'static str {
                match self { $( $(#[cfg($cfg)])? $name::$variant => $text, )* }
            }

            /// Parses the case-language spelling (or an accepted alias).
            pub fn from_name(s: &str) -> Option<$name> {
                match s {
                    $( $(#[cfg($cfg)])? $text $(| $alias)* => Some($name::$variant), )*
                    _ => None,
                }
            }

            /// True for a value that exists only in builds with its cargo
            /// feature (`@cfg(…)` in its declaration). Such values come after
            /// every value that all builds share, so that a code means the
            /// same value in every build.
            pub const fn gated(self) -> bool {
                match self {
                    $( $(#[cfg($cfg)])? $name::$variant => {
                        <[&str]>::len(&[$(stringify!($cfg))?]) != 0
                    } )*
                }
            }

            /// A stable small number for this value (its position in `ALL`),
            /// used by the C ABI.
            pub const fn code(self) -> u16 {
                self as u16
            }

            /// The value with the given [`code`](Self::code), if any.
            pub fn from_code(code: u16) -> Option<$name> {
                Self::ALL.get(usize::from(code)).copied()
            }
        }

        impl $crate::wire::Wire for $name {
            fn put(&self, w: &mut $crate::wire::Writer<'_>) -> Result<(), $crate::wire::WireError> {
                w.varint(u64::from(self.code()))
            }
            fn take(r: &mut $crate::wire::Reader<'_>) -> Result<Self, $crate::wire::WireError> {
                Self::ALL.get(r.index()?).copied().ok_or($crate::wire::WireError::BadValue)
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

pub(crate) use kebab_enum;
