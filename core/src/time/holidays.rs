//! New Zealand public holidays and the Immigration Act 1987 s 2(2) exclusion.
//!
//! STUB: the full calendar (computus, Mondayisation by year, Matariki) is being
//! written; this placeholder keeps the API compiling.

use super::civil::Date;

/// A New Zealand public holiday.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Holiday {
    /// 1 January.
    NewYearsDay,
    /// 2 January.
    DayAfterNewYearsDay,
    /// 6 February.
    WaitangiDay,
    /// Friday before Easter Sunday.
    GoodFriday,
    /// Monday after Easter Sunday.
    EasterMonday,
    /// 25 April.
    AnzacDay,
    /// First Monday in June.
    SovereignsBirthday,
    /// Matariki (from 2022).
    Matariki,
    /// Fourth Monday in October.
    LabourDay,
    /// 25 December.
    ChristmasDay,
    /// 26 December.
    BoxingDay,
}

/// The public holiday (if any) that falls on, or is observed on, `date`.
pub fn public_holiday(_date: Date) -> Option<Holiday> {
    None
}

/// s 2(2): true if `date` is excluded from an application or appeal period:
/// not a Saturday or Sunday, and a public holiday or one of `extra`.
pub fn s2_2_excluded(date: Date, extra: &[Date]) -> bool {
    !date.weekday().is_weekend() && (public_holiday(date).is_some() || extra.contains(&date))
}

/// The last day of a period of `n` days after `start` for making an application
/// or lodging an appeal, reckoned exclusive of the s 2(2) days.
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
