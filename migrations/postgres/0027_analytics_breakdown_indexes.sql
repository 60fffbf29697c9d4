-- The priority and category breakdowns count the tickets created and the tickets resolved in a period, each from
-- its own index: with the filter columns, priority and category included, both are index-only scans instead of a
-- lookup of every ticket's wide facts row.
DROP INDEX analytics_facts_created;
CREATE INDEX analytics_facts_created ON analytics_ticket_facts (created_at)
    INCLUDE (team_id, channel, agent_id, priority, category);
DROP INDEX analytics_facts_resolved;
CREATE INDEX analytics_facts_resolved ON analytics_ticket_facts (resolved_at)
    INCLUDE (resolution_s, team_id, channel, agent_id, priority, category) WHERE resolved_at IS NOT NULL;
