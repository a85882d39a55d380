-- Staff accounts, roles and permissions, sessions, API tokens, login
-- throttling, the audit log and system settings.

-- +goose Up
CREATE TABLE staff (
    id                   {{.ID}},
    username             TEXT NOT NULL,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    must_change_password {{.Bool}} NOT NULL DEFAULT FALSE,
    disabled             {{.Bool}} NOT NULL DEFAULT FALSE,
    locale               TEXT NOT NULL DEFAULT 'zh-CN',
    created_at           {{.TS}} NOT NULL,
    updated_at           {{.TS}} NOT NULL,
    password_changed_at  {{.TS}} NOT NULL
);
CREATE UNIQUE INDEX staff_username ON staff (lower(username));

CREATE TABLE roles (
    id         {{.ID}},
    code       TEXT NOT NULL UNIQUE,
    name_zh    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    builtin    {{.Bool}} NOT NULL DEFAULT FALSE,
    created_at {{.TS}} NOT NULL,
    updated_at {{.TS}} NOT NULL
);

CREATE TABLE role_permissions (
    role_id    {{.BigInt}} NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    permission TEXT NOT NULL,
    PRIMARY KEY (role_id, permission)
);

-- Which permissions have had their default roles granted once, so that a
-- permission added by an upgrade reaches its default roles exactly once and a
-- library's own edits are never undone.
CREATE TABLE permission_defaults_applied (
    permission TEXT PRIMARY KEY,
    applied_at {{.TS}} NOT NULL
);

CREATE TABLE staff_roles (
    staff_id {{.BigInt}} NOT NULL REFERENCES staff (id),
    role_id  {{.BigInt}} NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (staff_id, role_id)
);
CREATE INDEX staff_roles_role ON staff_roles (role_id);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    staff_id     {{.BigInt}} NOT NULL REFERENCES staff (id),
    created_at   {{.TS}} NOT NULL,
    last_seen_at {{.TS}} NOT NULL,
    expires_at   {{.TS}} NOT NULL,
    client_ip    TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_staff ON sessions (staff_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           {{.ID}},
    staff_id     {{.BigInt}} NOT NULL REFERENCES staff (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    created_at   {{.TS}} NOT NULL,
    last_used_at {{.TS}},
    revoked_at   {{.TS}}
);
CREATE INDEX api_tokens_staff ON api_tokens (staff_id);

CREATE TABLE login_failures (
    id  {{.ID}},
    key TEXT NOT NULL,
    at  {{.TS}} NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);

CREATE TABLE audit_log (
    id          {{.ID}},
    at          {{.TS}} NOT NULL,
    actor_id    {{.BigInt}} REFERENCES staff (id),
    actor_name  TEXT NOT NULL,
    door        TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    summary     TEXT NOT NULL,
    request_id  TEXT NOT NULL DEFAULT '',
    client_ip   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_door ON audit_log (door, at);

-- The audit log is append-only: the database itself refuses to change it.
{{if .SQLite -}}
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd
{{- else -}}
-- +goose StatementBegin
CREATE FUNCTION lantai_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
{{- end}}

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at {{.TS}} NOT NULL
);

-- +goose Down
-- Lantai migrates forward only.
