-- Article bodies move to a table of their own. SQLite stores a row's columns in order and spills long values into
-- overflow pages, so with the markdown and HTML in the middle of kb_articles every read of a later column (status,
-- category, dates, counts) walked the body's overflow chain, and every view count rewrote the whole body: at 20,000
-- articles the help center's category counts took 120 ms and an article page about half a second. Lists, counts,
-- search hits and view counts now touch small rows; only a full article reads its body.
CREATE TABLE kb_article_bodies (
    article_id    TEXT PRIMARY KEY NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    body_markdown TEXT NOT NULL,
    body_html     TEXT NOT NULL,           -- sanitised, rendered from body_markdown
    toc_json      TEXT NOT NULL
);
INSERT INTO kb_article_bodies (article_id, body_markdown, body_html, toc_json)
    SELECT id, body_markdown, body_html, toc_json FROM kb_articles;
ALTER TABLE kb_articles DROP COLUMN body_markdown;
ALTER TABLE kb_articles DROP COLUMN body_html;
ALTER TABLE kb_articles DROP COLUMN toc_json;
-- The help center's article count per category is read from this index alone.
CREATE INDEX kb_articles_status_category ON kb_articles (status, lang, category_id);
