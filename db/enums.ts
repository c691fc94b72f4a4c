// The closed value lists of the schema, without drizzle: client components import them (and
// their types) from here, db/schema.ts builds its columns from them.

export const ROLES = ["member", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export const LLM_PROVIDERS = ["openai", "openai-admin"] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

export const KEY_SCOPES = ["workspace", "personal"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export const AUDIT_ACTIONS = [
  "key.saved",
  "key.replaced",
  "key.deleted",
  "key.tested",
  "key.decrypt_failed",
  "key.rotated",
  "fallback.allowed",
  "fallback.revoked",
  "budget.set",
  "budget.removed",
  "token.created",
  "token.revoked",
  "connector.saved",
  "connector.removed",
  "mcp.called",
  "mcp.denied",
  "privacy.changed",
  "trace.downloaded",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const REALTIME_TURN_DETECTION = ["server_vad", "semantic_vad", "none"] as const;
export type RealtimeTurnDetection = (typeof REALTIME_TURN_DETECTION)[number];

// Why a relayed call ended: its caller hung up (or left), an admin hung it up, its estimated spend
// crossed a budget, it reached the policy's maximum length, its observer could not watch it, or the
// reaper closed it after its observer died.
export const REALTIME_END_REASONS = ["user", "admin", "budget", "deadline", "error", "reaped"] as const;
export type RealtimeEndReason = (typeof REALTIME_END_REASONS)[number];

// Where a call came from: the Voice page (WebRTC through our relay) or a phone number routed to
// OpenAI's SIP endpoint (accepted by the telephony webhook).
export const REALTIME_CHANNELS = ["browser", "phone"] as const;
export type RealtimeChannel = (typeof REALTIME_CHANNELS)[number];

// What the telephony webhook does with an incoming call that no allow/deny rule decides.
export const TELEPHONY_ACTIONS = ["accept", "reject", "refer"] as const;
export type TelephonyAction = (typeof TELEPHONY_ACTIONS)[number];

// What a personal access token may do (lib/tokens/): each route that takes tokens names the scopes
// that let it through; a token holding none of them is refused.
export const TOKEN_SCOPES = ["realtime:mint", "usage:read", "chat", "calls:manage", "mcp"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
// The parts of a text chat with the assistant: the member's messages, the assistant's answers,
// and each tool the assistant ran (its arguments and output, shown as a card).
export const CHAT_MESSAGE_ROLES = ["user", "assistant", "tool"] as const;
export type ChatMessageRole = (typeof CHAT_MESSAGE_ROLES)[number];
// Whether the assistant must ask before a remote MCP server's tool runs: never, always, or only
// for the tools listed as needing approval.
export const MCP_APPROVAL_POLICIES = ["never", "always", "per_tool"] as const;
export type McpApprovalPolicy = (typeof MCP_APPROVAL_POLICIES)[number];
