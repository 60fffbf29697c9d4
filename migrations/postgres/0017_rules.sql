-- Automation rules (issue 7): the rules admins manage, what they already did per ticket, and the durable jobs of
-- time rules. Timestamps are timestamptz. A rule's definition is the JSON of the
-- domain's `Rule`, validated by the service before it is stored.
CREATE TABLE automation_rules (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    position   BIGINT NOT NULL,                 -- rules run in (position, id) order
    enabled    BOOLEAN NOT NULL DEFAULT TRUE,
    definition TEXT NOT NULL,                    -- {"trigger", "conditions", "actions", "once_per"?}
    warnings   TEXT,                             -- JSON list of broken references when the service disabled the rule
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX automation_rules_position ON automation_rules (position, id);

-- Which sets of shipped rules were seeded once, so a default rule an admin deleted does not come back.
CREATE TABLE automation_seeds (
    name      TEXT PRIMARY KEY NOT NULL,
    seeded_at TIMESTAMPTZ NOT NULL
);

-- When each rule last fired on a ticket (`once_per` throttles hold across restarts).
CREATE TABLE rule_firings (
    ticket_id     TEXT NOT NULL REFERENCES tickets (id),
    rule_id       TEXT NOT NULL,
    last_fired_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (ticket_id, rule_id)
);

-- The durable jobs of time rules: one per rule, ticket and anchor value (the domain's FireOnceKey), so each fires
-- once however many instances tick and whatever restarts happen in between. `scheduled` until due; then `fired`,
-- or `skipped` when the rule's conditions did not hold (a later change of the ticket schedules it again).
CREATE TABLE rule_jobs (
    fire_key   TEXT PRIMARY KEY NOT NULL,        -- rule/ticket/anchor/milliseconds
    rule_id    TEXT NOT NULL,
    ticket_id  TEXT NOT NULL REFERENCES tickets (id),
    anchor     TEXT NOT NULL,
    anchor_at  TIMESTAMPTZ NOT NULL,
    due_at     TIMESTAMPTZ NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('scheduled', 'fired', 'skipped')),
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX rule_jobs_due ON rule_jobs (due_at, fire_key) WHERE state = 'scheduled';
CREATE INDEX rule_jobs_ticket ON rule_jobs (ticket_id);

-- The author of what rules write (canned replies, notes): a deactivated agent nobody can sign in as (no password
-- hash verifies against '!') and nobody can assign tickets to.
INSERT INTO users (id, email, name, role, locale, password_hash, active, created_at, updated_at)
VALUES ('automation', 'automation@tidings.invalid', 'Tidings', 'agent', 'en', '!', FALSE,
        '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00');
