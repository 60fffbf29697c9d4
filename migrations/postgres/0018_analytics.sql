-- Analytics (issue 8): CSAT surveys and the rollups the dashboard reads instead of scanning tickets and events.
-- Timestamps are timestamptz. Team and agent are '' (not NULL) in rollup keys so they
-- can be part of a primary key on both backends.

-- One survey per ticket at most (UNIQUE ticket_id: never sent twice). Only the SHA-256 of the link token is kept;
-- answering sets answered_at, rating and comment in one statement that requires answered_at IS NULL (single use).
CREATE TABLE csat_surveys (
    id          TEXT PRIMARY KEY NOT NULL,
    ticket_id   TEXT NOT NULL UNIQUE REFERENCES tickets (id),
    token_hash  TEXT NOT NULL UNIQUE,
    channel     TEXT NOT NULL,                       -- where the link was sent (email, widget, whatsapp, telegram …)
    sent_at     TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    answered_at TIMESTAMPTZ,
    rating      INTEGER CHECK (rating BETWEEN 1 AND 5),
    comment     TEXT,
    CHECK ((answered_at IS NULL) = (rating IS NULL))
);
CREATE INDEX csat_surveys_sent ON csat_surveys (sent_at);
CREATE INDEX csat_surveys_answered ON csat_surveys (answered_at) WHERE answered_at IS NOT NULL;

-- The facts of each ticket as last rolled up (src/domain/analytics/history.rs), one narrow row per ticket, under
-- its current team, channel and assignee. Percentiles (p50/p90) cannot be summed, so they are taken over these
-- per-ticket durations, found through the indexes on the instant each one counts at.
CREATE TABLE analytics_ticket_facts (
    ticket_id              TEXT PRIMARY KEY NOT NULL REFERENCES tickets (id),
    team_id                TEXT NOT NULL,            -- '' for none
    channel                TEXT NOT NULL,
    agent_id               TEXT NOT NULL,            -- '' for none
    priority               TEXT NOT NULL,
    category               TEXT,
    created_at             TIMESTAMPTZ NOT NULL,
    first_response_at      TIMESTAMPTZ,
    first_response_s       BIGINT,
    resolved_at            TIMESTAMPTZ,
    resolution_s           BIGINT,
    reopen_count           BIGINT NOT NULL,
    sla_met                BOOLEAN,                  -- NULL: no SLA or not decided yet
    facts                  TEXT NOT NULL,            -- the whole ReportedTicket as JSON: what the rollup last added
    updated_at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX analytics_facts_first_response ON analytics_ticket_facts (first_response_at)
    WHERE first_response_at IS NOT NULL;
CREATE INDEX analytics_facts_resolved ON analytics_ticket_facts (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX analytics_facts_created ON analytics_ticket_facts (created_at);

-- Counters per UTC hour x team x channel x agent (src/domain/analytics/rollup.rs), changed by the difference between
-- a ticket's new and old facts in the transaction that stores them; `tidings analytics rebuild` recomputes all.
CREATE TABLE analytics_hourly (
    hour                 TIMESTAMPTZ NOT NULL,
    team_id              TEXT NOT NULL,
    channel              TEXT NOT NULL,
    agent_id             TEXT NOT NULL,
    created              BIGINT NOT NULL DEFAULT 0,
    resolved             BIGINT NOT NULL DEFAULT 0,
    backlog_delta        BIGINT NOT NULL DEFAULT 0,
    first_responses      BIGINT NOT NULL DEFAULT 0,
    first_response_s_sum BIGINT NOT NULL DEFAULT 0,
    resolution_s_sum     BIGINT NOT NULL DEFAULT 0,
    reopened_resolved    BIGINT NOT NULL DEFAULT 0,
    sla_met              BIGINT NOT NULL DEFAULT 0,
    sla_decided          BIGINT NOT NULL DEFAULT 0,
    csat_sent            BIGINT NOT NULL DEFAULT 0,
    csat_sent_answered   BIGINT NOT NULL DEFAULT 0,
    csat_responses       BIGINT NOT NULL DEFAULT 0,
    csat_rating_sum      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, team_id, channel, agent_id)
);
