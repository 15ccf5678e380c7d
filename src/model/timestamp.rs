//! Times and dates as they appear in project files: UTC timestamps in RFC 3339 form
//! (`2026-11-23T13:40:05Z`) and publication dates as precise as the record allows
//! (`2025-12-17`, `2013-04`, `2020`). Stored as text so files stay readable and diff well.

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

    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    pub fn from_unix(seconds: u64) -> Timestamp {
        let days = seconds / 86_400;
        let rest = seconds % 86_400;
        let (year, month, day) = civil_from_days(days);
        Timestamp(format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            rest / 3600,
            rest / 60 % 60,
            rest % 60
        ))
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

/// Converts days since 1970-01-01 to (year, month, day) in the proleptic Gregorian
/// calendar (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// Whether `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
pub fn is_partial_date(date: &str) -> bool {
    let mut parts = date.split('-');
    let Some(year) = parts.next() else {
        return false;
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let number = |part: &str| -> Option<u32> {
        (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse().ok()).flatten()
    };
    let month = match parts.next() {
        None => return true,
        Some(part) => match number(part) {
            Some(m @ 1..=12) => m,
            _ => return false,
        },
    };
    let day = match parts.next() {
        None => return true,
        Some(part) => match number(part) {
            Some(d) => d,
            None => return false,
        },
    };
    let Ok(year) = year.parse::<u32>() else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    parts.next().is_none() && (1..=days_in_month).contains(&day)
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
        assert!(Timestamp::now().is_well_formed());
        assert!(!Timestamp("2025-12-17 17:59:00".into()).is_well_formed());
    }

    #[test]
    fn partial_dates() {
        for good in ["2025", "2013-04", "2025-12-17", "2024-02-29"] {
            assert!(is_partial_date(good), "{good}");
        }
        for bad in ["", "25", "2013-4", "2013-13", "2023-02-29", "2025-12-17-1", "14.07.2024"] {
            assert!(!is_partial_date(bad), "{bad}");
        }
    }
}
