-- Full-text search over subjects and messages. Triggers keep the index in step with every write, so no
-- code path can forget it. Diacritics are kept (as PostgreSQL's 'simple' configuration does), so both
-- backends find the same tickets. `kind` is subject, public or internal: customers' searches skip internal notes.
CREATE VIRTUAL TABLE ticket_search USING fts5 (
    ticket_id UNINDEXED,
    message_id UNINDEXED,
    kind UNINDEXED,
    content,
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER ticket_search_subject_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (ticket_id, message_id, kind, content) VALUES (new.id, '', 'subject', new.subject);
END;

CREATE TRIGGER ticket_search_subject_update AFTER UPDATE OF subject ON tickets BEGIN
    DELETE FROM ticket_search WHERE ticket_id = old.id AND kind = 'subject';
    INSERT INTO ticket_search (ticket_id, message_id, kind, content) VALUES (new.id, '', 'subject', new.subject);
END;

CREATE TRIGGER ticket_search_message_insert AFTER INSERT ON messages BEGIN
    INSERT INTO ticket_search (ticket_id, message_id, kind, content)
    VALUES (new.ticket_id, new.id, CASE WHEN new.internal THEN 'internal' ELSE 'public' END, new.body);
END;

CREATE TRIGGER ticket_search_message_move AFTER UPDATE OF ticket_id ON messages BEGIN
    UPDATE ticket_search SET ticket_id = new.ticket_id WHERE message_id = new.id;
END;
