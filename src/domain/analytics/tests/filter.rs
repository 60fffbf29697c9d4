use crate::domain::analytics::{AnalyticsFilter, Dimension, KnownFilterValues, TicketDimensions};
use crate::domain::ticket::{Channel, Priority};

fn known<'a>(teams: &'a [String], agents: &'a [String]) -> KnownFilterValues<'a> {
    KnownFilterValues { team_ids: teams, agent_ids: agents }
}

fn ticket(team: Option<&str>, channel: Channel, agent: Option<&str>) -> TicketDimensions {
    TicketDimensions {
        team_id: team.map(str::to_owned),
        channel,
        agent_id: agent.map(str::to_owned),
        priority: Priority::High,
        category: None,
    }
}

#[test]
fn known_values_filter_and_blank_ones_do_not() {
    let teams = vec!["t-billing".to_owned()];
    let agents = vec!["u-ada".to_owned()];
    let filter = AnalyticsFilter::parse(Some("t-billing"), Some("email"), Some(" "), known(&teams, &agents)).unwrap();
    assert_eq!(filter.channel, Some(Channel::Email));
    assert_eq!(filter.agent_id, None);
    assert!(filter.matches(&ticket(Some("t-billing"), Channel::Email, Some("u-bob"))));
    assert!(!filter.matches(&ticket(Some("t-billing"), Channel::Chat, None)));
    assert!(!filter.matches(&ticket(None, Channel::Email, None)));
    assert!(AnalyticsFilter::parse(None, None, None, known(&teams, &agents)).unwrap().is_empty());
    assert!(AnalyticsFilter::for_agent("u-ada").matches(&ticket(None, Channel::Api, Some("u-ada"))));
}

#[test]
fn unknown_values_are_refused_on_their_field() {
    let teams = vec!["t-billing".to_owned()];
    let agents = vec!["u-ada".to_owned()];
    let field = |team, channel, agent| {
        let error = AnalyticsFilter::parse(team, channel, agent, known(&teams, &agents)).unwrap_err();
        assert_eq!(error.code, "unknown_value");
        error.field
    };
    assert_eq!(field(Some("t-sales"), None, None), "team");
    assert_eq!(field(None, Some("fax"), None), "channel");
    assert_eq!(field(None, None, Some("u-eve")), "agent");
}

#[test]
fn dimensions_name_the_group_a_ticket_falls_in() {
    let mut dimensions = ticket(Some("t-billing"), Channel::Whatsapp, None);
    dimensions.category = Some("billing/refunds".to_owned());
    assert_eq!(Dimension::Channel.key_of(&dimensions).as_deref(), Some("whatsapp"));
    assert_eq!(Dimension::Team.key_of(&dimensions).as_deref(), Some("t-billing"));
    assert_eq!(Dimension::Agent.key_of(&dimensions), None);
    assert_eq!(Dimension::Category.key_of(&dimensions).as_deref(), Some("billing/refunds"));
    assert_eq!(Dimension::Priority.key_of(&dimensions).as_deref(), Some("high"));
}
