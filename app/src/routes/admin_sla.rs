//! `/admin/sla`: business-hours calendars and SLA policies, listed, with forms to add each (through the
//! `add_sla_calendar` and `add_sla_policy` server functions; the REST API under `/api/v1/sla` does the rest).

use leptos::prelude::*;
use leptos_meta::Title;
use tidings::domain::sla::{SlaCalendarView, SlaPolicyView, TargetMinutes};
use tidings::domain::{Action, Priority, Team};

use crate::api::sla::{load_sla_settings, AddSlaCalendar, AddSlaPolicy};
use crate::components::admin_nav::AdminNav;
use crate::components::page_notice::PageNotice;
use crate::components::role_guard::RequireRole;
use crate::components::sla_calendar_form::SlaCalendarForm;
use crate::components::sla_policy_form::SlaPolicyForm;
use crate::components::styles::{CARD, ERROR_TEXT, H1, H2, MUTED};
use crate::i18n::{app_error_text, channel_name, duration_text, priority_name, t, use_locale, Key, SlaKey};

#[component]
pub fn AdminSlaPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAdminArea>
            <SlaSettingsPage />
        </RequireRole>
    }
}

#[component]
fn SlaSettingsPage() -> impl IntoView {
    let locale = use_locale();
    let add_calendar = ServerAction::<AddSlaCalendar>::new();
    let add_policy = ServerAction::<AddSlaPolicy>::new();
    // Reloaded after each addition only: a refused form keeps what was typed.
    let added = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(add_calendar.value().get(), Some(Ok(_))) || matches!(add_policy.value().get(), Some(Ok(_))) {
            added.update(|n| *n += 1);
        }
    });
    let settings = Resource::new(move || added.get(), |_| load_sla_settings());
    let notice = Signal::derive(move || {
        if matches!(add_calendar.value().get(), Some(Ok(_))) {
            Some(t(locale, SlaKey::CalendarCreated).to_string())
        } else {
            matches!(add_policy.value().get(), Some(Ok(_))).then(|| t(locale, SlaKey::PolicyCreated).to_string())
        }
    });
    view! {
        <Title text=t(locale, SlaKey::ServiceLevels) />
        <AdminNav />
        <h1 class=format!("mt-6 {H1}")>{t(locale, SlaKey::ServiceLevels)}</h1>
        <p class=format!("mt-2 max-w-3xl {MUTED}")>{t(locale, SlaKey::Intro)}</p>
        <PageNotice live=notice />
        <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(settings) => view! {
                        <div class="mt-4 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_26rem]">
                            <div class="space-y-6">
                                <CalendarList calendars=settings.calendars teams=settings.teams.clone() />
                                <PolicyList policies=settings.policies />
                            </div>
                            <div class="space-y-6">
                                <SlaCalendarForm teams=settings.teams add=add_calendar />
                                <SlaPolicyForm add=add_policy />
                            </div>
                        </div>
                    }
                    .into_any(),
                    Err(err) => view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CalendarList(calendars: Vec<SlaCalendarView>, teams: Vec<Team>) -> impl IntoView {
    let locale = use_locale();
    let empty = calendars.is_empty();
    let items = calendars
        .into_iter()
        .map(|calendar| {
            let team = calendar
                .team_id
                .as_ref()
                .map(|id| teams.iter().find(|team| &team.id == id).map_or(id.clone(), |team| team.name.clone()));
            let covers = [
                team.map(|team| format!("{}: {team}", t(locale, SlaKey::Team))),
                calendar.brand.clone().map(|brand| format!("Brand: {brand}")),
                calendar.is_default.then(|| t(locale, SlaKey::DefaultCalendar).to_string()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            view! {
                <li class="py-3" data-calendar=calendar.id.clone()>
                    <p class="text-sm font-medium text-slate-900">{calendar.name.clone()}</p>
                    <p class="text-xs text-slate-700">{format!("{}: {}", t(locale, SlaKey::TimeZone), calendar.hours.time_zone)}</p>
                    {(!covers.is_empty()).then(|| view! {
                        <p class="text-xs text-slate-700">{format!("{}: {covers}", t(locale, SlaKey::Covers))}</p>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="sla-calendars-heading" class=CARD>
            <h2 id="sla-calendars-heading" class=H2>{t(locale, SlaKey::Calendars)}</h2>
            <ul class="mt-2 divide-y divide-slate-100" id="sla-calendars">{items}</ul>
            {empty.then(|| view! { <p class=format!("mt-2 {MUTED}") id="sla-calendars-empty">{t(locale, SlaKey::NoCalendars)}</p> })}
        </section>
    }
}

#[component]
fn PolicyList(policies: Vec<SlaPolicyView>) -> impl IntoView {
    let locale = use_locale();
    let empty = policies.is_empty();
    let items = policies
        .into_iter()
        .map(|policy| {
            let channel = policy.channel.map_or_else(
                || t(locale, SlaKey::AnyChannel).to_string(),
                |channel| channel_name(locale, channel).to_string(),
            );
            let active = t(locale, if policy.active { SlaKey::Active } else { SlaKey::Inactive });
            let targets = Priority::ALL
                .into_iter()
                .filter_map(|priority| {
                    let minutes = target_of(&policy.targets, priority);
                    let text = |value: Option<i64>| value.map_or("–".to_string(), |m| duration_text(locale, m * 60));
                    (minutes.first_response_minutes.is_some() || minutes.resolution_minutes.is_some()).then(|| {
                        format!(
                            "{}: {} {} · {} {}",
                            priority_name(locale, priority),
                            t(locale, SlaKey::FirstResponse),
                            text(minutes.first_response_minutes),
                            t(locale, SlaKey::Resolution),
                            text(minutes.resolution_minutes),
                        )
                    })
                })
                .map(|line| view! { <li>{line}</li> })
                .collect_view();
            view! {
                <li class="py-3" data-policy=policy.id.clone()>
                    <p class="text-sm font-medium text-slate-900">
                        {policy.name.clone()} <span class="ml-2 text-xs font-normal text-slate-700">{format!("{channel} · {active}")}</span>
                    </p>
                    <ul class="mt-1 text-xs text-slate-700">{targets}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="sla-policies-heading" class=CARD>
            <h2 id="sla-policies-heading" class=H2>{t(locale, SlaKey::Policies)}</h2>
            <ol class="mt-2 divide-y divide-slate-100" id="sla-policies">{items}</ol>
            {empty.then(|| view! { <p class=format!("mt-2 {MUTED}") id="sla-policies-empty">{t(locale, SlaKey::NoPolicies)}</p> })}
        </section>
    }
}

fn target_of(targets: &tidings::domain::sla::TargetsSpec, priority: Priority) -> TargetMinutes {
    match priority {
        Priority::Low => targets.low,
        Priority::Normal => targets.normal,
        Priority::High => targets.high,
        Priority::Urgent => targets.urgent,
    }
}
