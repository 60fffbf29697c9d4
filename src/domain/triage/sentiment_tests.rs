use super::*;

fn label_of(text: &str, locale: Locale) -> SentimentLabel {
    sentiment(text, locale).label
}

#[test]
fn feelings_decide_and_calm_bug_reports_stay_neutral() {
    use SentimentLabel::*;
    assert_eq!(label_of("I am really frustrated, this is unacceptable.", Locale::En), Negative);
    assert_eq!(label_of("Thank you so much, the course is excellent!", Locale::En), Positive);
    assert_eq!(label_of("The video in lesson 3 does not load. Error 403.", Locale::En), Neutral);
    assert_eq!(label_of("Ich bin total enttäuscht und echt genervt.", Locale::De), Negative);
    assert_eq!(label_of("Vielen lieben Dank, der Kurs ist super!", Locale::De), Positive);
    assert_eq!(label_of("Das Video in Lektion 3 lädt nicht. Fehler 403.", Locale::De), Neutral);
}

#[test]
fn courtesy_formulas_do_not_make_a_request_positive() {
    for (text, locale) in [
        ("Could you please send me the invoice again? Thanks in advance, kind regards", Locale::En),
        ("Please reset my password. Thanks!", Locale::En),
        ("Können Sie mir bitte die Rechnung schicken? Vielen Dank im Voraus und mit freundlichen Grüßen", Locale::De),
        ("Leider finde ich mein Zertifikat nicht. Ich freue mich auf Ihre Antwort.", Locale::De),
    ] {
        let mood = sentiment(text, locale);
        assert_eq!(mood.label, SentimentLabel::Neutral, "{text}: {mood:?}");
    }
}

#[test]
fn negation_turns_a_word_around_in_both_word_orders() {
    let english = sentiment("The support was not helpful at all", Locale::En);
    assert!(english.score < 0.0, "{english:?}");
    assert_eq!(english.cues, ["not helpful"]);
    let german_before = sentiment("Der Kurs ist nicht gut", Locale::De);
    assert!(german_before.score < 0.0 && german_before.cues == ["nicht gut"], "{german_before:?}");
    let german_after = sentiment("Das neue Design gefällt mir nicht", Locale::De);
    assert!(german_after.score < 0.0 && german_after.cues == ["gefällt mir nicht"], "{german_after:?}");
    let not_bad = sentiment("Honestly, not bad", Locale::En);
    assert!(not_bad.score > 0.0, "{not_bad:?}");
    // A negation does not reach across a comma.
    let clause = sentiment("Not what I expected, but great", Locale::En);
    assert_eq!(clause.label, SentimentLabel::Positive, "{clause:?}");
}

#[test]
fn boosters_shouting_and_exclamations_strengthen() {
    let plain = sentiment("This is annoying", Locale::En).score;
    let boosted = sentiment("This is extremely annoying", Locale::En).score;
    let shouted = sentiment("This is ANNOYING", Locale::En).score;
    let exclaimed = sentiment("This is annoying!!!", Locale::En).score;
    assert!(boosted < plain && shouted < plain && exclaimed < plain, "{plain} {boosted} {shouted} {exclaimed}");
    // "super" boosts the next word instead of counting twice.
    let super_helpful = sentiment("super hilfreich", Locale::De).score;
    let very_helpful = sentiment("sehr hilfreich", Locale::De).score;
    assert!((super_helpful - very_helpful).abs() < 0.01, "{super_helpful} {very_helpful}");
}

#[test]
fn transliterated_umlauts_and_inflections_are_found() {
    assert_eq!(label_of("Ich bin enttaeuscht", Locale::De), SentimentLabel::Negative);
    assert_eq!(label_of("Wirklich AERGERLICH", Locale::De), SentimentLabel::Negative);
    assert_eq!(label_of("This keeps frustrating me", Locale::En), SentimentLabel::Negative);
}

#[test]
fn scores_stay_in_range_and_confidence_follows_the_margin() {
    let furious = sentiment("TERRIBLE!!! worst, awful, useless, a scam, I hate it!!!", Locale::En);
    assert!(furious.score >= -1.0 && furious.score < -0.9, "{furious:?}");
    assert!(furious.confidence > 0.9 && furious.cues.len() == 3, "{furious:?}");
    let empty = sentiment("", Locale::De);
    assert_eq!((empty.score, empty.label, empty.confidence), (0.0, SentimentLabel::Neutral, 0.6));
    let exasperated = sentiment("Why is this still not fixed?!", Locale::En);
    assert!(exasperated.score < 0.0 && exasperated.cues.contains(&"?!".to_string()), "{exasperated:?}");
}
