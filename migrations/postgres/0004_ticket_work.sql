-- Working tickets: where a ticket was split from, what the customer's browser shared when filing it, and
-- indexes that let the agent queue read its pages in index order (id breaks ties, so no sort step).
ALTER TABLE tickets ADD COLUMN split_from_id TEXT REFERENCES tickets (id);
ALTER TABLE tickets ADD COLUMN context TEXT;   -- JSON object as text (so both backends read it alike)

DROP INDEX tickets_status_updated;
CREATE INDEX tickets_status_updated ON tickets (status, updated_at DESC, id DESC);
DROP INDEX tickets_assignee_status;
CREATE INDEX tickets_assignee_status ON tickets (assignee_id, status, updated_at DESC, id DESC);
DROP INDEX tickets_team_status;
CREATE INDEX tickets_team_status ON tickets (team_id, status, updated_at DESC, id DESC);
DROP INDEX tickets_requester_updated;
CREATE INDEX tickets_requester_updated ON tickets (requester_id, updated_at DESC, id DESC);
CREATE INDEX tickets_created ON tickets (created_at DESC, id DESC);
