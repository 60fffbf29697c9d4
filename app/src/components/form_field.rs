//! A labelled input with its error underneath, wired the way the UI contract and screen readers expect:
//! `<label for>`, `aria-invalid` and `aria-describedby="<id>-error"` only while there is an error.

use leptos::prelude::*;

use super::styles::{ERROR_TEXT, INPUT, LABEL};

/// One form control. `id` is what tests and labels use; `name` is what the server receives.
#[component]
pub fn FormField(
    /// Element id; the error paragraph gets `<id>-error`.
    id: &'static str,
    /// Form field name sent to the server.
    name: &'static str,
    /// Visible label text.
    #[prop(into)]
    label: String,
    /// `text`, `email`, `password`, ...
    #[prop(default = "text")]
    input_type: &'static str,
    /// Browser autofill hint.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Initial value (e.g. the email refilled after a failed sign-in).
    #[prop(optional, into)]
    value: Option<String>,
    /// Marks the field as required for assistive technology.
    #[prop(optional)]
    required: bool,
    /// The translated error for this field, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.with(|e| e.is_some()).then(|| error_id.clone())
    };
    let invalid = move || error.with(|e| e.is_some()).then_some("true");

    view! {
        <div class="space-y-1">
            <label for=id class=LABEL>
                {label}
            </label>
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                value=value
                required=required
                aria-invalid=invalid
                aria-describedby=described_by
                class=INPUT
            />
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p id=error_id.clone() role="alert" class=ERROR_TEXT>
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
