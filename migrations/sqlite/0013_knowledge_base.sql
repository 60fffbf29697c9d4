-- The knowledge base: categories, articles in English and German with their version history, helpful votes,
-- uploaded images and the search index. Timestamps are RFC 3339 text in UTC; booleans are 0/1.
CREATE TABLE kb_categories (
    id         TEXT PRIMARY KEY NOT NULL,
    parent_id  TEXT REFERENCES kb_categories (id),
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,                  -- English, and the name for a language without its own
    name_de    TEXT,
    position   INTEGER NOT NULL,               -- order among siblings
    created_at TEXT NOT NULL
);
CREATE INDEX kb_categories_parent ON kb_categories (parent_id, position);

CREATE TABLE kb_articles (
    id                TEXT PRIMARY KEY NOT NULL,
    translation_group TEXT NOT NULL,           -- shared by an article and its translations
    lang              TEXT NOT NULL CHECK (lang IN ('en', 'de')),
    slug              TEXT NOT NULL,
    title             TEXT NOT NULL,
    excerpt           TEXT NOT NULL,
    body_markdown     TEXT NOT NULL,
    body_html         TEXT NOT NULL,           -- sanitised, rendered from body_markdown
    toc_json          TEXT NOT NULL,
    category_id       TEXT REFERENCES kb_categories (id),
    status            TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
    version           INTEGER NOT NULL,
    views             INTEGER NOT NULL DEFAULT 0,
    helpful           INTEGER NOT NULL DEFAULT 0,   -- counted from kb_votes
    not_helpful       INTEGER NOT NULL DEFAULT 0,
    author_id         TEXT NOT NULL REFERENCES users (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    published_at      TEXT,                    -- the first publication, kept afterwards
    doc_number        INTEGER NOT NULL UNIQUE, -- the row id of the article in kb_search (MAX + 1, given by the store)
    UNIQUE (lang, slug),
    UNIQUE (translation_group, lang)
);
CREATE INDEX kb_articles_listing ON kb_articles (status, lang, updated_at DESC, id);
-- Staff lists of every status.
CREATE INDEX kb_articles_updated ON kb_articles (updated_at DESC, id);
CREATE INDEX kb_articles_category ON kb_articles (category_id, status, lang);

CREATE TABLE kb_article_tags (
    article_id TEXT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    position   INTEGER NOT NULL,               -- the order the author gave
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX kb_article_tags_tag ON kb_article_tags (tag, article_id);

-- Every saved content of an article, version 1 up to the current one.
CREATE TABLE kb_article_versions (
    article_id    TEXT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    slug          TEXT NOT NULL,
    title         TEXT NOT NULL,
    excerpt       TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    category_id   TEXT,                        -- as it was; the category may be gone since
    tags_json     TEXT NOT NULL,               -- JSON array of tags
    author_id     TEXT NOT NULL REFERENCES users (id),
    created_at    TEXT NOT NULL,
    PRIMARY KEY (article_id, version)
);

-- One vote per voter (a user id or a visitor's key) and article; the article's counts are kept from these.
CREATE TABLE kb_votes (
    article_id TEXT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    voter_key  TEXT NOT NULL,
    helpful    BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (article_id, voter_key)
);

CREATE TABLE kb_images (
    id           TEXT PRIMARY KEY NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    blob_key     TEXT NOT NULL,                -- where the bytes are in the blob store
    uploaded_by  TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL
);

-- Every folded word (two characters or more) of every article ever indexed: spelling corrections and compound
-- splitting look words up here. Never pruned; a stale word only costs a wasted correction.
CREATE TABLE kb_words (
    word TEXT PRIMARY KEY NOT NULL
) WITHOUT ROWID;

-- The search index (see src/store/kb_sqlite_search.rs), written by the store. Its row id is the article's
-- doc_number; `scope` holds tokens for the article's status and language (`s_published l_de`), so a customer's search
-- filters inside the index instead of joining every hit to its article. The folded text indexed is kept in
-- kb_search_text, so a status change can rewrite the row.
CREATE VIRTUAL TABLE kb_search USING fts5 (
    scope,
    title,
    tags,
    body,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'",
    prefix = '2 3 4'
);
CREATE TABLE kb_search_text (
    doc_number INTEGER PRIMARY KEY NOT NULL,
    title      TEXT NOT NULL,
    tags       TEXT NOT NULL,
    body       TEXT NOT NULL
);
