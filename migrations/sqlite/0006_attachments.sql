-- Files on messages. The bytes live in the blob store under their SHA-256; a row says which message a file belongs
-- to and what we decided it is. There is deliberately no ticket column: when messages move between tickets
-- (merge, split), access to their files follows the message.
CREATE TABLE attachments (
    id           TEXT PRIMARY KEY NOT NULL,
    message_id   TEXT NOT NULL REFERENCES messages (id),
    position     INTEGER NOT NULL,             -- order of the files on their message
    name         TEXT NOT NULL,                -- cleaned file name
    content_type TEXT NOT NULL,                -- decided from name and content, never the client's claim
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,                -- the blob store key
    created_at   TEXT NOT NULL
);
CREATE INDEX attachments_message ON attachments (message_id, position);
