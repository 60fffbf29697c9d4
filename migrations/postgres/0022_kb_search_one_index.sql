-- The partial GIN index of published articles' vectors goes: it repeated the whole-vector index for the rows that
-- are nearly all of a knowledge base, and a reindex wrote every vector into both. Searches use kb_search_vector
-- (with sequential scans priced out in the search's transaction, see kb_postgres_search.rs) and filter the status
-- on the narrow kb_search rows. Search vectors are now written as literals by the store; rows written by
-- to_tsvector before hold the same lexemes for folded text, so nothing needs rewriting.
DROP INDEX kb_search_published_vector;
-- Work the server does when it starts, asked for by a migration (SQLite's 0022 asks for a reindex; nothing here
-- does yet).
CREATE TABLE pending_maintenance (
    task         TEXT PRIMARY KEY NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL
);
