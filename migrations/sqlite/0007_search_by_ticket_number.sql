-- Full-text search that answers "which tickets" from the index alone. Each row's rowid carries its ticket's number
-- and whether it is an internal note, so a search never reads the stored content of its matches:
--   rowid = number << 32 | part << 1 | internal      (part 0 = the subject, 1, 2, … = the messages in order)
-- Numbers never change (unlike SQLite's implicit rowids, which VACUUM may renumber). A message's part is one more than
-- the highest part its ticket has; a message that moves (merge, split) is re-indexed under its new ticket.
DROP TRIGGER ticket_search_subject_insert;
DROP TRIGGER ticket_search_subject_update;
DROP TRIGGER ticket_search_message_insert;
DROP TRIGGER ticket_search_message_move;
DROP TABLE ticket_search;

CREATE VIRTUAL TABLE ticket_search USING fts5 (
    message_id UNINDEXED,
    content,
    tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO ticket_search (rowid, message_id, content) SELECT number << 32, '', subject FROM tickets;
INSERT INTO ticket_search (rowid, message_id, content)
SELECT (t.number << 32)
       | (ROW_NUMBER() OVER (PARTITION BY m.ticket_id ORDER BY m.created_at, m.id) << 1)
       | (CASE WHEN m.internal THEN 1 ELSE 0 END),
       m.id, m.body
FROM messages m JOIN tickets t ON t.id = m.ticket_id;

CREATE TRIGGER ticket_search_subject_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, message_id, content) VALUES (new.number << 32, '', new.subject);
END;

CREATE TRIGGER ticket_search_subject_update AFTER UPDATE OF subject ON tickets BEGIN
    UPDATE ticket_search SET content = new.subject WHERE rowid = new.number << 32;
END;

CREATE TRIGGER ticket_search_message_insert AFTER INSERT ON messages BEGIN
    INSERT INTO ticket_search (rowid, message_id, content)
    SELECT (t.number << 32)
           | (((COALESCE((SELECT MAX(s.rowid) FROM ticket_search s
                          WHERE s.rowid BETWEEN t.number << 32 AND (t.number << 32) + 4294967295), t.number << 32)
                >> 1 & 2147483647) + 1) << 1)
           | (CASE WHEN new.internal THEN 1 ELSE 0 END),
           new.id, new.body
    FROM tickets t WHERE t.id = new.ticket_id;
END;

CREATE TRIGGER ticket_search_message_move AFTER UPDATE OF ticket_id ON messages BEGIN
    DELETE FROM ticket_search WHERE rowid IN (
        SELECT s.rowid FROM ticket_search s, tickets o
        WHERE o.id = old.ticket_id AND s.rowid BETWEEN o.number << 32 AND (o.number << 32) + 4294967295
          AND s.message_id = old.id);
    INSERT INTO ticket_search (rowid, message_id, content)
    SELECT (t.number << 32)
           | (((COALESCE((SELECT MAX(s.rowid) FROM ticket_search s
                          WHERE s.rowid BETWEEN t.number << 32 AND (t.number << 32) + 4294967295), t.number << 32)
                >> 1 & 2147483647) + 1) << 1)
           | (CASE WHEN new.internal THEN 1 ELSE 0 END),
           new.id, new.body
    FROM tickets t WHERE t.id = new.ticket_id;
END;

-- The default queue ("all unfinished, latest first") reads this index in order and stops after one page. Queries
-- name the statuses as literals so the planner can match the partial index.
CREATE INDEX tickets_unfinished_updated ON tickets (updated_at DESC, id DESC) WHERE status IN ('new', 'open', 'pending');
