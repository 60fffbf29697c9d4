//! "Was this helpful?": a plain form with two buttons posting to `/help/{lang}/articles/{slug}/vote`, so it
//! works without JavaScript. After a vote the page comes back with `?voted=1` and thanks the reader with the
//! counts; a later vote replaces the reader's earlier one.

use leptos::prelude::*;
use tidings::domain::Locale;

use super::styles::{BUTTON_SECONDARY, ERROR_TEXT, H2, STATUS_TEXT};
use crate::i18n::{helpful_counts, t, HelpKey};

#[component]
pub fn ArticleFeedback(
    lang: Locale,
    /// The vote form's address.
    action: String,
    helpful: i64,
    not_helpful: i64,
    /// The page was opened right after a vote.
    voted: bool,
    /// The vote was refused (too many votes from this address).
    failed: bool,
) -> impl IntoView {
    let status = voted
        .then(|| format!("{} {}", t(lang, HelpKey::ThanksForFeedback), helpful_counts(lang, helpful, not_helpful)));
    view! {
        <section id="feedback" aria-labelledby="feedback-heading" class="mt-10 border-t border-slate-200 pt-6 print:hidden">
            <form method="post" action=action class="flex flex-wrap items-center gap-3">
                <h2 id="feedback-heading" class=H2>{t(lang, HelpKey::WasThisHelpful)}</h2>
                <button type="submit" name="helpful" value="yes" class=BUTTON_SECONDARY>
                    {t(lang, HelpKey::Yes)}
                </button>
                <button type="submit" name="helpful" value="no" class=BUTTON_SECONDARY>
                    {t(lang, HelpKey::No)}
                </button>
            </form>
            <p role="status" class=format!("mt-3 {STATUS_TEXT}")>{status}</p>
            {failed.then(|| view! { <p role="alert" class=ERROR_TEXT>{t(lang, HelpKey::VoteFailed)}</p> })}
        </section>
    }
    .into_any()
}
