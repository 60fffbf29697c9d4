//! How ticket values are written for people: numbers, times and file sizes. Times are shown in UTC with the
//! zone named, so the server-rendered page and the hydrated one say exactly the same.

use chrono::{DateTime, Utc};

/// `#1042`.
pub fn ticket_ref(number: u64) -> String {
    format!("#{number}")
}

/// `2024-05-01 14:03 UTC`.
pub fn date_time(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// `2024-05-01`.
pub fn date(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// The machine-readable value for `<time datetime>`.
pub fn iso(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `512 B`, `1.4 KB`, `3.0 MB`.
pub fn file_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let value = bytes as f64;
    if value < KB {
        format!("{bytes} B")
    } else if value < KB * KB {
        format!("{:.1} KB", value / KB)
    } else {
        format!("{:.1} MB", value / (KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn values_read_the_same_everywhere() {
        let at = Utc.with_ymd_and_hms(2024, 5, 1, 14, 3, 9).unwrap();
        assert_eq!(date_time(&at), "2024-05-01 14:03 UTC");
        assert_eq!(date(&at), "2024-05-01");
        assert_eq!(iso(&at), "2024-05-01T14:03:09Z");
        assert_eq!(ticket_ref(1042), "#1042");
        assert_eq!(file_size(512), "512 B");
        assert_eq!(file_size(1434), "1.4 KB");
        assert_eq!(file_size(3 * 1024 * 1024), "3.0 MB");
    }
}
