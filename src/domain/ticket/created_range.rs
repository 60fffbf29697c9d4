//! The "created between" filter of a ticket list, as people write it: a day (`2024-05-01`, read in UTC)
//! or an exact instant in RFC 3339. A day as the upper bound includes that whole day.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, SubsecRound, Utc};

use crate::domain::input::FieldError;

/// Tickets created at or after `from` and strictly before `before`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CreatedRange {
    pub from: Option<DateTime<Utc>>,
    pub before: Option<DateTime<Utc>>,
}

impl CreatedRange {
    /// Parses `created_from` and `created_to`; a bad value is a 422 naming its field, and a range that ends
    /// before it starts is refused on `created_to`.
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<CreatedRange, FieldError> {
        CreatedRange::parse_fields(from, to, ("created_from", "created_to"))
    }

    /// The same rules for another pair of fields (`resolved_from` and `resolved_to`), errors naming them.
    pub fn parse_fields(
        from: Option<&str>,
        to: Option<&str>,
        (from_field, to_field): (&'static str, &'static str),
    ) -> Result<CreatedRange, FieldError> {
        let from =
            from.filter(|raw| !raw.trim().is_empty()).map(|raw| parse_from(raw.trim(), from_field)).transpose()?;
        let before = to.filter(|raw| !raw.trim().is_empty()).map(|raw| parse_to(raw.trim(), to_field)).transpose()?;
        if let (Some(from), Some(before)) = (from, before) {
            if before <= from {
                return Err(FieldError::new(to_field, "invalid_range", "The range ends before it starts."));
            }
        }
        Ok(CreatedRange { from, before })
    }
}

fn invalid(field: &'static str) -> FieldError {
    FieldError::new(field, "invalid_date", "Give a date like 2024-05-01 or a time like 2024-05-01T09:30:00Z.")
}

fn parse_from(raw: &str, field: &'static str) -> Result<DateTime<Utc>, FieldError> {
    if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Ok(day.and_time(NaiveTime::MIN).and_utc());
    }
    DateTime::parse_from_rfc3339(raw).map(|at| at.with_timezone(&Utc)).map_err(|_| invalid(field))
}

/// The exclusive bound: the next midnight for a day, just after the instant for a time (stored times
/// have microsecond precision).
fn parse_to(raw: &str, field: &'static str) -> Result<DateTime<Utc>, FieldError> {
    if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        let next = day.checked_add_days(Days::new(1)).ok_or_else(|| invalid(field))?;
        return Ok(next.and_time(NaiveTime::MIN).and_utc());
    }
    let at = DateTime::parse_from_rfc3339(raw).map_err(|_| invalid(field))?.with_timezone(&Utc);
    Ok(at.trunc_subsecs(6) + chrono::Duration::microseconds(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(raw).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn days_cover_whole_utc_days() {
        let range = CreatedRange::parse(Some("2024-05-01"), Some("2024-05-31")).unwrap();
        assert_eq!(range.from, Some(at("2024-05-01T00:00:00Z")));
        assert_eq!(range.before, Some(at("2024-06-01T00:00:00Z")));
        let one_day = CreatedRange::parse(Some("2024-02-29"), Some("2024-02-29")).unwrap();
        assert_eq!(one_day.before, Some(at("2024-03-01T00:00:00Z")));
    }

    #[test]
    fn instants_are_inclusive_and_any_offset_works() {
        let range = CreatedRange::parse(Some("2024-05-01T10:00:00+02:00"), Some("2024-05-01T12:00:00.5Z")).unwrap();
        assert_eq!(range.from, Some(at("2024-05-01T08:00:00Z")));
        assert_eq!(range.before, Some(at("2024-05-01T12:00:00.500001Z")));
        assert_eq!(CreatedRange::parse(None, None), Ok(CreatedRange::default()));
        assert_eq!(CreatedRange::parse(Some(" "), Some("")), Ok(CreatedRange::default()));
    }

    #[test]
    fn bad_values_name_their_field() {
        for (from, to, field, code) in [
            (Some("yesterday"), None, "created_from", "invalid_date"),
            (Some("2024-13-01"), None, "created_from", "invalid_date"),
            (None, Some("2024-05-01 10:00"), "created_to", "invalid_date"),
            (None, Some("01.05.2024"), "created_to", "invalid_date"),
            (Some("2024-05-02"), Some("2024-05-01"), "created_to", "invalid_range"),
        ] {
            let error = CreatedRange::parse(from, to).unwrap_err();
            assert_eq!((error.field, error.code), (field, code), "{from:?} {to:?}");
        }
    }

    #[test]
    fn the_resolved_range_names_its_own_fields() {
        let fields = ("resolved_from", "resolved_to");
        let error = CreatedRange::parse_fields(Some("2024-05-02"), Some("2024-05-01"), fields).unwrap_err();
        assert_eq!((error.field, error.code), ("resolved_to", "invalid_range"));
        let error = CreatedRange::parse_fields(Some("soon"), None, fields).unwrap_err();
        assert_eq!(error.field, "resolved_from");
        let range = CreatedRange::parse_fields(Some("2024-05-01"), Some("2024-05-01"), fields).unwrap();
        assert_eq!((range.from, range.before), (Some(at("2024-05-01T00:00:00Z")), Some(at("2024-05-02T00:00:00Z"))));
    }
}
