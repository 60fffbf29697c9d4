//! `/admin/channels`: each channel's setup as the server was configured (secrets masked, never shown back), the
//! webhook address to give the provider, and a test message through every configured channel.

use leptos::prelude::*;
use leptos_meta::Title;
use tidings::domain::channel_overview::ChannelOverview;
use tidings::domain::{Action, Channel};

use crate::api::channels::{load_channel_overview, SendChannelTest};
use crate::components::admin_nav::AdminNav;
use crate::components::field_error::{described_by, FieldError};
use crate::components::role_guard::RequireRole;
use crate::components::styles::{BUTTON_SECONDARY, CARD, ERROR_TEXT, H1, H2, INPUT, LABEL, MUTED};
use crate::i18n::{app_error_text, t, use_locale, ChannelKey, Key};

#[component]
pub fn AdminChannelsPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAdminArea>
            <Channels />
        </RequireRole>
    }
}

#[component]
fn Channels() -> impl IntoView {
    let locale = use_locale();
    let overview = Resource::new(|| (), |_| load_channel_overview());
    view! {
        <Title text=t(locale, ChannelKey::Channels) />
        <AdminNav />
        <h1 class=format!("mt-6 {H1}")>{t(locale, ChannelKey::Channels)}</h1>
        <p class=format!("mt-2 max-w-3xl {MUTED}")>{t(locale, ChannelKey::Intro)}</p>
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(channels) => view! {
                        <div class="mt-4 grid grid-cols-1 gap-6 xl:grid-cols-3">
                            {channels.into_iter().map(|channel| view! { <ChannelCard channel /> }).collect_view()}
                        </div>
                    }
                    .into_any(),
                    Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn channel_name(channel: Channel) -> ChannelKey {
    match channel {
        Channel::Whatsapp => ChannelKey::Whatsapp,
        Channel::Telegram => ChannelKey::Telegram,
        _ => ChannelKey::Email,
    }
}

#[component]
fn ChannelCard(channel: ChannelOverview) -> impl IntoView {
    let locale = use_locale();
    let slug = channel.channel.as_str();
    let heading = format!("channel-{slug}-heading");
    let state = if channel.configured { ChannelKey::Configured } else { ChannelKey::NotConfigured };
    let settings = channel
        .settings
        .into_iter()
        .map(|setting| {
            view! {
                <div>
                    <dt class="font-mono text-xs text-slate-600">{setting.name}</dt>
                    <dd class="break-all text-sm text-slate-900">{setting.value}</dd>
                </div>
            }
        })
        .collect_view();
    let webhook = channel.webhook_path.map(|path| {
        view! {
            <div>
                <dt class="text-xs text-slate-600">{t(locale, ChannelKey::WebhookAddress)}</dt>
                <dd class="break-all font-mono text-sm text-slate-900">{path}</dd>
            </div>
        }
    });
    let test = channel.configured.then(|| view! { <TestForm channel=channel.channel /> });
    view! {
        <section aria-labelledby=heading.clone() class=CARD id=format!("channel-{slug}") data-configured=channel.configured.to_string()>
            <h2 id=heading.clone() class=H2>{t(locale, channel_name(channel.channel))}</h2>
            <p class="mt-1 text-sm font-medium text-slate-700">{t(locale, state)}</p>
            <dl class="mt-3 space-y-2">{settings}{webhook}</dl>
            {test}
        </section>
    }
}

#[component]
fn TestForm(channel: Channel) -> impl IntoView {
    let locale = use_locale();
    let send = ServerAction::<SendChannelTest>::new();
    let id: &'static str = match channel {
        Channel::Whatsapp => "test-whatsapp-to",
        Channel::Telegram => "test-telegram-to",
        _ => "test-email-to",
    };
    let failure = move || send.value().get().and_then(Result::err);
    let to_error = Signal::derive(move || failure().map(|err| app_error_text(locale, &err)));
    let sent = move || send.value().get().and_then(Result::ok);
    view! {
        <ActionForm action=send attr:class="mt-4 space-y-2">
            <input type="hidden" name="channel" value=channel.as_str() />
            <label for=id class=LABEL>{t(locale, ChannelKey::TestTo)}</label>
            <input id=id name="to" type="text" required class=INPUT autocomplete="off"
                aria-invalid=move || to_error.get().is_some().then_some("true")
                aria-describedby=move || described_by(id, &to_error.get()) />
            {move || view! { <FieldError id message=to_error.get() /> }}
            <button type="submit" class=BUTTON_SECONDARY disabled=move || send.pending().get()>{t(locale, ChannelKey::SendTest)}</button>
            <p class="text-sm text-green-800" data-test-result=channel.as_str()>
                {move || sent().map(|provider_id| format!("{} {provider_id}", t(locale, ChannelKey::TestSent)))}
            </p>
        </ActionForm>
    }
}
