//! `/csat/{token}`: the customer rates a resolved ticket through the link they were sent, without signing in and
//! without JavaScript: a labelled 1-5 radio group and an optional comment, posted as a plain form to the same
//! address (the server answers with a redirect back here: `?answered=1`, or `?error=rating|failed`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::csat::load_csat_survey;
use crate::components::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H1, INPUT, LABEL, MUTED};
use crate::i18n::{app_error_text, rating_label, t, use_locale, CsatKey, Key};

#[component]
pub fn CsatPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.with(|p| p.get("token")).unwrap_or_default();
    let answered = query.with_untracked(|q| q.get("answered")).is_some_and(|answered| answered == "1");
    let error = query.with_untracked(|q| q.get("error"));
    let survey = Resource::new(token, |token| async move { load_csat_survey(token).await });
    let body = move || {
        let error = error.clone();
        Suspend::new(async move {
            if answered {
                return view! { <p role="status" class="mt-4 text-slate-800">{t(locale, CsatKey::Thanks)}</p> }
                    .into_any();
            }
            match survey.await {
                Ok(true) => view! { <CsatForm token=token() error /> }.into_any(),
                Ok(false) => view! { <p class=format!("mt-4 {MUTED}")>{t(locale, CsatKey::Invalid)}</p> }.into_any(),
                Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
            }
        })
    };
    view! {
        <Title text=t(locale, CsatKey::Title) />
        <div class="mx-auto max-w-lg py-8">
            <div class=CARD>
                <h1 class=H1>{t(locale, CsatKey::Title)}</h1>
                <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>{body}</Transition>
            </div>
        </div>
    }
}

#[component]
fn CsatForm(token: String, error: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let message = error.map(|error| match error.as_str() {
        "rating" => t(locale, CsatKey::ChooseRating),
        _ => t(locale, CsatKey::Failed),
    });
    let invalid = message.is_some().then_some("true");
    let options = (1..=5u8)
        .map(|value| {
            let id = format!("csat-rating-{value}");
            view! {
                <div class="flex items-center gap-2">
                    <input type="radio" id=id.clone() name="rating" value=value.to_string() required=true class="h-4 w-4" />
                    <label for=id class="text-sm text-slate-800">{rating_label(locale, value)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <form method="post" action=format!("/csat/{token}") class="mt-6 space-y-6">
            <fieldset aria-describedby=message.map(|_| "csat-error") aria-invalid=invalid>
                <legend class=LABEL>{t(locale, CsatKey::Question)}</legend>
                <div class="mt-3 space-y-2">{options}</div>
                {message.map(|text| view! { <p id="csat-error" role="alert" class=ERROR_TEXT>{text}</p> })}
            </fieldset>
            <div>
                <label for="csat-comment" class=LABEL>{t(locale, CsatKey::Comment)}</label>
                <textarea id="csat-comment" name="comment" rows="4" maxlength="2000" class=format!("mt-1 {INPUT}")></textarea>
            </div>
            <button type="submit" class=BUTTON_PRIMARY>{t(locale, CsatKey::Send)}</button>
        </form>
    }
}
