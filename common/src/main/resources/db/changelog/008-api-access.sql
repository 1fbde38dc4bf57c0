--liquibase formatted sql

--changeset syncplane:008-api-key
-- API keys of the REST API. Only a SHA-256 of each key is kept: keys are 256 random bits, so a fast hash is enough
-- (nothing to brute-force), and the key itself is shown once when it is created.
CREATE TABLE api_key (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key_hash   bytea       NOT NULL,
    -- null: an operator key (everything); otherwise the one user this key may act for.
    user_id    bigint      REFERENCES app_user (id),
    created_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CONSTRAINT api_key_hash_key UNIQUE (key_hash)
);
CREATE INDEX api_key_user_idx ON api_key (user_id);

--changeset syncplane:008-api-role splitStatements:false
-- The role the api-service works as. It owns nothing, so row-level security applies to it; roles are cluster-wide,
-- so creating it must tolerate another schema (or a concurrent migration) having created it already.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'syncplane_api') THEN
        CREATE ROLE syncplane_api NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

--changeset syncplane:008-api-role-membership splitStatements:false
-- The migrating user (the api-service's configured login) switches to the role with SET ROLE, so it must be a member.
DO $$
BEGIN
    EXECUTE format('GRANT syncplane_api TO %I', current_user);
EXCEPTION WHEN duplicate_object OR unique_violation OR invalid_grant_operation THEN
    NULL;
END
$$;

--changeset syncplane:008-caller-user-function splitStatements:false
-- Who the current transaction acts for, set by the api-service with set_config(..., true) at the start of every
-- transaction. Unset (or cleared at the end of a transaction) means nobody: policies then match no row.
CREATE FUNCTION syncplane_caller_user() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('syncplane.caller_user', true), '')::bigint
$$;

--changeset syncplane:008-caller-operator-function splitStatements:false
CREATE FUNCTION syncplane_caller_is_operator() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('syncplane.caller_operator', true), '') = 'true'
$$;

--changeset syncplane:008-schema-usage splitStatements:false
DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO syncplane_api', current_schema());
END
$$;

--changeset syncplane:008-grants
GRANT SELECT, INSERT, UPDATE ON app_user, google_connection, sync_state TO syncplane_api;
GRANT SELECT ON sync_run, change_feed_state TO syncplane_api;
GRANT SELECT, DELETE ON gmail_message, calendar_event, contact, task, google_access_token TO syncplane_api;
GRANT SELECT, INSERT, UPDATE ON api_key TO syncplane_api;
GRANT EXECUTE ON FUNCTION syncplane_caller_user(), syncplane_caller_is_operator() TO syncplane_api;

--changeset syncplane:008-row-level-security
-- Every table holding a user's data answers the api role only with that user's rows (operators see all). The worker
-- connects as the tables' owner, which bypasses RLS by design: it serves every user.
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY app_user_caller ON app_user TO syncplane_api
    USING (syncplane_caller_is_operator() OR id = syncplane_caller_user())
    WITH CHECK (syncplane_caller_is_operator());

ALTER TABLE google_connection ENABLE ROW LEVEL SECURITY;
CREATE POLICY google_connection_caller ON google_connection TO syncplane_api
    USING (syncplane_caller_is_operator() OR user_id = syncplane_caller_user());

ALTER TABLE sync_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_state_caller ON sync_state TO syncplane_api
    USING (syncplane_caller_is_operator() OR user_id = syncplane_caller_user());

-- Tables without a user_id reach their owner through a row the policies above already filter.
ALTER TABLE sync_run ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_run_caller ON sync_run TO syncplane_api
    USING (syncplane_caller_is_operator()
           OR EXISTS (SELECT 1 FROM sync_state s WHERE s.id = sync_state_id));

ALTER TABLE google_access_token ENABLE ROW LEVEL SECURITY;
CREATE POLICY google_access_token_caller ON google_access_token TO syncplane_api
    USING (syncplane_caller_is_operator()
           OR connection_id IN (SELECT c.id FROM google_connection c));

ALTER TABLE gmail_message ENABLE ROW LEVEL SECURITY;
CREATE POLICY gmail_message_caller ON gmail_message TO syncplane_api
    USING (syncplane_caller_is_operator() OR connection_id IN (SELECT c.id FROM google_connection c));

ALTER TABLE calendar_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY calendar_event_caller ON calendar_event TO syncplane_api
    USING (syncplane_caller_is_operator() OR connection_id IN (SELECT c.id FROM google_connection c));

ALTER TABLE contact ENABLE ROW LEVEL SECURITY;
CREATE POLICY contact_caller ON contact TO syncplane_api
    USING (syncplane_caller_is_operator() OR connection_id IN (SELECT c.id FROM google_connection c));

ALTER TABLE task ENABLE ROW LEVEL SECURITY;
CREATE POLICY task_caller ON task TO syncplane_api
    USING (syncplane_caller_is_operator() OR connection_id IN (SELECT c.id FROM google_connection c));

-- Authenticating a request looks its key up before anyone is known, so reading key hashes is open to the role;
-- creating and revoking keys is for operators only.
ALTER TABLE api_key ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_key_lookup ON api_key FOR SELECT TO syncplane_api USING (true);
CREATE POLICY api_key_issue ON api_key FOR INSERT TO syncplane_api WITH CHECK (syncplane_caller_is_operator());
CREATE POLICY api_key_revoke ON api_key FOR UPDATE TO syncplane_api
    USING (syncplane_caller_is_operator()) WITH CHECK (syncplane_caller_is_operator());
