//! Moving a ticket's past back in time, straight in the database (no API changes the past), for the time rules
//! and SLA clocks that count from it.

use chrono::{DateTime, TimeDelta, Utc};

use super::{Backend, TestApp};

/// Moves the ticket's creation, its timeline and its messages `ago` back.
pub async fn backdate_ticket(app: &TestApp, backend: Backend, ticket_id: &str, ago: TimeDelta) {
    let statements = [
        "UPDATE tickets SET created_at = $1 WHERE id = $2",
        "UPDATE ticket_events SET created_at = $1 WHERE ticket_id = $2",
        "UPDATE messages SET created_at = $1 WHERE ticket_id = $2",
    ];
    execute(app, backend, &statements, Utc::now() - ago, ticket_id).await;
}

/// Makes the SLA watcher look at the ticket again at its next round (its SLA "changes" now).
pub async fn recheck_sla_now(app: &TestApp, backend: Backend, ticket_id: &str) {
    let sql = "UPDATE tickets SET sla_next_change_at = $1 WHERE id = $2";
    execute(app, backend, &[sql], Utc::now() - TimeDelta::seconds(1), ticket_id).await;
}

/// Runs each statement with `$1` the time and `$2` the ticket id.
async fn execute(app: &TestApp, backend: Backend, statements: &[&str], at: DateTime<Utc>, ticket_id: &str) {
    let url = &app.state.config.database_url;
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(url).await.unwrap();
            for sql in statements {
                sqlx::query(sql).bind(at).bind(ticket_id).execute(&pool).await.unwrap();
            }
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await.unwrap();
            for sql in statements {
                sqlx::query(sql).bind(at).bind(ticket_id).execute(&pool).await.unwrap();
            }
        }
    }
}
