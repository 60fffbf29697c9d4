-- SLA: business-hours calendars, SLA policies, the warnings and breaches already announced, and each ticket's
-- computed SLA. Timestamps are timestamptz. Definitions are the JSON of the domain's
-- CalendarSpec and SlaPolicySpec, validated by the service before they are stored.
CREATE TABLE sla_calendars (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    definition TEXT NOT NULL,                          -- {"time_zone", "weekly", "holidays"}
    team_id    TEXT UNIQUE REFERENCES teams (id) ON DELETE SET NULL,   -- at most one calendar per team
    brand      TEXT UNIQUE REFERENCES brands (slug) ON DELETE SET NULL, -- and per brand
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
-- At most one default calendar (the store clears the old one when another becomes the default).
CREATE UNIQUE INDEX sla_calendars_one_default ON sla_calendars (is_default) WHERE is_default;

CREATE TABLE sla_policies (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    position    BIGINT NOT NULL,                      -- the admin's order: the tie-breaker of choose_policy
    calendar_id TEXT REFERENCES sla_calendars (id),    -- optional: hours of its own instead of team/brand/default
    definition  TEXT NOT NULL,                         -- {"name", "channel"?, "segment"?, "targets", "warning"}
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sla_policies_position ON sla_policies (position, id);

-- The computed SLA of a ticket, written by the service after every change that moves a clock and by the watcher.
-- sla_next_due_at: the soonest due time of a clock still asking something of staff (NULL: none), the queue's
-- "due soonest" key. sla_next_change_at: when a clock next turns warning or breached on its own (NULL: only an
-- event can change it), what the watcher looks for.
ALTER TABLE tickets ADD COLUMN sla_policy_id TEXT REFERENCES sla_policies (id) ON DELETE SET NULL;
ALTER TABLE tickets ADD COLUMN sla_calendar_id TEXT REFERENCES sla_calendars (id) ON DELETE SET NULL;
ALTER TABLE tickets ADD COLUMN sla_first_response_due_at TIMESTAMPTZ;
ALTER TABLE tickets ADD COLUMN sla_resolution_due_at TIMESTAMPTZ;
ALTER TABLE tickets ADD COLUMN sla_next_due_at TIMESTAMPTZ;
ALTER TABLE tickets ADD COLUMN sla_next_change_at TIMESTAMPTZ;
ALTER TABLE tickets ADD COLUMN sla_state TEXT
    CHECK (sla_state IN ('running', 'warning', 'breached', 'met', 'missed_then_met', 'paused'));

-- The queue sorted by "due soonest" reads this index in order (NULLs, tickets without a due time, last).
CREATE INDEX tickets_unfinished_due ON tickets (sla_next_due_at, id) WHERE status IN ('new', 'open', 'pending');
-- The watcher's look-up: tickets whose SLA changes at or before now.
CREATE INDEX tickets_sla_next_change ON tickets (sla_next_change_at, id) WHERE sla_next_change_at IS NOT NULL;

-- One row per warning or breach announced on a ticket's clock for one due time. The primary key makes the
-- announcement happen exactly once, however many watchers (instances) see the transition.
CREATE TABLE sla_alerts (
    ticket_id  TEXT NOT NULL REFERENCES tickets (id),
    clock      TEXT NOT NULL CHECK (clock IN ('first_response', 'resolution')),
    kind       TEXT NOT NULL CHECK (kind IN ('warning', 'breached')),
    due_at     TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (ticket_id, clock, kind, due_at)
);
