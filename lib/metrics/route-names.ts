// Readable names for the route names that metrics are recorded under (lib/http/route.ts `name`).
// Plain module: the Ops page, alert mails and Prometheus labels' docs read the same table.

const LABELS: Record<string, string> = {
  realtime_token: "Voice token",
  realtime_tickets: "Voice relay: tickets",
  realtime_calls: "Voice relay: calls",
  realtime_hangup: "Voice hang-up (admin)",
  realtime_settings: "Voice settings",
  cto_openai_proxy: "OpenAI proxy (models, usage)",
  cto_openai_models: "Models proxy",
  cto_openai_usage: "Usage proxy",
  chat_messages: "Chat: answers",
  chat_conversations: "Chat: history",
  ops_metrics: "Ops metrics",
  mcp: "MCP server",
  mcp_client_secret: "MCP: client secret",
  mcp_models: "MCP: models",
  mcp_usage: "MCP: usage",
  llm_keys: "API keys",
  llm_keys_audit: "API key audit log",
  llm_keys_test: "API key test",
  llm_keys_undecryptable: "Undecryptable keys",
  workspace: "Workspace",
  workspaces: "Workspaces",
  workspace_invites: "Invites",
  workspace_members: "Members",
  workspace_member_reset_link: "Member reset links",
  workspace_openai_projects: "OpenAI projects",
  workspace_notifications: "Alert settings",
  workspace_notifications_secret: "Alert webhook secret",
  workspace_notifications_test: "Test alert",
  instance_workspaces: "Instance workspaces",
  invites: "Invite acceptance",
  auth: "Sign-in",
};

/** "Voice relay: calls" for `realtime_calls`; an unlisted name reads with spaces and a capital. */
export function routeLabel(route: string): string {
  const known = LABELS[route];
  if (known) return known;
  const words = route.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Routes the Ops page does not show: its own polling would otherwise be most of what it counts. */
export const UNLISTED_ROUTES = ["ops_metrics"] as const;
