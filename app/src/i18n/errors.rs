//! Service error codes as sentences in the reader's language (ticket codes in `ticket_errors`).

use tidings::domain::{Locale, Password};

use super::ticket_errors;
use crate::api::AppError;

/// The sentence for a service error code, if the UI knows the code.
pub fn error_text(locale: Locale, code: &str) -> Option<String> {
    let de = locale == Locale::De;
    let pick = |en: &str, de_text: &str| Some(if de { de_text } else { en }.to_string());
    match code {
        "invalid_credentials" => pick("Email or password is incorrect.", "E-Mail oder Passwort ist falsch."),
        "rate_limited" => pick(
            "Too many attempts. Try again in a few minutes.",
            "Zu viele Versuche. Bitte versuchen Sie es in einigen Minuten erneut.",
        ),
        "invalid_email" => pick(
            "Enter a valid email address, like name@example.com.",
            "Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.",
        ),
        "required" => pick("This field is required.", "Dieses Feld ist erforderlich."),
        "too_long" => pick("This is too long. Please shorten it.", "Das ist zu lang. Bitte kürzen Sie es."),
        "invalid_characters" => pick(
            "Line breaks and control characters are not allowed.",
            "Zeilenumbrüche und Steuerzeichen sind nicht erlaubt.",
        ),
        "email_taken" => {
            pick("An account with this email already exists.", "Es gibt bereits ein Konto mit dieser E-Mail-Adresse.")
        }
        "password_too_short" => Some(if de {
            format!("Verwenden Sie mindestens {} Zeichen.", Password::MIN_CHARS)
        } else {
            format!("Use at least {} characters.", Password::MIN_CHARS)
        }),
        "password_too_long" => Some(if de {
            format!("Verwenden Sie höchstens {} Zeichen.", Password::MAX_CHARS)
        } else {
            format!("Use at most {} characters.", Password::MAX_CHARS)
        }),
        "registration_closed" => pick(
            "Sign-up is closed. Please contact us for an account.",
            "Die Registrierung ist geschlossen. Bitte kontaktieren Sie uns für ein Konto.",
        ),
        "account_deactivated" => pick(
            "This account has been deactivated. Contact your administrator.",
            "Dieses Konto wurde deaktiviert. Wenden Sie sich an Ihre Administration.",
        ),
        "wrong_password" => pick("The current password is not correct.", "Das aktuelle Passwort ist nicht korrekt."),
        "unknown_role" => pick("Choose one of the listed roles.", "Wählen Sie eine der angebotenen Rollen."),
        "unknown_team" => pick("One of the teams does not exist.", "Eines der Teams gibt es nicht."),
        "unknown_locale" => pick("Choose English or German.", "Wählen Sie Englisch oder Deutsch."),
        "team_name_taken" => {
            pick("A team with this name already exists.", "Es gibt bereits ein Team mit diesem Namen.")
        }
        "last_admin" => pick(
            "This is the last active admin. Make someone else an admin first.",
            "Dies ist der letzte aktive Admin. Machen Sie zuerst jemand anderen zum Admin.",
        ),
        "unauthenticated" => pick("Please sign in.", "Bitte melden Sie sich an."),
        "forbidden" => pick("You are not allowed to do this.", "Dazu sind Sie nicht berechtigt."),
        "not_found" => pick("This no longer exists.", "Das gibt es nicht mehr."),
        "network" => pick(
            "Could not reach the server. Check your connection.",
            "Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung.",
        ),
        "internal" => pick(
            "Something went wrong on our side. Please try again.",
            "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es erneut.",
        ),
        other => ticket_errors::ticket_error_text(locale, other)
            .or_else(|| super::chat::chat_error_text(locale, other))
            .or_else(|| super::rules::rule_error_text(locale, other).map(str::to_string)),
    }
}

/// What to show for a failed server function: the translation of its code, else the server's own sentence.
pub fn app_error_text(locale: Locale, err: &AppError) -> String {
    error_text(locale, &err.code).unwrap_or_else(|| err.message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_the_auth_forms_use_has_a_translation() {
        let codes = [
            "invalid_credentials",
            "rate_limited",
            "invalid_email",
            "required",
            "too_long",
            "invalid_characters",
            "email_taken",
            "password_too_short",
            "password_too_long",
            "registration_closed",
        ];
        for code in codes {
            for locale in Locale::ALL {
                assert!(error_text(locale, code).is_some(), "{code} / {locale:?}");
            }
        }
        assert_eq!(error_text(Locale::De, "invalid_credentials").as_deref(), Some("E-Mail oder Passwort ist falsch."));
    }

    #[test]
    fn unknown_codes_fall_back_to_the_server_sentence() {
        let err = AppError::new("something_new", "Server says so.");
        assert_eq!(app_error_text(Locale::De, &err), "Server says so.");
    }
}
