-- The search index keeps one prefix index (two letters) instead of three (2, 3 and 4): every word went into the
-- index four times, which made FTS5's inserts the serial half of a reindex (about 3,400 articles/s on 20,000
-- articles; about 7,700 with the two-letter index only). Longer prefixes are found by scanning the words that
-- start with them, which costs about a millisecond more on 20,000 articles; two-letter prefixes, which match the
-- most words, keep their index.
-- The index is contentless: its text cannot be read back, so it is made empty here and the server refills it
-- from the articles when it starts (pending_maintenance 'kb_reindex'; `tidings kb reindex` does the same).
DROP TABLE kb_search;
CREATE VIRTUAL TABLE kb_search USING fts5 (
    scope,
    title,
    tags,
    body,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'",
    prefix = '2'
);
CREATE TABLE pending_maintenance (
    task         TEXT PRIMARY KEY NOT NULL,
    requested_at TEXT NOT NULL
);
INSERT INTO pending_maintenance (task, requested_at)
    SELECT 'kb_reindex', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM kb_articles);
