--liquibase formatted sql

--changeset syncplane:006-force-full-sync
-- An operator's explicit request for a full resync that may delete more than the safety valve allows.
ALTER TABLE sync_state ADD COLUMN force_full_sync boolean NOT NULL DEFAULT false;
