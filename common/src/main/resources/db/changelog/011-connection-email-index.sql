--liquibase formatted sql

--changeset syncplane:011-connection-email-index
-- A Gmail push names only the account's email: find its connections without reading the whole table.
CREATE INDEX google_connection_email_idx ON google_connection (account_email);
