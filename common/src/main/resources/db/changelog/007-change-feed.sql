--liquibase formatted sql

--changeset syncplane:007-change-xid
-- The change feed orders rows by (change_xid, change_seq) and reads only below pg_snapshot_xmin(), so a writer that
-- took a lower change_seq but commits later is never jumped over (design brief, decision 10; io.syncplane.feed).
-- Every write that advances change_seq also stamps change_xid = pg_current_xact_id() (PostgresItemStore, SqlFor).
-- Existing rows are all committed: they read as xid 1, below every live transaction, and keep their change_seq order.
-- A constant default is a catalog-only change (no table rewrite); the real default is set right after.
ALTER TABLE gmail_message ADD COLUMN change_xid xid8 NOT NULL DEFAULT '1';
ALTER TABLE gmail_message ALTER COLUMN change_xid SET DEFAULT pg_current_xact_id();
ALTER TABLE calendar_event ADD COLUMN change_xid xid8 NOT NULL DEFAULT '1';
ALTER TABLE calendar_event ALTER COLUMN change_xid SET DEFAULT pg_current_xact_id();
ALTER TABLE contact ADD COLUMN change_xid xid8 NOT NULL DEFAULT '1';
ALTER TABLE contact ALTER COLUMN change_xid SET DEFAULT pg_current_xact_id();
ALTER TABLE task ADD COLUMN change_xid xid8 NOT NULL DEFAULT '1';
ALTER TABLE task ALTER COLUMN change_xid SET DEFAULT pg_current_xact_id();

--changeset syncplane:007-feed-indexes
-- One user's feed: a keyset range per (connection, table). The operator's feed across all users: one range per table.
-- The (connection_id, change_seq) indexes served nothing but the feed, which no longer orders by change_seq alone.
CREATE INDEX gmail_message_feed_idx ON gmail_message (connection_id, change_xid, change_seq);
CREATE INDEX gmail_message_feed_all_idx ON gmail_message (change_xid, change_seq);
DROP INDEX gmail_message_change_idx;
CREATE INDEX calendar_event_feed_idx ON calendar_event (connection_id, change_xid, change_seq);
CREATE INDEX calendar_event_feed_all_idx ON calendar_event (change_xid, change_seq);
DROP INDEX calendar_event_change_idx;
CREATE INDEX contact_feed_idx ON contact (connection_id, change_xid, change_seq);
CREATE INDEX contact_feed_all_idx ON contact (change_xid, change_seq);
DROP INDEX contact_change_idx;
CREATE INDEX task_feed_idx ON task (connection_id, change_xid, change_seq);
CREATE INDEX task_feed_all_idx ON task (change_xid, change_seq);
DROP INDEX task_change_idx;
-- Tombstone pruning finds old tombstones without reading live rows.
CREATE INDEX gmail_message_tombstone_idx ON gmail_message (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX calendar_event_tombstone_idx ON calendar_event (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX contact_tombstone_idx ON contact (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX task_tombstone_idx ON task (deleted_at) WHERE deleted_at IS NOT NULL;

--changeset syncplane:007-change-feed-state
-- One row: which database a cursor belongs to, and the retained-tombstone horizon. Pruning hard-deletes old
-- tombstones and, in the same transaction, raises the horizon to the highest feed position it deleted; a cursor below
-- the horizon may have missed a delete and must resync. Not user data: the API's restricted role only reads it.
CREATE TABLE change_feed_state (
    singleton         boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    database_id       uuid        NOT NULL DEFAULT gen_random_uuid(),
    horizon_xid       xid8        NOT NULL DEFAULT '0',
    horizon_seq       bigint      NOT NULL DEFAULT 0,
    horizon_moved_at  timestamptz
);
INSERT INTO change_feed_state (singleton) VALUES (true);
