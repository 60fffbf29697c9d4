-- The default queue ("all unfinished, latest first") reads this index in order and stops after one page. Queries
-- name the statuses as literals so the planner can match the partial index.
CREATE INDEX tickets_unfinished_updated ON tickets (updated_at DESC, id DESC) WHERE status IN ('new', 'open', 'pending');
