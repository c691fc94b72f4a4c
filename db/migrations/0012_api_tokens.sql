CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proxy_requests" ADD COLUMN "api_token_id" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_workspace_idx" ON "api_tokens" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "proxy_requests" ADD CONSTRAINT "proxy_requests_api_token_id_api_tokens_id_fk" FOREIGN KEY ("api_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint

-- opencto_admit learns personal access tokens: with p_token_id the caller is the token's member in
-- the token's workspace (p_user_id and p_session_version are ignored), provided the token's secret
-- hash matches, it is neither revoked nor expired and holds one of p_token_scopes. Its last use is
-- written at most once a minute, so the hot path stays a read.
DROP FUNCTION opencto_admit(text, integer, text, text[], text, timestamptz, boolean, date);
--> statement-breakpoint
CREATE FUNCTION opencto_admit(
  p_user_id text,
  p_session_version integer,
  p_workspace_id text,
  p_roles text[],
  p_bucket text,
  p_window_start timestamptz,
  p_spends boolean,
  p_month date,
  p_token_id text,
  p_token_hash text,
  p_token_scopes text[]
)
RETURNS TABLE (
  o_user_id text,
  o_email text,
  o_name text,
  o_session_version integer,
  o_workspace_id text,
  o_workspace_name text,
  o_role text,
  o_count integer,
  o_budget_user_id text,
  o_limit_micros bigint,
  o_spent_micros bigint,
  o_token_workspace_id text,
  o_token_scope_ok boolean,
  o_token_expires_at timestamptz
)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_target text;
BEGIN
  o_user_id := p_user_id;
  IF p_token_id IS NOT NULL THEN
    SELECT t.user_id, t.workspace_id, t.scopes && p_token_scopes, t.expires_at
    INTO o_user_id, o_token_workspace_id, o_token_scope_ok, o_token_expires_at
    FROM api_tokens t
    WHERE t.id = p_token_id AND t.secret_hash = p_token_hash AND t.revoked_at IS NULL
      AND (t.expires_at IS NULL OR t.expires_at > now());
    IF NOT FOUND THEN
      RETURN;
    END IF;
    UPDATE api_tokens SET last_used_at = now()
    WHERE id = p_token_id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
  END IF;
  SELECT u.session_version, u.current_workspace_id, u.email, u.name INTO o_session_version, v_target, o_email, o_name
  FROM users u WHERE u.id = o_user_id;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF p_token_id IS NULL AND o_session_version <> p_session_version THEN
    RETURN NEXT;
    RETURN;
  END IF;
  IF p_token_id IS NOT NULL AND (NOT o_token_scope_ok OR (p_workspace_id IS NOT NULL AND p_workspace_id <> o_token_workspace_id)) THEN
    RETURN NEXT;
    RETURN;
  END IF;
  SELECT m.workspace_id, w.name, m.role INTO o_workspace_id, o_workspace_name, o_role
  FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
  WHERE m.user_id = o_user_id AND m.workspace_id = coalesce(o_token_workspace_id, p_workspace_id, v_target);
  IF o_workspace_id IS NOT NULL AND p_spends THEN
    SELECT r.budget_user_id, r.limit_micros, r.spent_micros INTO o_budget_user_id, o_limit_micros, o_spent_micros
    FROM opencto_reached_budget(o_workspace_id, o_user_id, p_month) r;
  END IF;
  IF o_workspace_id IS NOT NULL AND p_bucket IS NOT NULL AND o_role = ANY (p_roles) AND o_budget_user_id IS NULL THEN
    INSERT INTO rate_limit_windows AS rl (key, window_start, count)
    VALUES (p_bucket || ':' || o_workspace_id || ':' || o_user_id, p_window_start, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rl.count + 1
    RETURNING rl.count INTO o_count;
  END IF;
  RETURN NEXT;
END;
$$;
--> statement-breakpoint

-- Embedded mode (PGlite) remembers admissions in memory (lib/http/admit.ts): it is the database's
-- only client, and a notification on this channel reaches it before the statement that changed a
-- row admission reads returns. Servers shared by several processes leave the setting unset, so
-- their commits do not queue on NOTIFY's lock.
CREATE FUNCTION opencto_admission_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('opencto.notify_admission', true) = 'on' THEN
    PERFORM pg_notify('opencto_admission', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_admission AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION opencto_admission_changed();
--> statement-breakpoint
CREATE TRIGGER memberships_admission AFTER INSERT OR UPDATE OR DELETE ON memberships FOR EACH STATEMENT EXECUTE FUNCTION opencto_admission_changed();
--> statement-breakpoint
CREATE TRIGGER workspaces_admission AFTER INSERT OR UPDATE OR DELETE ON workspaces FOR EACH STATEMENT EXECUTE FUNCTION opencto_admission_changed();
--> statement-breakpoint
CREATE TRIGGER budgets_admission AFTER INSERT OR UPDATE OR DELETE ON budgets FOR EACH STATEMENT EXECUTE FUNCTION opencto_admission_changed();
--> statement-breakpoint
-- Spend grows on every priced request, but an admission reads it only against a budget: a spend
-- row changes what admission decides when it reaches one of its budgets (or goes away).
CREATE FUNCTION opencto_spend_reached_budget() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('opencto.notify_admission', true) IS DISTINCT FROM 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('opencto_admission', TG_TABLE_NAME);
  ELSIF EXISTS (
    SELECT 1 FROM budgets b
    WHERE b.workspace_id = NEW.workspace_id AND b.user_id = NEW.user_id
      AND NEW.cost_micros >= b.monthly_limit_micros
      AND (TG_OP = 'INSERT' OR OLD.cost_micros < b.monthly_limit_micros)
  ) THEN
    PERFORM pg_notify('opencto_admission', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER spend_months_admission AFTER INSERT OR UPDATE OR DELETE ON spend_months FOR EACH ROW EXECUTE FUNCTION opencto_spend_reached_budget();
--> statement-breakpoint
CREATE TRIGGER api_tokens_admission AFTER INSERT OR UPDATE OR DELETE ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION opencto_admission_changed();
