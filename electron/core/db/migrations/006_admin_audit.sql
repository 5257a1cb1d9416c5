-- Administration: users who must change their password, and an audit log that says where an
-- action came from and cannot be rewritten.

-- Set by an administrator's password reset: the user may sign in, but the API answers nothing
-- but the password change until they have chosen their own.
ALTER TABLE app_user ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN updated_at TEXT;

-- 'desktop' (the Electron app), 'web' (web or intranet mode), 'cli' (the command line) or
-- 'system'; NULL on rows written before this version. `client` is the remote address in web mode.
ALTER TABLE audit_log ADD COLUMN source TEXT;
ALTER TABLE audit_log ADD COLUMN client TEXT;

-- The audit page filters by user, action and object, newest first, paged by id (keyset).
CREATE INDEX audit_log_user ON audit_log(username, id);
CREATE INDEX audit_log_action ON audit_log(action, id);
CREATE INDEX audit_log_target ON audit_log(target, id);
CREATE INDEX audit_log_at ON audit_log(at);

-- Append-only, enforced by the database itself: no code path of the console (or a slip in a
-- future one) can rewrite or remove what the log says happened.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '审计日志只能追加，不能修改。 (The audit log is append-only.)');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '审计日志只能追加，不能删除。 (The audit log is append-only.)');
END;
