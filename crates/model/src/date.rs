//! Months and ranges of months: the time filter's unit.
//!
//! Articles are dated to the month (a day when known); the timeline counts
//! them per month and the URL keeps a range as `when=YYYY-MM..YYYY-MM`
//! (both ends included). One definition here, used by the geocoder that
//! dates the articles and by the app that filters them.
//!
//! ```
//! use model::{MonthRange, YearMonth};
//! let range: MonthRange = "2022-01..2022-10".parse()?;
//! assert!(range.contains("2022-10".parse::<YearMonth>()?));
//! assert!(!range.contains(YearMonth::new(2021, 12).unwrap()));
//! assert_eq!(range.to_string(), "2022-01..2022-10");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A month of a year (`2022-01`), ordered in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    /// The year (four digits).
    pub year: u16,
    /// The month, 1 (January) to 12.
    pub month: u8,
}

/// Why a month or a range could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a month YYYY-MM (or a range YYYY-MM..YYYY-MM)")]
pub struct BadMonth(pub String);

impl YearMonth {
    /// The month, if `month` is 1 to 12 and `year` has four digits.
    pub fn new(year: u16, month: u8) -> Option<YearMonth> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(YearMonth { year, month })
    }

    /// The month after this one.
    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                month: self.month + 1,
                ..self
            }
        }
    }

    /// How many months from `self` to `later` (0 when equal, negative when
    /// `later` is before).
    pub fn months_until(self, later: YearMonth) -> i32 {
        (i32::from(later.year) - i32::from(self.year)) * 12 + i32::from(later.month)
            - i32::from(self.month)
    }

    /// The month `count` months after this one (`count` may be negative).
    pub fn plus(self, count: i32) -> YearMonth {
        let index = i32::from(self.year) * 12 + i32::from(self.month) - 1 + count;
        YearMonth {
            year: u16::try_from(index.div_euclid(12)).unwrap_or(0),
            month: u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = BadMonth;

    /// Reads exactly `YYYY-MM`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || BadMonth(text.to_owned());
        let (year, month) = text.split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(bad());
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year) || !digits(month) {
            return Err(bad());
        }
        YearMonth::new(
            year.parse().map_err(|_| bad())?,
            month.parse().map_err(|_| bad())?,
        )
        .ok_or_else(bad)
    }
}

impl From<YearMonth> for String {
    fn from(month: YearMonth) -> String {
        month.to_string()
    }
}

impl TryFrom<String> for YearMonth {
    type Error = BadMonth;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

/// The months from `from` to `to`, both included (`from <= to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MonthRange {
    /// The first month shown.
    pub from: YearMonth,
    /// The last month shown.
    pub to: YearMonth,
}

impl MonthRange {
    /// The range between two months, in either order.
    pub fn new(a: YearMonth, b: YearMonth) -> MonthRange {
        MonthRange {
            from: a.min(b),
            to: a.max(b),
        }
    }

    /// Whether `month` is in the range.
    pub fn contains(&self, month: YearMonth) -> bool {
        self.from <= month && month <= self.to
    }

    /// How many months the range spans (1 for a single month).
    pub fn len(&self) -> usize {
        usize::try_from(self.from.months_until(self.to) + 1).unwrap_or(0)
    }

    /// Never empty: a range holds at least one month (kept for clippy's
    /// `len_without_is_empty`).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Every month of the range, in order.
    pub fn months(&self) -> impl Iterator<Item = YearMonth> {
        let from = self.from;
        (0..self.len()).map(move |i| from.plus(i32::try_from(i).unwrap_or(0)))
    }
}

impl fmt::Display for MonthRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.from, self.to)
    }
}

impl FromStr for MonthRange {
    type Err = BadMonth;

    /// Reads `YYYY-MM..YYYY-MM` (a single `YYYY-MM` is that month alone);
    /// ends in the wrong order are swapped.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = |_| BadMonth(text.to_owned());
        let (from, to) = text.split_once("..").unwrap_or((text, text));
        Ok(MonthRange::new(
            from.parse().map_err(bad)?,
            to.parse().map_err(bad)?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(text: &str) -> YearMonth {
        text.parse().unwrap()
    }

    #[test]
    fn reads_and_writes_months() {
        assert_eq!(ym("2022-01"), YearMonth::new(2022, 1).unwrap());
        assert_eq!(ym("2021-12").to_string(), "2021-12");
        for bad in [
            "2022-13",
            "2022-00",
            "22-01",
            "2022-1",
            "2022/01",
            "",
            "2022-01-06",
            "２０２２-01",
        ] {
            assert!(bad.parse::<YearMonth>().is_err(), "{bad}");
        }
    }

    #[test]
    fn counts_months_across_years() {
        assert_eq!(ym("2021-12").next(), ym("2022-01"));
        assert_eq!(ym("2021-11").months_until(ym("2022-02")), 3);
        assert_eq!(ym("2022-02").plus(-3), ym("2021-11"));
        let range: MonthRange = "2021-11..2022-02".parse().unwrap();
        assert_eq!(range.len(), 4);
        let months: Vec<String> = range.months().map(|m| m.to_string()).collect();
        assert_eq!(months, ["2021-11", "2021-12", "2022-01", "2022-02"]);
    }

    #[test]
    fn reads_ranges() {
        let range: MonthRange = "2022-10..2022-10".parse().unwrap();
        assert!(range.contains(ym("2022-10")));
        assert!(!range.contains(ym("2022-09")) && !range.contains(ym("2022-11")));
        assert_eq!(
            "2022-10..2021-01"
                .parse::<MonthRange>()
                .unwrap()
                .to_string(),
            "2021-01..2022-10"
        );
        assert_eq!(
            "2022-10".parse::<MonthRange>().unwrap().to_string(),
            "2022-10..2022-10"
        );
        assert!("2022-10..".parse::<MonthRange>().is_err());
        assert!("..2022-10".parse::<MonthRange>().is_err());
    }

    #[test]
    fn months_are_json_strings() {
        assert_eq!(
            serde_json::to_string(&ym("2022-01")).unwrap(),
            r#""2022-01""#
        );
        assert_eq!(
            serde_json::from_str::<YearMonth>(r#""2022-01""#).unwrap(),
            ym("2022-01")
        );
        assert!(serde_json::from_str::<YearMonth>(r#""2022-1""#).is_err());
    }
}
