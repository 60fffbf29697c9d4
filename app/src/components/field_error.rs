//! The error paragraph under a control (`<p id="<id>-error" role="alert">`) and the matching `aria-describedby`.

use leptos::prelude::*;

use super::styles::ERROR_TEXT;

/// Renders nothing without a message.
#[component]
pub fn FieldError(
    /// The control's id; the paragraph gets `<id>-error`.
    id: &'static str,
    message: Option<String>,
) -> impl IntoView {
    message.map(|message| {
        view! {
            <p id=format!("{id}-error") role="alert" class=ERROR_TEXT>
                {message}
            </p>
        }
    })
}

/// `aria-describedby` for a control: its error paragraph while there is one.
pub fn described_by(id: &str, message: &Option<String>) -> Option<String> {
    message.as_ref().map(|_| format!("{id}-error"))
}
