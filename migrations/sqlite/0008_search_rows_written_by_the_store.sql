-- New subjects and messages are added to the full-text index by the store (see SqliteStore::index_for_search): an
-- insert trigger's write ran inside a statement savepoint, where FTS5 flushes and merges on every row.
DROP TRIGGER ticket_search_subject_insert;
DROP TRIGGER ticket_search_message_insert;
