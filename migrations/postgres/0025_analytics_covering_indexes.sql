-- The summaries take percentiles over the durations of the tickets first answered / resolved in a period: with the
-- duration and the filter columns in the index, that is an index-only scan, instead of a lookup of every ticket's
-- wide facts row (a 90-day period at 1,000,000 tickets holds about 250,000 of them, twice: it and the one before).
DROP INDEX analytics_facts_first_response;
CREATE INDEX analytics_facts_first_response ON analytics_ticket_facts (first_response_at)
    INCLUDE (first_response_s, team_id, channel, agent_id) WHERE first_response_at IS NOT NULL;
DROP INDEX analytics_facts_resolved;
CREATE INDEX analytics_facts_resolved ON analytics_ticket_facts (resolved_at)
    INCLUDE (resolution_s, team_id, channel, agent_id) WHERE resolved_at IS NOT NULL;
