//! What a customer's browser shared when they filed a ticket (the page they were on, browser, OS, screen,
//! language, time zone), so staff need not ask. Nothing secret is kept: a page address loses its query
//! string, fragment and any user name or password, since those may carry tokens.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::input::FieldError;

/// The context a ticket was filed in. Every field is optional; only strings are accepted, each trimmed,
/// stripped of control characters and cut to [`TicketContext::MAX_CHARS`] characters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TicketContext {
    /// The page the customer was on, without query string or fragment.
    pub page_url: Option<String>,
    /// The title of that page (the widget sends the host page's `document.title`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_title: Option<String>,
    pub browser: Option<String>,
    pub os: Option<String>,
    /// E.g. `1920x1080`.
    pub screen: Option<String>,
    /// E.g. `de-DE`.
    pub language: Option<String>,
    /// E.g. `Europe/Berlin`.
    pub time_zone: Option<String>,
    /// The brand whose widget the ticket came through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// An email the visitor typed into the widget. Nobody checked that it is theirs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_unverified: Option<String>,
}

impl TicketContext {
    /// Long enough for any real user-agent string or page address; longer values are cut, not refused, so
    /// a widget never fails to file a ticket over its context.
    pub const MAX_CHARS: usize = 300;
    pub const FIELDS: [&'static str; 9] =
        ["page_url", "page_title", "browser", "os", "screen", "language", "time_zone", "brand", "email_unverified"];

    /// Reads a context object as a client sent it. Unknown keys and values that are neither strings nor
    /// null are refused (422 on `context`), so a typo or a smuggled blob is noticed instead of stored.
    /// `null` and empty values count as absent.
    pub fn from_json(value: &Value) -> Result<TicketContext, FieldError> {
        let object = value.as_object().ok_or_else(|| {
            FieldError::new("context", "invalid_context", "Send the context as a JSON object of strings.")
        })?;
        let mut context = TicketContext::default();
        for (key, raw) in object {
            let text = match raw {
                Value::Null => continue,
                Value::String(text) => text,
                _ => {
                    return Err(FieldError::new(
                        "context",
                        "invalid_context",
                        format!("The context value \"{key}\" must be a string."),
                    ))
                }
            };
            let slot = match key.as_str() {
                "page_url" => &mut context.page_url,
                "page_title" => &mut context.page_title,
                "browser" => &mut context.browser,
                "os" => &mut context.os,
                "screen" => &mut context.screen,
                "language" => &mut context.language,
                "time_zone" => &mut context.time_zone,
                "brand" => &mut context.brand,
                "email_unverified" => &mut context.email_unverified,
                _ => {
                    return Err(FieldError::new(
                        "context",
                        "unknown_context_field",
                        format!("Unknown context field \"{key}\"; use {}.", Self::FIELDS.join(", ")),
                    ))
                }
            };
            *slot = clean(text);
        }
        context.page_url = context.page_url.as_deref().and_then(|url| clean(&strip_secrets(url)));
        Ok(context)
    }

    /// Whether nothing was shared (then nothing is stored).
    pub fn is_empty(&self) -> bool {
        *self == TicketContext::default()
    }
}

/// Control characters removed, trimmed, cut to the cap; `None` when nothing is left.
fn clean(raw: &str) -> Option<String> {
    let text: String = raw.chars().filter(|c| !c.is_control()).collect();
    let text: String = text.trim().chars().take(TicketContext::MAX_CHARS).collect();
    let text = text.trim_end().to_string();
    (!text.is_empty()).then_some(text)
}

/// The address without `?query`, `#fragment` or `user:password@`.
fn strip_secrets(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let url = &url[..end];
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(value: Value) -> Result<TicketContext, FieldError> {
        TicketContext::from_json(&value)
    }

    #[test]
    fn known_string_fields_are_kept_trimmed() {
        let context = parse(json!({
            "page_url": " https://shop.example.com/cart ",
            "browser": "Firefox 128",
            "os": "Linux",
            "screen": "1920x1080",
            "language": "de-DE",
            "time_zone": "Europe/Berlin",
            "page_title": " Cart – Shop ",
        }))
        .unwrap();
        assert_eq!(context.page_url.as_deref(), Some("https://shop.example.com/cart"));
        assert_eq!(context.page_title.as_deref(), Some("Cart – Shop"));
        assert_eq!(context.browser.as_deref(), Some("Firefox 128"));
        assert_eq!(context.time_zone.as_deref(), Some("Europe/Berlin"));
        assert_eq!(
            parse(json!({"os": "Linux"})).unwrap(),
            TicketContext { os: Some("Linux".into()), ..Default::default() }
        );
    }

    #[test]
    fn page_addresses_lose_everything_that_may_carry_a_token() {
        let cases = [
            ("https://app.example.com/reset?token=abc123#step2", "https://app.example.com/reset"),
            ("https://app.example.com/a#access_token=xyz", "https://app.example.com/a"),
            ("https://user:s3cret@app.example.com/admin?x=1", "https://app.example.com/admin"),
            ("https://app.example.com", "https://app.example.com"),
            ("/relative/page?session=1", "/relative/page"),
        ];
        for (raw, want) in cases {
            let context = parse(json!({ "page_url": raw })).unwrap();
            assert_eq!(context.page_url.as_deref(), Some(want), "{raw}");
        }
        assert_eq!(parse(json!({"page_url": "?only=query"})).unwrap().page_url, None);
    }

    #[test]
    fn unknown_keys_and_non_strings_are_refused_on_the_context_field() {
        for (value, code) in [
            (json!({"cookies": "a=b"}), "unknown_context_field"),
            (json!({"browser": 42}), "invalid_context"),
            (json!({"browser": {"name": "x"}}), "invalid_context"),
            (json!({"os": ["Linux"]}), "invalid_context"),
            (json!(["page_url"]), "invalid_context"),
            (json!("https://example.com"), "invalid_context"),
        ] {
            let error = parse(value.clone()).unwrap_err();
            assert_eq!((error.field, error.code), ("context", code), "{value}");
        }
    }

    #[test]
    fn values_are_capped_cleaned_and_empty_ones_dropped() {
        let long = "é".repeat(500);
        let context = parse(json!({"browser": long, "os": "  ", "screen": null, "language": "de\u{0}-DE\n"})).unwrap();
        assert_eq!(context.browser.as_ref().map(|b| b.chars().count()), Some(TicketContext::MAX_CHARS));
        assert_eq!((context.os, context.screen), (None, None));
        assert_eq!(context.language.as_deref(), Some("de-DE"));
        assert!(parse(json!({})).unwrap().is_empty());
        assert!(!parse(json!({"os": "Linux"})).unwrap().is_empty());
    }

    #[test]
    fn stored_context_reads_back_the_same() {
        let context = parse(json!({"page_url": "https://example.com/help", "screen": "390x844"})).unwrap();
        let text = serde_json::to_string(&context).unwrap();
        assert_eq!(serde_json::from_str::<TicketContext>(&text).unwrap(), context);
    }
}
