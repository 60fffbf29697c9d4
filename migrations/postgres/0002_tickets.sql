-- Tickets: every conversation on every channel. Numbers come from a counter row so both backends hand them
-- out the same way, inside the transaction that creates the ticket.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY NOT NULL,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('ticket_number', 1000);

CREATE TABLE tickets (
    id                TEXT PRIMARY KEY NOT NULL,
    number            BIGINT NOT NULL UNIQUE,
    subject           TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('new', 'open', 'pending', 'resolved', 'closed')),
    priority          TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    ticket_type       TEXT,
    category          TEXT,
    channel           TEXT NOT NULL CHECK (channel IN ('portal', 'widget', 'chat', 'email', 'whatsapp', 'telegram', 'api')),
    requester_id      TEXT NOT NULL REFERENCES users (id),
    assignee_id       TEXT REFERENCES users (id),
    team_id           TEXT REFERENCES teams (id),
    language          TEXT,
    merged_into_id    TEXT REFERENCES tickets (id),
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    first_response_at TIMESTAMPTZ,
    resolved_at       TIMESTAMPTZ
);
CREATE INDEX tickets_updated ON tickets (updated_at DESC, id DESC);
CREATE INDEX tickets_status_updated ON tickets (status, updated_at DESC);
CREATE INDEX tickets_requester_updated ON tickets (requester_id, updated_at DESC);
CREATE INDEX tickets_assignee_status ON tickets (assignee_id, status, updated_at DESC);
CREATE INDEX tickets_team_status ON tickets (team_id, status, updated_at DESC);

CREATE TABLE ticket_tags (
    ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    PRIMARY KEY (ticket_id, tag)
);
CREATE INDEX ticket_tags_tag ON ticket_tags (tag, ticket_id);

CREATE TABLE messages (
    id         TEXT PRIMARY KEY NOT NULL,
    ticket_id  TEXT NOT NULL REFERENCES tickets (id),
    author_id  TEXT NOT NULL REFERENCES users (id),
    body       TEXT NOT NULL,
    internal   BOOLEAN NOT NULL,              -- internal notes: staff only, never shown to customers
    channel    TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX messages_ticket ON messages (ticket_id, created_at, id);

-- The activity timeline: status, priority, assignment and other changes, with who and when.
CREATE TABLE ticket_events (
    id         TEXT PRIMARY KEY NOT NULL,
    ticket_id  TEXT NOT NULL REFERENCES tickets (id),
    actor_id   TEXT REFERENCES users (id),
    kind       TEXT NOT NULL,
    data       TEXT NOT NULL,                 -- JSON object (text, so both backends read it alike)
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, created_at, id);
