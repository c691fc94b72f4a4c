import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  AUDIT_ACTIONS,
  CHAT_MESSAGE_ROLES,
  KEY_SCOPES,
  LLM_PROVIDERS,
  MCP_APPROVAL_POLICIES,
  REALTIME_CHANNELS,
  REALTIME_END_REASONS,
  REALTIME_TURN_DETECTION,
  ROLES,
  TELEPHONY_ACTIONS,
  TOKEN_SCOPES,
} from "./enums";

// Server code keeps importing the value lists from here along with the tables.
export * from "./enums";

const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
const microDollars = (name: string) => bigint(name, { mode: "number" }).notNull().default(0);
const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const users = pgTable("users", {
  id: id(),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
  image: text("image"),
  passwordHash: text("password_hash"),
  currentWorkspaceId: text("current_workspace_id"),
  // The first account of an instance owns it: the server's fallback keys are its money.
  isInstanceOwner: boolean("is_instance_owner").notNull().default(false),
  // Carried in the session JWT; bumping it (sign-out, password reset, removal) ends every session issued before.
  sessionVersion: integer("session_version").notNull().default(0),
  createdAt: createdAt(),
});

// Auth.js stores OAuth/OIDC links here (the drizzle adapter's shape).
export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const workspaces = pgTable("workspaces", {
  id: id(),
  name: text("name").notNull(),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  // Whether the instance owner lets this workspace spend the server's fallback keys.
  fallbackKeysAllowed: boolean("fallback_keys_allowed").notNull().default(false),
  // The OpenAI projects (proj_…) whose usage and costs this workspace sees; empty: organisation-wide, admins only.
  openaiProjectIds: text("openai_project_ids").array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
});

/** A row that belongs to a workspace and goes when the workspace does. */
const workspaceRef = () =>
  text("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: workspaceRef(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const invites = pgTable(
  "invites",
  {
    id: id(),
    workspaceId: workspaceRef(),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    // Only a SHA-256 of the invite token is stored, so a database read cannot accept invites.
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    // Revoked invites stay as rows so that their link can say it was revoked.
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("invites_workspace_idx").on(t.workspaceId),
    // One open invite per workspace and email: inviting again replaces it (lib/workspaces/invites.ts).
    uniqueIndex("invites_open_email_idx").on(t.workspaceId, t.email).where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    index("invites_email_idx").on(t.email),
  ],
);

// BYOK keys. `ciphertext` is the vault envelope `<keyVersion>:<iv>:<data>:<tag>`; the plaintext key
// never touches the database. One workspace key per provider, one personal key per member and provider.
export const llmKeys = pgTable(
  "llm_keys",
  {
    id: id(),
    workspaceId: workspaceRef(),
    provider: text("provider", { enum: LLM_PROVIDERS }).notNull(),
    scope: text("scope", { enum: KEY_SCOPES }).notNull(),
    // Set for personal keys only.
    ownerUserId: text("owner_user_id").references(() => users.id, { onDelete: "cascade" }),
    ciphertext: text("ciphertext").notNull(),
    keyHint: text("key_hint").notNull(),
    // The OpenAI project and organisation the key belongs to, sent as OpenAI-Project / OpenAI-Organization
    // on every call made with it; null: the key's default.
    openaiProject: text("openai_project"),
    openaiOrganization: text("openai_organization"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("llm_keys_workspace_slot_idx").on(t.workspaceId, t.provider).where(sql`${t.scope} = 'workspace'`),
    uniqueIndex("llm_keys_personal_slot_idx").on(t.workspaceId, t.provider, t.ownerUserId).where(sql`${t.scope} = 'personal'`),
  ],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    workspaceId: workspaceRef(),
    // Null when the system acted (e.g. `npm run vault:rotate`).
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    provider: text("provider", { enum: LLM_PROVIDERS }),
    scope: text("scope", { enum: KEY_SCOPES }),
    keyHint: text("key_hint"),
    // Small, non-secret facts, e.g. a test outcome.
    detail: text("detail"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_events_workspace_created_idx").on(t.workspaceId, t.createdAt)],
);

export const USER_TOKEN_PURPOSES = ["password_reset", "email_verify"] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];

// Single-use links mailed to a user (or handed to them by an admin). Only a SHA-256 of the token is
// stored; using one is a single conditional UPDATE, so a second use always loses.
export const userTokens = pgTable(
  "user_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: USER_TOKEN_PURPOSES }).notNull(),
    // The address the link was issued for: verifying proves this one, not whatever the user has later.
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("user_tokens_user_idx").on(t.userId, t.purpose)],
);

export type User = typeof users.$inferSelect;
export type Workspace = typeof workspaces.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type LlmKey = typeof llmKeys.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;

// One row per rate-limit key and fixed one-minute window; the upsert that bumps it is atomic,
// so every server instance shares the same budget.
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

// Per-minute aggregates of API calls: count, latency sum and a fixed-bound latency histogram
// (bounds in lib/metrics/histogram.ts), from which p50/p95 are read.
export const routeMetrics = pgTable(
  "route_metrics",
  {
    minute: timestamp("minute", { withTimezone: true, mode: "date" }).notNull(),
    route: text("route").notNull(),
    workspaceId: text("workspace_id").notNull(),
    statusClass: text("status_class").notNull(),
    count: integer("count").notNull(),
    latencySumMs: doublePrecision("latency_sum_ms").notNull(),
    latencyBuckets: integer("latency_buckets").array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.minute, t.route, t.workspaceId, t.statusClass] }),
    index("route_metrics_workspace_minute_idx").on(t.workspaceId, t.minute),
  ],
);

// The workspace's voice assistant policy: the only source of a realtime session's config.
// No row means the defaults in lib/realtime/settings.ts.
export const realtimeSettings = pgTable("realtime_settings", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  model: text("model").notNull(),
  voice: text("voice").notNull(),
  instructions: text("instructions").notNull(),
  turnDetection: text("turn_detection", { enum: REALTIME_TURN_DETECTION }).notNull(),
  expiresAfterSeconds: integer("expires_after_seconds").notNull(),
  maxCallSeconds: integer("max_call_seconds").notNull().default(600),
  enabledTools: text("enabled_tools").array().notNull(),
  // Admin opt-in: may an OpenAI client secret (ek_…) leave the server (token route, WebSocket mode)?
  clientSecretsAllowed: boolean("client_secrets_allowed").notNull().default(false),
  // The finer session policy (speed, VAD tuning, transcription, audio formats, …): lib/realtime/session-options.ts
  // reads it field by field, so a field added later takes its default on older rows.
  sessionOptions: jsonb("session_options").$type<Record<string, unknown>>().notNull().default({}),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

// One-use tickets that let the browser post its SDP offer to our relay. Only a SHA-256 of the
// ticket is stored; consuming one is a single conditional UPDATE, so a replay always loses.
export const realtimeTickets = pgTable(
  "realtime_tickets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: workspaceRef(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("realtime_tickets_expires_idx").on(t.expiresAt)],
);

// Calls relayed through POST /api/v1/realtime/calls; token counts come from the sideband.
// `deadline_at` is when the server hangs up (the policy's maximum length, capped by the
// platform); null only on calls from before it existed. An open call past it is reaped.
export const realtimeCalls = pgTable(
  "realtime_calls",
  {
    id: text("id").primaryKey(), // OpenAI's call id (rtc_…)
    // Null for phone calls: nobody signed in placed them (they are the workspace's).
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: REALTIME_CHANNELS }).notNull().default("browser"),
    // Phone calls only: the caller's and the dialled number, masked (+1415•••4567); never in full.
    fromMasked: text("from_masked"),
    toMasked: text("to_masked"),
    workspaceId: workspaceRef(),
    model: text("model").notNull(),
    keySource: text("key_source").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    deadlineAt: timestamp("deadline_at", { withTimezone: true, mode: "date" }),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
    endReason: text("end_reason", { enum: REALTIME_END_REASONS }),
    responses: integer("responses").notNull().default(0),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    totalTokens: integer("total_tokens").notNull().default(0),
    // Parts of the totals above, from each response.done's token details (cached input is billed lower).
    cachedInputTokens: integer("cached_input_tokens").notNull().default(0),
    inputAudioTokens: integer("input_audio_tokens").notNull().default(0),
    outputAudioTokens: integer("output_audio_tokens").notNull().default(0),
    // Our live estimate in millionths of a US dollar (lib/spend/prices.ts), not OpenAI's bill.
    costMicros: microDollars("cost_micros"),
  },
  (t) => [
    index("realtime_calls_workspace_started_idx").on(t.workspaceId, t.startedAt),
    // The reaper's scan: open calls only.
    index("realtime_calls_open_deadline_idx").on(t.deadlineAt).where(sql`${t.endedAt} is null`),
  ],
);

// The spend ledger's other half: every request proxied to OpenAI on a member's behalf (the voice
// calls are in realtime_calls), priced like them.
export const proxyRequests = pgTable(
  "proxy_requests",
  {
    id: id(),
    workspaceId: workspaceRef(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    route: text("route").notNull(),
    model: text("model"),
    status: integer("status").notNull(),
    inputTokens: integer("input_tokens").notNull().default(0),
    cachedInputTokens: integer("cached_input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    costMicros: microDollars("cost_micros"),
    // Set when the request came with a personal access token rather than a session.
    apiTokenId: text("api_token_id").references(() => apiTokens.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("proxy_requests_workspace_created_idx").on(t.workspaceId, t.createdAt),
    index("proxy_requests_user_created_idx").on(t.workspaceId, t.userId, t.createdAt),
  ],
);

/** `user_id` of the rows that stand for the whole workspace rather than one member. */
export const WHOLE_WORKSPACE = "";

// Month-to-date estimated spend, kept as running totals so the admission statement reads a budget's
// state with one index lookup: one row per workspace and month with user_id = '' (the whole
// workspace) and one per member. `month` is the first day of the UTC month.
export const spendMonths = pgTable(
  "spend_months",
  {
    workspaceId: workspaceRef(),
    userId: text("user_id").notNull(),
    month: date("month", { mode: "string" }).notNull(),
    costMicros: microDollars("cost_micros"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId, t.month] })],
);

// Monthly budgets in millionths of a US dollar: user_id = '' for the whole workspace, else one member's.
export const budgets = pgTable(
  "budgets",
  {
    workspaceId: workspaceRef(),
    userId: text("user_id").notNull(),
    monthlyLimitMicros: bigint("monthly_limit_micros", { mode: "number" }).notNull(),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

// Where a workspace's alerts go (budget crossings, error rates): mail addresses and an outgoing
// webhook signed per Standard Webhooks, whose secret is a vault envelope like a key's.
export const notificationSettings = pgTable("notification_settings", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  emails: text("emails").array().notNull().default(sql`'{}'::text[]`),
  webhookUrl: text("webhook_url"),
  webhookSecretCiphertext: text("webhook_secret_ciphertext"),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

// An alert is sent at most once per key and window: inserting this row is the claim to send it.
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    workspaceId: workspaceRef(),
    alertKey: text("alert_key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.alertKey, t.windowStart] })],
);

// Phone calls into the workspace's assistant (OpenAI's SIP interface): the signing secret of the
// workspace's realtime.call.incoming webhook (a vault envelope bound to the workspace and its
// purpose) and the call policy. No row: the webhook answers 404.
export const telephonySettings = pgTable("telephony_settings", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  secretCiphertext: text("secret_ciphertext"),
  secretHint: text("secret_hint"),
  defaultAction: text("default_action", { enum: TELEPHONY_ACTIONS }).notNull().default("accept"),
  // E.164 prefixes (+1415, +44): a denied caller is rejected; with an allow list, only listed callers get through.
  allowPrefixes: text("allow_prefixes").array().notNull().default(sql`'{}'::text[]`),
  denyPrefixes: text("deny_prefixes").array().notNull().default(sql`'{}'::text[]`),
  referTarget: text("refer_target"),
  rejectStatus: integer("reject_status").notNull().default(603),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

// Webhook ids already acted on (Standard Webhooks' replay guard): inserting the row is the claim.
// Kept past the 5-minute timestamp tolerance, after which a replay fails the timestamp check anyway.
export const telephonyWebhookIds = pgTable(
  "telephony_webhook_ids",
  {
    workspaceId: workspaceRef(),
    webhookId: text("webhook_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.webhookId] }), index("telephony_webhook_ids_expires_idx").on(t.expiresAt)],
);

// Text chats with the assistant (the Chat page), one member's each: only its owner reads it.
export const chatConversations = pgTable(
  "chat_conversations",
  {
    id: id(),
    workspaceId: workspaceRef(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The first question, shortened: how the list of previous conversations names it.
    title: text("title").notNull(),
    model: text("model").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("chat_conversations_owner_updated_idx").on(t.workspaceId, t.userId, t.updatedAt)],
);

// A conversation's turns in order (`position` from 0). A tool turn keeps the call's name,
// arguments and output, so a reload shows the same card and the model sees the same history.
export const chatMessages = pgTable(
  "chat_messages",
  {
    id: id(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => chatConversations.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    role: text("role", { enum: CHAT_MESSAGE_ROLES }).notNull(),
    content: text("content").notNull().default(""),
    toolName: text("tool_name"),
    toolCallId: text("tool_call_id"),
    toolArguments: text("tool_arguments"),
    toolOutput: text("tool_output"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("chat_messages_conversation_position_idx").on(t.conversationId, t.position)],
);

// Approval cards of the Chat page already answered: an approval runs its remote tool once, however
// often its sealed turn comes back. Rows outlive the card (30 minutes) by a little, then go.
export const chatApprovalsAnswered = pgTable(
  "chat_approvals_answered",
  {
    workspaceId: workspaceRef(),
    requestId: text("request_id").notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.requestId] }), index("chat_approvals_answered_at_idx").on(t.answeredAt)],
);

// Remote MCP servers (connectors) an admin registered for the assistant. The authorization header
// value is sealed in the vault, bound to the workspace and this row's id; only its hint is shown.
export const mcpServers = pgTable(
  "mcp_servers",
  {
    id: id(),
    workspaceId: workspaceRef(),
    label: text("label").notNull(),
    url: text("url").notNull(),
    description: text("description"),
    // Empty: every tool the server lists.
    allowedTools: text("allowed_tools").array().notNull().default(sql`'{}'::text[]`),
    approval: text("approval", { enum: MCP_APPROVAL_POLICIES }).notNull().default("always"),
    // per_tool: the tools that need approval (the others run without asking).
    approvalTools: text("approval_tools").array().notNull().default(sql`'{}'::text[]`),
    authorizationCiphertext: text("authorization_ciphertext"),
    authorizationHint: text("authorization_hint"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("mcp_servers_workspace_label_idx").on(t.workspaceId, t.label)],
);

// A workspace's trace and privacy switches. Privacy: no transcript or event text is stored or
// logged (it overrides the trace). Trace: each call's events, secrets redacted, kept traceDays.
export const workspacePrivacy = pgTable("workspace_privacy", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  privacy: boolean("privacy").notNull().default(false),
  trace: boolean("trace").notNull().default(false),
  traceDays: integer("trace_days").notNull().default(7),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

// One traced call's events (as the server's sideband saw them), redacted, until expiresAt.
export const callTraces = pgTable(
  "call_traces",
  {
    callId: text("call_id")
      .primaryKey()
      .references(() => realtimeCalls.id, { onDelete: "cascade" }),
    workspaceId: workspaceRef(),
    eventCount: integer("event_count").notNull(),
    events: jsonb("events").$type<unknown[]>().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("call_traces_workspace_created_idx").on(t.workspaceId, t.createdAt), index("call_traces_expires_idx").on(t.expiresAt)],
);

export type McpServerRow = typeof mcpServers.$inferSelect;
export type TelephonySettingsRow = typeof telephonySettings.$inferSelect;
export type ProxyRequest = typeof proxyRequests.$inferSelect;
export type Budget = typeof budgets.$inferSelect;
export type NotificationSettingsRow = typeof notificationSettings.$inferSelect;
export type RealtimeSettingsRow = typeof realtimeSettings.$inferSelect;
export type RealtimeCall = typeof realtimeCalls.$inferSelect;

// Personal access tokens: `oc_<id>_<secret>`, shown once; only the secret's SHA-256 is kept (192
// random bits need no slow hash). A token acts as its member in its one workspace, within its
// scopes, and stops working when revoked, expired, or its member leaves the workspace.
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceRef(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    secretHash: text("secret_hash").notNull(),
    scopes: text("scopes", { enum: TOKEN_SCOPES }).array().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    revokedBy: text("revoked_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("api_tokens_workspace_idx").on(t.workspaceId, t.createdAt), index("api_tokens_user_idx").on(t.userId)],
);
export type ApiToken = typeof apiTokens.$inferSelect;
export type ChatConversation = typeof chatConversations.$inferSelect;
export type ChatMessage = typeof chatMessages.$inferSelect;
