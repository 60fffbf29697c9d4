-- Live updates: the event log websocket clients catch up from, brands for the widget, widget visitors'
-- sessions, and agents' chat availability.

-- One row per change a client may be told about. Only ids: the hub loads the ticket or message when it
-- sends the event. Writers append under an advisory lock held to commit, so sequence numbers become visible
-- in order and an instance reading "everything after n" never skips a row that commits late.
CREATE TABLE live_events (
    seq        BIGSERIAL PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('ticket_created', 'ticket_updated', 'message_created')),
    ticket_id  TEXT NOT NULL,
    message_id TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX live_events_ticket ON live_events (ticket_id, seq);
CREATE INDEX live_events_created ON live_events (created_at);

CREATE TABLE brands (
    slug       TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    color      TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
INSERT INTO brands (slug, name, color, created_at) VALUES ('default', 'Tidings', '#4f46e5', '2026-01-01T00:00:00Z');

CREATE TABLE widget_sessions (
    id           TEXT PRIMARY KEY NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    contact_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    brand        TEXT NOT NULL REFERENCES brands (slug),
    email        TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX widget_sessions_contact ON widget_sessions (contact_id);

ALTER TABLE users ADD COLUMN availability TEXT NOT NULL DEFAULT 'offline'
    CHECK (availability IN ('online', 'away', 'offline'));
ALTER TABLE users ADD COLUMN max_chats INTEGER NOT NULL DEFAULT 3 CHECK (max_chats BETWEEN 0 AND 50);

CREATE INDEX tickets_chat_queue ON tickets (channel, assignee_id, created_at) WHERE status IN ('new', 'open', 'pending');
