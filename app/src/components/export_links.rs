//! The dashboard's exports: the period's summary and one row per ticket behind it, as CSV (streamed) or an Excel
//! workbook, with the page's period and filters. Plain download links without JavaScript; with it, the download
//! runs in the page and shows its progress against the row count the server sends first (`X-Export-Rows`).

use leptos::prelude::*;

use super::styles::{LINK, MUTED};
use crate::api::analytics::AnalyticsForm;
use crate::i18n::{t, use_locale, AnalyticsKey};

/// Where a download in the page stands.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportProgress {
    /// Asked; the server is preparing it (a workbook is written whole before it is sent).
    Preparing,
    /// Arriving: rows (CSV lines) or bytes so far, against the total the answer announced.
    Receiving { done: u64, total: u64 },
    /// Saved under its file name, with the ticket rows it holds.
    Saved { rows: u64 },
    /// Refused or broken off, with the server's message when there is one.
    Failed(Option<String>),
}

#[component]
pub fn ExportLinks(form: AnalyticsForm) -> impl IntoView {
    let locale = use_locale();
    let progress = RwSignal::new(None::<ExportProgress>);
    let link = move |format: &'static str, label: AnalyticsKey| {
        let href = form.export_href(format);
        let fetched = href.clone();
        let on_click = move |event: leptos::ev::MouseEvent| {
            #[cfg(feature = "hydrate")]
            {
                event.prevent_default();
                if !matches!(
                    progress.get_untracked(),
                    Some(ExportProgress::Preparing | ExportProgress::Receiving { .. })
                ) {
                    leptos::task::spawn_local(crate::export_download::download(fetched.clone(), progress));
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (event, &fetched);
        };
        view! {
            <li>
                <a href=href download class=LINK data-export=format on:click=on_click>{t(locale, label)}</a>
            </li>
        }
    };
    let status = move || {
        progress.get().map(|state| match state {
            ExportProgress::Preparing => t(locale, AnalyticsKey::ExportPreparing).to_owned().into_any(),
            ExportProgress::Receiving { done, total } => view! {
                <progress id="export-progress" max=total.max(1) value=done.min(total)
                    aria-label=t(locale, AnalyticsKey::ExportProgress)></progress>
                " "{crate::i18n::export_received_text(locale, done.min(total), total)}
            }
            .into_any(),
            ExportProgress::Saved { rows } => crate::i18n::export_saved_text(locale, rows).into_any(),
            ExportProgress::Failed(message) => {
                message.unwrap_or_else(|| t(locale, AnalyticsKey::ExportFailed).to_owned()).into_any()
            }
        })
    };
    view! {
        <section aria-labelledby="export-heading" class="mt-6">
            <h2 id="export-heading" class="text-lg font-semibold text-slate-900">{t(locale, AnalyticsKey::Export)}</h2>
            <p class=format!("mt-1 {MUTED}")>{t(locale, AnalyticsKey::ExportIntro)}</p>
            <ul class="mt-2 flex gap-4">
                {link("csv", AnalyticsKey::DownloadCsv)}
                {link("xlsx", AnalyticsKey::DownloadXlsx)}
            </ul>
            <p id="export-status" role="status" class="mt-2 text-sm text-slate-800">{status}</p>
        </section>
    }
}
