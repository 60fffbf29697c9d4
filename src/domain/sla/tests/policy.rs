//! SLA policies: validation with the field at fault, choosing the most specific policy, and the JSON shape.

use chrono::Duration;

use crate::domain::input::FieldError;
use crate::domain::sla::{
    choose_policy, SlaPolicy, SlaPolicyDraft, SlaPolicyError, SlaTargets, TargetsByPriority, WarningThreshold,
};
use crate::domain::ticket::{Channel, Priority};

fn targets(first_response_minutes: i64, resolution_minutes: i64) -> SlaTargets {
    SlaTargets {
        first_response: Some(Duration::minutes(first_response_minutes)),
        resolution: Some(Duration::minutes(resolution_minutes)),
    }
}

fn draft(name: &str, channel: Option<Channel>, segment: Option<&str>) -> SlaPolicyDraft {
    SlaPolicyDraft {
        name: name.to_string(),
        channel,
        segment: segment.map(str::to_string),
        targets: TargetsByPriority { urgent: targets(30, 240), normal: targets(240, 2880), ..Default::default() },
        warning: WarningThreshold::PercentRemaining(20),
    }
}

fn policy(name: &str, channel: Option<Channel>, segment: Option<&str>) -> SlaPolicy {
    SlaPolicy::new(draft(name, channel, segment)).expect("valid policy")
}

#[test]
fn a_valid_policy_keeps_its_targets_and_normalises_the_segment() {
    let vip = policy("  VIP email ", Some(Channel::Email), Some(" VIP "));
    assert_eq!((vip.name(), vip.segment(), vip.channel()), ("VIP email", Some("vip"), Some(Channel::Email)));
    assert_eq!(vip.targets().get(Priority::Urgent), targets(30, 240));
    assert!(vip.targets().get(Priority::Low).is_empty(), "no targets means no SLA for low");
    assert_eq!(vip.warning(), WarningThreshold::PercentRemaining(20));
}

#[test]
fn bad_targets_are_refused_naming_the_field() {
    let with_urgent = |urgent: SlaTargets| SlaPolicyDraft {
        targets: TargetsByPriority { urgent, ..Default::default() },
        ..draft("Default", None, None)
    };
    let cases = [
        (
            SlaTargets { first_response: Some(Duration::zero()), resolution: None },
            "targets.urgent.first_response_minutes",
        ),
        (
            SlaTargets { first_response: None, resolution: Some(Duration::minutes(-5)) },
            "targets.urgent.resolution_minutes",
        ),
        (
            SlaTargets { first_response: Some(Duration::seconds(90)), resolution: None },
            "targets.urgent.first_response_minutes",
        ),
        (
            SlaTargets { first_response: None, resolution: Some(Duration::days(366)) },
            "targets.urgent.resolution_minutes",
        ),
    ];
    for (urgent, field) in cases {
        let error = SlaPolicy::new(with_urgent(urgent)).unwrap_err();
        assert_eq!(error.field(), field, "{urgent:?}");
    }
    let error = SlaPolicy::new(with_urgent(SlaTargets { first_response: Some(Duration::zero()), resolution: None }));
    assert_eq!(error, Err(SlaPolicyError::NonPositiveTarget { field: "targets.urgent.first_response_minutes" }));
}

#[test]
fn bad_warnings_and_names_are_refused_naming_the_field() {
    let with_warning = |warning| SlaPolicy::new(SlaPolicyDraft { warning, ..draft("Default", None, None) });
    for percent in [0, 100, 250] {
        let error = with_warning(WarningThreshold::PercentRemaining(percent)).unwrap_err();
        assert_eq!(error, SlaPolicyError::WarningPercentOutOfRange { percent });
        assert_eq!(error.field(), "warning.percent_remaining");
    }
    assert_eq!(
        with_warning(WarningThreshold::TimeRemaining(Duration::zero())),
        Err(SlaPolicyError::NonPositiveWarning)
    );
    // The urgent first response is 30 minutes: a 30-minute warning would fire as the clock starts.
    let error = with_warning(WarningThreshold::TimeRemaining(Duration::minutes(30))).unwrap_err();
    assert_eq!(
        error,
        SlaPolicyError::WarningNotShorterThanTarget { target_field: "targets.urgent.first_response_minutes" }
    );
    assert_eq!(error.field(), "warning.minutes_remaining");
    assert!(with_warning(WarningThreshold::TimeRemaining(Duration::minutes(29))).is_ok());

    assert_eq!(SlaPolicy::new(draft("  ", None, None)), Err(SlaPolicyError::MissingName));
    assert_eq!(SlaPolicy::new(draft("VIP", None, Some(" "))), Err(SlaPolicyError::EmptySegment));
    let field = FieldError::from(SlaPolicyError::MissingName);
    assert_eq!(
        (field.field, field.code, field.message.as_str()),
        ("name", "invalid_sla_policy", "A policy needs a name.")
    );
}

#[test]
fn warnings_leave_a_share_or_a_fixed_time_never_more_than_the_target() {
    let hour = Duration::hours(1);
    assert_eq!(WarningThreshold::PercentRemaining(25).remaining_for(hour), Duration::minutes(15));
    assert_eq!(WarningThreshold::TimeRemaining(Duration::minutes(10)).remaining_for(hour), Duration::minutes(10));
    assert_eq!(WarningThreshold::TimeRemaining(Duration::hours(2)).remaining_for(hour), hour);
    assert_eq!(WarningThreshold::PercentRemaining(99).remaining_for(Duration::MAX), Duration::MAX / 100 * 99);
}

#[test]
fn the_most_specific_matching_policy_applies() {
    let policies = [
        policy("Default", None, None),
        policy("Email", Some(Channel::Email), None),
        policy("VIP", None, Some("vip")),
        policy("VIP email", Some(Channel::Email), Some("vip")),
        policy("VIP WhatsApp", Some(Channel::Whatsapp), Some("vip")),
    ];
    let chosen = |channel, segment| choose_policy(&policies, channel, segment).map(SlaPolicy::name);
    assert_eq!(chosen(Channel::Email, Some("VIP")), Some("VIP email"));
    assert_eq!(chosen(Channel::Whatsapp, Some("vip")), Some("VIP WhatsApp"));
    assert_eq!(chosen(Channel::Email, None), Some("Email"));
    assert_eq!(chosen(Channel::Email, Some("gold")), Some("Email"));
    assert_eq!(chosen(Channel::Chat, Some("vip")), Some("VIP"));
    assert_eq!(chosen(Channel::Chat, None), Some("Default"));
    // Channel-only and segment-only are equally specific: the one listed first wins.
    assert_eq!(chosen(Channel::Email, Some("vip")), Some("VIP email"));
    let tie = [policy("VIP", None, Some("vip")), policy("Email", Some(Channel::Email), None)];
    assert_eq!(choose_policy(&tie, Channel::Email, Some("vip")).map(SlaPolicy::name), Some("VIP"));
    assert_eq!(choose_policy(&policies[1..2], Channel::Chat, None), None, "no default: no SLA");
}

#[test]
fn json_round_trips_in_minutes_and_goes_through_validation() {
    let json = r#"{"name":"VIP email","channel":"email","segment":"vip","targets":{"low":{},"normal":{"first_response_minutes":240,"resolution_minutes":2880},"high":{},"urgent":{"first_response_minutes":30,"resolution_minutes":240}},"warning":{"percent_remaining":20}}"#;
    let vip: SlaPolicy = serde_json::from_str(json).expect("valid policy");
    assert_eq!(vip, policy("VIP email", Some(Channel::Email), Some("vip")));
    assert_eq!(serde_json::to_string(&vip).expect("serialises"), json);

    let minimal: SlaPolicy =
        serde_json::from_str(r#"{"name":"Default","targets":{"high":{"resolution_minutes":60}}}"#).expect("valid");
    assert_eq!(minimal.warning(), WarningThreshold::default());
    assert_eq!(minimal.targets().get(Priority::High).resolution, Some(Duration::hours(1)));

    let fixed: SlaPolicy = serde_json::from_str(
        r#"{"name":"Fixed","targets":{"high":{"resolution_minutes":60}},"warning":{"minutes_remaining":15}}"#,
    )
    .expect("valid");
    assert_eq!(fixed.warning(), WarningThreshold::TimeRemaining(Duration::minutes(15)));

    let refused = [
        r#"{"name":"Zero","targets":{"low":{"first_response_minutes":0}}}"#,
        r#"{"name":"Huge","targets":{"low":{"resolution_minutes":9223372036854775807}}}"#,
        r#"{"name":"Percent","warning":{"percent_remaining":0}}"#,
        r#"{"name":"Typo","targets":{"urgnt":{}}}"#,
        r#"{"name":"Channel","channel":"fax"}"#,
    ];
    for json in refused {
        assert!(serde_json::from_str::<SlaPolicy>(json).is_err(), "{json}");
    }
}
