use crate::domain::analytics::{should_send_survey, CsatComment, CsatRating, SurveyCandidate};
use crate::domain::ticket::TicketStatus;

#[test]
fn ratings_run_from_one_to_five() {
    assert!(CsatRating::new(0).is_err());
    assert_eq!(CsatRating::new(1).unwrap().value(), 1);
    assert_eq!(CsatRating::new(5).unwrap().value(), 5);
    assert_eq!(CsatRating::new(6).unwrap_err().field, "rating");
    assert!(CsatRating::from_i64(-1).is_err());
    assert!(CsatRating::from_i64(300).is_err());
    assert!(serde_json::from_str::<CsatRating>("7").is_err());
    assert_eq!(serde_json::from_str::<CsatRating>("3").unwrap(), CsatRating::new(3).unwrap());
}

#[test]
fn comments_are_trimmed_optional_and_bounded() {
    assert_eq!(CsatComment::parse(None).unwrap(), None);
    assert_eq!(CsatComment::parse(Some("   ")).unwrap(), None);
    assert_eq!(CsatComment::parse(Some(" Danke! ")).unwrap().unwrap().as_str(), "Danke!");
    let long = "ü".repeat(CsatComment::MAX_CHARS + 1);
    assert_eq!(CsatComment::parse(Some(&long)).unwrap_err().field, "comment");
    assert!(CsatComment::parse(Some(&long[2..])).is_ok(), "the limit counts characters, not bytes");
}

#[test]
fn a_survey_goes_out_once_for_a_resolved_ticket_that_was_not_merged() {
    let resolved =
        SurveyCandidate { status: TicketStatus::Resolved, merged_duplicate: false, survey_already_sent: false };
    assert!(should_send_survey(resolved));
    assert!(!should_send_survey(SurveyCandidate { survey_already_sent: true, ..resolved }));
    assert!(!should_send_survey(SurveyCandidate { merged_duplicate: true, ..resolved }));
    for status in [TicketStatus::New, TicketStatus::Open, TicketStatus::Pending, TicketStatus::Closed] {
        assert!(!should_send_survey(SurveyCandidate { status, ..resolved }), "{status:?}");
    }
}

#[test]
fn the_survey_link_starts_with_the_public_address_and_the_message_carries_it() {
    use crate::domain::analytics::{survey_invitation, survey_link};
    use crate::domain::Locale;
    assert_eq!(
        survey_link(Some("https://support.example.com/"), "csat1.x"),
        "https://support.example.com/csat/csat1.x"
    );
    assert_eq!(survey_link(None, "csat1.x"), "/csat/csat1.x");
    for locale in Locale::ALL {
        let text = survey_invitation(locale, "https://s.example/csat/t");
        assert!(text.contains("\nhttps://s.example/csat/t\n"), "the link stands on a line of its own: {text}");
    }
}
