//! `/admin/teams`: the list of teams and a form to add one (through the `create_team` server function).

use leptos::{html, prelude::*};
use leptos_meta::Title;
use tidings::domain::Action;

use crate::api::teams::{list_teams, CreateTeam};
use crate::components::admin_nav::AdminNav;
use crate::components::form_field::FormField;
use crate::components::role_guard::RequireRole;
use crate::components::styles::{BUTTON_PRIMARY, CARD, ERROR_TEXT, H1, H2, MUTED, STATUS_TEXT};
use crate::i18n::{app_error_text, t, use_locale, Key};

#[component]
pub fn AdminTeamsPage() -> impl IntoView {
    view! {
        <RequireRole action=Action::UseAdminArea>
            <ManageTeams />
        </RequireRole>
    }
}

/// The page body, created only for admins.
#[component]
fn ManageTeams() -> impl IntoView {
    let locale = use_locale();
    let create = ServerAction::<CreateTeam>::new();
    let teams = Resource::new(move || create.version().get(), |_| list_teams());
    let form = NodeRef::<html::Form>::new();

    let failure = move || create.value().get().and_then(Result::err);
    let name_error = Signal::derive(move || {
        failure().filter(|err| err.field.as_deref() == Some("name")).map(|err| app_error_text(locale, &err))
    });
    let form_error =
        move || failure().filter(|err| err.field.as_deref() != Some("name")).map(|err| app_error_text(locale, &err));
    let created = move || matches!(create.value().get(), Some(Ok(_)));
    Effect::new(move |_| {
        if created() {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });

    view! {
        <Title text=t(locale, Key::Teams) />
        <AdminNav />
        <h1 class=format!("mt-6 {H1}")>{t(locale, Key::Teams)}</h1>
        <p role="status" class=format!("mt-2 {STATUS_TEXT}")>
            {move || created().then(|| t(locale, Key::TeamCreated))}
        </p>
        <div class="mt-4 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
            <Transition fallback=move || view! { <p class=MUTED>{t(locale, Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match teams.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p class=format!("text-center {CARD} {MUTED}")>{t(locale, Key::NoTeams)}</p> }
                                .into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ul class="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
                                    {list
                                        .into_iter()
                                        .map(|team| {
                                            view! { <li class="px-4 py-3 text-sm font-medium text-slate-900">{team.name}</li> }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(err) => {
                            view! { <p role="alert" class=ERROR_TEXT>{app_error_text(locale, &err)}</p> }.into_any()
                        }
                    }
                })}
            </Transition>
            <section aria-labelledby="new-team-heading" class=CARD>
                <h2 id="new-team-heading" class=H2>{t(locale, Key::NewTeam)}</h2>
                <ActionForm action=create node_ref=form attr:novalidate=true>
                    <div class="mt-4 space-y-4">
                        <FormField
                            id="team-name"
                            name="name"
                            label=t(locale, Key::TeamName)
                            autocomplete="off"
                            required=true
                            error=name_error
                        />
                        {move || form_error().map(|message| view! { <p id="team-form-error" role="alert" class=ERROR_TEXT>{message}</p> })}
                        <button type="submit" class=format!("w-full {BUTTON_PRIMARY}") disabled=move || create.pending().get()>
                            {t(locale, Key::CreateTeam)}
                        </button>
                    </div>
                </ActionForm>
            </section>
        </div>
    }
}
