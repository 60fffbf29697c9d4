//! The addresses a contact writes from (email, WhatsApp, Telegram), on the requester card and the customer page.

use leptos::prelude::*;
use tidings::domain::delivery::{Identity, IdentityKind};

use crate::i18n::{t, use_locale, AgentKey};

#[component]
pub fn ContactIdentities(identities: Vec<Identity>) -> impl IntoView {
    let locale = use_locale();
    if identities.is_empty() {
        return ().into_any();
    }
    let rows = identities
        .into_iter()
        .map(|identity| {
            let (label, address) = match identity.kind {
                IdentityKind::Email => (AgentKey::IdentityEmail, identity.address),
                IdentityKind::Whatsapp => (AgentKey::IdentityWhatsapp, format!("+{}", identity.address)),
                IdentityKind::Telegram => (AgentKey::IdentityTelegram, format!("ID {}", identity.address)),
            };
            view! {
                <div class="flex gap-2" data-identity=identity.kind.as_str()>
                    <dt class="w-20 shrink-0 text-slate-600">{t(locale, label)}</dt>
                    <dd class="min-w-0 break-all text-slate-900">{address}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <h3 class="mt-3 text-xs font-semibold text-slate-700">{t(locale, AgentKey::ReachableAt)}</h3>
        <dl class="contact-identities mt-1 space-y-0.5 text-xs">{rows}</dl>
    }
    .into_any()
}
