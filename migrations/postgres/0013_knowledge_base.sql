-- The knowledge base: categories, articles in English and German with their version history, helpful votes,
-- uploaded images and the search index. Timestamps are timestamptz.
CREATE TABLE kb_categories (
    id         TEXT PRIMARY KEY NOT NULL,
    parent_id  TEXT REFERENCES kb_categories (id),
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,                  -- English, and the name for a language without its own
    name_de    TEXT,
    position   BIGINT NOT NULL,                -- order among siblings
    created_at TIMESTAMPTZ NOT NULL
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
    version           BIGINT NOT NULL,
    views             BIGINT NOT NULL DEFAULT 0,
    helpful           BIGINT NOT NULL DEFAULT 0,   -- counted from kb_votes
    not_helpful       BIGINT NOT NULL DEFAULT 0,
    author_id         TEXT NOT NULL REFERENCES users (id),
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    published_at      TIMESTAMPTZ,             -- the first publication, kept afterwards
    doc_number        BIGINT NOT NULL UNIQUE,  -- MAX + 1, given by the store (SQLite's search row id)
    -- Folded title (A), tags (B) and body (C), written by the store from the text the services fold, so both
    -- backends index the same words. The 'simple' configuration neither stems nor drops stop words.
    search_vector     tsvector NOT NULL,
    UNIQUE (lang, slug),
    UNIQUE (translation_group, lang)
);
CREATE INDEX kb_articles_listing ON kb_articles (status, lang, updated_at DESC, id);
-- Staff lists of every status.
CREATE INDEX kb_articles_updated ON kb_articles (updated_at DESC, id);
CREATE INDEX kb_articles_category ON kb_articles (category_id, status, lang);
-- Kept in the row (compressed) rather than out of line: ranking reads the vector of every match, and fetching it
-- from the TOAST table made a search matching a thousand articles three times slower.
ALTER TABLE kb_articles ALTER COLUMN search_vector SET STORAGE MAIN;
CREATE INDEX kb_articles_search ON kb_articles USING GIN (search_vector);
-- Public searches always ask for published articles.
CREATE INDEX kb_articles_published_search ON kb_articles USING GIN (search_vector) WHERE status = 'published';

CREATE TABLE kb_article_tags (
    article_id TEXT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    position   BIGINT NOT NULL,                -- the order the author gave
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX kb_article_tags_tag ON kb_article_tags (tag, article_id);

-- Every saved content of an article, version 1 up to the current one.
CREATE TABLE kb_article_versions (
    article_id    TEXT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    version       BIGINT NOT NULL,
    slug          TEXT NOT NULL,
    title         TEXT NOT NULL,
    excerpt       TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    category_id   TEXT,                        -- as it was; the category may be gone since
    tags_json     TEXT NOT NULL,               -- JSON array of tags
    author_id     TEXT NOT NULL REFERENCES users (id),
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, version)
);

-- One vote per voter (a user id or a visitor's key) and article; the article's counts are kept from these.
CREATE TABLE kb_votes (
    article_id TEXT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    voter_key  TEXT NOT NULL,
    helpful    BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, voter_key)
);

CREATE TABLE kb_images (
    id           TEXT PRIMARY KEY NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   BIGINT NOT NULL,
    blob_key     TEXT NOT NULL,                -- where the bytes are in the blob store
    uploaded_by  TEXT NOT NULL REFERENCES users (id),
    created_at   TIMESTAMPTZ NOT NULL
);

-- Every folded word (two characters or more) of every article ever indexed: spelling corrections and compound
-- splitting look words up here. Never pruned; a stale word only costs a wasted correction. Byte order ("C"), so a
-- prefix is the primary key range [prefix, next prefix) whatever the database's collation.
CREATE TABLE kb_words (
    word TEXT COLLATE "C" PRIMARY KEY NOT NULL
);
