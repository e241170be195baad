//! The invariants of the `removal` machine (rule map `removal_and_deportation.md` §5).
