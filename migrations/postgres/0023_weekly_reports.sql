-- Who has been sent which week's report (issue 8's weekly email to supervisors): one row per ISO week and user,
-- inserted by the instance that sends it, so a report goes out once whatever the number of instances; a failed
-- send deletes its row and is tried again on the next round.
CREATE TABLE weekly_report_deliveries (
    week       TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    claimed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (week, user_id)
);
