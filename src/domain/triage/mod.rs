//! Offline triage of an incoming support message: its language, the customer's mood, the team that should answer
//! and urgency keywords, computed in-process without any external service, so it runs the same on a self-hosted
//! server with no network, in tests and in the browser. Each part is small and explainable: the result carries
//! human-readable reasons the ticket's timeline can show ("team billing (0.82)", "urgent: keyword 'gehackt'").

mod classifier;
mod features;
mod language;
mod lexicon_de;
mod lexicon_en;
mod matcher;
mod sentiment;
mod text;
mod urgency;
mod urgency_keywords;
mod views;

pub use classifier::{ClassifierError, LabelScore, Prediction, TeamClassifier, MAX_LABEL_CHARS};
pub use features::FEATURE_FORMAT;
pub use language::{detect_language, LanguageGuess, MIN_LANGUAGE_CONFIDENCE};
pub use sentiment::{sentiment, Sentiment, SentimentLabel, SENTIMENT_THRESHOLD};
pub use text::MAX_TRIAGE_CHARS;
pub use urgency::{urgency, UrgencyHit};
pub use views::{TicketTriage, TrainingReport};

use serde::{Deserialize, Serialize};

use crate::domain::Locale;

/// Everything triage found in one message, with the reasons in the order language, team, sentiment, urgency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriageResult {
    pub language: Option<LanguageGuess>,
    pub sentiment: Sentiment,
    pub team: Option<Prediction>,
    pub urgency: Option<UrgencyHit>,
    pub reasons: Vec<String>,
}

/// Triages a message with a team model (an untrained model simply predicts no team). Sentiment and urgency use
/// the detected language; when the language is unknown, sentiment takes whichever lexicon finds the stronger mood.
pub fn triage(text: &str, model: &TeamClassifier) -> TriageResult {
    let language = detect_language(text);
    let (locale, sentiment) = match language {
        Some(guess) => (guess.locale, sentiment(text, guess.locale)),
        None => Locale::ALL
            .into_iter()
            .map(|locale| (locale, sentiment(text, locale)))
            .max_by(|a, b| a.1.score.abs().total_cmp(&b.1.score.abs()))
            .unwrap_or_else(|| (Locale::default(), sentiment(text, Locale::default()))),
    };
    let team = model.predict(text);
    let urgency = urgency(text, locale);
    let reasons = explain(language, &sentiment, team.as_ref(), urgency.as_ref());
    TriageResult { language, sentiment, team, urgency, reasons }
}

fn explain(
    language: Option<LanguageGuess>,
    sentiment: &Sentiment,
    team: Option<&Prediction>,
    urgency: Option<&UrgencyHit>,
) -> Vec<String> {
    let mut reasons = Vec::with_capacity(4);
    reasons.push(match language {
        Some(guess) => format!("language {} ({:.2})", guess.locale.as_str(), guess.confidence),
        None => "language unknown".to_string(),
    });
    reasons.push(match team {
        Some(prediction) => format!("team {} ({:.2})", prediction.label, prediction.confidence),
        None => "team unknown (no model or no known words)".to_string(),
    });
    let mut mood = format!("sentiment {} ({:+.2})", sentiment.label.as_str(), sentiment.score);
    if !sentiment.cues.is_empty() {
        let cues: Vec<String> = sentiment.cues.iter().map(|cue| format!("'{cue}'")).collect();
        mood.push_str(&format!(": {}", cues.join(", ")));
    }
    reasons.push(mood);
    if let Some(hit) = urgency {
        reasons.push(format!("{}: keyword '{}'", hit.raise_to, hit.keyword));
    }
    reasons
}

/// The text triage reads for a ticket: its subject and opening message. One function, so triage at filing,
/// corrections and training all see the same text.
pub fn ticket_text(subject: &str, first_message: &str) -> String {
    format!("{subject}\n\n{first_message}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Priority;

    #[test]
    fn triage_combines_every_part_and_explains_it() {
        let model = TeamClassifier::train(&[
            ("Die Rechnung ist falsch, bitte Geld zurück", "billing"),
            ("Das Video lädt nicht", "technical"),
        ]);
        let Ok(model) = model else { panic!("{model:?}") };
        let result = triage("Dringend: meine Rechnung ist doppelt, das ist wirklich ärgerlich!", &model);
        assert_eq!(result.language.map(|guess| guess.locale), Some(Locale::De));
        assert_eq!(result.team.as_ref().map(|team| team.label.as_str()), Some("billing"));
        assert_eq!(result.sentiment.label, SentimentLabel::Negative);
        assert_eq!(result.urgency.as_ref().map(|hit| hit.raise_to), Some(Priority::High));
        assert_eq!(result.reasons.len(), 4);
        assert!(result.reasons[0] == "language de (0.99)", "{:?}", result.reasons);
        assert!(result.reasons[1].starts_with("team billing (0."), "{:?}", result.reasons);
        assert!(
            result.reasons[2].starts_with("sentiment negative (-0.") && result.reasons[2].ends_with(": 'ärgerlich'")
        );
        assert_eq!(result.reasons[3], "high: keyword 'Dringend'");
    }

    #[test]
    fn an_empty_message_and_an_untrained_model_give_a_calm_unknown_result() {
        let result = triage("", &TeamClassifier::default());
        assert_eq!((result.language, result.team, result.urgency), (None, None, None));
        assert_eq!(result.sentiment.label, SentimentLabel::Neutral);
        assert_eq!(
            result.reasons,
            ["language unknown", "team unknown (no model or no known words)", "sentiment neutral (+0.00)"]
        );
    }
}

#[cfg(test)]
#[path = "eval_tests.rs"]
mod eval_tests;
