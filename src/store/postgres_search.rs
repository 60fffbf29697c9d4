//! PostgreSQL's full-text index: one row per ticket in `ticket_search_docs` with two stripped tsvectors, `public_doc`
//! (subject and public messages, what customers may search) and `staff_doc` (everything), each under a GIN index. A
//! search finds each matching ticket once, in a table far narrower than the messages, so a word in one ticket of six
//! costs one index lookup and a short heap scan instead of a row per message. Positions are stripped: search needs
//! only which words occur, and a stripped vector stays small however long a thread grows.
//!
//! A new message is appended to its ticket's vectors; a changed subject (trigger) and moved messages rebuild them from
//! the rows with `ticket_search_doc_rebuild` (migration 0009).

use sqlx::{Postgres, Transaction};

use super::postgres::PostgresStore;
use super::DbError;

/// The SQL condition (on `t`, the tickets table) for tickets containing every word of the bound text `param`;
/// internal notes count only for staff.
pub(crate) fn matching_tickets(param: &str, include_internal: bool) -> String {
    let doc = if include_internal { "staff_doc" } else { "public_doc" };
    format!(
        "t.id IN (SELECT d.ticket_id FROM ticket_search_docs d WHERE d.{doc} @@ plainto_tsquery('simple', {param}))"
    )
}

/// Counts the tickets containing every word of `param` from the search rows alone: with no other filter there is
/// nothing to join, and the count can skip the rows of pages known all-visible (60 ms rather than 130 ms for a word in
/// one ticket of six at 100k tickets).
pub(crate) fn count_matching(param: &str, include_internal: bool) -> String {
    let doc = if include_internal { "staff_doc" } else { "public_doc" };
    format!("SELECT COUNT(*) FROM ticket_search_docs d WHERE d.{doc} @@ plainto_tsquery('simple', {param})")
}

impl PostgresStore {
    pub(crate) async fn index_subject(
        tx: &mut Transaction<'static, Postgres>,
        ticket_id: &str,
        _number: i64,
        subject: &str,
    ) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO ticket_search_docs (ticket_id, public_doc, staff_doc) \
             VALUES ($1, strip(to_tsvector('simple', $2)), strip(to_tsvector('simple', $2)))",
        )
        .bind(ticket_id)
        .bind(subject)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Adds a message's words to its ticket's vectors (the public one only for a public message).
    pub(crate) async fn index_message(
        tx: &mut Transaction<'static, Postgres>,
        _message_id: &str,
        ticket_id: &str,
        internal: bool,
        body: &str,
    ) -> Result<(), DbError> {
        sqlx::query(
            "UPDATE ticket_search_docs SET staff_doc = strip(staff_doc || to_tsvector('simple', $2)), \
             public_doc = CASE WHEN $3 THEN public_doc ELSE strip(public_doc || to_tsvector('simple', $2)) END \
             WHERE ticket_id = $1",
        )
        .bind(ticket_id)
        .bind(body)
        .bind(internal)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Rebuilds the ticket's vectors from its rows, after messages were imported or moved in or out.
    pub(crate) async fn refile_messages(
        tx: &mut Transaction<'static, Postgres>,
        ticket_id: &str,
    ) -> Result<(), DbError> {
        sqlx::query("SELECT ticket_search_doc_rebuild($1)").bind(ticket_id).execute(&mut **tx).await?;
        Ok(())
    }
}
