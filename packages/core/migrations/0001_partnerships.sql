-- Up Migration
-- Many partnerships in one database. Every key begins with the partnership, and every statement
-- Partnership Tracker runs filters on it. See docs/architecture.md (data stores).

-- One row per partnership: the revision a commit must find to write (optimistic concurrency),
-- the document-shape version of its records, and its own settings.
CREATE TABLE ptrack.partnerships (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  schema_version integer NOT NULL,
  revision bigint NOT NULL DEFAULT 0,
  settings jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per record of a collection. (added_revision, added_index) keeps the order in which
-- records were added, which the in-memory lists keep too.
CREATE TABLE ptrack.records (
  partnership_id text NOT NULL REFERENCES ptrack.partnerships (id) ON DELETE CASCADE,
  collection text NOT NULL,
  key text NOT NULL,
  added_revision bigint NOT NULL,
  added_index integer NOT NULL,
  record jsonb NOT NULL,
  PRIMARY KEY (partnership_id, collection, key)
);
CREATE INDEX records_in_order ON ptrack.records (partnership_id, added_revision, added_index);

-- The items of a record's append-only list (an action's history), one row each: an update adds
-- a row rather than rewriting a list that grows with every update.
CREATE TABLE ptrack.record_items (
  partnership_id text NOT NULL,
  collection text NOT NULL,
  key text NOT NULL,
  field text NOT NULL,
  position integer NOT NULL,
  item jsonb NOT NULL,
  PRIMARY KEY (partnership_id, collection, key, field, position),
  FOREIGN KEY (partnership_id, collection, key) REFERENCES ptrack.records (partnership_id, collection, key) ON DELETE CASCADE
);

-- The audit: append-only (a trigger refuses updates and deletes).
CREATE TABLE ptrack.audit (
  partnership_id text NOT NULL REFERENCES ptrack.partnerships (id),
  seq bigint NOT NULL,
  revision bigint NOT NULL,
  entry jsonb NOT NULL,
  PRIMARY KEY (partnership_id, seq)
);
CREATE INDEX audit_by_revision ON ptrack.audit (partnership_id, revision);

CREATE FUNCTION ptrack.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ptrack.audit is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE ON ptrack.audit
  FOR EACH ROW EXECUTE FUNCTION ptrack.refuse_audit_change();

-- The records each revision left, in order: how another instance catches up with one query.
CREATE TABLE ptrack.revisions (
  partnership_id text NOT NULL REFERENCES ptrack.partnerships (id) ON DELETE CASCADE,
  revision bigint NOT NULL,
  committed_at timestamptz NOT NULL DEFAULT now(),
  changes jsonb NOT NULL,
  PRIMARY KEY (partnership_id, revision)
);

-- The Teams tenants and Slack workspaces each partnership's bot answers in: how one bot
-- deployment routes an activity to its partnership. A workspace answers for one partnership.
CREATE TABLE ptrack.chat_workspaces (
  channel text NOT NULL CHECK (channel IN ('teams', 'slack')),
  workspace_id text NOT NULL,
  partnership_id text NOT NULL REFERENCES ptrack.partnerships (id) ON DELETE CASCADE,
  PRIMARY KEY (channel, workspace_id)
);
CREATE INDEX chat_workspaces_by_partnership ON ptrack.chat_workspaces (partnership_id);

-- Down Migration
DROP TABLE ptrack.chat_workspaces;
DROP TABLE ptrack.revisions;
DROP TABLE ptrack.audit;
DROP FUNCTION ptrack.refuse_audit_change();
DROP TABLE ptrack.record_items;
DROP TABLE ptrack.records;
DROP TABLE ptrack.partnerships;
