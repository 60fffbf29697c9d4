-- The copy of each article's folded search text is no longer kept: a status change is handed the article's text
-- again (the service derives it from the markdown), and a reindex wrote every body twice because of it.
-- (PostgreSQL's 0020 moves its search vectors into a table of their own.)
DROP TABLE kb_search_text;
