//! One message in a thread. Which side it sits on is the caller's choice (the reader's own side is the right);
//! internal notes are amber and say so in words, not only in colour.

use leptos::prelude::*;
use tidings::domain::{Message, Role};

use super::attachment_list::AttachmentList;
use crate::format::{date_time, iso};
use crate::i18n::{delivery_text, role_name, t, use_locale, TicketKey};

#[component]
pub fn MessageBubble(
    message: Message,
    /// Sits on the right (the reader's side).
    right: bool,
    /// Offers a checkbox that belongs to the split form (`form="split-form"`).
    #[prop(optional)]
    selectable: bool,
) -> impl IntoView {
    let locale = use_locale();
    let internal = message.internal;
    let colours = if internal {
        "border-amber-300 bg-amber-50"
    } else if message.author.role == Role::Customer {
        "border-slate-200 bg-white"
    } else {
        "border-indigo-100 bg-indigo-50"
    };
    let side = if right { "ml-auto" } else { "mr-auto" };
    let checkbox_id = format!("split-{}", message.id);
    // How far a reply sent by email, WhatsApp or Telegram got; a failure says why.
    let delivery = message.delivery.clone().map(|delivery| {
        let failed = delivery.status == tidings::domain::delivery::DeliveryStatus::Failed;
        let tone = if failed { "text-red-800 font-semibold" } else { "text-slate-700" };
        view! {
            <p class=format!("delivery-status mt-1 text-xs {tone}") data-delivery=delivery.status.as_str()>
                {delivery_text(locale, message.channel, delivery.status)}
                {delivery.error.filter(|_| failed).map(|error| format!(": {error}"))}
            </p>
        }
    });
    let select = selectable.then(|| {
        view! {
            <label for=checkbox_id.clone() class="ml-auto inline-flex items-center gap-1 text-xs text-slate-700">
                <input
                    type="checkbox"
                    id=checkbox_id.clone()
                    name="message_ids"
                    value=message.id.clone()
                    form="split-form"
                    class="h-3.5 w-3.5 rounded border-slate-400 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-600"
                />
                {t(locale, TicketKey::SelectForSplit)}
            </label>
        }
    });
    view! {
        <li class=format!("flex w-full {}", if right { "justify-end" } else { "justify-start" })>
            <article
                id=format!("message-{}", message.id)
                class=format!("{side} w-full max-w-[85%] rounded-lg border px-4 py-3 shadow-sm {colours}")
                data-internal=internal.then_some("true")
                aria-label=if internal { t(locale, TicketKey::InternalNote) } else { t(locale, TicketKey::Message) }
            >
                <header class="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-xs text-slate-700">
                    <span class="text-sm font-semibold text-slate-900">{message.author.name.clone()}</span>
                    <span>{role_name(locale, message.author.role)}</span>
                    {internal.then(|| view! {
                        <span class="rounded bg-amber-200 px-1.5 py-0.5 font-semibold text-amber-950">
                            {t(locale, TicketKey::InternalNote)}
                        </span>
                    })}
                    <time datetime=iso(&message.created_at)>{date_time(&message.created_at)}</time>
                    {select}
                </header>
                <div class="message-body mt-1.5 whitespace-normal break-words text-sm leading-relaxed text-slate-900" inner_html=message.body_html.clone()></div>
                <AttachmentList attachments=message.attachments.clone() />
                {delivery}
            </article>
        </li>
    }
}
