-- kb_search is derived from kb_articles, as SQLite's FTS5 index is: a reindex now builds it as a new table and
-- swaps it in (kb_postgres_search.rs). Adding the foreign key to the new table would lock kb_articles against
-- writes while an article's save waits on kb_search: a deadlock. Articles are never deleted (they are archived),
-- so the key's ON DELETE CASCADE never acted; the store writes and rewrites search rows itself.
ALTER TABLE kb_search DROP CONSTRAINT kb_search_doc_number_fkey;
