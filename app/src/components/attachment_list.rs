//! A message's files: a download link each, images previewed inline.

use leptos::prelude::*;
use tidings::domain::Attachment;

use crate::format::file_size;
use crate::i18n::{t, use_locale, TicketKey};

#[component]
pub fn AttachmentList(attachments: Vec<Attachment>) -> impl IntoView {
    let locale = use_locale();
    (!attachments.is_empty()).then(|| {
        let items = attachments
            .into_iter()
            .map(|file| {
                let preview = file.content_type.starts_with("image/").then(|| {
                    view! {
                        <img
                            src=file.url.clone()
                            alt=file.name.clone()
                            loading="lazy"
                            class="mt-1 max-h-48 max-w-full rounded border border-slate-200 bg-white object-contain"
                        />
                    }
                });
                view! {
                    <li class="text-sm">
                        <a
                            href=file.url.clone()
                            rel="external"
                            download=file.name.clone()
                            class="inline-flex items-center gap-1 font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
                        >
                            <span aria-hidden="true">"📎"</span>
                            {file.name.clone()}
                        </a>
                        " "
                        <span class="text-xs text-slate-600">{format!("({})", file_size(file.size))}</span>
                        {preview}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="mt-2 border-t border-slate-200/70 pt-2">
                <p class="sr-only">{t(locale, TicketKey::Attachments)}</p>
                <ul class="space-y-1">{items}</ul>
            </div>
        }
    })
}
