-- Secrets an installation generates for itself when the operator set none (issue 8: the key CSAT links are signed
-- with, unless TIDINGS_CSAT_SECRET is set). Written once by whichever instance comes first; every instance reads the
-- same value. Never logged, never sent to a client.
CREATE TABLE instance_secrets (
    name       TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
