//! New Zealand national public holidays (1987–2100), the Immigration Act 1987
//! s 2(2) exclusion and the Interpretation Act 1999 working day, all without
//! allocation.
//!
//! # The calendar
//!
//! The national public holidays are those of the Holidays Act 1981 (in force
//! until 31 March 2004) and of the Holidays Act 2003 s 44(1) (from 1 April
//! 2004): New Year's Day, 2 January, Waitangi Day, Good Friday, Easter Monday,
//! Anzac Day, the Sovereign's birthday (first Monday in June), Labour Day (fourth
//! Monday in October), Christmas Day and Boxing Day; from 2022 Matariki
//! (Te Kāhui o Matariki Public Holiday Act 2022), and the one-off Queen
//! Elizabeth II Memorial Day, Monday 26 September 2022 (Queen Elizabeth II
//! Memorial Day Act 2022). Provincial anniversary days are not national
//! holidays: a case lists the one it needs as an extra day (`config holiday=`).
//!
//! **Transferred ("Mondayised") days.**
//!
//! - Christmas Day, Boxing Day, New Year's Day and 2 January: when one falls on a
//!   Saturday it is observed on the following Monday, and when it falls on a
//!   Sunday on the following Tuesday (for an employee who does not work that
//!   weekend day), Holidays Act 2003 s 45. The observed day is always two days
//!   after the actual day: 25 Dec on a Saturday → Monday 27, 26 Dec on a Sunday
//!   → Tuesday 28; 25 Dec on a Sunday → Tuesday 27 (Boxing Day is the Monday).
//! - Waitangi Day and Anzac Day: the following Monday, only from 1 January 2014
//!   (Holidays Act 2003 s 45A, inserted by the Holidays (Full Recognition of
//!   Waitangi Day and ANZAC Day) Amendment Act 2013, 2013 No 19, s 5; in force
//!   1 January 2014, s 2). Before 2014 both were kept on the day they fell
//!   (e.g. "Where New Zealand Day falls on a Saturday or a Sunday, it shall be
//!   observed as a Saturday or a Sunday", New Zealand Day Act 1973 s 3(2), the
//!   Act the Waitangi Day Act 1976 replaced). When Anzac Day is Easter Sunday (e.g. 2038) s 45A
//!   moves it to the following Monday, which is Easter Monday: both holidays
//!   are then on one day (s 45A(2): no second day).
//! - Matariki, the Sovereign's birthday, Labour Day and the Easter holidays are
//!   never on a weekend, so they are never transferred.
//!
//! **1987 – 31 March 2004 (Holidays Act 1981) \[UNC\].** The text of the 1981
//! Act's weekend rule for the Christmas and New Year holidays could not be
//! retrieved. Secondary sources say that the observance of those four days
//! "has long been subject to special rules" (a 2013 employer guide on the 2013
//! amendment) and that, before 2014, "Mondayisation … already happens for the
//! Christmas public holidays" while Waitangi Day and Anzac Day "were always
//! observed on the days on which they fell" (T. Oldfield, NZLawyer, June 2013).
//! The calendar therefore applies the Holidays Act 2003 s 45 transfer rule to
//! the years 1987–2004 as well. For the s 2(2) count this can only add excluded
//! days, so an error here lengthens a person's time rather than shortens it
//! (the direction the spec's A12 recommendation prefers).
//!
//! **Matariki.** The dates are those of the schedule to the Te Kāhui o Matariki
//! Public Holiday Act 2022 (2022 No 14) for 2022–2052 (always a Friday). The Act
//! leaves later dates to be set by later legislation; this calendar has **no
//! Matariki after 2052**.
//!
//! **Observed days are public holidays here.** [`public_holiday`] returns the
//! holiday that falls on a date *or is observed on it* ([`HolidayDay::observed`]).
//! For the s 2(2) exclusion an observed (Mondayised) day counts as a public
//! holiday: the Act does not define "public holiday", and the spec's
//! recommendation (removal_and_deportation.md A12) is "national public holidays
//! plus observed days (Holidays Act 2003)", because including more days only
//! extends the person's time. The actual weekend day stays a holiday too, but
//! s 2(2) never excludes a Saturday or Sunday.
//!
//! Outside 1987–2100 the calendar is empty: [`public_holiday`] returns `None`
//! and [`holidays_in_year`] returns 0.

use super::civil::{Date, Weekday};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// The first year the built-in calendar covers (the Immigration Act 1987).
pub const FIRST_YEAR: i32 = 1987;
/// The last year the built-in calendar covers.
pub const LAST_YEAR: i32 = 2100;
/// The most holidays (actual and observed days) [`holidays_in_year`] can report
/// for one year: 2022 has 16 (12 holidays, 4 of them also observed on another day).
pub const MAX_HOLIDAYS_PER_YEAR: usize = 16;

/// A New Zealand national public holiday.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Holiday {
    /// 1 January (Holidays Act 2003 s 44(1)); transferred under s 45.
    NewYearsDay,
    /// 2 January (Holidays Act 2003 s 44(1)); transferred under s 45.
    DayAfterNewYearsDay,
    /// 6 February (Waitangi Day Act 1976); Mondayised only from 2014 (s 45A).
    WaitangiDay,
    /// The Friday before Easter Sunday.
    GoodFriday,
    /// The Monday after Easter Sunday.
    EasterMonday,
    /// 25 April (Anzac Day Act 1966); Mondayised only from 2014 (s 45A).
    AnzacDay,
    /// The Sovereign's birthday, observed on the first Monday in June
    /// (Holidays Act 2003 s 44(1)): Queen's Birthday to 2022, King's
    /// Birthday from 2023.
    SovereignsBirthday,
    /// Te Rā Aro ki a Matariki/Matariki Observance Day, from 2022, on the dates
    /// of the schedule to the Te Kāhui o Matariki Public Holiday Act 2022
    /// (2022–2052 only).
    Matariki,
    /// The fourth Monday in October (Holidays Act 2003 s 44(1)).
    LabourDay,
    /// 25 December (Holidays Act 2003 s 44(1)); transferred under s 45.
    ChristmasDay,
    /// 26 December (Holidays Act 2003 s 44(1)); transferred under s 45.
    BoxingDay,
    /// Monday 26 September 2022 only (Queen Elizabeth II Memorial Day Act 2022).
    QueenElizabethIIMemorialDay,
}

impl Holiday {
    /// Every holiday, in calendar order of its usual date.
    pub const ALL: [Holiday; 12] = [
        Holiday::NewYearsDay,
        Holiday::DayAfterNewYearsDay,
        Holiday::WaitangiDay,
        Holiday::GoodFriday,
        Holiday::EasterMonday,
        Holiday::AnzacDay,
        Holiday::SovereignsBirthday,
        Holiday::Matariki,
        Holiday::QueenElizabethIIMemorialDay,
        Holiday::LabourDay,
        Holiday::ChristmasDay,
        Holiday::BoxingDay,
    ];

    /// The English name of the holiday.
    pub const fn name(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "New Year's Day",
            Holiday::DayAfterNewYearsDay => "Day after New Year's Day",
            Holiday::WaitangiDay => "Waitangi Day",
            Holiday::GoodFriday => "Good Friday",
            Holiday::EasterMonday => "Easter Monday",
            Holiday::AnzacDay => "Anzac Day",
            Holiday::SovereignsBirthday => "Sovereign's Birthday",
            Holiday::Matariki => "Matariki",
            Holiday::LabourDay => "Labour Day",
            Holiday::ChristmasDay => "Christmas Day",
            Holiday::BoxingDay => "Boxing Day",
            Holiday::QueenElizabethIIMemorialDay => "Queen Elizabeth II Memorial Day",
        }
    }

    /// The name as published for `year`: the Sovereign's birthday is "Queen's
    /// Birthday" up to 2022 and "King's Birthday" from 2023; every other
    /// holiday has its [`Holiday::name`].
    pub const fn name_in(self, year: i32) -> &'static str {
        match self {
            Holiday::SovereignsBirthday if year <= 2022 => "Queen's Birthday",
            Holiday::SovereignsBirthday => "King's Birthday",
            other => other.name(),
        }
    }
}

/// A public holiday on a particular date.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct HolidayDay {
    /// The date.
    pub date: Date,
    /// The holiday.
    pub holiday: Holiday,
    /// True if `date` is the day to which the holiday is transferred because
    /// it fell on a weekend (a "Mondayised" day), false for the actual day.
    pub observed: bool,
}

/// Easter Sunday of `year` (Gregorian computus, the "anonymous Gregorian
/// algorithm" of Meeus, *Astronomical Algorithms*), for any year 1–9999.
/// Before 1583 the result is the proleptic Gregorian date, not the Easter the
/// Church kept then.
pub fn easter_sunday(year: i32) -> Option<Date> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    // Every intermediate is small and non-negative for years 1..=9999; the
    // checked operations keep the arithmetic lint honest without a panic path.
    let a = year.checked_rem(19)?;
    let b = year.checked_div(100)?;
    let c = year.checked_rem(100)?;
    let d = b.checked_div(4)?;
    let e = b.checked_rem(4)?;
    let f = b.checked_add(8)?.checked_div(25)?;
    let g = b.checked_sub(f)?.checked_add(1)?.checked_div(3)?;
    let h = a
        .checked_mul(19)?
        .checked_add(b)?
        .checked_sub(d)?
        .checked_sub(g)?
        .checked_add(15)?
        .checked_rem(30)?;
    let i = c.checked_div(4)?;
    let k = c.checked_rem(4)?;
    let l = e
        .checked_mul(2)?
        .checked_add(i.checked_mul(2)?)?
        .checked_add(32)?
        .checked_sub(h)?
        .checked_sub(k)?
        .checked_rem(7)?;
    let m = h
        .checked_mul(11)?
        .checked_add(a)?
        .checked_add(l.checked_mul(22)?)?
        .checked_div(451)?;
    let n = h
        .checked_add(l)?
        .checked_sub(m.checked_mul(7)?)?
        .checked_add(114)?;
    let month = u8::try_from(n.checked_div(31)?).ok()?;
    let day = u8::try_from(n.checked_rem(31)?.checked_add(1)?).ok()?;
    Date::from_ymd(year, month, day)
}

/// Matariki dates, 2022–2052, from the schedule to the Te Kāhui o Matariki
/// Public Holiday Act 2022, as (month, day); index 0 is 2022.
const MATARIKI: [(u8, u8); 31] = [
    (6, 24), // 2022
    (7, 14), // 2023
    (6, 28), // 2024
    (6, 20), // 2025
    (7, 10), // 2026
    (6, 25), // 2027
    (7, 14), // 2028
    (7, 6),  // 2029
    (6, 21), // 2030
    (7, 11), // 2031
    (7, 2),  // 2032
    (6, 24), // 2033
    (7, 7),  // 2034
    (6, 29), // 2035
    (7, 18), // 2036
    (7, 10), // 2037
    (6, 25), // 2038
    (7, 15), // 2039
    (7, 6),  // 2040
    (7, 19), // 2041
    (7, 11), // 2042
    (7, 3),  // 2043
    (6, 24), // 2044
    (7, 7),  // 2045
    (6, 29), // 2046
    (7, 19), // 2047
    (7, 3),  // 2048
    (6, 25), // 2049
    (7, 15), // 2050
    (6, 30), // 2051
    (6, 21), // 2052
];

/// The Matariki public holiday of `year`, if the schedule names one.
pub fn matariki(year: i32) -> Option<Date> {
    let index = usize::try_from(year.checked_sub(2022)?).ok()?;
    let &(month, day) = MATARIKI.get(index)?;
    Date::from_ymd(year, month, day)
}

/// How a holiday that falls on a weekend is transferred.
#[derive(Clone, Copy)]
enum Transfer {
    /// Never transferred (or never on a weekend).
    None,
    /// Holidays Act 2003 s 45: Saturday → Monday, Sunday → Tuesday.
    ChristmasNewYear,
    /// Holidays Act 2003 s 45A (from 2014): the following Monday.
    FollowingMonday,
}

/// A fixed-capacity list of the holidays of one year.
struct YearList {
    items: [HolidayDay; MAX_HOLIDAYS_PER_YEAR],
    len: usize,
}

impl YearList {
    fn new() -> Self {
        YearList {
            items: [HolidayDay {
                date: Date::EPOCH,
                holiday: Holiday::NewYearsDay,
                observed: false,
            }; MAX_HOLIDAYS_PER_YEAR],
            len: 0,
        }
    }

    fn push(&mut self, date: Date, holiday: Holiday, observed: bool) {
        // MAX_HOLIDAYS_PER_YEAR is the proven maximum (tested over 1987–2100),
        // so a full list cannot happen; if it did, the extra day is dropped
        // rather than panicking.
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = HolidayDay {
                date,
                holiday,
                observed,
            };
            self.len = self.len.saturating_add(1);
        }
    }

    /// Add `holiday` on `date`, and its observed day if `transfer` moves it.
    fn add(&mut self, date: Option<Date>, holiday: Holiday, transfer: Transfer) {
        let Some(date) = date else { return };
        self.push(date, holiday, false);
        let weekday = date.weekday();
        if !weekday.is_weekend() {
            return;
        }
        let observed = match transfer {
            Transfer::None => None,
            // Saturday + 2 = Monday, Sunday + 2 = Tuesday.
            Transfer::ChristmasNewYear => date.add_days(2),
            Transfer::FollowingMonday => date.next_weekday_on_or_after(Weekday::Monday),
        };
        if let Some(observed) = observed {
            self.push(observed, holiday, true);
        }
    }

    fn as_slice(&self) -> &[HolidayDay] {
        self.items.get(..self.len).unwrap_or(&[])
    }

    fn sort(&mut self) {
        if let Some(list) = self.items.get_mut(..self.len) {
            list.sort_unstable_by_key(|h| (h.date, h.observed, h.holiday));
        }
    }
}

/// The holidays of `year`, sorted by date (an actual day before an observed
/// one on the same date).
fn year_list(year: i32) -> YearList {
    let mut list = YearList::new();
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return list;
    }
    let mondayised = if year >= 2014 {
        Transfer::FollowingMonday
    } else {
        Transfer::None
    };
    let ymd = |m: u8, d: u8| Date::from_ymd(year, m, d);
    list.add(ymd(1, 1), Holiday::NewYearsDay, Transfer::ChristmasNewYear);
    list.add(
        ymd(1, 2),
        Holiday::DayAfterNewYearsDay,
        Transfer::ChristmasNewYear,
    );
    list.add(ymd(2, 6), Holiday::WaitangiDay, mondayised);
    let easter = easter_sunday(year);
    list.add(
        easter.and_then(|e| e.add_days(-2)),
        Holiday::GoodFriday,
        Transfer::None,
    );
    list.add(
        easter.and_then(|e| e.add_days(1)),
        Holiday::EasterMonday,
        Transfer::None,
    );
    list.add(ymd(4, 25), Holiday::AnzacDay, mondayised);
    list.add(
        Date::nth_weekday(year, 6, Weekday::Monday, 1),
        Holiday::SovereignsBirthday,
        Transfer::None,
    );
    list.add(matariki(year), Holiday::Matariki, Transfer::None);
    if year == 2022 {
        list.add(
            ymd(9, 26),
            Holiday::QueenElizabethIIMemorialDay,
            Transfer::None,
        );
    }
    list.add(
        Date::nth_weekday(year, 10, Weekday::Monday, 4),
        Holiday::LabourDay,
        Transfer::None,
    );
    list.add(
        ymd(12, 25),
        Holiday::ChristmasDay,
        Transfer::ChristmasNewYear,
    );
    list.add(ymd(12, 26), Holiday::BoxingDay, Transfer::ChristmasNewYear);
    list.sort();
    list
}

/// Write the national public holidays of `year` into `out`, sorted by date,
/// each actual day and each observed (transferred) day as its own entry.
///
/// Returns the number of entries the year has. If that is more than
/// `out.len()`, only the first `out.len()` are written (so a return value
/// above `out.len()` means the buffer was too small). A buffer of
/// [`MAX_HOLIDAYS_PER_YEAR`] (16) entries is always enough. Years outside
/// [`FIRST_YEAR`]`..=`[`LAST_YEAR`] have no entries.
pub fn holidays_in_year(year: i32, out: &mut [HolidayDay]) -> usize {
    let list = year_list(year);
    for (slot, h) in out.iter_mut().zip(list.as_slice()) {
        *slot = *h;
    }
    list.len
}

/// The public holiday that falls on `date`, or is observed on it.
///
/// When two holidays share a date (Easter Monday and Anzac Day on 25 April
/// 2011), an actual holiday is preferred to an observed one, then the earlier
/// in [`Holiday`] order; [`holidays_in_year`] lists both.
pub fn public_holiday(date: Date) -> Option<HolidayDay> {
    let (year, month, day) = date.ymd();
    if !may_be_holiday(month, day) {
        return None;
    }
    let list = year_list(year);
    list.as_slice().iter().find(|h| h.date == date).copied()
}

/// False for a (month, day) on which no holiday of any year can fall, so that
/// the period counts need not build a year's list for every date: 1–4 January,
/// 6–8 February, 20 March – 27 April (Good Friday to Easter Monday, Anzac Day
/// and its Monday), June (the first Monday; Matariki from 20 June), 1–19 July
/// (Matariki), 26 September (2022), 22–28 October (Labour Day) and 25–28
/// December. The unit tests check every holiday of 1987–2100 against it.
const fn may_be_holiday(month: u8, day: u8) -> bool {
    match month {
        1 => day <= 4,
        2 => day >= 6 && day <= 8,
        3 => day >= 20,
        4 => day <= 27,
        6 => true,
        7 => day <= 19,
        9 => day == 26,
        10 => day >= 22 && day <= 28,
        12 => day >= 25,
        _ => false,
    }
}

/// s 2(2): true if `date` is excluded from an application or appeal period:
/// not a Saturday or Sunday, and a public holiday or one of `extra`.
///
/// Immigration Act 1987 s 2(2): "Every period of time prescribed by any of the
/// provisions of this Act for the making of an application or the lodging of an
/// appeal, not being an appeal to the High Court, shall be reckoned exclusive of
/// any day, not being a Saturday or a Sunday, that is a public holiday or a
/// Departmental holiday." `extra` holds the configured Departmental holidays and
/// regional anniversary days. A day to which a holiday is transferred (an
/// observed, "Mondayised" day) counts as a public holiday (see the module
/// documentation).
pub fn s2_2_excluded(date: Date, extra: &[Date]) -> bool {
    !date.weekday().is_weekend() && (public_holiday(date).is_some() || extra.contains(&date))
}

/// The last day of a period of `n` days after `start` for making an application
/// or lodging an appeal, reckoned exclusive of the s 2(2) days.
///
/// `start` is not counted (Interpretation Act 1999 s 35(2)); Saturdays and
/// Sundays are counted. Where the Act also lets the thing be done on the next
/// working day (Interpretation Act 1999 s 35(6)), pass the result to
/// [`next_working_day_on_or_after`]. `None` if the count leaves the supported
/// date range.
pub fn s2_2_period_last_day(start: Date, n: u32, extra: &[Date]) -> Option<Date> {
    let mut d = start;
    let mut counted: u32 = 0;
    while counted < n {
        d = d.succ()?;
        if !s2_2_excluded(d, extra) {
            counted = counted.saturating_add(1);
        }
    }
    Some(d)
}

/// Which of the uncertain items of the working-day definition apply.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct WorkingDayRules {
    /// Items (c) and (d): "if 1 January falls on a Friday, the following Monday;
    /// if 1 January falls on a Saturday or a Sunday, the following Monday and
    /// Tuesday" are not working days. Quoted from s 29 as in force in 2016; whether
    /// they were in force by 2010 is uncertain (spec A12). The spec's default
    /// is on.
    pub new_year_transfer: bool,
}

impl WorkingDayRules {
    /// The spec's default (A12): items (c) and (d) on.
    pub const DEFAULT: WorkingDayRules = WorkingDayRules {
        new_year_transfer: true,
    };
}

impl Default for WorkingDayRules {
    fn default() -> Self {
        WorkingDayRules::DEFAULT
    }
}

/// True if `date` is a working day under the Interpretation Act 1999 s 29,
/// with the default [`WorkingDayRules`], and not one of `extra`.
///
/// A working day is any day other than:
///
/// - (a) a Saturday, a Sunday, Waitangi Day, Good Friday, Easter Monday, Anzac
///   Day, the Sovereign's birthday and Labour Day;
/// - (b) a day from 25 December to 2 January inclusive;
/// - (c), (d) if 1 January falls on a Friday, the following Monday; if it falls
///   on a Saturday or a Sunday, the following Monday and Tuesday \[UNC before
///   2016; on by default, spec A12; see [`is_working_day_with`] to turn it off\];
/// - (e) from 1 January 2014, the Monday after a Waitangi Day or Anzac Day that
///   falls on a Saturday or Sunday (consequential amendment by the Holidays (Full
///   Recognition of Waitangi Day and ANZAC Day) Amendment Act 2013, Schedule 1);
/// - any day in `extra` (configured Departmental holidays or anniversary days;
///   the s 29 definition itself does not include anniversary days).
///
/// After the Act's repeal (Legislation Act 2019, in force 28 October 2021) the
/// successor definition (Legislation Act 2019 s 13) is followed: Matariki is not
/// a working day from 2022 \[UNC: taken from the Te Kāhui o Matariki Public
/// Holiday Act 2022's consequential amendments, not read in the text\], nor is
/// Queen Elizabeth II Memorial Day (26 September 2022: MBIE, "a non-working day
/// for statutory and contractual provisions"). Outside 1987–2100 only weekends,
/// 25 December–2 January and `extra` are recognised.
pub fn is_working_day(date: Date, extra: &[Date]) -> bool {
    is_working_day_with(date, extra, WorkingDayRules::DEFAULT)
}

/// [`is_working_day`] with the uncertain items chosen by `rules`.
pub fn is_working_day_with(date: Date, extra: &[Date], rules: WorkingDayRules) -> bool {
    if date.weekday().is_weekend() || extra.contains(&date) {
        return false;
    }
    let (_, month, day) = date.ymd();
    if (month == 12 && day >= 25) || (month == 1 && day <= 2) {
        return false;
    }
    let list = year_list(date.year());
    let not_working = list
        .as_slice()
        .iter()
        .filter(|h| h.date == date)
        .any(|h| match h.holiday {
            // (a); the observed Waitangi and Anzac days, (e), exist only from 2014.
            Holiday::WaitangiDay
            | Holiday::GoodFriday
            | Holiday::EasterMonday
            | Holiday::AnzacDay
            | Holiday::SovereignsBirthday
            | Holiday::LabourDay
            | Holiday::Matariki
            | Holiday::QueenElizabethIIMemorialDay => true,
            // (c), (d): the days to which 1 and 2 January are transferred are
            // exactly "the following Monday (and Tuesday)" of those items.
            Holiday::NewYearsDay | Holiday::DayAfterNewYearsDay => {
                h.observed && rules.new_year_transfer
            }
            // 25 and 26 December and their observed days lie in 25 Dec – 2 Jan.
            Holiday::ChristmasDay | Holiday::BoxingDay => false,
        });
    !not_working
}

/// The first working day on or after `date` (Interpretation Act 1999 s 35(6):
/// a thing to be done on a day, or within a period whose last day, "is not a
/// working day" may be done on the next working day), with the default
/// [`WorkingDayRules`]. `None` only if no working day is left in the supported
/// range.
pub fn next_working_day_on_or_after(date: Date, extra: &[Date]) -> Option<Date> {
    next_working_day_on_or_after_with(date, extra, WorkingDayRules::DEFAULT)
}

/// [`next_working_day_on_or_after`] with the uncertain items chosen by `rules`.
pub fn next_working_day_on_or_after_with(
    date: Date,
    extra: &[Date],
    rules: WorkingDayRules,
) -> Option<Date> {
    let mut d = date;
    while !is_working_day_with(d, extra, rules) {
        d = d.succ()?;
    }
    Some(d)
}

/// The date `n` working days after `start` (`start` itself not counted,
/// Interpretation Act 1999 s 35(2)), with the default [`WorkingDayRules`]:
/// e.g. the "5 / 10 working days after … notified" of s 129O(3). `None` if the
/// count leaves the supported range. With `n == 0` the result is `start`.
pub fn working_days_after(start: Date, n: u32, extra: &[Date]) -> Option<Date> {
    working_days_after_with(start, n, extra, WorkingDayRules::DEFAULT)
}

/// [`working_days_after`] with the uncertain items chosen by `rules`.
pub fn working_days_after_with(
    start: Date,
    n: u32,
    extra: &[Date],
    rules: WorkingDayRules,
) -> Option<Date> {
    let mut d = start;
    let mut counted: u32 = 0;
    while counted < n {
        d = d.succ()?;
        if is_working_day_with(d, extra, rules) {
            counted = counted.saturating_add(1);
        }
    }
    Some(d)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, dd: u8) -> Date {
        Date::from_ymd(y, m, dd).unwrap()
    }

    #[test]
    // Sweeps a century of dates: pure arithmetic, far too slow under Miri.
    #[cfg_attr(miri, ignore)]
    fn sixteen_slots_are_enough_and_lists_are_sorted() {
        let mut most = 0;
        for year in FIRST_YEAR..=LAST_YEAR {
            let mut out = [HolidayDay {
                date: Date::EPOCH,
                holiday: Holiday::NewYearsDay,
                observed: false,
            }; MAX_HOLIDAYS_PER_YEAR];
            let n = holidays_in_year(year, &mut out);
            assert!(n <= MAX_HOLIDAYS_PER_YEAR, "{year}: {n}");
            assert!(n >= 10, "{year}: {n}");
            most = most.max(n);
            let list = &out[..n];
            for pair in list.windows(2) {
                assert!(pair[0].date <= pair[1].date, "{year}: {pair:?}");
            }
            for h in list {
                assert_eq!(h.date.year(), year);
                // An observed day is always a weekday; the actual day of a
                // transferred holiday is always a weekend day.
                if h.observed {
                    assert!(!h.date.weekday().is_weekend());
                }
            }
        }
        assert_eq!(most, MAX_HOLIDAYS_PER_YEAR);
    }

    #[test]
    // Sweeps a century of dates: pure arithmetic, far too slow under Miri.
    #[cfg_attr(miri, ignore)]
    fn the_fast_path_never_hides_a_holiday() {
        let mut total = 0;
        for year in FIRST_YEAR..=LAST_YEAR {
            for h in year_list(year).as_slice() {
                let (_, m, dd) = h.date.ymd();
                assert!(may_be_holiday(m, dd), "{h:?}");
                assert!(public_holiday(h.date).is_some(), "{h:?}");
                total += 1;
            }
        }
        // And a date that is no holiday is never reported as one.
        let first = Date::from_ymd(FIRST_YEAR, 1, 1).unwrap();
        let last = Date::from_ymd(LAST_YEAR, 12, 31).unwrap();
        let mut found = 0;
        for n in first.days()..=last.days() {
            let date = Date::from_days(n).unwrap();
            if let Some(h) = public_holiday(date) {
                assert_eq!(h.date, date);
                found += 1;
            }
        }
        // Coinciding holidays (Easter Monday = Anzac Day) share one date.
        assert!(found <= total && found + 10 > total, "{found} {total}");
    }

    #[test]
    fn out_of_range_years_are_empty() {
        let mut out = [HolidayDay {
            date: Date::EPOCH,
            holiday: Holiday::NewYearsDay,
            observed: false,
        }; 4];
        assert_eq!(holidays_in_year(1986, &mut out), 0);
        assert_eq!(holidays_in_year(2101, &mut out), 0);
        assert_eq!(public_holiday(d(1986, 12, 25)), None);
        // A short buffer gets the first entries; the count says how many exist.
        assert_eq!(holidays_in_year(2009, &mut out), 11);
        assert_eq!(out[0].date, d(2009, 1, 1));
        assert_eq!(out[3].holiday, Holiday::GoodFriday);
    }

    #[test]
    fn coinciding_holidays() {
        // 2011: Easter Monday is Anzac Day.
        let h = public_holiday(d(2011, 4, 25)).unwrap();
        assert_eq!(h.holiday, Holiday::EasterMonday);
        // 2038: Anzac Day is Easter Sunday; s 45A moves it onto Easter Monday.
        let h = public_holiday(d(2038, 4, 26)).unwrap();
        assert_eq!((h.holiday, h.observed), (Holiday::EasterMonday, false));
        let mut out = [public_holiday(d(2038, 1, 1)).unwrap(); MAX_HOLIDAYS_PER_YEAR];
        let n = holidays_in_year(2038, &mut out);
        assert!(out[..n]
            .iter()
            .any(|h| h.holiday == Holiday::AnzacDay && h.observed && h.date == d(2038, 4, 26)));
    }

    #[test]
    fn names() {
        assert_eq!(
            Holiday::SovereignsBirthday.name_in(2022),
            "Queen's Birthday"
        );
        assert_eq!(Holiday::SovereignsBirthday.name_in(2023), "King's Birthday");
        assert_eq!(Holiday::AnzacDay.name_in(2023), "Anzac Day");
        for h in Holiday::ALL {
            assert!(!h.name().is_empty());
        }
    }

    #[test]
    // Sweeps a century of dates: pure arithmetic, far too slow under Miri.
    #[cfg_attr(miri, ignore)]
    fn matariki_is_always_a_friday_and_ends_with_the_schedule() {
        for year in 2022..=2052 {
            assert_eq!(matariki(year).unwrap().weekday(), Weekday::Friday, "{year}");
        }
        assert_eq!(matariki(2021), None);
        assert_eq!(matariki(2053), None);
    }
}
