-- Up Migration
-- A user's record is the zod-validated JSON the embedded store keeps (read back through the same
-- schema); `version` grows with each write (a check for concurrent writers), `updated_at` dates it.
CREATE TABLE users (
  id text PRIMARY KEY,
  record jsonb NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE invites (code text PRIMARY KEY, invite jsonb NOT NULL);
CREATE TABLE pairings (id text PRIMARY KEY, pairing jsonb NOT NULL);
CREATE TABLE resume_grants (id text PRIMARY KEY, grant_ jsonb NOT NULL);
-- Logs for content authors (no user id in them): the most recent entries are kept.
CREATE TABLE unanswered (seq bigserial PRIMARY KEY, entry jsonb NOT NULL);
CREATE TABLE feedback (seq bigserial PRIMARY KEY, entry jsonb NOT NULL);
-- Erased users: the SHA-256 of their id and the date (nothing else of them).
CREATE TABLE erased (h text PRIMARY KEY, at text NOT NULL);
-- Team and group chats the bot introduced itself in (SHA-256 of the conversation id).
CREATE TABLE introduced (h text PRIMARY KEY, at text NOT NULL, seq bigserial NOT NULL);

-- Down Migration
DROP TABLE introduced;
DROP TABLE erased;
DROP TABLE feedback;
DROP TABLE unanswered;
DROP TABLE resume_grants;
DROP TABLE pairings;
DROP TABLE invites;
DROP TABLE users;
