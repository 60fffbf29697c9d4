//! The weekly report by email over a real SMTP server: every active supervisor and admin gets last week's
//! numbers once, in their language, agents get nothing, and the numbers are the hand-computed fixture's.

use chrono::{TimeZone, Utc};
use serde_json::json;

use super::analytics_fixture::seed_hand_computed_history;
use crate::common::smtp_sink::SmtpSink;
use crate::common::tickets::id_of;
use crate::common::ADMIN_EMAIL;
use crate::common::{spawn, Backend, TestApp};

mod on_sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn supervisors_and_admins_get_last_weeks_report_once() {
        super::run(super::Backend::Sqlite).await;
    }
}

mod on_postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn supervisors_and_admins_get_last_weeks_report_once() {
        super::run(super::Backend::Postgres).await;
    }
}

async fn run(backend: Backend) {
    let sink = SmtpSink::start().await;
    let mut env: Vec<(&str, String)> = sink.env();
    // Due from Monday 00:00, so the current week's report is due whenever the test runs; looked for every second.
    env.push(("TIDINGS_WEEKLY_REPORT", "mon 00:00".into()));
    env.push(("TIDINGS_REPORT_TICK_SECONDS", "1".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(key, value)| (*key, value.as_str())).collect();
    let Some(app) = spawn(backend, &env).await else { return };
    supervisors_and_admins_get_last_weeks_report_once(app, sink).await;
}

/// The mails whose subject names `week`, as (recipient, subject, text).
async fn mails_of_week(sink: &SmtpSink, week: &str, count: usize) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for _ in 0..100 {
        found = sink
            .raw_mails()
            .iter()
            .map(|raw| tidings::channel::email::parse_email(raw).expect("a mail we sent parses"))
            .filter(|mail| mail.message.subject.as_deref().is_some_and(|subject| subject.contains(week)))
            .map(|mail| {
                let subject = mail.message.subject.clone().unwrap_or_default();
                (mail.to.first().cloned().unwrap_or_default(), subject, mail.message.text.clone())
            })
            .collect();
        if found.len() >= count {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    found.sort();
    found
}

async fn supervisors_and_admins_get_last_weeks_report_once(app: TestApp, sink: SmtpSink) {
    // Sam (supervisor) and the admin read reports; Ada and Bob are agents; Carla a customer.
    let admin = seed_hand_computed_history(&app).await.admin;
    let sam = app.create_user(&admin, "sven@example.com", "supervisor").await;
    let german = admin
        .patch(app.url(&format!("/api/v1/users/{}", id_of(&sam))))
        .json(&json!({"locale": "de"}))
        .send()
        .await
        .unwrap();
    assert_eq!(german.status(), 200);

    // The fixture's week, 2026-03-09 to 03-15 (ISO week 11), as if it were Monday 16 March, 08:00.
    let monday = Utc.with_ymd_and_hms(2026, 3, 16, 8, 0, 0).unwrap();
    let services = &app.state.services;
    let sent = services.send_due_weekly_reports(monday).await.expect("a round");
    assert_eq!(sent, 3, "the admin and two supervisors");
    let mails = mails_of_week(&sink, "2026-W11", 3).await;
    let recipients: Vec<&str> = mails.iter().map(|(to, _, _)| to.as_str()).collect();
    assert_eq!(recipients, [ADMIN_EMAIL, "sam@example.com", "sven@example.com"], "no agent, no customer");
    let (_, subject, text) = &mails[1];
    assert_eq!(subject, "Weekly report 2026-W11");
    assert!(text.contains("from 2026-03-09 to 2026-03-15"), "{text}");
    assert!(text.contains("Tickets created: 3 (Week before: 1; up 2)"), "{text}");
    assert!(text.contains("Tickets resolved: 2 (Week before: 0; up 2)"), "{text}");
    assert!(text.contains("First response, median: 30 min"), "{text}");
    assert!(text.contains("SLA compliance: 50.0 %"), "{text}");
    assert!(text.contains("CSAT average (1-5): 4.00"), "{text}");
    let (_, german_subject, german_text) = &mails[2];
    assert_eq!(german_subject, "Wochenbericht 2026-W11");
    assert!(german_text.contains("Neue Tickets: 3 (Woche davor: 1; mehr 2)"), "{german_text}");

    // Once: later in the week (or on another instance) nobody gets it again.
    let later = Utc.with_ymd_and_hms(2026, 3, 18, 12, 0, 0).unwrap();
    assert_eq!(services.send_due_weekly_reports(later).await.expect("a round"), 0);
    // The scheduler itself sends the real last week's report, once each, to the same readers.
    let this_week = services_week_key();
    let scheduled = mails_of_week(&sink, &this_week, 3).await;
    assert_eq!(scheduled.len(), 3, "{scheduled:?}");
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(mails_of_week(&sink, &this_week, 4).await.len(), 3, "sent once, not every round");
    assert_eq!(sink.raw_mails().len(), 6);
}

/// The ISO week the scheduler reports on now (the last whole one).
fn services_week_key() -> String {
    tidings::domain::analytics::WeeklySchedule::parse("mon 00:00")
        .unwrap()
        .due_report(Utc::now())
        .map(|(week, _)| week)
        .expect("due from Monday 00:00")
}
