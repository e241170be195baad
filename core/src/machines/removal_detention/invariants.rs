//! The invariants of the `removal-detention` machine (rule map `removal_and_deportation.md` §5).
