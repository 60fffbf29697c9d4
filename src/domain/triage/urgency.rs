//! Urgency keywords: words in a message that should raise its ticket's priority, reported with the keyword so the
//! ticket's timeline can say why ("raised to urgent: 'gehackt'"). Keywords only ever raise a priority; they
//! never lower one an agent set.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::matcher::{Found, PhraseMatcher};
use super::text::{is_negator, split_words, Word};
use super::urgency_keywords::{BLOCKED, EXAM, EXAM_OVER, PHRASES, SOON};
use crate::domain::{Locale, Priority};

/// A keyword that was found, as the customer wrote it, and the priority it asks for (High or Urgent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrgencyHit {
    pub keyword: String,
    pub raise_to: Priority,
}

/// How many words before a keyword a negation cancels it ("not urgent", "ist nicht dringend").
const NEGATION_REACH: usize = 3;

struct Keywords {
    phrases: PhraseMatcher<(Locale, Priority)>,
    exam: PhraseMatcher<Locale>,
    soon: PhraseMatcher<Option<Locale>>,
    blocked: PhraseMatcher<Locale>,
    exam_over: PhraseMatcher<()>,
}

static KEYWORDS: LazyLock<Keywords> = LazyLock::new(|| Keywords {
    phrases: PhraseMatcher::new(PHRASES.iter().map(|(entry, locale, priority)| (*entry, (*locale, *priority)))),
    exam: PhraseMatcher::new(EXAM.iter().copied()),
    soon: PhraseMatcher::new(SOON.iter().copied()),
    blocked: PhraseMatcher::new(BLOCKED.iter().copied()),
    exam_over: PhraseMatcher::new(EXAM_OVER.iter().map(|entry| (*entry, ()))),
});

/// A candidate hit: the priority, whether it is a keyword of the message's language, and where it starts.
struct Candidate {
    raise_to: Priority,
    own_language: bool,
    position: usize,
    keyword: String,
}

/// The strongest urgency keyword in a message, `None` without one. Both languages' keywords count; `locale` (the
/// message's language) only decides which keyword is reported when several raise to the same priority, and
/// otherwise the earliest wins. Negated keywords ("not urgent", "kein Notfall") do not count.
pub fn urgency(text: &str, locale: Locale) -> Option<UrgencyHit> {
    let words = split_words(text);
    let keywords = &*KEYWORDS;
    let mut candidates: Vec<Candidate> = keywords
        .phrases
        .find_all(&words)
        .into_iter()
        .filter(|hit| !is_negated(&words, hit.start))
        .map(|hit| Candidate {
            raise_to: hit.value.1,
            own_language: hit.value.0 == locale,
            position: hit.start,
            keyword: original(&words, hit),
        })
        .collect();
    candidates.extend(exam_candidate(&words, locale, keywords));
    candidates
        .into_iter()
        .max_by_key(|candidate| (candidate.raise_to, candidate.own_language, std::cmp::Reverse(candidate.position)))
        .map(|candidate| UrgencyHit { keyword: candidate.keyword, raise_to: candidate.raise_to })
}

/// An exam with a close time ("Prüfung morgen", "exam in an hour") is urgent; an exam with a blocker ("I can't
/// log in and my exam…") is high. Reported as both parts, "Prüfung … morgen".
fn exam_candidate(words: &[Word<'_>], locale: Locale, keywords: &Keywords) -> Option<Candidate> {
    let exam = keywords.exam.find_all(words).into_iter().find(|hit| !is_negated(words, hit.start))?;
    let exam_is_over = !keywords.exam_over.find_all(words).is_empty();
    let soon = keywords.soon.find_all(words).into_iter().find(|hit| hit.value.is_some() && !exam_is_over);
    let (other, raise_to, other_locale) = match soon {
        Some(soon) => (soon.start..soon.start + soon.len, Priority::Urgent, soon.value),
        None => {
            let blocked = keywords.blocked.find_all(words).into_iter().next()?;
            (blocked.start..blocked.start + blocked.len, Priority::High, Some(blocked.value))
        }
    };
    let (first, second) = if exam.start < other.start {
        (original(words, exam), join(&words[other.clone()]))
    } else {
        (join(&words[other.clone()]), original(words, exam))
    };
    Some(Candidate {
        raise_to,
        own_language: exam.value == locale || other_locale == Some(locale),
        position: exam.start.min(other.start),
        keyword: format!("{first} … {second}"),
    })
}

/// A negation shortly before a keyword, in the same clause.
fn is_negated(words: &[Word<'_>], start: usize) -> bool {
    let mut position = start;
    while position > 0 && start - position < NEGATION_REACH && !words[position].after_break {
        position -= 1;
        if is_negator(&words[position].normalized) {
            return true;
        }
    }
    false
}

fn original<T>(words: &[Word<'_>], hit: Found<T>) -> String {
    join(&words[hit.start..hit.start + hit.len])
}

fn join(words: &[Word<'_>]) -> String {
    words.iter().map(|word| word.original).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(text: &str, locale: Locale) -> Option<(String, Priority)> {
        urgency(text, locale).map(|hit| (hit.keyword, hit.raise_to))
    }

    #[test]
    fn keywords_of_both_languages_raise_and_report_what_was_written() {
        assert_eq!(hit("Bitte DRINGEND helfen", Locale::De), Some(("DRINGEND".into(), Priority::High)));
        assert_eq!(hit("Please fix this asap", Locale::En), Some(("asap".into(), Priority::High)));
        assert_eq!(hit("Mein Account wurde gehackt!", Locale::De), Some(("gehackt".into(), Priority::Urgent)));
        assert_eq!(hit("I think there was a data breach", Locale::En), Some(("data breach".into(), Priority::Urgent)));
        assert_eq!(hit("Der Player geht nicht mehr", Locale::De), Some(("geht nicht mehr".into(), Priority::High)));
        assert_eq!(hit("Frage zum Datenschutz", Locale::De), Some(("Datenschutz".into(), Priority::High)));
        // An English keyword in a German message still counts.
        assert_eq!(hit("Hilfe, urgent!", Locale::De), Some(("urgent".into(), Priority::High)));
    }

    #[test]
    fn the_strongest_keyword_wins_then_the_own_language_then_the_earliest() {
        assert_eq!(hit("urgent: my account was hacked", Locale::En), Some(("hacked".into(), Priority::Urgent)));
        assert_eq!(hit("urgent, bitte dringend", Locale::De), Some(("dringend".into(), Priority::High)));
        assert_eq!(hit("urgent, bitte dringend", Locale::En), Some(("urgent".into(), Priority::High)));
        assert_eq!(hit("asap, immediately", Locale::En), Some(("asap".into(), Priority::High)));
    }

    #[test]
    fn an_exam_close_in_time_is_urgent_and_a_blocked_exam_is_high() {
        assert_eq!(
            hit("Meine Prüfung ist morgen und das Video lädt nicht", Locale::De),
            Some(("Prüfung … morgen".into(), Priority::Urgent))
        );
        assert_eq!(hit("exam in an hour!!", Locale::En), Some(("exam … in an hour".into(), Priority::Urgent)));
        assert_eq!(
            hit("I cannot log in and my final exam is next week", Locale::En),
            Some(("cannot log in … exam".into(), Priority::High))
        );
        assert_eq!(
            hit("I cannot log in before my exam", Locale::En).map(|(_, priority)| priority),
            Some(Priority::High)
        );
        assert_eq!(hit("Pruefung morgen", Locale::De), Some(("Pruefung … morgen".into(), Priority::Urgent)));
    }

    #[test]
    fn greetings_finished_exams_and_negations_are_not_urgent() {
        assert_eq!(hit("Guten Morgen, wann ist die Prüfung?", Locale::De), None);
        assert_eq!(hit("I passed my exam today, thank you!", Locale::En), None);
        assert_eq!(hit("This is not urgent, just a question", Locale::En), None);
        assert_eq!(hit("Es ist nicht dringend", Locale::De), None);
        assert_eq!(hit("Kein Notfall, aber eine Frage", Locale::De), None);
        assert_eq!(hit("Where can I find my invoice?", Locale::En), None);
        assert_eq!(hit("", Locale::En), None);
    }
}
