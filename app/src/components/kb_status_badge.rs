//! A knowledge-base article's workflow status as a small label. The colour only repeats what the word says.

use leptos::prelude::*;
use tidings::domain::kb::ArticleStatus;

use crate::i18n::{article_status_name, use_locale};

const BADGE: &str =
    "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

fn colours(status: ArticleStatus) -> &'static str {
    match status {
        ArticleStatus::Draft => "bg-slate-100 text-slate-800 ring-slate-600/30",
        ArticleStatus::InReview => "bg-amber-50 text-amber-900 ring-amber-700/30",
        ArticleStatus::Published => "bg-emerald-50 text-emerald-900 ring-emerald-700/30",
        ArticleStatus::Archived => "bg-white text-slate-700 ring-slate-400/40",
    }
}

#[component]
pub fn KbStatusBadge(status: ArticleStatus) -> impl IntoView {
    let locale = use_locale();
    view! {
        <span class=format!("{BADGE} {}", colours(status)) data-article-status=status.as_str()>
            {article_status_name(locale, status)}
        </span>
    }
}
