-- Full-text search that answers "which tickets" from the index alone. Each row's rowid carries its ticket's number
-- and whether it is an internal note, so a search never reads the stored content of its matches:
--   rowid = number << 32 | part << 1 | internal
-- part 0 is the subject; a message's part is derived from the message's own rowid (1 to 2^31 - 1), which is unique
-- among messages and never reused because messages are never deleted. Ticket numbers never change. Triggers never
-- read the index itself, and write it with single-row VALUES: a read, or a multi-row INSERT … SELECT (which opens a
-- statement savepoint), makes FTS5 flush its pending terms to a new segment on every message.
DROP TRIGGER ticket_search_subject_insert;
DROP TRIGGER ticket_search_subject_update;
DROP TRIGGER ticket_search_message_insert;
DROP TRIGGER ticket_search_message_move;
DROP TABLE ticket_search;

CREATE VIRTUAL TABLE ticket_search USING fts5 (
    content,
    tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO ticket_search (rowid, content) SELECT number << 32, subject FROM tickets;
INSERT INTO ticket_search (rowid, content)
SELECT (t.number << 32) | ((((m.rowid - 1) % 2147483647) + 1) << 1) | (CASE WHEN m.internal THEN 1 ELSE 0 END), m.body
FROM messages m JOIN tickets t ON t.id = m.ticket_id;

CREATE TRIGGER ticket_search_subject_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, content) VALUES (new.number << 32, new.subject);
END;

CREATE TRIGGER ticket_search_subject_update AFTER UPDATE OF subject ON tickets BEGIN
    UPDATE ticket_search SET content = new.subject WHERE rowid = new.number << 32;
END;

CREATE TRIGGER ticket_search_message_insert AFTER INSERT ON messages BEGIN
    INSERT INTO ticket_search (rowid, content) VALUES (
        ((SELECT t.number FROM tickets t WHERE t.id = new.ticket_id) << 32)
            | ((((new.rowid - 1) % 2147483647) + 1) << 1) | (CASE WHEN new.internal THEN 1 ELSE 0 END),
        new.body);
END;

CREATE TRIGGER ticket_search_message_move AFTER UPDATE OF ticket_id ON messages BEGIN
    DELETE FROM ticket_search WHERE rowid = (
        SELECT (o.number << 32) | ((((old.rowid - 1) % 2147483647) + 1) << 1) | (CASE WHEN old.internal THEN 1 ELSE 0 END)
        FROM tickets o WHERE o.id = old.ticket_id);
    INSERT INTO ticket_search (rowid, content) VALUES (
        ((SELECT t.number FROM tickets t WHERE t.id = new.ticket_id) << 32)
            | ((((new.rowid - 1) % 2147483647) + 1) << 1) | (CASE WHEN new.internal THEN 1 ELSE 0 END),
        new.body);
END;

-- The default queue ("all unfinished, latest first") reads this index in order and stops after one page. Queries
-- name the statuses as literals so the planner can match the partial index.
CREATE INDEX tickets_unfinished_updated ON tickets (updated_at DESC, id DESC) WHERE status IN ('new', 'open', 'pending');
