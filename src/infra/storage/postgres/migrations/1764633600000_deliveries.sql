-- Up Migration
-- The Thursday deliveries, claimed before each send: one row per user and Thursday, so that the
-- server leading the broadcast — and the one taking over after it stopped — never sends twice.
CREATE TABLE deliveries (
  key text PRIMARY KEY,
  user_id text NOT NULL,
  thursday text NOT NULL,
  state text NOT NULL,
  at text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  detail text
);
CREATE INDEX deliveries_user ON deliveries (user_id);

-- Down Migration
DROP TABLE deliveries;
