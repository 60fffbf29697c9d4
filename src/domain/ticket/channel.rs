//! Where a conversation came in. A conversation on any channel is a ticket, so this is just a label on it
//! that decides how replies travel back.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The signed-in customer portal.
    Portal,
    /// The embeddable widget's ticket form.
    Widget,
    /// Live chat (the widget's conversation view).
    Chat,
    Email,
    Whatsapp,
    Telegram,
    /// Created by an integration through the REST API.
    Api,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Portal,
        Channel::Widget,
        Channel::Chat,
        Channel::Email,
        Channel::Whatsapp,
        Channel::Telegram,
        Channel::Api,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::Widget => "widget",
            Channel::Chat => "chat",
            Channel::Email => "email",
            Channel::Whatsapp => "whatsapp",
            Channel::Telegram => "telegram",
            Channel::Api => "api",
        }
    }

    /// Parses the wire name of a channel; anything else is refused (and reported as 422 upstream).
    pub fn parse(value: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|channel| channel.as_str() == value)
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::StrDeserializer, IntoDeserializer};

    #[test]
    fn channels_use_the_wire_names_from_the_api() {
        let names: Vec<&str> = Channel::ALL.iter().map(|channel| channel.as_str()).collect();
        assert_eq!(names, ["portal", "widget", "chat", "email", "whatsapp", "telegram", "api"]);
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
            let wire: StrDeserializer<serde::de::value::Error> = channel.as_str().into_deserializer();
            assert_eq!(Channel::deserialize(wire), Ok(channel));
        }
        for bad in ["WhatsApp", "whats_app", "sms", ""] {
            assert_eq!(Channel::parse(bad), None, "{bad:?}");
        }
    }
}
