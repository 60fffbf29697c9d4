//! The editor's live preview: the article body as the help center will show it. The server renders and
//! sanitises the markdown (the same code that renders saved articles); the browser asks again ~300 ms after the
//! last keystroke. Before hydration, and without JavaScript, the panel shows the saved body.

use leptos::prelude::*;
use std::time::Duration;

use super::styles::MUTED;
use crate::i18n::{t, use_locale, KbKey};

/// Quiet time after the last keystroke before the preview is asked for.
pub const PREVIEW_DEBOUNCE: Duration = Duration::from_millis(300);

/// Rendered article text: headings, lists, code, links and images styled without a typography plugin.
pub const ARTICLE_BODY: &str = "max-w-none text-sm leading-6 text-slate-800 [&_h1]:mt-4 [&_h1]:text-2xl [&_h1]:font-semibold [&_h1]:text-slate-900 [&_h2]:mt-4 [&_h2]:text-xl [&_h2]:font-semibold [&_h2]:text-slate-900 [&_h3]:mt-3 [&_h3]:text-lg [&_h3]:font-semibold [&_h3]:text-slate-900 [&_p]:mt-2 [&_ul]:mt-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:mt-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_a]:text-indigo-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_pre]:mt-2 [&_pre]:whitespace-pre-wrap [&_pre]:rounded-md [&_pre]:bg-slate-100 [&_pre]:p-3 [&_blockquote]:mt-2 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_img]:mt-2 [&_img]:max-w-full [&_table]:mt-2 [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_th]:px-2";

/// The preview's state: the HTML shown and whether a newer one is on its way.
#[derive(Clone, Copy)]
pub struct LivePreview {
    pub html: RwSignal<String>,
    pub updating: RwSignal<bool>,
    /// Bumped per request, so an answer that arrives after a newer request was made is dropped.
    generation: StoredValue<u64>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl LivePreview {
    /// Starts out showing `saved_html` (the server-rendered body of the saved article).
    pub fn new(saved_html: String) -> LivePreview {
        LivePreview {
            html: RwSignal::new(saved_html),
            updating: RwSignal::new(false),
            generation: StoredValue::new(0),
            timer: StoredValue::new(None),
        }
    }

    /// Renders `markdown` once the writer pauses; an earlier pending request is dropped.
    pub fn request(self, markdown: String) {
        if let Some(timer) = self.timer.get_value() {
            timer.clear();
        }
        self.generation.update_value(|generation| *generation += 1);
        let generation = self.generation.get_value();
        self.updating.set(true);
        let handle = set_timeout_with_handle(move || self.fetch(markdown, generation), PREVIEW_DEBOUNCE);
        self.timer.set_value(handle.ok());
    }

    fn fetch(self, markdown: String, generation: u64) {
        leptos::task::spawn_local(async move {
            let rendered = crate::api::kb_admin::preview_kb_markdown(markdown).await;
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            if let Ok(html) = rendered {
                self.html.set(html);
            }
            self.updating.set(false);
        });
    }
}

/// The preview panel beside the text area.
#[component]
pub fn MarkdownPreview(preview: LivePreview) -> impl IntoView {
    let locale = use_locale();
    let empty = move || preview.html.with(|html| html.trim().is_empty());
    view! {
        <section aria-labelledby="kb-preview-heading" class="flex min-w-0 flex-col">
            <div class="flex items-baseline justify-between gap-2">
                <h2 id="kb-preview-heading" class="text-sm font-medium text-slate-800">{t(locale, KbKey::Preview)}</h2>
                <span class="text-xs text-slate-600" data-testid="kb-preview-state">
                    {move || preview.updating.get().then(|| t(locale, KbKey::PreviewUpdating))}
                </span>
            </div>
            <p class="text-xs text-slate-600">{t(locale, KbKey::PreviewHint)}</p>
            <div
                id="kb-preview"
                aria-busy=move || preview.updating.get().then_some("true")
                class="mt-1 min-h-64 flex-1 break-words rounded-md border border-slate-200 bg-white p-4"
            >
                <div class=ARTICLE_BODY inner_html=move || preview.html.get()></div>
                {move || empty().then(|| view! { <p class=MUTED>{t(locale, KbKey::PreviewEmpty)}</p> })}
            </div>
        </section>
    }
}
