--liquibase formatted sql

--changeset syncplane:009-sync-run-pages
-- Pages a run has committed so far (one per checkpoint), so a running sync's progress can say how far it is.
ALTER TABLE sync_run ADD COLUMN pages integer NOT NULL DEFAULT 0;
