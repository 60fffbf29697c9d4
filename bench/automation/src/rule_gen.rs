//! Generated automation rules: varied but always valid, so the benchmark measures rules the engine would really run.
//! Each rule has one of the three event triggers, 1-4 conditions on distinct fields (so an `all` group can never
//! contradict itself; the values are chosen so no single condition is impossible either) and 1-3 actions of distinct
//! kinds (so no two actions conflict). The tests check every generated rule passes `validate_rule`.

use serde_json::{json, Value};
use tidings::domain::rules::{
    Action, Condition, ConditionField, ConditionGroup, ConditionNode, NotifyTarget, Operator, Rule, RuleCatalog,
    RuleDuration, Trigger,
};
use tidings::domain::{Priority, Tag, TicketStatus};

use crate::rng::Rng;

/// The teams of the triage fixture, which rules assign to.
pub const TEAMS: [&str; 5] = ["billing", "technical", "accounts", "courses", "privacy"];
/// Tags tickets arrive with, which conditions test and `remove_tag` takes away.
pub const TICKET_TAGS: [&str; 12] = [
    "vip",
    "refund",
    "bug",
    "login",
    "video",
    "certificate",
    "invoice",
    "gdpr",
    "mobile",
    "enterprise",
    "trial",
    "exam",
];
/// Tags only rules add: disjoint from [`TICKET_TAGS`], so one rule never adds and removes the same tag.
const ADDED_TAGS: [&str; 6] = ["auto-triaged", "needs-review", "escalated", "billing-check", "de-queue", "sla-watch"];
/// Words of ticket subjects (see `event_gen::SUBJECTS`) and of the fixture messages, for `contains` conditions.
const SUBJECT_WORDS: [&str; 14] = [
    "invoice",
    "refund",
    "password",
    "login",
    "video",
    "certificate",
    "Rechnung",
    "Zugang",
    "Kurs",
    "Prüfung",
    "Datenschutz",
    "account",
    "payment",
    "dringend",
];
const TEXT_WORDS: [&str; 16] = [
    "refund",
    "video",
    "course",
    "password",
    "invoice",
    "certificate",
    "Rechnung",
    "Passwort",
    "Kurs",
    "Video",
    "urgent",
    "dringend",
    "delete",
    "löschen",
    "thanks",
    "error",
];
pub const DOMAINS: [&str; 8] =
    ["example.com", "gmail.com", "web.de", "uni-hamburg.de", "acme-corp.com", "gmx.de", "outlook.com", "schule.de"];
pub const SEGMENTS: [&str; 4] = ["enterprise", "school", "individual", "trial"];
pub const AGENTS: usize = 20;
const CANNED: usize = 12;

/// The condition fields rules are generated on (one kind per field, so picking distinct kinds means distinct fields).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FieldKind {
    Status,
    Priority,
    Channel,
    Tags,
    Subject,
    MessageText,
    RequesterDomain,
    RequesterVip,
    RequesterSegment,
    RequesterLanguage,
}

const FIELD_KINDS: [FieldKind; 10] = [
    FieldKind::Status,
    FieldKind::Priority,
    FieldKind::Channel,
    FieldKind::Tags,
    FieldKind::Subject,
    FieldKind::MessageText,
    FieldKind::RequesterDomain,
    FieldKind::RequesterVip,
    FieldKind::RequesterSegment,
    FieldKind::RequesterLanguage,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ActionKind {
    SetStatus,
    SetPriority,
    AssignTeam,
    AssignAgent,
    AddTag,
    RemoveTag,
    CannedReply,
    InternalNote,
    Notify,
    Webhook,
}

const ACTION_KINDS: [ActionKind; 10] = [
    ActionKind::SetStatus,
    ActionKind::SetPriority,
    ActionKind::AssignTeam,
    ActionKind::AssignAgent,
    ActionKind::AddTag,
    ActionKind::RemoveTag,
    ActionKind::CannedReply,
    ActionKind::InternalNote,
    ActionKind::Notify,
    ActionKind::Webhook,
];

pub fn agent_id(index: usize) -> String {
    format!("agent-{:02}", index % AGENTS + 1)
}

/// Everything the generated rules refer to, so validation's reference check passes.
pub fn catalog() -> RuleCatalog {
    RuleCatalog {
        team_ids: TEAMS.iter().map(|team| team.to_string()).collect(),
        active_agent_ids: (0..AGENTS).map(agent_id).collect(),
        canned_ids: (1..=CANNED).map(|n| format!("canned-{n:02}")).collect(),
        categories: Default::default(),
        brands: Default::default(),
    }
}

pub fn tag(raw: &str) -> Tag {
    Tag::parse(raw).unwrap_or_else(|error| panic!("the generator's tag {raw:?} is invalid: {}", error.message))
}

/// `count` rules from `rng`, ids `bench-000`..; positions repeat every 50 so some ties are broken by id.
pub fn generate_rules(count: usize, rng: &mut Rng) -> Vec<Rule> {
    (0..count).map(|index| generate_rule(index, rng)).collect()
}

fn generate_rule(index: usize, rng: &mut Rng) -> Rule {
    let trigger = rng.pick(&[Trigger::TicketCreated, Trigger::TicketUpdated, Trigger::MessageReceived]).clone();
    // An update carries no message, so a message-text condition would only make the rule dead on that trigger.
    let fields: Vec<FieldKind> = FIELD_KINDS
        .into_iter()
        .filter(|kind| !(trigger == Trigger::TicketUpdated && *kind == FieldKind::MessageText))
        .collect();
    let condition_count = rng.between(1, 4) as usize;
    let chosen = rng.pick_distinct(&fields, condition_count);
    let nodes = chosen.into_iter().map(|kind| ConditionNode::Condition(condition(kind, &trigger, rng))).collect();
    let conditions = if rng.percent(25) { ConditionGroup::Any(nodes) } else { ConditionGroup::All(nodes) };
    let action_count = rng.between(1, 3) as usize;
    let kinds = rng.pick_distinct(&ACTION_KINDS, action_count);
    let actions = kinds.into_iter().map(|kind| action(kind, index, rng)).collect();
    Rule {
        id: format!("bench-{index:03}"),
        name: format!("Generated rule {index}"),
        enabled: true,
        trigger,
        conditions,
        actions,
        position: (index % 50) as i32,
        once_per: rng.percent(10).then(|| RuleDuration::Hours(rng.between(1, 24) as u32)),
    }
}

fn strings(rng: &mut Rng, items: &[&str], low: u64, high: u64) -> Value {
    let count = rng.between(low, high) as usize;
    Value::from(rng.pick_distinct(items, count).into_iter().map(str::to_string).collect::<Vec<_>>())
}

fn condition(kind: FieldKind, trigger: &Trigger, rng: &mut Rng) -> Condition {
    use ConditionField as F;
    use Operator as O;
    let statuses: Vec<&str> = TicketStatus::ALL.iter().map(|status| status.as_str()).collect();
    let channels: Vec<&str> = tidings::domain::Channel::ALL.iter().map(|channel| channel.as_str()).collect();
    let updated = *trigger == Trigger::TicketUpdated;
    let (field, op, value) = match kind {
        FieldKind::Status if updated && rng.percent(40) => {
            (F::Status, O::ChangedTo, json!(rng.pick(&["open", "pending", "resolved"])))
        }
        FieldKind::Status => match rng.below(3) {
            0 => (F::Status, O::Is, json!(rng.pick(&statuses[..4]))),
            1 => (F::Status, O::IsNot, json!(rng.pick(&statuses))),
            _ => (F::Status, O::OneOf, strings(rng, &statuses[..4], 1, 3)),
        },
        FieldKind::Priority if updated && rng.percent(30) => (F::Priority, O::Changed, Value::Null),
        // `gt urgent` and `lt low` are impossible (validation refuses them), so the bounds leave them out.
        FieldKind::Priority => match rng.below(4) {
            0 => (F::Priority, O::Is, json!(rng.pick(&Priority::ALL).as_str())),
            1 => (F::Priority, O::Gt, json!(rng.pick(&Priority::ALL[..3]).as_str())),
            2 => (F::Priority, O::Lt, json!(rng.pick(&Priority::ALL[1..]).as_str())),
            _ => (F::Priority, O::OneOf, json!(["high", "urgent"])),
        },
        FieldKind::Channel => match rng.below(3) {
            0 => (F::Channel, O::Is, json!(rng.pick(&channels))),
            1 => (F::Channel, O::OneOf, strings(rng, &channels, 2, 4)),
            _ => (F::Channel, O::NotOneOf, strings(rng, &channels, 1, 2)),
        },
        FieldKind::Tags => match rng.below(3) {
            0 => (F::Tags, O::Contains, json!(rng.pick(&TICKET_TAGS))),
            1 => (F::Tags, O::NotContains, json!(rng.pick(&TICKET_TAGS))),
            _ => (F::Tags, O::OneOf, strings(rng, &TICKET_TAGS, 1, 3)),
        },
        FieldKind::Subject => {
            let op = if rng.percent(20) { O::NotContains } else { O::Contains };
            (F::Subject, op, json!(rng.pick(&SUBJECT_WORDS)))
        }
        FieldKind::MessageText => {
            let op = if rng.percent(15) { O::NotContains } else { O::Contains };
            (F::MessageText, op, json!(rng.pick(&TEXT_WORDS)))
        }
        FieldKind::RequesterDomain => match rng.below(3) {
            0 => (F::RequesterEmailDomain, O::Is, json!(rng.pick(&DOMAINS))),
            1 => (F::RequesterEmailDomain, O::OneOf, strings(rng, &DOMAINS, 2, 3)),
            _ => (F::RequesterEmailDomain, O::Contains, json!(rng.pick(&[".de", "uni", "corp"]))),
        },
        FieldKind::RequesterVip => (F::RequesterVip, O::Is, json!(rng.percent(70))),
        FieldKind::RequesterSegment => match rng.below(3) {
            0 => (F::RequesterSegment, O::Is, json!(rng.pick(&SEGMENTS))),
            1 => (F::RequesterSegment, O::OneOf, strings(rng, &SEGMENTS, 1, 2)),
            // `is null`: customers without a segment.
            _ => (F::RequesterSegment, O::Is, Value::Null),
        },
        FieldKind::RequesterLanguage => (F::RequesterLanguage, O::Is, json!(rng.pick(&["en", "de"]))),
    };
    Condition::new(field, op, value)
}

fn action(kind: ActionKind, index: usize, rng: &mut Rng) -> Action {
    match kind {
        ActionKind::SetStatus => Action::SetStatus {
            status: *rng.pick(&[TicketStatus::Open, TicketStatus::Pending, TicketStatus::Resolved]),
        },
        ActionKind::SetPriority => Action::SetPriority { priority: *rng.pick(&Priority::ALL) },
        ActionKind::AssignTeam => Action::AssignTeam { team_id: rng.pick(&TEAMS).to_string() },
        ActionKind::AssignAgent => Action::AssignAgent { agent_id: agent_id(rng.below(AGENTS as u64) as usize) },
        ActionKind::AddTag => Action::AddTag { tag: tag(rng.pick::<&str>(&ADDED_TAGS)) },
        ActionKind::RemoveTag => Action::RemoveTag { tag: tag(rng.pick::<&str>(&TICKET_TAGS)) },
        ActionKind::CannedReply => {
            Action::SendCannedReply { canned_id: format!("canned-{:02}", rng.between(1, CANNED as u64)) }
        }
        ActionKind::InternalNote => Action::AddInternalNote { text: format!("Rule {index}: please double-check.") },
        ActionKind::Notify => {
            let target = match rng.below(4) {
                0 => NotifyTarget::Supervisors,
                1 => NotifyTarget::Assignee,
                2 => NotifyTarget::Team,
                _ => NotifyTarget::User(agent_id(rng.below(AGENTS as u64) as usize)),
            };
            Action::Notify { target, text: format!("Rule {index} matched a ticket.") }
        }
        ActionKind::Webhook => Action::Webhook { url: format!("https://hooks.example.com/tidings/{index}") },
    }
}
