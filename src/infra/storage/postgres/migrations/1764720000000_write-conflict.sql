-- Up Migration
-- Raised by a statement of the store that touched fewer rows than it had to: another server
-- changed them first. Its SQLSTATE (OD409) and DETAIL (what was changed) become the store's
-- WriteConflictError, and the transaction (one query text, see one-query.ts) is rolled back.
CREATE FUNCTION odd17_write_conflict(what text) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'write conflict: %', what USING ERRCODE = 'OD409', DETAIL = what;
END
$$;

-- Down Migration
DROP FUNCTION odd17_write_conflict(text);
