//! Every word the UI shows, in English and German, plus the choice of language for a request.
//!
//! Texts are looked up by a typed key rather than by string so that a missing translation is a compile error.
//! Services answer with stable error codes; [`error_text`] turns those into sentences in the reader's language.

use leptos::prelude::*;
use tidings::domain::{Locale, Role};

#[macro_use]
mod text_table;
mod agent;
mod analytics;
mod channels;
mod chat;
mod csat;
mod errors;
mod help_center;
mod kb_admin;
mod portal;
mod routing;
mod rules;
mod sla;
mod ticket_errors;
mod ticket_terms;
mod tickets;

pub use agent::{delete_label, placeholder_help, AgentKey};
pub use analytics::{bucket_label, export_received_text, export_saved_text, trend_text, weekday_names, AnalyticsKey};
pub use channels::ChannelKey;
pub use chat::{availability_key, wait_text, ChatKey};
pub use csat::{rating_label, CsatKey};
pub use errors::{app_error_text, error_text};
pub use help_center::{
    article_count, fallback_notice, help_lang, help_path_locale, helpful_counts, no_results, other_lang, results_for,
    search_title, topic_description, try_other_language, view_count, HelpKey,
};
pub use kb_admin::{article_status_name, kb_error_text, language_name, workflow_step_label, KbKey};
pub use portal::{quick_issue_texts, PortalKey};
pub use routing::{language_label, percent, routing_name, sentiment_name, RoutingKey};
pub use rules::{anchor_name, rule_action_label, rule_warning_text, trigger_name, RuleKey};
pub use sla::{clock_name, clock_sentence, due_short, duration_text, sla_event_text, sla_state_name, SlaKey};
pub use text_table::Texts;
pub use ticket_terms::{
    category_label, channel_name, delivery_text, event_text, notice_text, priority_name, status_name, ticket_type_name,
};
pub use tickets::{select_ticket_label, TicketKey};

/// The name of the cookie the `/lang/{en,de}` handler sets.
pub const LANG_COOKIE: &str = "tidings_lang";

/// A text shown in the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    SkipToContent,
    MainNav,
    LanguageNav,
    SignIn,
    SignOut,
    SignedInAs,
    AreaAgent,
    AreaPortal,
    AreaAdmin,
    AreaAccount,
    Loading,
    Email,
    Password,
    Name,
    LoginIntro,
    NoAccountYet,
    CreateAnAccount,
    RegisterTitle,
    RegisterIntro,
    CreateAccount,
    HaveAccount,
    Inbox,
    WorkspaceNav,
    NoConversations,
    NoConversationsHint,
    MyRequests,
    NoRequests,
    NoRequestsHint,
    AdminNav,
    Users,
    Teams,
    NewUser,
    Role,
    Status,
    Actions,
    CreateUser,
    UserCreated,
    ChangesSaved,
    Active,
    Deactivated,
    Deactivate,
    Reactivate,
    NoUsers,
    Pagination,
    Previous,
    Next,
    TeamName,
    NewTeam,
    CreateTeam,
    TeamCreated,
    NoTeams,
    AccountTitle,
    Profile,
    ChangePassword,
    CurrentPassword,
    NewPassword,
    PasswordChanged,
    HelpTitle,
    HelpIntro,
    HelpArticlesLater,
    NoAccessTitle,
    NoAccessBody,
    GoToHome,
    NotFoundTitle,
    NotFoundBody,
    LoadFailed,
}

impl Texts for Key {
    fn texts(self) -> (&'static str, &'static str) {
        texts(self)
    }
}

/// The text for `key` in `locale`.
pub fn t(locale: Locale, key: impl Texts) -> &'static str {
    let (en, de) = key.texts();
    match locale {
        Locale::En => en,
        Locale::De => de,
    }
}

fn texts(key: Key) -> (&'static str, &'static str) {
    use Key::*;
    match key {
        SkipToContent => ("Skip to content", "Zum Inhalt springen"),
        MainNav => ("Main", "Hauptnavigation"),
        LanguageNav => ("Language", "Sprache"),
        SignIn => ("Sign in", "Anmelden"),
        SignOut => ("Sign out", "Abmelden"),
        SignedInAs => ("Signed in as", "Angemeldet als"),
        AreaAgent => ("Agent workspace", "Agenten-Arbeitsbereich"),
        AreaPortal => ("Customer portal", "Kundenportal"),
        AreaAdmin => ("Administration", "Verwaltung"),
        AreaAccount => ("Account", "Konto"),
        Loading => ("Loading…", "Wird geladen …"),
        Email => ("Email", "E-Mail"),
        Password => ("Password", "Passwort"),
        Name => ("Name", "Name"),
        LoginIntro => ("Welcome back. Sign in to continue.", "Willkommen zurück. Melden Sie sich an, um fortzufahren."),
        NoAccountYet => ("New to Tidings?", "Neu bei Tidings?"),
        CreateAnAccount => ("Create an account", "Konto erstellen"),
        RegisterTitle => ("Create your account", "Konto erstellen"),
        RegisterIntro => (
            "Get help from our team and follow your requests in one place.",
            "Erhalten Sie Hilfe von unserem Team und verfolgen Sie Ihre Anfragen an einem Ort.",
        ),
        CreateAccount => ("Create account", "Konto erstellen"),
        HaveAccount => ("I already have an account", "Ich habe bereits ein Konto"),
        Inbox => ("Inbox", "Posteingang"),
        WorkspaceNav => ("Workspace", "Arbeitsbereich"),
        NoConversations => ("No conversations yet.", "Noch keine Unterhaltungen."),
        NoConversationsHint => {
            ("New customer conversations will show up here.", "Neue Unterhaltungen mit Kunden erscheinen hier.")
        }
        MyRequests => ("My requests", "Meine Anfragen"),
        NoRequests => ("You have no requests yet.", "Sie haben noch keine Anfragen."),
        NoRequestsHint => (
            "When you contact us, your requests and our answers appear here.",
            "Wenn Sie uns kontaktieren, erscheinen Ihre Anfragen und unsere Antworten hier.",
        ),
        AdminNav => ("Admin", "Verwaltungsbereich"),
        Users => ("Users", "Benutzer"),
        Teams => ("Teams", "Teams"),
        NewUser => ("New user", "Neuer Benutzer"),
        Role => ("Role", "Rolle"),
        Status => ("Status", "Status"),
        Actions => ("Actions", "Aktionen"),
        CreateUser => ("Create user", "Benutzer anlegen"),
        UserCreated => ("User created.", "Benutzer angelegt."),
        ChangesSaved => ("Changes saved.", "Änderungen gespeichert."),
        Active => ("Active", "Aktiv"),
        Deactivated => ("Deactivated", "Deaktiviert"),
        Deactivate => ("Deactivate", "Deaktivieren"),
        Reactivate => ("Reactivate", "Reaktivieren"),
        NoUsers => ("No users yet.", "Noch keine Benutzer."),
        Pagination => ("Pages", "Seiten"),
        Previous => ("Previous", "Zurück"),
        Next => ("Next", "Weiter"),
        TeamName => ("Team name", "Teamname"),
        NewTeam => ("New team", "Neues Team"),
        CreateTeam => ("Create team", "Team anlegen"),
        TeamCreated => ("Team created.", "Team angelegt."),
        NoTeams => ("No teams yet.", "Noch keine Teams."),
        AccountTitle => ("Account", "Konto"),
        Profile => ("Profile", "Profil"),
        ChangePassword => ("Change password", "Passwort ändern"),
        CurrentPassword => ("Current password", "Aktuelles Passwort"),
        NewPassword => ("New password", "Neues Passwort"),
        PasswordChanged => (
            "Password changed. Other sessions were signed out.",
            "Passwort geändert. Andere Sitzungen wurden abgemeldet.",
        ),
        HelpTitle => ("Help center", "Hilfe-Center"),
        HelpIntro => (
            "Find answers to common questions about your account and our service.",
            "Hier finden Sie Antworten auf häufige Fragen zu Ihrem Konto und unserem Service.",
        ),
        HelpArticlesLater => (
            "Articles will appear here once they are published.",
            "Artikel erscheinen hier, sobald sie veröffentlicht sind.",
        ),
        NoAccessTitle => ("No access", "Kein Zugriff"),
        NoAccessBody => {
            ("Your account does not have access to this page.", "Ihr Konto hat keinen Zugriff auf diese Seite.")
        }
        GoToHome => ("Go to your start page", "Zu Ihrer Startseite"),
        NotFoundTitle => ("Page not found", "Seite nicht gefunden"),
        NotFoundBody => ("The page you are looking for does not exist.", "Die gesuchte Seite gibt es nicht."),
        LoadFailed => (
            "This could not be loaded. Please try again.",
            "Das konnte nicht geladen werden. Bitte versuchen Sie es erneut.",
        ),
    }
}

/// A role's name for people (the wire name stays in `value` attributes).
pub fn role_name(locale: Locale, role: Role) -> &'static str {
    match (role, locale) {
        (Role::Customer, Locale::En) => "Customer",
        (Role::Customer, Locale::De) => "Kunde",
        (Role::Agent, _) => "Agent",
        (Role::Supervisor, _) => "Supervisor",
        (Role::Admin, _) => "Administrator",
    }
}

/// Accessible name of the role select in a user row.
pub fn role_for(locale: Locale, email: &str) -> String {
    match locale {
        Locale::En => format!("Role for {email}"),
        Locale::De => format!("Rolle für {email}"),
    }
}

/// Accessible name of the (de)activate button in a user row: the visible word plus whose account it is.
pub fn toggle_active_label(locale: Locale, active: bool, email: &str) -> String {
    let verb = t(locale, if active { Key::Deactivate } else { Key::Reactivate });
    format!("{verb} {email}")
}

/// "Page 2 of 5".
pub fn page_of(locale: Locale, page: u32, pages: u32) -> String {
    match locale {
        Locale::En => format!("Page {page} of {pages}"),
        Locale::De => format!("Seite {page} von {pages}"),
    }
}

/// The language of this page view, as provided by [`provide_locale`] (English outside the app).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Decides the language once for this render and shares it with every component.
pub fn provide_locale() -> Locale {
    let locale = detect_locale();
    provide_context(locale);
    locale
}

/// On the server: the language in a help-center address (`/help/de/...`, so the page and `<html lang>` match its
/// content), else the `tidings_lang` cookie, else `Accept-Language`, else English.
#[cfg(feature = "ssr")]
pub fn detect_locale() -> Locale {
    use_context::<http::request::Parts>()
        .map(|parts| help_path_locale(parts.uri.path()).unwrap_or_else(|| locale_from_headers(&parts.headers)))
        .unwrap_or_default()
}

/// In the browser: whatever the server wrote into `<html lang>`, so hydration renders the same words.
#[cfg(not(feature = "ssr"))]
pub fn detect_locale() -> Locale {
    document()
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|lang| Locale::parse(&lang))
        .unwrap_or_default()
}

/// The request's language from its headers (cookie first).
#[cfg(feature = "ssr")]
pub fn locale_from_headers(headers: &http::HeaderMap) -> Locale {
    let from_cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Locale::parse(value.trim_matches('"')));
    from_cookie
        .or_else(|| {
            headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .map(Locale::from_accept_language)
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn the_cookie_wins_over_accept_language() {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::ACCEPT_LANGUAGE, "de-DE,de;q=0.9".parse().unwrap());
        assert_eq!(locale_from_headers(&headers), Locale::De);
        headers.insert(http::header::COOKIE, "a=1; tidings_lang=en; b=2".parse().unwrap());
        assert_eq!(locale_from_headers(&headers), Locale::En);
        assert_eq!(locale_from_headers(&http::HeaderMap::new()), Locale::En);
    }
}
