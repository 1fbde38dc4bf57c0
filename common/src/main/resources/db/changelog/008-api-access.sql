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

--changeset syncplane:008-api-roles splitStatements:false
-- The roles the api-service works as. syncplane_api acts for one user (the one named by syncplane_caller_user());
-- syncplane_api_operator acts for operators and sees every row. Neither owns anything, so row-level security applies
-- to both, and because policies are per role, each role's policy is a plain condition the planner can use an index
-- for (an "operator OR own rows" condition in one policy would force scans). Roles are cluster-wide: creating them
-- must tolerate another schema (or a concurrent migration) having created them first.
DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['syncplane_api', 'syncplane_api_operator'] LOOP
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOBYPASSRLS', role_name);
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
        -- the configured login switches to these with SET ROLE, so it must be a member
        BEGIN
            EXECUTE format('GRANT %I TO %I', role_name, current_user);
        EXCEPTION WHEN duplicate_object OR unique_violation OR invalid_grant_operation THEN
            NULL;
        END;
    END LOOP;
END
$$;

--changeset syncplane:008-caller-user-function splitStatements:false
-- The user the current transaction acts for, set by the api-service with set_config(..., true) at the start of every
-- transaction. Unset (or gone with the end of the transaction) means nobody: the user policies then match no row.
CREATE FUNCTION syncplane_caller_user() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('syncplane.caller_user', true), '')::bigint
$$;

--changeset syncplane:008-schema-usage splitStatements:false
DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO syncplane_api, syncplane_api_operator', current_schema());
END
$$;

--changeset syncplane:008-grants
GRANT SELECT, INSERT, UPDATE ON app_user, google_connection, sync_state TO syncplane_api, syncplane_api_operator;
GRANT SELECT ON sync_run, change_feed_state TO syncplane_api, syncplane_api_operator;
GRANT SELECT, DELETE ON gmail_message, calendar_event, contact, task, google_access_token
    TO syncplane_api, syncplane_api_operator;
GRANT SELECT, INSERT, UPDATE ON api_key TO syncplane_api, syncplane_api_operator;
GRANT EXECUTE ON FUNCTION syncplane_caller_user() TO syncplane_api, syncplane_api_operator;

--changeset syncplane:008-row-level-security
-- Every table holding a user's data answers syncplane_api only with the caller's rows, and syncplane_api_operator
-- with all of them. The worker connects as the tables' owner, which bypasses RLS by design: it serves every user.
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY app_user_own ON app_user TO syncplane_api
    USING (id = syncplane_caller_user()) WITH CHECK (false);
CREATE POLICY app_user_operator ON app_user TO syncplane_api_operator USING (true) WITH CHECK (true);

ALTER TABLE google_connection ENABLE ROW LEVEL SECURITY;
CREATE POLICY google_connection_own ON google_connection TO syncplane_api
    USING (user_id = syncplane_caller_user());
CREATE POLICY google_connection_operator ON google_connection TO syncplane_api_operator USING (true);

ALTER TABLE sync_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_state_own ON sync_state TO syncplane_api USING (user_id = syncplane_caller_user());
CREATE POLICY sync_state_operator ON sync_state TO syncplane_api_operator USING (true);

-- Tables without a user_id reach their owner through a row that the policies above already filter.
ALTER TABLE sync_run ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_run_own ON sync_run TO syncplane_api
    USING (EXISTS (SELECT 1 FROM sync_state s WHERE s.id = sync_state_id));
CREATE POLICY sync_run_operator ON sync_run TO syncplane_api_operator USING (true);

ALTER TABLE google_access_token ENABLE ROW LEVEL SECURITY;
CREATE POLICY google_access_token_own ON google_access_token TO syncplane_api
    USING (connection_id IN (SELECT c.id FROM google_connection c));
CREATE POLICY google_access_token_operator ON google_access_token TO syncplane_api_operator USING (true);

ALTER TABLE gmail_message ENABLE ROW LEVEL SECURITY;
CREATE POLICY gmail_message_own ON gmail_message TO syncplane_api
    USING (connection_id IN (SELECT c.id FROM google_connection c));
CREATE POLICY gmail_message_operator ON gmail_message TO syncplane_api_operator USING (true);

ALTER TABLE calendar_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY calendar_event_own ON calendar_event TO syncplane_api
    USING (connection_id IN (SELECT c.id FROM google_connection c));
CREATE POLICY calendar_event_operator ON calendar_event TO syncplane_api_operator USING (true);

ALTER TABLE contact ENABLE ROW LEVEL SECURITY;
CREATE POLICY contact_own ON contact TO syncplane_api
    USING (connection_id IN (SELECT c.id FROM google_connection c));
CREATE POLICY contact_operator ON contact TO syncplane_api_operator USING (true);

ALTER TABLE task ENABLE ROW LEVEL SECURITY;
CREATE POLICY task_own ON task TO syncplane_api
    USING (connection_id IN (SELECT c.id FROM google_connection c));
CREATE POLICY task_operator ON task TO syncplane_api_operator USING (true);

-- Authenticating a request looks its key up before anyone is known, so reading key hashes is open to both roles;
-- issuing and revoking keys is for operators only.
ALTER TABLE api_key ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_key_lookup ON api_key FOR SELECT TO syncplane_api, syncplane_api_operator USING (true);
CREATE POLICY api_key_issue ON api_key FOR INSERT TO syncplane_api_operator WITH CHECK (true);
CREATE POLICY api_key_revoke ON api_key FOR UPDATE TO syncplane_api_operator USING (true) WITH CHECK (true);
