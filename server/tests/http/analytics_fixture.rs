//! The analytics fixture stored for real: a history whose numbers were worked out by hand (Berlin office hours, a
//! pause while pending, a reopened ticket, a merged duplicate, one answered survey), shared by the REST summary
//! tests (`analytics.rs`) and the dashboard page tests (`dashboard.rs`).

use chrono::{DateTime, TimeZone, Utc};
use reqwest::Client;
use serde_json::{json, Value};

use super::sla::{berlin_office, post_ok};
use crate::common;
use common::tickets::{id_of, patch_ok, sign_in, staff_ticket};
use common::TestApp;

/// What the fixture made: the signed-in clients with their users, and the tickets A, B, C, D.
pub struct Seeded {
    pub admin: Client,
    pub supervisor: Client,
    pub ada: (Client, Value),
    pub bob: (Client, Value),
    pub ids: Vec<String>,
}

/// A Berlin wall-clock time in early March 2026 (the 9th is a Monday): CET, an hour ahead of UTC.
fn berlin(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, minute, 0).single().unwrap() - chrono::Duration::hours(1)
}

/// Statements on the app's database, for writing a fixture's past (no API changes the past).
enum Db {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

enum Bind {
    Text(Option<String>),
    Time(Option<DateTime<Utc>>),
}

fn text(value: &str) -> Bind {
    Bind::Text(Some(value.to_owned()))
}

impl Db {
    async fn open(app: &TestApp) -> Db {
        let url = &app.state.config.database_url;
        if url.starts_with("sqlite:") {
            Db::Sqlite(sqlx::SqlitePool::connect(url).await.unwrap())
        } else {
            Db::Postgres(sqlx::PgPool::connect(url).await.unwrap())
        }
    }

    async fn execute(&self, sql: &str, binds: &[Bind]) {
        macro_rules! run {
            ($pool:expr) => {{
                let mut query = sqlx::query(sql);
                for bind in binds {
                    query = match bind {
                        Bind::Text(value) => query.bind(value.clone()),
                        Bind::Time(value) => query.bind(*value),
                    };
                }
                query.execute($pool).await.unwrap_or_else(|err| panic!("{sql}: {err}"));
            }};
        }
        match self {
            Db::Sqlite(pool) => run!(pool),
            Db::Postgres(pool) => run!(pool),
        }
    }
}

/// What the fixture says about one ticket's past.
struct Past<'a> {
    created_at: DateTime<Utc>,
    first_response_at: Option<DateTime<Utc>>,
    status: &'a str,
    channel: &'a str,
    priority: &'a str,
    merged_into: Option<&'a str>,
    changes: &'a [(DateTime<Utc>, &'a str, &'a str)],
}

/// Rewrites the ticket's stamps and status timeline to `past` (the final resolution is the last entry into
/// resolved or closed).
async fn write_past(db: &Db, id: &str, past: &Past<'_>) {
    let resolved_at = past
        .changes
        .iter()
        .filter(|(_, _, to)| matches!(*to, "resolved" | "closed"))
        .map(|(at, _, _)| *at)
        .max()
        .filter(|_| matches!(past.status, "resolved" | "closed"));
    db.execute(
        "UPDATE tickets SET created_at = $1, updated_at = $1, first_response_at = $2, resolved_at = $3, status = $4, \
         channel = $5, priority = $6, merged_into_id = $7 WHERE id = $8",
        &[
            Bind::Time(Some(past.created_at)),
            Bind::Time(past.first_response_at),
            Bind::Time(resolved_at),
            text(past.status),
            text(past.channel),
            text(past.priority),
            Bind::Text(past.merged_into.map(str::to_owned)),
            text(id),
        ],
    )
    .await;
    db.execute("DELETE FROM ticket_events WHERE ticket_id = $1 AND kind = 'status_changed'", &[text(id)]).await;
    for (index, (at, from, to)) in past.changes.iter().enumerate() {
        db.execute(
            "INSERT INTO ticket_events (id, ticket_id, actor_id, kind, data, created_at) \
             VALUES ($1, $2, NULL, 'status_changed', $3, $4)",
            &[
                text(&format!("{id}-change-{index}")),
                text(id),
                text(&json!({"from": from, "to": to}).to_string()),
                Bind::Time(Some(*at)),
            ],
        )
        .await;
    }
}

async fn survey(db: &Db, id: &str, ticket_id: &str, sent: DateTime<Utc>, answer: Option<(DateTime<Utc>, &str)>) {
    let (answered_at, rating) = answer.map_or((None, None), |(at, rating)| (Some(at), Some(rating)));
    let sql = "INSERT INTO csat_surveys (id, ticket_id, token_hash, channel, sent_at, expires_at, answered_at, \
               rating) VALUES ($1, $2, $3, 'email', $4, $4, $5, CAST($6 AS INTEGER))";
    let binds = [
        text(id),
        text(ticket_id),
        text(&format!("hash-of-{id}")),
        Bind::Time(Some(sent)),
        Bind::Time(answered_at),
        Bind::Text(rating.map(str::to_owned)),
    ];
    db.execute(sql, &binds).await;
}

/// The fixture of `src/domain/analytics/tests/fixture.rs`, stored for real (Berlin office Mon-Fri 08:00-17:00 as
/// the default calendar; targets: normal 180 min / 8 h, high 60 min / 2 h):
/// - A (email, billing, ada, normal): created Fri 6th 16:00, first reply Mon 9th 09:30 (2.5 office hours = 9000 s),
///   pending Mon 10:00 to Tue 11:00, resolved Tue 15:00: 17 office hours less 7 paused = 25200 s; SLA met. Survey
///   sent Tue 15:00, answered Wed 09:00 with 4.
/// - B (chat, billing, bob, high): created Mon 08:00, reply 08:20 (1200 s), resolved 09:00, reopened 10:00, resolved
///   12:00: 4 h = 14400 s, reopened once; resolution target of 2 h missed. Survey sent 12:00, unanswered.
/// - C (email, no team): created Mon 09:00, merged away (closed) 09:05: never resolved.
/// - D (email, billing, ada): created Tue 10:00, reply 10:30 (1800 s), pending since 11:00: in the backlog.
pub async fn seed_hand_computed_history(app: &TestApp) -> Seeded {
    let admin = app.admin().await;
    let targets = json!({"normal": {"first_response_minutes": 180, "resolution_minutes": 480},
                         "high": {"first_response_minutes": 60, "resolution_minutes": 120}});
    post_ok(
        app,
        &admin,
        "/api/v1/sla/calendars",
        json!({"name": "Office", "hours": berlin_office(), "is_default": true}),
    )
    .await;
    post_ok(app, &admin, "/api/v1/sla/policies", json!({"name": "Standard", "targets": targets})).await;
    let team = post_ok(app, &admin, "/api/v1/teams", json!({"name": "Billing"})).await;
    let (supervisor, _) = sign_in(app, &admin, "sam@example.com", "supervisor").await;
    let ada = sign_in(app, &admin, "ada@example.com", "agent").await;
    let bob = sign_in(app, &admin, "bob@example.com", "agent").await;
    app.create_user(&admin, "carla@example.com", "customer").await;
    let mut ids = Vec::new();
    for (name, agent) in [("A", Some(&ada.1)), ("B", Some(&bob.1)), ("C", None), ("D", Some(&ada.1))] {
        let ticket = staff_ticket(app, &admin, "carla@example.com", &format!("Ticket {name}"), json!({})).await;
        if let Some(agent) = agent {
            patch_ok(app, &admin, &id_of(&ticket), json!({"assignee_id": id_of(agent), "team_id": id_of(&team)})).await;
        }
        ids.push(id_of(&ticket));
    }
    let db = Db::open(app).await;
    let (a, b, c, d) = (&ids[0], &ids[1], &ids[2], &ids[3]);
    let a_changes = [
        (berlin(9, 9, 30), "new", "open"),
        (berlin(9, 10, 0), "open", "pending"),
        (berlin(10, 11, 0), "pending", "open"),
        (berlin(10, 15, 0), "open", "resolved"),
    ];
    let b_changes = [
        (berlin(9, 8, 20), "new", "open"),
        (berlin(9, 9, 0), "open", "resolved"),
        (berlin(9, 10, 0), "resolved", "open"),
        (berlin(9, 12, 0), "open", "resolved"),
    ];
    let pasts = [
        (
            a,
            Past {
                created_at: berlin(6, 16, 0),
                first_response_at: Some(berlin(9, 9, 30)),
                status: "resolved",
                channel: "email",
                priority: "normal",
                merged_into: None,
                changes: &a_changes,
            },
        ),
        (
            b,
            Past {
                created_at: berlin(9, 8, 0),
                first_response_at: Some(berlin(9, 8, 20)),
                status: "resolved",
                channel: "chat",
                priority: "high",
                merged_into: None,
                changes: &b_changes,
            },
        ),
        (
            c,
            Past {
                created_at: berlin(9, 9, 0),
                first_response_at: None,
                status: "closed",
                channel: "email",
                priority: "normal",
                merged_into: Some(d.as_str()),
                changes: &[(berlin(9, 9, 5), "new", "closed")],
            },
        ),
        (
            d,
            Past {
                created_at: berlin(10, 10, 0),
                first_response_at: Some(berlin(10, 10, 30)),
                status: "pending",
                channel: "email",
                priority: "normal",
                merged_into: None,
                changes: &[(berlin(10, 10, 30), "new", "open"), (berlin(10, 11, 0), "open", "pending")],
            },
        ),
    ];
    for (id, past) in &pasts {
        write_past(&db, id, past).await;
    }
    survey(&db, "survey-a", a, berlin(10, 15, 0), Some((berlin(11, 9, 0), "4"))).await;
    survey(&db, "survey-b", b, berlin(9, 12, 0), None).await;
    let services = &app.state.services;
    for id in &ids {
        services.recompute_ticket_sla(id).await.expect("SLA");
    }
    assert_eq!(services.rebuild_analytics().await.expect("rebuild"), 4);
    Seeded { admin, supervisor, ada, bob, ids }
}
