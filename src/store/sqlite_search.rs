//! SQLite's full-text index of subjects and messages (FTS5, contentless). Its row ids carry the ticket number, so a
//! search reads only the index, never a row per hit:
//!
//!   row id = number << 24 | position << 1 | internal
//!
//! where position 0 is the subject and messages count up from 1 within their ticket, and the low bit marks internal
//! notes (customers' searches skip odd row ids). A message keeps its row id in `messages.search_rowid`; when it moves
//! to another ticket (merge, split) the store takes it out of the index under the old id and adds it under a new one.
//! The store writes these rows itself rather than in insert triggers: a trigger's write runs inside a statement
//! savepoint, where FTS5 flushes its pending terms to a new segment on every row.
//!
//! A ticket matches when each word occurs somewhere in it (subject or any message, as on PostgreSQL): one index
//! lookup per word, intersected by ticket number.

use sqlx::{Sqlite, Transaction};

use super::sqlite::SqliteStore;
use super::DbError;

/// Bits below the ticket number in a row id.
pub(crate) const NUMBER_SHIFT: u32 = 24;

/// The row id of a ticket's subject.
pub(crate) fn subject_rowid(number: i64) -> i64 {
    number << NUMBER_SHIFT
}

/// The row id after `last` (the ticket's highest message row id, or none yet) for a message of ticket `number`;
/// `None` once a ticket holds 2^23 - 1 messages.
pub(crate) fn next_message_rowid(number: i64, last: Option<i64>, internal: bool) -> Option<i64> {
    let position = last.map_or(0, |rowid| (rowid - subject_rowid(number)) >> 1) + 1;
    (position < 1 << (NUMBER_SHIFT - 1)).then(|| subject_rowid(number) | (position << 1) | i64::from(internal))
}

/// The SQL condition (on `t`, the tickets table) for tickets containing every word, each bound as an FTS5 query in
/// `params`; internal notes count only for staff.
pub(crate) fn matching_tickets(params: &[String], include_internal: bool) -> String {
    let notes = if include_internal { "" } else { " AND (rowid & 1) = 0" };
    let per_word: Vec<String> = params
        .iter()
        .map(|param| {
            format!(
                "t.number IN (SELECT rowid >> {NUMBER_SHIFT} FROM ticket_search WHERE ticket_search MATCH {param}{notes})"
            )
        })
        .collect();
    format!("({})", per_word.join(" AND "))
}

impl SqliteStore {
    pub(crate) async fn index_subject(
        tx: &mut Transaction<'static, Sqlite>,
        _ticket_id: &str,
        number: i64,
        subject: &str,
    ) -> Result<(), DbError> {
        sqlx::query("INSERT INTO ticket_search (rowid, content) VALUES ($1, $2)")
            .bind(subject_rowid(number))
            .bind(subject)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Adds a message just inserted to the index, after the last one of its ticket.
    pub(crate) async fn index_message(
        tx: &mut Transaction<'static, Sqlite>,
        message_id: &str,
        ticket_id: &str,
        internal: bool,
        body: &str,
    ) -> Result<(), DbError> {
        let (number, last): (i64, Option<i64>) = sqlx::query_as(
            "SELECT t.number, (SELECT MAX(m.search_rowid) FROM messages m WHERE m.ticket_id = t.id \
             AND m.search_rowid >= t.number << 24 AND m.search_rowid < (t.number + 1) << 24) \
             FROM tickets t WHERE t.id = $1",
        )
        .bind(ticket_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| DbError::MissingReference(format!("ticket {ticket_id}")))?;
        let rowid = next_message_rowid(number, last, internal)
            .ok_or_else(|| DbError::Corrupt(format!("ticket {ticket_id} has no room for another message")))?;
        sqlx::query("UPDATE messages SET search_rowid = $1 WHERE id = $2")
            .bind(rowid)
            .bind(message_id)
            .execute(&mut **tx)
            .await?;
        sqlx::query("INSERT INTO ticket_search (rowid, content) VALUES ($1, $2)")
            .bind(rowid)
            .bind(body)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Files the messages of `ticket_id` that are not filed under it yet: imported ones (no row id) and moved ones
    /// (a row id with their old ticket's number), in thread order after the ticket's own.
    pub(crate) async fn refile_messages(tx: &mut Transaction<'static, Sqlite>, ticket_id: &str) -> Result<(), DbError> {
        let unfiled: Vec<(String, String, Option<i64>, bool)> = sqlx::query_as(
            "SELECT m.id, m.body, m.search_rowid, m.internal FROM messages m JOIN tickets t ON t.id = m.ticket_id \
             WHERE m.ticket_id = $1 AND (m.search_rowid IS NULL OR m.search_rowid >> 24 <> t.number) \
             ORDER BY m.created_at, m.id",
        )
        .bind(ticket_id)
        .fetch_all(&mut **tx)
        .await?;
        for (id, body, old_rowid, internal) in unfiled {
            if let Some(old_rowid) = old_rowid {
                sqlx::query("INSERT INTO ticket_search (ticket_search, rowid, content) VALUES ('delete', $1, $2)")
                    .bind(old_rowid)
                    .bind(&body)
                    .execute(&mut **tx)
                    .await?;
            }
            Self::index_message(tx, &id, ticket_id, internal, &body).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_ids_carry_the_number_the_position_and_the_internal_bit() {
        assert_eq!(subject_rowid(1042), 1042 << 24);
        let first = next_message_rowid(1042, None, false).unwrap();
        assert_eq!(first, (1042 << 24) | 2);
        let note = next_message_rowid(1042, Some(first), true).unwrap();
        assert_eq!(note, (1042 << 24) | 4 | 1, "position 2, internal");
        let after_note = next_message_rowid(1042, Some(note), false).unwrap();
        assert_eq!(after_note, (1042 << 24) | 6, "the internal bit does not shift the position");
        for rowid in [first, note, after_note] {
            assert_eq!(rowid >> NUMBER_SHIFT, 1042);
        }
    }

    #[test]
    fn a_full_ticket_is_refused_rather_than_spilling_into_the_next_number() {
        let last = next_message_rowid(7, Some(subject_rowid(8) - 4), true).unwrap();
        assert_eq!(last, subject_rowid(8) - 1, "the last position, internal");
        assert_eq!(last >> NUMBER_SHIFT, 7);
        assert_eq!(next_message_rowid(7, Some(last), false), None);
    }
}
