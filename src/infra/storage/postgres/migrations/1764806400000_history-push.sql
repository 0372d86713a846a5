-- Up Migration
-- A web user's conversation history, one row per exchange (its number `n`, see
-- conversation-history.ts), and their browsers' push subscriptions, out of the record's jsonb: a
-- turn writes its new exchange, not the whole history again. Deleted with their user's row
-- (« supprimer mes données », retention).
CREATE TABLE history (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  n integer NOT NULL,
  entry jsonb NOT NULL,
  PRIMARY KEY (user_id, n)
);
CREATE TABLE push_subscriptions (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  position integer NOT NULL,
  subscription jsonb NOT NULL,
  PRIMARY KEY (user_id, position)
);
-- What the records held moves to the tables (the history numbered in order, as appendHistory
-- numbers a history of an older version; the push subscriptions were in `jeudis`).
INSERT INTO history (user_id, n, entry)
  SELECT u.id, e.ord, CASE WHEN jsonb_typeof(e.entry) = 'object' THEN e.entry - 'n' ELSE e.entry END
  FROM users u, jsonb_array_elements(CASE WHEN jsonb_typeof(u.record->'history') = 'array' THEN u.record->'history' ELSE '[]'::jsonb END) WITH ORDINALITY AS e(entry, ord);
INSERT INTO push_subscriptions (user_id, position, subscription)
  SELECT u.id, p.ord, p.subscription
  FROM users u, jsonb_array_elements(CASE WHEN jsonb_typeof(u.record->'jeudis'->'push') = 'array' THEN u.record->'jeudis'->'push' ELSE '[]'::jsonb END) WITH ORDINALITY AS p(subscription, ord);
UPDATE users SET record = (record - 'history') #- '{jeudis,push}' WHERE record ? 'history' OR record->'jeudis' ? 'push';

-- Down Migration
UPDATE users u SET record = u.record
  || jsonb_build_object('history', coalesce((SELECT jsonb_agg(h.entry || jsonb_build_object('n', h.n) ORDER BY h.n) FROM history h WHERE h.user_id = u.id), '[]'::jsonb));
UPDATE users u SET record = jsonb_set(u.record, '{jeudis,push}', (SELECT jsonb_agg(p.subscription ORDER BY p.position) FROM push_subscriptions p WHERE p.user_id = u.id))
  WHERE u.record ? 'jeudis' AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.user_id = u.id);
DROP TABLE push_subscriptions;
DROP TABLE history;
