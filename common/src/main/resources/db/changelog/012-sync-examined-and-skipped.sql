--liquibase formatted sql

--changeset syncplane:012-sync-examined-and-skipped
-- Items a run fetched and compared, changed or not: a resync that finds nothing new still moves forward, and its
-- progress must say so. The added/updated/deleted counts stay what they were (changes only).
ALTER TABLE sync_state ADD COLUMN checkpoint_items_examined bigint;
ALTER TABLE sync_run ADD COLUMN items_examined bigint NOT NULL DEFAULT 0;
-- The malformed items the run has skipped so far, committed with each page so that an attempt resuming from the
-- checkpoint still reports what an interrupted one skipped: how many, and the first few by id and reason.
ALTER TABLE sync_state ADD COLUMN checkpoint_skipped_count bigint;
ALTER TABLE sync_state ADD COLUMN checkpoint_skipped_ids text[];
ALTER TABLE sync_state ADD COLUMN checkpoint_skipped_reasons text[];
