//! The short number people quote for a ticket ("about #1042"), separate from its opaque id so that it can be
//! read out on the phone and typed into a search box.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::domain::input::FieldError;

/// A ticket's human-facing number; shown with a leading `#`, sent on the wire as a plain integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct TicketNumber(pub u64);

impl TicketNumber {
    pub fn get(self) -> u64 {
        self.0
    }

    /// Accepts what people type: `#1042`, `1042`, with surrounding spaces. Signs, spaces after the `#` and
    /// anything but ASCII digits are refused, so a search box can tell a number from free text.
    pub fn parse(raw: &str) -> Result<TicketNumber, FieldError> {
        let invalid = || FieldError::new("number", "invalid_ticket_number", "Enter a ticket number, like #1042.");
        let trimmed = raw.trim();
        let digits = trimmed.strip_prefix('#').unwrap_or(trimmed);
        if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(invalid());
        }
        digits.parse::<u64>().map(TicketNumber).map_err(|_| invalid())
    }
}

impl From<u64> for TicketNumber {
    fn from(value: u64) -> TicketNumber {
        TicketNumber(value)
    }
}

impl FromStr for TicketNumber {
    type Err = FieldError;

    fn from_str(raw: &str) -> Result<TicketNumber, FieldError> {
        TicketNumber::parse(raw)
    }
}

impl fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_with_a_hash() {
        assert_eq!(TicketNumber(1042).to_string(), "#1042");
        assert_eq!(TicketNumber::from(7).to_string(), "#7");
    }

    #[test]
    fn numbers_parse_with_or_without_the_hash() {
        for raw in ["#1042", "1042", "  #1042 ", "#01042"] {
            assert_eq!(TicketNumber::parse(raw), Ok(TicketNumber(1042)), "{raw:?}");
        }
        assert_eq!("#18446744073709551615".parse::<TicketNumber>().map(TicketNumber::get), Ok(u64::MAX));
        let round_trip = TicketNumber(99);
        assert_eq!(TicketNumber::parse(&round_trip.to_string()), Ok(round_trip));
    }

    #[test]
    fn anything_else_is_not_a_number() {
        for bad in ["", "#", "##1042", "# 1042", "+1042", "-1", "10 42", "1042a", "١٠٤٢", "#18446744073709551616"] {
            assert_eq!(TicketNumber::parse(bad).unwrap_err().code, "invalid_ticket_number", "{bad:?}");
        }
    }
}
