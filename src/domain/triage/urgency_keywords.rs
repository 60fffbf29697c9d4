//! The words that make a support message urgent on an online learning platform, in English and German. Both
//! lists are searched in every message: German customers write "urgent" and "hacked" too.
//!
//! Urgent (someone else may be in the account, personal data may be out, an exam is about to start) is for what
//! must be handled within the hour; High (the customer says it is urgent, everything stopped working, money was
//! taken twice, a legal deadline runs) is for the top of the queue. The Datenschutz / GDPR words raise to High
//! because requests under the GDPR have a statutory one-month deadline, not because they are emergencies.

use crate::domain::{Locale, Priority};

/// Single keywords and phrases.
pub(super) const PHRASES: &[(&str, Locale, Priority)] = &[
    ("data breach", Locale::En, Priority::Urgent),
    ("data leak", Locale::En, Priority::Urgent),
    ("leaked", Locale::En, Priority::Urgent),
    ("hacked", Locale::En, Priority::Urgent),
    ("hacker*", Locale::En, Priority::Urgent),
    ("compromised", Locale::En, Priority::Urgent),
    ("unauthorized", Locale::En, Priority::Urgent),
    ("unauthorised", Locale::En, Priority::Urgent),
    ("identity theft", Locale::En, Priority::Urgent),
    ("stolen", Locale::En, Priority::Urgent),
    ("someone else logged in", Locale::En, Priority::Urgent),
    ("someone logged into my account", Locale::En, Priority::Urgent),
    ("datenleck", Locale::De, Priority::Urgent),
    ("datenpanne", Locale::De, Priority::Urgent),
    ("datenschutzverletzung", Locale::De, Priority::Urgent),
    ("gehackt", Locale::De, Priority::Urgent),
    ("gekapert", Locale::De, Priority::Urgent),
    ("kompromittiert", Locale::De, Priority::Urgent),
    ("unbefugt*", Locale::De, Priority::Urgent),
    ("gestohlen", Locale::De, Priority::Urgent),
    ("identitätsdiebstahl", Locale::De, Priority::Urgent),
    ("fremder zugriff", Locale::De, Priority::Urgent),
    ("urgent", Locale::En, Priority::High),
    ("urgently", Locale::En, Priority::High),
    ("asap", Locale::En, Priority::High),
    ("as soon as possible", Locale::En, Priority::High),
    ("immediately", Locale::En, Priority::High),
    ("right away", Locale::En, Priority::High),
    ("emergency", Locale::En, Priority::High),
    ("critical", Locale::En, Priority::High),
    ("time sensitive", Locale::En, Priority::High),
    ("stopped working", Locale::En, Priority::High),
    ("not working at all", Locale::En, Priority::High),
    ("nothing works", Locale::En, Priority::High),
    ("nothing is working", Locale::En, Priority::High),
    ("completely down", Locale::En, Priority::High),
    ("site is down", Locale::En, Priority::High),
    ("charged twice", Locale::En, Priority::High),
    ("double charged", Locale::En, Priority::High),
    ("chargeback", Locale::En, Priority::High),
    ("lawyer", Locale::En, Priority::High),
    ("legal action", Locale::En, Priority::High),
    ("gdpr", Locale::En, Priority::High),
    ("data protection", Locale::En, Priority::High),
    ("right to be forgotten", Locale::En, Priority::High),
    ("before my exam", Locale::En, Priority::High),
    ("before the exam", Locale::En, Priority::High),
    ("dringend*", Locale::De, Priority::High),
    ("eilt", Locale::De, Priority::High),
    ("eilig", Locale::De, Priority::High),
    ("sofort", Locale::De, Priority::High),
    ("umgehend", Locale::De, Priority::High),
    ("schnellstmöglich", Locale::De, Priority::High),
    ("so schnell wie möglich", Locale::De, Priority::High),
    ("notfall", Locale::De, Priority::High),
    ("geht nicht mehr", Locale::De, Priority::High),
    ("geht gar nicht mehr", Locale::De, Priority::High),
    ("geht gar nichts mehr", Locale::De, Priority::High),
    ("nichts geht mehr", Locale::De, Priority::High),
    ("funktioniert nicht mehr", Locale::De, Priority::High),
    ("funktioniert gar nicht mehr", Locale::De, Priority::High),
    ("funktioniert überhaupt nicht", Locale::De, Priority::High),
    ("doppelt abgebucht", Locale::De, Priority::High),
    ("zweimal abgebucht", Locale::De, Priority::High),
    ("doppelt belastet", Locale::De, Priority::High),
    ("rückbuchung", Locale::De, Priority::High),
    ("anwalt", Locale::De, Priority::High),
    ("rechtliche schritte", Locale::De, Priority::High),
    ("verbraucherzentrale", Locale::De, Priority::High),
    ("datenschutz", Locale::De, Priority::High),
    ("datenschutzbeauftragt*", Locale::De, Priority::High),
    ("dsgvo", Locale::De, Priority::High),
    ("vor meiner prüfung", Locale::De, Priority::High),
    ("vor der prüfung", Locale::De, Priority::High),
];

/// An exam or a hard deadline. With a time that is close ([`SOON`]) it makes a message urgent; with a blocker
/// ([`BLOCKED`]) it raises it to high.
pub(super) const EXAM: &[(&str, Locale)] = &[
    ("exam*", Locale::En),
    ("assessment", Locale::En),
    ("deadline", Locale::En),
    ("prüfung*", Locale::De),
    ("abschlussprüfung*", Locale::De),
    ("klausur*", Locale::De),
    ("examen", Locale::De),
    ("abschlusstest", Locale::De),
    ("abgabe*", Locale::De),
    ("frist", Locale::De),
];

/// A time close enough that support cannot wait for the normal queue. `None` marks look-alikes that are not times
/// ("Guten Morgen" is a greeting, not tomorrow); matched as phrases, they hide the word inside them.
pub(super) const SOON: &[(&str, Option<Locale>)] = &[
    ("today", Some(Locale::En)),
    ("tonight", Some(Locale::En)),
    ("tomorrow", Some(Locale::En)),
    ("this morning", Some(Locale::En)),
    ("this afternoon", Some(Locale::En)),
    ("this evening", Some(Locale::En)),
    ("in an hour", Some(Locale::En)),
    ("in one hour", Some(Locale::En)),
    ("in two hours", Some(Locale::En)),
    ("right now", Some(Locale::En)),
    ("heute", Some(Locale::De)),
    ("morgen", Some(Locale::De)),
    ("gleich", Some(Locale::De)),
    ("heute abend", Some(Locale::De)),
    ("in einer stunde", Some(Locale::De)),
    ("in zwei stunden", Some(Locale::De)),
    ("guten morgen", None),
    ("morgen früh", Some(Locale::De)),
];

/// Words saying the customer is blocked.
pub(super) const BLOCKED: &[(&str, Locale)] = &[
    ("cannot log in", Locale::En),
    ("cant log in", Locale::En),
    ("cannot login", Locale::En),
    ("cant login", Locale::En),
    ("unable to log in", Locale::En),
    ("cannot access", Locale::En),
    ("cant access", Locale::En),
    ("no access", Locale::En),
    ("locked out", Locale::En),
    ("not working", Locale::En),
    ("doesnt work", Locale::En),
    ("wont load", Locale::En),
    ("wont start", Locale::En),
    ("komme nicht rein", Locale::De),
    ("komme nicht mehr rein", Locale::De),
    ("kann mich nicht anmelden", Locale::De),
    ("kann mich nicht einloggen", Locale::De),
    ("kein zugang", Locale::De),
    ("keinen zugang", Locale::De),
    ("kein zugriff", Locale::De),
    ("keinen zugriff", Locale::De),
    ("gesperrt", Locale::De),
    ("ausgesperrt", Locale::De),
    ("geht nicht", Locale::De),
    ("funktioniert nicht", Locale::De),
    ("lädt nicht", Locale::De),
    ("startet nicht", Locale::De),
];

/// Words saying the exam is already over ("passed my exam today"): then an exam and a close time are news, not an
/// emergency.
pub(super) const EXAM_OVER: &[&str] =
    &["passed", "took the exam", "bestanden", "durchgefallen", "geschrieben", "abgelegt", "absolviert"];
