//! Customer satisfaction: the 1-5 rating with an optional comment, and when a ticket gets its one survey.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::input::FieldError;
use crate::domain::ticket::TicketStatus;

/// A rating from 1 (very unhappy) to 5 (very happy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct CsatRating(u8);

impl CsatRating {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(value: u8) -> Result<CsatRating, FieldError> {
        if (CsatRating::MIN..=CsatRating::MAX).contains(&value) {
            Ok(CsatRating(value))
        } else {
            Err(FieldError::new("rating", "out_of_range", "Rate from 1 to 5."))
        }
    }

    /// From a number as JSON or a form gives it.
    pub fn from_i64(value: i64) -> Result<CsatRating, FieldError> {
        u8::try_from(value).map_err(|_| CsatRating::new(0).unwrap_err()).and_then(CsatRating::new)
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for CsatRating {
    type Error = FieldError;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        CsatRating::new(value)
    }
}

impl From<CsatRating> for u8 {
    fn from(rating: CsatRating) -> u8 {
        rating.0
    }
}

impl fmt::Display for CsatRating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The optional free text with a rating: trimmed, blank means none, at most [`CsatComment::MAX_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CsatComment(String);

impl CsatComment {
    pub const MAX_CHARS: usize = 2000;

    pub fn parse(raw: Option<&str>) -> Result<Option<CsatComment>, FieldError> {
        let Some(text) = raw.map(str::trim).filter(|text| !text.is_empty()) else {
            return Ok(None);
        };
        if text.chars().count() > CsatComment::MAX_CHARS {
            return Err(FieldError::new(
                "comment",
                "too_long",
                format!("Keep the comment under {} characters.", CsatComment::MAX_CHARS),
            ));
        }
        Ok(Some(CsatComment(text.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What decides whether a ticket gets a survey now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SurveyCandidate {
    pub status: TicketStatus,
    pub merged_duplicate: bool,
    /// A survey was sent for this ticket before (even if it was resolved, reopened and resolved again since).
    pub survey_already_sent: bool,
}

/// A ticket is asked once, when it is resolved; never a merged duplicate (its customer is asked on the ticket it was
/// merged into), never twice.
pub fn should_send_survey(candidate: SurveyCandidate) -> bool {
    candidate.status == TicketStatus::Resolved && !candidate.merged_duplicate && !candidate.survey_already_sent
}

/// How long a survey link works.
pub const SURVEY_VALID_DAYS: i64 = 30;

/// Where a survey is answered: `{public_url}/csat/{token}`, or site-relative without a public address.
pub fn survey_link(public_url: Option<&str>, token: &str) -> String {
    format!("{}/csat/{token}", public_url.unwrap_or("").trim_end_matches('/'))
}

/// The message that asks the customer, in their language.
pub fn survey_invitation(locale: crate::domain::Locale, link: &str) -> String {
    match locale {
        crate::domain::Locale::De => format!(
            "Ihre Anfrage ist gelöst. Wie zufrieden waren Sie mit unserer Hilfe? Bewerten Sie sie von 1 bis 5 \
             (dauert nur Sekunden):\n{link}\nDer Link gilt einmal und {SURVEY_VALID_DAYS} Tage lang."
        ),
        crate::domain::Locale::En => format!(
            "Your request is resolved. How satisfied were you with our help? Rate it from 1 to 5 (it takes \
             seconds):\n{link}\nThe link works once, for {SURVEY_VALID_DAYS} days."
        ),
    }
}
