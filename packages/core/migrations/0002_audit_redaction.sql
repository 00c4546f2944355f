-- A GDPR erasure (`ptrack person erase`) must leave no trace of the person in the audit, so the
-- audit admits one kind of update: an entry rewritten as redacted, keeping its place, time,
-- command and the kind of record it names. Every other update, and every delete, is still refused.
CREATE OR REPLACE FUNCTION ptrack.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.partnership_id = OLD.partnership_id AND NEW.seq = OLD.seq AND NEW.revision = OLD.revision
     AND NEW.entry -> 'redacted' = 'true'::jsonb
     AND NEW.entry -> 'seq' = OLD.entry -> 'seq' AND NEW.entry -> 'at' = OLD.entry -> 'at'
     AND NEW.entry -> 'command' = OLD.entry -> 'command' AND NEW.entry -> 'entity' = OLD.entry -> 'entity' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'ptrack.audit is append-only: % refused', TG_OP;
END;
$$;
