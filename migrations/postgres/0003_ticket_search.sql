-- Full-text search over subjects and messages: generated tsvector columns with GIN indexes, so every
-- write keeps them current. The 'simple' configuration neither stems nor drops stop words, which suits
-- mixed German and English text and finds what SQLite's FTS5 finds.
ALTER TABLE tickets ADD COLUMN subject_search tsvector GENERATED ALWAYS AS (to_tsvector('simple', subject)) STORED;
CREATE INDEX tickets_subject_search ON tickets USING GIN (subject_search);

ALTER TABLE messages ADD COLUMN body_search tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED;
CREATE INDEX messages_body_search ON messages USING GIN (body_search);
