//! The HTML of the widget's frame: a small server-rendered page (no wasm), so the first open stays light. Leptos
//! escapes every value; the brand colour reaches CSS only as a validated `#rrggbb`. The page's script
//! (`/widget-frame.js`) drives it through the element ids below, which the end-to-end tests rely on too.

use leptos::prelude::*;
use tidings::domain::{BrandColor, Locale};

use super::assets::{FRAME_SCRIPT, FRAME_STYLE};
use super::texts::{script_texts, Text};

/// Everything the frame page shows or hands to its script.
pub struct FramePage {
    pub locale: Locale,
    pub slug: String,
    pub name: String,
    pub color: BrandColor,
    pub chat_available: bool,
    /// The host page's address and title, as the loader passed them (shared with tickets as context).
    pub page_url: String,
    pub page_title: String,
    /// The visitor's browser and operating system, read from the frame request's `User-Agent`.
    pub browser: String,
    pub os: String,
}

/// The whole document. `nonce` admits the one inline `<style>` (the brand colour) under the page's CSP.
pub fn render_frame(page: FramePage, nonce: &str) -> String {
    let locale = page.locale;
    let t = move |text: Text| text.get(locale);
    let brand_style = format!(":root{{--brand:{};--brand-ink:{}}}", page.color.as_str(), page.color.ink());
    let (live_hidden, offline_hidden) = (!page.chat_available, page.chat_available);
    let body = view! {
        <body
            id="tidings-frame"
            data-brand=page.slug
            data-lang=locale.as_str()
            data-color=page.color.as_str().to_string()
            data-ink=page.color.ink()
            data-chat-available=page.chat_available.to_string()
            data-page=page.page_url
            data-page-title=page.page_title
            data-browser=page.browser
            data-os=page.os
            data-texts=script_texts(locale)
        >
            <header class="top">
                <div>
                    <h1 id="widget-heading">{page.name.clone()}</h1>
                    <p class="sub">{t(Text::Greeting)}</p>
                </div>
                <button type="button" id="widget-close" class="icon" aria-label=t(Text::Close)>
                    "×"
                </button>
            </header>
            <main>
                <div role="tablist" id="widget-tabs" aria-label=t(Text::Tabs)>
                    {tab("faq", t(Text::TabFaq), true)}
                    {tab("ticket", t(Text::TabTicket), false)}
                    {tab("chat", t(Text::TabChat), false)}
                </div>
                {faq_panel(locale)} {ticket_panel(locale)} {chat_panel(locale, live_hidden, offline_hidden)}
            </main>
            <noscript>
                <p class="empty">{t(Text::NeedsJavaScript)}</p>
            </noscript>
        </body>
    };
    document(locale, &page.name, Some((&brand_style, nonce)), body.into_any())
}

/// The page for a brand nobody set up (404) or when the brand could not be read (500): still HTML, still framable,
/// so the host page shows a sentence instead of a browser error.
pub fn render_problem(locale: Locale, title: Text, text: Text) -> String {
    let body = view! {
        <body id="tidings-frame" class="problem">
            <main>
                <h1 id="widget-heading">{title.get(locale)}</h1>
                <p class="empty">{text.get(locale)}</p>
            </main>
        </body>
    };
    document(locale, title.get(locale), None, body.into_any())
}

fn document(locale: Locale, title: &str, style: Option<(&str, &str)>, body: AnyView) -> String {
    let title = format!("{} · {title}", Text::Support.get(locale));
    let style = style.map(|(css, nonce)| view! { <style nonce=nonce.to_string()>{css.to_string()}</style> });
    view! {
        <!DOCTYPE html>
        <html lang=locale.as_str()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="robots" content="noindex" />
                <title>{title}</title>
                <link rel="stylesheet" href=format!("/widget-frame.css?v={}", FRAME_STYLE.version()) />
                {style}
                <script src=format!("/widget-frame.js?v={}", FRAME_SCRIPT.version()) defer></script>
            </head>
            {body}
        </html>
    }
    .to_html()
}

fn tab(name: &'static str, label: &'static str, selected: bool) -> impl IntoView {
    view! {
        <button
            type="button"
            role="tab"
            id=format!("tab-{name}")
            aria-controls=format!("panel-{name}")
            aria-selected=selected.to_string()
            tabindex=if selected { "0" } else { "-1" }
        >
            {label}
        </button>
    }
}

fn faq_panel(locale: Locale) -> impl IntoView {
    let t = move |text: Text| text.get(locale);
    view! {
        <section role="tabpanel" id="panel-faq" aria-labelledby="tab-faq" tabindex="0">
            <form id="faq-form" role="search">
                <label for="faq-query">{t(Text::FaqSearch)}</label>
                <div class="row">
                    <input id="faq-query" name="q" type="search" autocomplete="off" />
                    <button id="faq-submit" type="submit">{t(Text::Search)}</button>
                </div>
            </form>
            <ul id="faq-results" class="articles" hidden></ul>
            <p id="faq-empty" class="empty" aria-live="polite">{t(Text::FaqEmpty)}</p>
        </section>
    }
}

fn ticket_panel(locale: Locale) -> impl IntoView {
    let t = move |text: Text| text.get(locale);
    view! {
        <section role="tabpanel" id="panel-ticket" aria-labelledby="tab-ticket" tabindex="0" hidden>
            <form id="ticket-form" novalidate>
                <p class="hint">{t(Text::TicketIntro)}</p>
                {field("ticket", "name", t(Text::Name), Input::Line("text", "name"))}
                {field("ticket", "email", t(Text::Email), Input::Line("email", "email"))}
                {field("ticket", "subject", t(Text::Subject), Input::Line("text", "off"))}
                {field("ticket", "message", t(Text::Message), Input::Area)}
                <p id="ticket-error" class="error" role="alert" hidden></p>
                <button id="ticket-submit" type="submit" class="primary">{t(Text::SendTicket)}</button>
            </form>
            <div id="ticket-done" class="done" tabindex="-1" hidden>
                <p id="ticket-done-text" role="status"></p>
                <button id="ticket-again" type="button">{t(Text::AnotherRequest)}</button>
            </div>
        </section>
    }
}

fn chat_panel(locale: Locale, live_hidden: bool, offline_hidden: bool) -> impl IntoView {
    let t = move |text: Text| text.get(locale);
    view! {
        <section role="tabpanel" id="panel-chat" aria-labelledby="tab-chat" tabindex="0" hidden>
            <div id="chat-live" class="chat" hidden=live_hidden>
                <p id="chat-status" class="status" role="status"></p>
                <div id="chat-log" role="log" aria-label=t(Text::Conversation) tabindex="0">
                    <p id="chat-empty" class="empty">{t(Text::ChatIntro)}</p>
                </div>
                <p id="chat-typing" class="typing" aria-live="polite" hidden>{t(Text::AgentTyping)}</p>
                <p id="chat-error" class="error" role="alert" hidden></p>
                <form id="chat-form" class="send">
                    <label for="chat-input" class="sr-only">{t(Text::YourMessage)}</label>
                    <textarea id="chat-input" name="body" rows="2"></textarea>
                    <button id="chat-send" type="submit" class="primary">{t(Text::Send)}</button>
                </form>
            </div>
            <div id="chat-offline" hidden=offline_hidden>
                <h2>{t(Text::OfflineTitle)}</h2>
                <p class="hint">{t(Text::OfflineIntro)}</p>
                <form id="offline-form" novalidate>
                    {field("offline", "name", t(Text::Name), Input::Line("text", "name"))}
                    {field("offline", "email", t(Text::Email), Input::Line("email", "email"))}
                    {field("offline", "message", t(Text::Message), Input::Area)}
                    <p id="offline-error" class="error" role="alert" hidden></p>
                    <button id="offline-submit" type="submit" class="primary">{t(Text::SendMessage)}</button>
                </form>
                <div id="offline-done" class="done" tabindex="-1" hidden>
                    <p id="offline-done-text" role="status"></p>
                </div>
            </div>
        </section>
    }
}

/// How a form field is entered: a one-line input (`type`, `autocomplete`) or a text area.
enum Input {
    Line(&'static str, &'static str),
    Area,
}

/// A labelled field with its error line (`<form>-<name>-error`), which the script fills from a 422's `field`.
fn field(form: &'static str, name: &'static str, label: &'static str, input: Input) -> impl IntoView {
    let id = format!("{form}-{name}");
    let error_id = format!("{id}-error");
    let control = match input {
        Input::Line(kind, autocomplete) => view! {
            <input id=id.clone() name=name type=kind autocomplete=autocomplete aria-describedby=error_id.clone() />
        }
        .into_any(),
        Input::Area => {
            view! { <textarea id=id.clone() name=name rows="4" aria-describedby=error_id.clone()></textarea> }
                .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            <p id=error_id class="error" hidden></p>
        </div>
    }
}
