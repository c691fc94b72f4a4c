import type { TokenScope } from "@/db/enums";

// What each scope of a personal access token lets its holder do, in one sentence: the Tokens tab
// shows these beside the checkboxes; the README's scopes table says the same.

export const SCOPE_LABELS: Record<TokenScope, { title: string; sentence: string }> = {
  chat: {
    title: "Chat",
    sentence: "Call OpenAI through the dashboard with the openai SDK (chat completions, responses, models at /api/openai/v1).",
  },
  "realtime:mint": {
    title: "Realtime secrets",
    sentence: "Mint short-lived OpenAI Realtime client secrets (ek_…) for voice apps, under the workspace's assistant policy.",
  },
  "usage:read": {
    title: "Usage",
    sentence: "Read usage, costs, the request ledger and proxy health.",
  },
  "calls:manage": {
    title: "Calls",
    sentence: "List voice and phone calls and hang them up; admins also accept, reject and transfer phone calls.",
  },
  mcp: {
    title: "MCP",
    sentence: "Connect an MCP client or agent to /api/mcp; each of its tools also needs the matching scope above.",
  },
};

/** The choices of the expiry select, in days (null: never). */
export const EXPIRY_CHOICES = [7, 30, 90, 365, null] as const;
