--liquibase formatted sql

--changeset syncplane:005-google-access-token
-- The current access token of each connection, shared by all workers so one refresh serves everyone.
CREATE TABLE google_access_token (
    connection_id     bigint      PRIMARY KEY REFERENCES google_connection (id),
    token_ciphertext  bytea       NOT NULL,
    encryption_key_id text        NOT NULL,
    expires_at        timestamptz NOT NULL,
    refreshed_at      timestamptz NOT NULL
);
