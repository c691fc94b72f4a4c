-- The admission statement of every workspace route (lib/http/admit.ts) and its budget half
-- (lib/budgets/exceeded.ts) as PL/pgSQL functions: their query plans are prepared once per
-- connection and reused, instead of the statement being parsed and planned again on every request
-- (measurable on the hot path, most of all on embedded PGlite). '' is WHOLE_WORKSPACE (db/schema.ts).

-- The workspace's or the member's monthly budget that this month's spend has reached, the workspace's first.
CREATE OR REPLACE FUNCTION opencto_reached_budget(p_workspace_id text, p_user_id text, p_month date)
RETURNS TABLE (budget_user_id text, limit_micros bigint, spent_micros bigint)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
    SELECT b.user_id, b.monthly_limit_micros, coalesce(s.cost_micros, 0)::bigint
    FROM budgets b
    LEFT JOIN spend_months s ON s.workspace_id = b.workspace_id AND s.user_id = b.user_id AND s.month = p_month
    WHERE b.workspace_id = p_workspace_id AND b.user_id IN ('', p_user_id)
      AND coalesce(s.cost_micros, 0) >= b.monthly_limit_micros
    ORDER BY b.user_id = '' DESC
    LIMIT 1;
END;
$$;
--> statement-breakpoint

-- No row: no such user. A row whose o_session_version is not the caller's: the session ended (the
-- rest is null). Otherwise the membership in p_workspace_id (or the user's current workspace), the
-- budget reached (when p_spends) and the per-minute counter `<p_bucket>:<workspace>:<user>`, bumped
-- only for a member holding one of p_roles whose budget is not reached.
CREATE OR REPLACE FUNCTION opencto_admit(
  p_user_id text,
  p_session_version integer,
  p_workspace_id text,
  p_roles text[],
  p_bucket text,
  p_window_start timestamptz,
  p_spends boolean,
  p_month date
)
RETURNS TABLE (
  o_session_version integer,
  o_workspace_id text,
  o_workspace_name text,
  o_role text,
  o_count integer,
  o_budget_user_id text,
  o_limit_micros bigint,
  o_spent_micros bigint
)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_target text;
BEGIN
  SELECT u.session_version, u.current_workspace_id INTO o_session_version, v_target FROM users u WHERE u.id = p_user_id;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF o_session_version <> p_session_version THEN
    RETURN NEXT;
    RETURN;
  END IF;
  SELECT m.workspace_id, w.name, m.role INTO o_workspace_id, o_workspace_name, o_role
  FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
  WHERE m.user_id = p_user_id AND m.workspace_id = coalesce(p_workspace_id, v_target);
  IF o_workspace_id IS NOT NULL AND p_spends THEN
    SELECT r.budget_user_id, r.limit_micros, r.spent_micros INTO o_budget_user_id, o_limit_micros, o_spent_micros
    FROM opencto_reached_budget(o_workspace_id, p_user_id, p_month) r;
  END IF;
  IF o_workspace_id IS NOT NULL AND p_bucket IS NOT NULL AND o_role = ANY (p_roles) AND o_budget_user_id IS NULL THEN
    INSERT INTO rate_limit_windows AS rl (key, window_start, count)
    VALUES (p_bucket || ':' || o_workspace_id || ':' || p_user_id, p_window_start, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rl.count + 1
    RETURNING rl.count INTO o_count;
  END IF;
  RETURN NEXT;
END;
$$;
