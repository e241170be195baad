//! s 7(1): who may not be granted a permit or an exemption, as a pure
//! function over the person's record (rule map `status_and_border.md` §2.6).
//!
//! s 7(1): "Subject to subsection (3) of this section, no exemption shall
//! apply, and no permit shall be granted, to any person—
//! (a) who, at any time …, has been convicted of any offence for which that
//! person has been sentenced to imprisonment for a term of 5 years or more, or
//! for an indeterminate period capable of running for 5 years or more; or
//! (b) who, at any time within the preceding 10 years …, has been convicted of
//! any offence for which that person has been sentenced to imprisonment for a
//! term of 12 months or more, or for an indeterminate period capable of running
//! for 12 months or more; or (c) against whom a removal order is in force; or
//! (d) who has been deported …; or (e)–(i) who the Minister has reason to
//! believe …".
//!
//! s 7(2): (a) and (b) apply "(a) whether the sentence is of immediate effect
//! or is deferred or is suspended in whole or in part: (b) where a person has
//! been convicted of 2 or more offences on the same occasion or in the same
//! proceedings, and any sentences of imprisonment imposed in respect of those
//! offences are cumulative, as if the offender had been convicted of a single
//! offence and sentenced for that offence to the total of the cumulative
//! sentences: (c) where a person has been convicted of 2 or more offences, and
//! a single sentence has been imposed in respect of those offences, as if that
//! sentence had been imposed in respect of a conviction for a single offence."
//!
//! Readings (docs/readings.md):
//! - A `conviction` line is one sentence: the line's instant is the
//!   conviction, `sentence-months=` the term (for an indeterminate sentence,
//!   the period it is capable of running). A single sentence for several
//!   offences is one line (s 7(2)(c)).
//! - Concurrent sentences are not added: each counts on its own (s 7(2)(b)
//!   adds only sentences that "are cumulative"). Lines with the same
//!   `proceedings=N` and `cumulative=yes` are added; the notional single
//!   conviction takes the date of the latest of them (the total exists only
//!   once the last cumulative sentence is imposed).
//! - "within the preceding 10 years": a conviction on or after the same
//!   calendar date ten years before the grant counts.
//! - `sentence=none` (no imprisonment) never counts; suspended and deferred
//!   sentences count (s 7(2)(a)).

use crate::list::{Filler, List};
use crate::rules::RuleId;
use crate::time::Date;
use crate::vocab::values::{GrantBasis, MinisterBelief, SentenceKind};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// The most convictions a case records. The full engine keeps 8; firmware
/// built without the Part 2 machines keeps 3, to stay inside its 512-byte
/// case (a kiosk at the border records few). A further conviction is a
/// `capacity` error.
pub const MAX_CONVICTIONS: usize = if cfg!(feature = "removal") { 8 } else { 3 };

/// One sentence on the person's record.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Conviction {
    /// The local date of the conviction.
    pub on: Date,
    /// The term in months (for an indeterminate sentence, the period it is
    /// capable of running); 0 if no term was given.
    pub months: u16,
    /// The kind of sentence.
    pub sentence: SentenceKind,
    /// The occasion or proceedings (`proceedings=N`); 0 for none given.
    pub proceedings: u8,
    /// Cumulative on the other cumulative sentences of the same proceedings.
    pub cumulative: bool,
}

crate::wire::wire_struct!(Conviction {
    on,
    months,
    sentence,
    proceedings,
    cumulative
});

impl Filler for Conviction {
    const FILLER: Conviction = Conviction {
        on: Date::EPOCH,
        months: 0,
        sentence: SentenceKind::None,
        proceedings: 0,
        cumulative: false,
    };
}

/// The person's convictions.
pub type Convictions = List<Conviction, MAX_CONVICTIONS>;

/// The facts s 7(1) looks at.
#[derive(Clone, Copy, Debug)]
pub struct Record<'a> {
    /// The sentences (s 7(1)(a)–(b), (2)).
    pub convictions: &'a [Conviction],
    /// A removal order is in force (s 7(1)(c)).
    pub removal_order: bool,
    /// Deported from New Zealand or another country (s 7(1)(d)).
    pub deported: bool,
    /// The Minister's beliefs under s 7(1)(e)–(i), one bit per paragraph in
    /// [`MinisterBelief`] order.
    pub minister: u8,
}

/// True for a sentence of imprisonment with a term.
fn imprisonment(c: &Conviction) -> bool {
    c.sentence != SentenceKind::None && c.months > 0
}

/// The term (months) and date with which s 7(1)(a)–(b) count a sentence: its
/// own, or, for a cumulative sentence of an occasion or proceedings, the total
/// of that group's cumulative sentences (s 7(2)(b)) dated by the latest of
/// them. A group's total is at least each member's term and its date no
/// earlier than each member's, so counting the group covers its members.
fn counted(all: &[Conviction], c: &Conviction) -> Option<(u32, Date)> {
    if !imprisonment(c) {
        return None;
    }
    if !c.cumulative || c.proceedings == 0 {
        return Some((u32::from(c.months), c.on));
    }
    let mut months = 0u32;
    let mut on = c.on;
    for e in all {
        if imprisonment(e) && e.cumulative && e.proceedings == c.proceedings {
            months = months.saturating_add(u32::from(e.months));
            on = on.max(e.on);
        }
    }
    Some((months, on))
}

/// Why a person may not be granted a permit or an exemption.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Ineligibility {
    /// The first paragraph of s 7(1) that applies, in the Act's order.
    pub rule: RuleId,
    /// The (a) or (b) finding rests on a total of cumulative sentences
    /// (s 7(2)(b)), no one sentence being enough.
    pub cumulated: bool,
}

/// The s 7(1) assessment of the person on `on` (the date of the grant);
/// `None` if the person is eligible.
pub fn assess(record: &Record<'_>, on: Date) -> Option<Ineligibility> {
    let ten_years_ago = on.add_years(-10).unwrap_or(Date::MIN);
    let within = |date: Date| date >= ten_years_ago && date <= on;
    // (a) and (b), each by a total and by one sentence on its own.
    let (mut a, mut b, mut a_one, mut b_one) = (false, false, false, false);
    for c in record.convictions {
        if let Some((months, date)) = counted(record.convictions, c) {
            a |= months >= 60;
            b |= months >= 12 && within(date);
            a_one |= c.months >= 60;
            b_one |= c.months >= 12 && within(c.on);
        }
    }
    let (rule, cumulated) = if a {
        (RuleId::S7_1_A, !a_one)
    } else if b {
        (RuleId::S7_1_B, !b_one)
    } else if record.removal_order {
        (RuleId::S7_1_C, false)
    } else if record.deported {
        (RuleId::S7_1_D, false)
    } else {
        const BELIEFS: [(MinisterBelief, RuleId); 5] = [
            (MinisterBelief::E, RuleId::S7_1_E),
            (MinisterBelief::F, RuleId::S7_1_F),
            (MinisterBelief::G, RuleId::S7_1_G),
            (MinisterBelief::H, RuleId::S7_1_H),
            (MinisterBelief::I, RuleId::S7_1_I),
        ];
        let r = BELIEFS
            .iter()
            .find(|(b, _)| record.minister & belief_bit(*b) != 0)?;
        (r.1, false)
    };
    Some(Ineligibility { rule, cumulated })
}

/// The first paragraph of s 7(1) that applies to the person on `on`, in the
/// Act's order; `None` if the person is eligible.
pub fn ineligible(record: &Record<'_>, on: Date) -> Option<RuleId> {
    assess(record, on).map(|i| i.rule)
}

/// The bit of a belief in [`Record::minister`].
pub const fn belief_bit(b: MinisterBelief) -> u8 {
    match 1u8.checked_shl(b.code() as u32) {
        Some(bit) => bit,
        None => 0,
    }
}

/// True if a permit granted on `basis` is one that s 7(3)(a) (or s 52(3))
/// allows despite s 7(1).
pub fn grant_excepted(basis: Option<GrantBasis>) -> bool {
    basis.is_some_and(GrantBasis::despite_s7)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::time::parse_date(s).unwrap()
    }

    fn conv(on: &str, months: u16) -> Conviction {
        Conviction {
            on: d(on),
            months,
            sentence: SentenceKind::Imprisonment,
            proceedings: 0,
            cumulative: false,
        }
    }

    fn with(c: Conviction, f: impl FnOnce(&mut Conviction)) -> Conviction {
        let mut c = c;
        f(&mut c);
        c
    }

    struct Row {
        what: &'static str,
        convictions: &'static [fn() -> Conviction],
        removal_order: bool,
        deported: bool,
        minister: u8,
        on: &'static str,
        want: Option<RuleId>,
    }

    const NONE: &[fn() -> Conviction] = &[];

    /// The table: each row a record, the date of the grant, and the paragraph
    /// of s 7(1) that must apply (or none).
    fn rows() -> [Row; 17] {
        [
            Row {
                what: "no record",
                convictions: NONE,
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: None,
            },
            Row {
                what: "(a) 5 years, long ago",
                convictions: &[|| conv("1975-06-01", 60)],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: Some(RuleId::S7_1_A),
            },
            Row {
                what: "(a) 59 months is not 5 years; long ago so not (b)",
                convictions: &[|| conv("1990-06-01", 59)],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: None,
            },
            Row {
                what: "(a) indeterminate sentence capable of running 5 years",
                convictions: &[|| {
                    with(conv("1980-01-01", 60), |c| {
                        c.sentence = SentenceKind::Indeterminate
                    })
                }],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: Some(RuleId::S7_1_A),
            },
            Row {
                what: "(b) 12 months within 10 years",
                convictions: &[|| conv("2001-03-02", 12)],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: Some(RuleId::S7_1_B),
            },
            Row {
                what: "(b) exactly 10 years before the grant still counts",
                convictions: &[|| conv("1999-03-02", 12)],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: Some(RuleId::S7_1_B),
            },
            Row {
                what: "(b) one day more than 10 years before does not",
                convictions: &[|| conv("1999-03-01", 24)],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: None,
            },
            Row {
                what: "(b) 11 months does not",
                convictions: &[|| conv("2008-03-02", 11)],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: None,
            },
            Row {
                what: "(2)(a) a suspended sentence counts",
                convictions: &[|| {
                    with(conv("2008-03-02", 12), |c| {
                        c.sentence = SentenceKind::Suspended
                    })
                }],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: Some(RuleId::S7_1_B),
            },
            Row {
                what: "no sentence of imprisonment does not count",
                convictions: &[|| {
                    with(conv("2008-03-02", 24), |c| c.sentence = SentenceKind::None)
                }],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: None,
            },
            Row {
                what: "(2)(b) cumulative sentences in the same proceedings are added: 8 + 6 months",
                convictions: &[
                    || {
                        with(conv("2007-05-01", 8), |c| {
                            c.proceedings = 1;
                            c.cumulative = true
                        })
                    },
                    || {
                        with(conv("2007-05-03", 6), |c| {
                            c.proceedings = 1;
                            c.cumulative = true
                        })
                    },
                ],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: Some(RuleId::S7_1_B),
            },
            Row {
                what: "(2)(b) concurrent sentences are not added: 8 and 6 months",
                convictions: &[
                    || with(conv("2007-05-01", 8), |c| c.proceedings = 1),
                    || with(conv("2007-05-01", 6), |c| c.proceedings = 1),
                ],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: None,
            },
            Row {
                what: "(2)(b) cumulative sentences in different proceedings are not added",
                convictions: &[
                    || {
                        with(conv("2007-05-01", 8), |c| {
                            c.proceedings = 1;
                            c.cumulative = true
                        })
                    },
                    || {
                        with(conv("2008-05-01", 6), |c| {
                            c.proceedings = 2;
                            c.cumulative = true
                        })
                    },
                ],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: None,
            },
            Row {
                what: "(2)(b) cumulative to 5 years: (a), at any time",
                convictions: &[
                    || {
                        with(conv("1980-05-01", 36), |c| {
                            c.proceedings = 4;
                            c.cumulative = true
                        })
                    },
                    || {
                        with(conv("1980-05-01", 24), |c| {
                            c.proceedings = 4;
                            c.cumulative = true
                        })
                    },
                ],
                removal_order: false,
                deported: false,
                minister: 0,
                on: "2009-03-02",
                want: Some(RuleId::S7_1_A),
            },
            Row {
                what: "(c) a removal order in force",
                convictions: NONE,
                removal_order: true,
                deported: true,
                minister: 0,
                on: "2009-03-02",
                want: Some(RuleId::S7_1_C),
            },
            Row {
                what: "(d) deported",
                convictions: NONE,
                removal_order: false,
                deported: true,
                minister: 0,
                on: "2009-03-02",
                want: Some(RuleId::S7_1_D),
            },
            Row {
                what: "(h) the Minister's belief; (i) as well: (h) comes first",
                convictions: NONE,
                removal_order: false,
                deported: false,
                minister: 8 | 16,
                on: "2009-03-02",
                want: Some(RuleId::S7_1_H),
            },
        ]
    }

    #[test]
    fn s7_table() {
        for row in rows() {
            let mut list = Convictions::new();
            for c in row.convictions {
                list.push(c()).unwrap();
            }
            let record = Record {
                convictions: &list,
                removal_order: row.removal_order,
                deported: row.deported,
                minister: row.minister,
            };
            assert_eq!(ineligible(&record, d(row.on)), row.want, "{}", row.what);
        }
    }

    #[test]
    fn cumulation_is_named() {
        let mut list = Convictions::new();
        for c in [
            with(conv("2007-05-01", 8), |c| {
                c.proceedings = 1;
                c.cumulative = true
            }),
            with(conv("2007-05-03", 6), |c| {
                c.proceedings = 1;
                c.cumulative = true
            }),
        ] {
            list.push(c).unwrap();
        }
        let r = Record {
            convictions: &list,
            removal_order: false,
            deported: false,
            minister: 0,
        };
        let want = Ineligibility {
            rule: RuleId::S7_1_B,
            cumulated: true,
        };
        assert_eq!(assess(&r, d("2009-03-02")), Some(want));
        let mut one = Convictions::new();
        one.push(conv("2008-01-01", 14)).unwrap();
        let r = Record {
            convictions: &one,
            ..r
        };
        let want = Ineligibility {
            rule: RuleId::S7_1_B,
            cumulated: false,
        };
        assert_eq!(assess(&r, d("2009-03-02")), Some(want));
    }

    #[test]
    fn the_record_is_bounded() {
        let mut list = Convictions::new();
        for _ in 0..MAX_CONVICTIONS {
            list.push(conv("2000-01-01", 1)).unwrap();
        }
        assert!(list.push(conv("2000-01-01", 1)).is_err());
    }

    #[test]
    fn exceptions() {
        assert!(!grant_excepted(None));
        assert!(!grant_excepted(Some(GrantBasis::Ordinary)));
        assert!(!grant_excepted(Some(GrantBasis::S35a)));
        assert!(grant_excepted(Some(GrantBasis::SpecialDirection)));
        assert!(grant_excepted(Some(GrantBasis::S18Entitlement)));
        assert!(grant_excepted(Some(GrantBasis::S27a)));
        assert!(grant_excepted(Some(GrantBasis::FaceCharge)));
    }
}
