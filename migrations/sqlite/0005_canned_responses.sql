-- Canned responses: saved replies an agent inserts into a ticket, personal (owner only) or shared with every
-- agent. Bodies may hold placeholders such as {{customer.name}}, filled in when the reply is used.
CREATE TABLE canned_responses (
    id         TEXT PRIMARY KEY NOT NULL,
    owner_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    shared     BOOLEAN NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- The picker lists one's own responses and the shared ones, by title.
CREATE INDEX canned_responses_owner ON canned_responses (owner_id, title);
CREATE INDEX canned_responses_shared ON canned_responses (shared, title);

-- Customer lookup lists customers newest first.
CREATE INDEX users_role_created ON users (role, created_at DESC, id DESC);
