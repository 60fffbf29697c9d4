//! "Share technical details": an opt-in checkbox on the new-request form. Only when it is ticked does the browser
//! read the page address (without its query), browser, operating system, screen size, language and time zone;
//! the preview lists exactly those values, and the hidden `context` field carries the same values as JSON.
//! Without JavaScript nothing can be read, so the option is only offered once the page is live.

use leptos::prelude::*;

use crate::i18n::{t, use_locale, PortalKey};
use crate::user_agent::{describe, without_query};

/// The shared values in display order: (JSON key, value).
type Details = Vec<(&'static str, String)>;

#[component]
pub fn ContextShare() -> impl IntoView {
    let locale = use_locale();
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let details = RwSignal::new(None::<Details>);
    let toggle = move |ev: leptos::ev::Event| {
        details.set(event_target_checked(&ev).then(read_details));
    };
    let json = move || {
        details.get().map(|values| {
            let map: serde_json::Map<String, serde_json::Value> =
                values.into_iter().map(|(key, value)| (key.to_string(), serde_json::Value::String(value))).collect();
            serde_json::Value::Object(map).to_string()
        })
    };
    let label_for = move |key: &str| {
        t(
            locale,
            match key {
                "page_url" => PortalKey::ContextPage,
                "browser" => PortalKey::ContextBrowser,
                "os" => PortalKey::ContextOs,
                "screen" => PortalKey::ContextScreen,
                "language" => PortalKey::ContextLanguage,
                _ => PortalKey::ContextTimeZone,
            },
        )
    };

    view! {
        <Show when=move || live.get()>
            <div class="rounded-md border border-slate-200 bg-slate-50 p-3">
                <div class="flex items-start gap-2">
                    <input
                        type="checkbox"
                        id="share-context"
                        class="mt-0.5 h-4 w-4 rounded border-slate-400 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-600"
                        aria-describedby="share-context-hint"
                        on:change=toggle
                    />
                    <div>
                        <label for="share-context" class="text-sm font-medium text-slate-900">
                            {t(locale, PortalKey::ShareContext)}
                        </label>
                        <p id="share-context-hint" class="text-xs text-slate-600">{t(locale, PortalKey::ShareContextHint)}</p>
                    </div>
                </div>
                {move || {
                    details.get().map(|values| {
                        let rows = values
                            .into_iter()
                            .map(|(key, value)| {
                                view! {
                                    <div class="flex gap-2">
                                        <dt class="w-28 shrink-0 font-medium text-slate-700">{label_for(key)}</dt>
                                        <dd class="break-all text-slate-900" data-key=key>{value}</dd>
                                    </div>
                                }
                            })
                            .collect_view();
                        view! {
                            <div class="mt-2">
                                <p class="text-xs font-medium text-slate-700">{t(locale, PortalKey::ContextPreview)}</p>
                                <dl id="context-preview" class="mt-1 space-y-0.5 text-xs">{rows}</dl>
                            </div>
                        }
                    })
                }}
                {move || json().map(|value| view! { <input type="hidden" name="context" value=value /> })}
            </div>
        </Show>
    }
}

/// Reads the details in the browser (called only from the checkbox's change handler).
fn read_details() -> Details {
    let window = window();
    let navigator = window.navigator();
    let (browser, os) = describe(&navigator.user_agent().unwrap_or_default());
    let document = document();
    let referrer = document.referrer();
    let here = window.location().href().unwrap_or_default();
    let page = without_query(if referrer.is_empty() { &here } else { &referrer });
    let screen = window
        .screen()
        .ok()
        .and_then(|screen| Some(format!("{}x{}", screen.width().ok()?, screen.height().ok()?)))
        .unwrap_or_default();
    let language = navigator.language().unwrap_or_default();
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    let time_zone =
        js_sys::Reflect::get(&options, &"timeZone".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    vec![
        ("page_url", page),
        ("browser", browser),
        ("os", os),
        ("screen", screen),
        ("language", language),
        ("time_zone", time_zone),
    ]
}
