//! Times and dates as they appear in project files: UTC timestamps in RFC 3339 form
//! (`2026-11-23T13:40:05Z`) and publication dates as precise as the record allows
//! (`2025-12-17`, `2013-04`, `2020`). Stored as text so files stay readable and diff well.
//!
//! The calendar (days to year-month-day, leap years, days in a month) is `jiff`'s; this
//! module keeps only what is claimmark's own: the text forms, and dates that stop at the
//! year or the month, which `jiff` has no type for. It must not parse or write any other
//! form: what is in a file stays byte for byte as it was.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A UTC instant written as `YYYY-MM-DDTHH:MM:SSZ`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub String);

impl Timestamp {
    /// The current time, to the second.
    pub fn now() -> Timestamp {
        let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Timestamp::from_unix(seconds)
    }

    /// The instant `seconds` after 1970-01-01T00:00:00Z. Instants past `jiff`'s last one,
    /// 9999-12-30T22:00:00Z, are written as that one.
    pub fn from_unix(seconds: u64) -> Timestamp {
        let instant = i64::try_from(seconds)
            .ok()
            .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
            .unwrap_or(jiff::Timestamp::MAX);
        Timestamp(instant.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
    }

    /// The timestamp as written in the file.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the text has the form this type writes.
    pub fn is_well_formed(&self) -> bool {
        let s = self.0.as_bytes();
        s.len() == 20
            && is_partial_date(&self.0[..10])
            && s[10] == b'T'
            && s[19] == b'Z'
            && [11, 12, 14, 15, 17, 18].iter().all(|&i| s[i].is_ascii_digit())
            && s[13] == b':'
            && s[16] == b':'
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
pub fn is_partial_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |part: &&str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    if parts.len() > 3 || !parts.iter().zip([4, 2, 2]).all(|(part, len)| digits(part, len)) {
        return false;
    }
    // At most four digits each, so every part fits an i16.
    let numbers: Vec<i16> = parts.iter().filter_map(|part| part.parse().ok()).collect();
    match numbers[..] {
        [_] => true,
        [_, month] => (1..=12).contains(&month),
        [year, month, day] => match (i8::try_from(month), i8::try_from(day)) {
            (Ok(month), Ok(day)) => jiff::civil::Date::new(year, month, day).is_ok(),
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_times_format_as_utc() {
        assert_eq!(Timestamp::from_unix(0).as_str(), "1970-01-01T00:00:00Z");
        // 2024-02-29T23:59:59Z, a leap day.
        assert_eq!(Timestamp::from_unix(1_709_251_199).as_str(), "2024-02-29T23:59:59Z");
        assert_eq!(Timestamp::from_unix(1_765_994_340).as_str(), "2025-12-17T17:59:00Z");
        assert_eq!(Timestamp::from_unix(253_402_207_200).as_str(), "9999-12-30T22:00:00Z");
        assert_eq!(Timestamp::from_unix(u64::MAX).as_str(), "9999-12-30T22:00:00Z");
        assert!(Timestamp::now().is_well_formed());
        assert!(!Timestamp("2025-12-17 17:59:00".into()).is_well_formed());
    }

    #[test]
    fn partial_dates() {
        for good in ["2025", "2013-04", "2025-12-17", "2024-02-29", "2000-02-29", "0000-01"] {
            assert!(is_partial_date(good), "{good}");
        }
        for bad in [
            "",
            "25",
            "2013-4",
            "2013-13",
            "2013-00",
            "2023-02-29",
            "1900-02-29",
            "2025-04-31",
            "2025-12-17-1",
            "2025-",
            "14.07.2024",
        ] {
            assert!(!is_partial_date(bad), "{bad}");
        }
    }
}
