//! What a plain form handler reports back through the address: `?notice=<code>` after a success (shown in the
//! page's one `role="status"` element) and `?error=<code>&field=<field>` after a refusal (shown next to the field).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tidings::domain::Locale;

use super::styles::STATUS_TEXT;
use crate::i18n::{error_text, notice_text, use_locale};

/// The page's status line; always present (empty without a notice) so screen readers announce it.
#[component]
pub fn PageNotice(
    /// A message set by JavaScript (e.g. after saving through a server function); wins over the address.
    #[prop(optional, into)]
    live: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let from_query =
        move || query.with(|q| q.get("notice")).and_then(|code| notice_text(locale, &code)).map(str::to_string);
    let text = move || live.and_then(|live| live.get()).or_else(from_query);
    view! {
        <p role="status" id="page-notice" class=format!("min-h-5 {STATUS_TEXT}")>
            {text}
        </p>
    }
}

/// A refusal reported in the address, translated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryError {
    pub field: Option<String>,
    pub message: Option<String>,
}

impl QueryError {
    /// Reads `?error=&field=`; `fields` are the fields the form shows (others count as form-wide).
    pub fn read(locale: Locale, error: Option<String>, field: Option<String>, fields: &[&str]) -> QueryError {
        let message = error.map(|code| {
            error_text(locale, &code).unwrap_or_else(|| error_text(locale, "internal").unwrap_or_default())
        });
        let field = field.filter(|field| fields.contains(&field.as_str()));
        QueryError { field, message }
    }

    /// The message for `field`, if the error belongs to it.
    pub fn for_field(&self, field: &str) -> Option<String> {
        self.message.clone().filter(|_| self.field.as_deref() == Some(field))
    }

    /// The message when it belongs to no field the form shows.
    pub fn general(&self) -> Option<String> {
        self.message.clone().filter(|_| self.field.is_none())
    }
}

/// `?error=` and `?field=` of the current address.
pub fn use_query_error(fields: &'static [&'static str]) -> Memo<QueryError> {
    let locale = use_locale();
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| QueryError::read(locale, q.get("error"), q.get("field"), fields)))
}
