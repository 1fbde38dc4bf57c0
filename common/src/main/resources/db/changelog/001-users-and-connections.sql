--liquibase formatted sql

--changeset syncplane:001-app-user
CREATE TABLE app_user (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The id the client application knows its user by.
    external_id text        NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT app_user_external_id_key UNIQUE (external_id),
    CONSTRAINT app_user_external_id_not_blank CHECK (length(btrim(external_id)) > 0)
);

--changeset syncplane:001-google-connection
-- One Google account of a user. Several per user are allowed by the schema; per-source state hangs off the connection.
CREATE TABLE google_connection (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id                  bigint      NOT NULL REFERENCES app_user (id),
    account_email            text        NOT NULL,
    oauth_client_id          text        NOT NULL,
    -- AES-GCM ciphertext (IV + ciphertext + tag) of the OAuth refresh token, bound to this user and email.
    refresh_token_ciphertext bytea       NOT NULL,
    encryption_key_id        text        NOT NULL,
    status                   text        NOT NULL,
    status_reason            text,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    version                  bigint      NOT NULL DEFAULT 0,
    CONSTRAINT google_connection_user_email_key UNIQUE (user_id, account_email),
    CONSTRAINT google_connection_status_check CHECK (status IN ('active', 'needs_reauth', 'removed'))
);
-- Key rotation re-encrypts the rows still under an old key; this finds them without a table scan.
CREATE INDEX google_connection_key_idx ON google_connection (encryption_key_id);
