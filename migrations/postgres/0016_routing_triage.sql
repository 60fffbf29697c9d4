-- Routing and offline triage (issue 7). Agents get a ticket capacity and skills, customers a segment (VIP first),
-- teams a routing strategy with its round-robin cursor; skill requirements say which tickets need which skills;
-- the team classifier is stored as JSON counts; each ticket keeps what triage found.

-- The most unfinished tickets plus open chats routing gives an agent at once (0: route nothing to them).
ALTER TABLE users ADD COLUMN max_tickets INTEGER NOT NULL DEFAULT 20 CHECK (max_tickets BETWEEN 0 AND 10000);
-- A customer segment, e.g. 'vip' (VIP requesters' tickets are routed first); NULL for most.
ALTER TABLE users ADD COLUMN segment TEXT;

CREATE TABLE agent_skills (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    skill   TEXT NOT NULL,                     -- lower case, e.g. 'german', 'billing'
    level   INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (user_id, skill)
);

ALTER TABLE teams ADD COLUMN routing_strategy TEXT NOT NULL DEFAULT 'manual'
    CHECK (routing_strategy IN ('manual', 'round_robin', 'least_loaded', 'skills'));
-- The agent round robin assigned last in this team; the next turn goes to the agent after them.
ALTER TABLE teams ADD COLUMN routing_cursor TEXT;

-- Tickets in a category (the path or anything below it) and/or in a language need a skill at a minimum level.
CREATE TABLE skill_requirements (
    id              TEXT PRIMARY KEY NOT NULL,
    category_prefix TEXT,
    language        TEXT,
    skill           TEXT NOT NULL,
    min_level       INTEGER NOT NULL CHECK (min_level BETWEEN 1 AND 5),
    position        INTEGER NOT NULL,
    CHECK (category_prefix IS NOT NULL OR language IS NOT NULL)
);

-- The one team classifier ('team'): naive Bayes counts as JSON. `revision` grows with every save, so an instance
-- knows when its cached copy is stale and a correction never overwrites a newer model.
CREATE TABLE triage_models (
    id            TEXT PRIMARY KEY NOT NULL CHECK (id = 'team'),
    model         TEXT NOT NULL,
    trained_at    TIMESTAMPTZ NOT NULL,
    example_count INTEGER NOT NULL,
    revision      BIGINT NOT NULL
);

CREATE TABLE ticket_triage (
    ticket_id           TEXT PRIMARY KEY NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    language            TEXT,
    language_confidence REAL,
    sentiment           TEXT NOT NULL CHECK (sentiment IN ('negative', 'neutral', 'positive')),
    sentiment_score     REAL NOT NULL,
    suggested_team_id   TEXT REFERENCES teams (id) ON DELETE SET NULL,
    team_confidence     REAL,
    urgency_keyword     TEXT,
    reasons             TEXT NOT NULL,     -- JSON array of sentences
    -- The team the classifier has learned this ticket's text as (after a correction), so a second correction
    -- moves the counts again instead of learning the text twice.
    learned_team_id     TEXT,
    created_at          TIMESTAMPTZ NOT NULL
);

-- The team queues: unassigned, unfinished tickets of a team, oldest first.
CREATE INDEX tickets_team_queue ON tickets (team_id, created_at) WHERE assignee_id IS NULL
    AND status IN ('new', 'open', 'pending');
