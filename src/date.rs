//! Dates of articles and records: one checked form for every place a date comes in (a JSONL
//! `date` or `year`, `--date`, a file name).
//!
//! A date decides which office holder a title names and which known alignment applies, so a
//! wrong one silently changes results: "2018-13-45", "garbage" and "tomorrow" are errors, not
//! unknown dates. Calendar checks are jiff's.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;

/// A checked date: a calendar day, or a whole year when that is all the source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NewsDate {
    /// One day.
    Day(Date),
    /// A year (1900-2100).
    Year(i16),
}

/// Years accepted: wide enough for any news archive, narrow enough to catch typos ("20188").
const YEARS: std::ops::RangeInclusive<i16> = 1900..=2100;

impl NewsDate {
    /// Parses "YYYY-MM-DD", "YYYYMMDD" or "YYYY"; longer ISO forms ("2016-12-13T08:00:00Z") are
    /// cut to their day.
    pub fn parse(s: &str) -> Result<NewsDate, String> {
        let s = s.trim();
        let bad = || format!("\"{s}\" is not a date (YYYY-MM-DD or YYYY)");
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            let y: i16 = s.parse().map_err(|_| bad())?;
            return if YEARS.contains(&y) {
                Ok(NewsDate::Year(y))
            } else {
                Err(format!(
                    "year {y} is outside {}-{}",
                    YEARS.start(),
                    YEARS.end()
                ))
            };
        }
        let day = if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
            format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..])
        } else if s.len() >= 10 && s.is_char_boundary(10) {
            let (d, rest) = s.split_at(10);
            if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
                return Err(bad());
            }
            d.to_string()
        } else {
            return Err(bad());
        };
        let shape = day.len() == 10
            && day.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape {
            return Err(bad());
        }
        let date =
            Date::from_str(&day).map_err(|e| format!("\"{s}\" is not a calendar day: {e}"))?;
        if !YEARS.contains(&date.year()) {
            return Err(format!(
                "year {} is outside {}-{}",
                date.year(),
                YEARS.start(),
                YEARS.end()
            ));
        }
        Ok(NewsDate::Day(date))
    }

    /// Today (UTC), for the model card.
    pub fn today() -> Date {
        jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
    }
}

impl fmt::Display for NewsDate {
    /// "YYYY-MM-DD" or "YYYY": the form every other part of the tool reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewsDate::Day(d) => write!(f, "{d}"),
            NewsDate::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl FromStr for NewsDate {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        NewsDate::parse(s)
    }
}

/// Checks a date and gives it in the tool's form ("YYYY-MM-DD" or "YYYY").
pub fn normalise(s: &str) -> Result<String, String> {
    NewsDate::parse(s).map(|d| d.to_string())
}

/// A date written in a file name ("2016-12-13-aleppo.txt", "20180414-douma.txt",
/// "aleppo-2016.txt"): news archives name files so. A full day wins over a bare year (the latest
/// year of 2000-2030 when there are several); impossible days ("2018-13-45") are not dates.
pub fn in_file_name(name: &str) -> Option<String> {
    let b = name.as_bytes();
    let digits_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let run_len = |i: usize| (i..b.len()).take_while(|&k| digits_at(k)).count();
    let mut i = 0;
    while i < b.len() {
        if !digits_at(i) || (i > 0 && digits_at(i - 1)) {
            i += 1;
            continue;
        }
        let n = run_len(i);
        let candidate = if n == 8 {
            Some(&name[i..i + 8])
        } else if n == 4
            && b.get(i + 4) == Some(&b'-')
            && run_len(i + 5) == 2
            && b.get(i + 7) == Some(&b'-')
            && run_len(i + 8) == 2
        {
            Some(&name[i..i + 10])
        } else {
            None
        };
        if let Some(Ok(NewsDate::Day(d))) = candidate.map(NewsDate::parse) {
            return Some(d.to_string());
        }
        i += n;
    }
    crate::actors::latest_year(name).map(|y| y.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert_eq!(normalise("2016-12-13").unwrap(), "2016-12-13");
        assert_eq!(normalise("2016").unwrap(), "2016");
        assert_eq!(normalise("20180414").unwrap(), "2018-04-14");
        assert_eq!(normalise("2016-12-13T08:30:00Z").unwrap(), "2016-12-13");
        for bad in [
            "garbage",
            "tomorrow",
            "2018-13-45",
            "2019-02-29",
            "20188",
            "16-12-2013",
            "",
        ] {
            assert!(normalise(bad).is_err(), "{bad}");
        }
        assert!(normalise("2020-02-29").is_ok(), "a leap day");
    }

    #[test]
    fn dates_are_read_from_file_names() {
        assert_eq!(in_file_name("aleppo-2016").as_deref(), Some("2016"));
        assert_eq!(
            in_file_name("2016-12-13-aleppo").as_deref(),
            Some("2016-12-13")
        );
        assert_eq!(
            in_file_name("20180414-douma").as_deref(),
            Some("2018-04-14")
        );
        assert_eq!(
            in_file_name("douma_20180414").as_deref(),
            Some("2018-04-14")
        );
        assert_eq!(in_file_name("report_2013_v2").as_deref(), Some("2013"));
        assert_eq!(in_file_name("2018-13-45-x").as_deref(), Some("2018"));
        assert_eq!(in_file_name("article-12345"), None);
        assert_eq!(in_file_name("aleppo"), None);
        assert_eq!(in_file_name("scan-1999"), None);
    }
}
