-- Search and queue counts at size.
--
-- Full text moves from a tsvector per message to one row per ticket (src/store/postgres_search.rs): a search finds each
-- ticket once, in a narrow table, instead of fetching a row per matching message and then scanning the tickets for the
-- subject. A ticket matches when every word occurs somewhere in it, as on SQLite. Vectors are stripped of positions.
CREATE TABLE ticket_search_docs (
    ticket_id  TEXT PRIMARY KEY NOT NULL REFERENCES tickets (id),
    public_doc tsvector NOT NULL,  -- subject and public messages: what a customer's search may find
    staff_doc  tsvector NOT NULL   -- and internal notes
);

-- The ticket's vectors from its rows: the subject and the distinct words of its messages.
CREATE FUNCTION ticket_search_doc_rebuild(ticket TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO ticket_search_docs (ticket_id, public_doc, staff_doc)
    SELECT t.id,
           strip(to_tsvector('simple', t.subject)) || array_to_tsvector(ARRAY(
               SELECT DISTINCT w.lexeme FROM messages m, unnest(to_tsvector('simple', m.body)) w
               WHERE m.ticket_id = t.id AND NOT m.internal)),
           strip(to_tsvector('simple', t.subject)) || array_to_tsvector(ARRAY(
               SELECT DISTINCT w.lexeme FROM messages m, unnest(to_tsvector('simple', m.body)) w
               WHERE m.ticket_id = t.id))
    FROM tickets t WHERE t.id = ticket
    ON CONFLICT (ticket_id) DO UPDATE SET public_doc = excluded.public_doc, staff_doc = excluded.staff_doc;
$$;

INSERT INTO ticket_search_docs (ticket_id, public_doc, staff_doc)
SELECT t.id,
       strip(to_tsvector('simple', t.subject)) || array_to_tsvector(ARRAY(
           SELECT DISTINCT w.lexeme FROM messages m, unnest(to_tsvector('simple', m.body)) w
           WHERE m.ticket_id = t.id AND NOT m.internal)),
       strip(to_tsvector('simple', t.subject)) || array_to_tsvector(ARRAY(
           SELECT DISTINCT w.lexeme FROM messages m, unnest(to_tsvector('simple', m.body)) w
           WHERE m.ticket_id = t.id))
FROM tickets t;
CREATE INDEX ticket_search_docs_public ON ticket_search_docs USING GIN (public_doc);
CREATE INDEX ticket_search_docs_staff ON ticket_search_docs USING GIN (staff_doc);

CREATE FUNCTION ticket_search_subject_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ticket_search_doc_rebuild(NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER ticket_search_subject_update AFTER UPDATE OF subject ON tickets
    FOR EACH ROW WHEN (OLD.subject IS DISTINCT FROM NEW.subject) EXECUTE FUNCTION ticket_search_subject_changed();

DROP INDEX messages_body_search;
ALTER TABLE messages DROP COLUMN body_search;
DROP INDEX tickets_subject_search;
ALTER TABLE tickets DROP COLUMN subject_search;

-- Queue counts from the index alone: the indexes a filtered queue reads also carry the columns filters combine with.
DROP INDEX tickets_assignee_status;
CREATE INDEX tickets_assignee_status ON tickets (assignee_id, status, updated_at DESC, id DESC) INCLUDE (priority, team_id);
DROP INDEX tickets_team_status;
CREATE INDEX tickets_team_status ON tickets (team_id, status, updated_at DESC, id DESC) INCLUDE (priority, assignee_id);
DROP INDEX tickets_status_updated;
CREATE INDEX tickets_status_updated ON tickets (status, updated_at DESC, id DESC) INCLUDE (priority, assignee_id, team_id);
DROP INDEX tickets_unfinished_updated;
CREATE INDEX tickets_unfinished_updated ON tickets (updated_at DESC, id DESC) INCLUDE (priority, assignee_id, team_id)
    WHERE status IN ('new', 'open', 'pending');
