import type { KeyScope, LlmProvider } from "@/db/enums";
import { apiFetch } from "./client";
import type {
  AlertDeliveryReport,
  AssistantSettingsRequest,
  ChangeRoleRequest,
  ConnectorRequest,
  CreateInviteRequest,
  CreateInviteResponse,
  CreateWorkspaceRequest,
  DeleteWorkspaceRequest,
  DeleteWorkspaceResponse,
  NotificationSettingsRequest,
  NotificationSettingsResponse,
  OpsWindow,
  PrivacySettingsRequest,
  RealtimeTokenRequest,
  RealtimeTokenResponse,
  RemoveUndecryptableKeysResponse,
  RenameWorkspaceRequest,
  SaveKeyRequest,
  SaveKeyResponse,
  TestKeyRequest,
  TelephonySettingsRequest,
  TestKeyResponse,
  TicketResponse,
  UsageResponse,
} from "./types";

// Every API route the client calls: the paths, and one typed function per mutation.

const withQuery = (path: string, query: Record<string, string>) => `${path}?${new URLSearchParams(query)}`;
const segment = encodeURIComponent;

export const apiPaths = {
  workspaces: "/api/v1/workspaces",
  switchWorkspace: "/api/v1/workspaces/switch",
  workspace: "/api/v1/workspace",
  openaiProjects: "/api/v1/workspace/openai-projects",
  budgets: "/api/v1/workspace/budgets",
  instanceWorkspaces: "/api/v1/instance/workspaces",
  member: (userId: string) => `/api/v1/workspace/members/${segment(userId)}`,
  memberResetLink: (userId: string) => `/api/v1/workspace/members/${segment(userId)}/reset-link`,
  invites: "/api/v1/workspace/invites",
  invite: (inviteId: string) => `/api/v1/workspace/invites/${segment(inviteId)}`,
  acceptInvite: "/api/v1/invites/accept",
  key: (provider: LlmProvider) => `/api/v1/llm/keys/${provider}`,
  testKey: (provider: LlmProvider) => `/api/v1/llm/keys/${provider}/test`,
  undecryptableKeys: "/api/v1/llm/keys/undecryptable",
  realtimeSettings: "/api/v1/realtime/settings",
  realtimeTickets: "/api/v1/realtime/tickets",
  realtimeCalls: "/api/v1/realtime/calls",
  /** The Calls page's lists: filters member, from, to (ISO), status (calls only), cursor, limit, format=csv. */
  callList: (query: Record<string, string>) => withQuery("/api/v1/realtime/calls", query),
  proxyRequests: (query: Record<string, string>) => withQuery("/api/v1/proxy-requests", query),
  hangUp: (callId: string) => `/api/v1/realtime/calls/${segment(callId)}/hangup`,
  realtimeToken: "/api/v1/realtime/token",
  telephonySettings: "/api/v1/telephony/settings",
  telephonyCalls: "/api/v1/telephony/calls",
  telephonyRefer: (callId: string) => `/api/v1/telephony/calls/${segment(callId)}/refer`,
  ctoModels: "/api/v1/cto/openai/models",
  chatConversations: "/api/v1/chat/conversations",
  chatConversation: (conversationId: string) => `/api/v1/chat/conversations/${segment(conversationId)}`,
  chatMessages: "/api/v1/chat/messages",
  ctoUsage: (query: { start: string; end: string; groupBy?: UsageResponse["groupBy"]; bucket?: UsageResponse["bucket"] }) =>
    withQuery("/api/v1/cto/openai/usage", query),
  ctoProjects: "/api/v1/cto/openai/projects",
  usageMembers: (query: { start: string; end: string }) => withQuery("/api/v1/usage/members", query),
  opsMetrics: (window: OpsWindow) => withQuery("/api/v1/ops/metrics", { window }),
  notifications: "/api/v1/workspace/notifications",
  notificationsSecret: "/api/v1/workspace/notifications/webhook-secret",
  notificationsTest: "/api/v1/workspace/notifications/test",
  connectors: "/api/v1/workspace/connectors",
  connector: (connectorId: string) => `/api/v1/workspace/connectors/${segment(connectorId)}`,
  privacy: "/api/v1/workspace/privacy",
  traces: "/api/v1/realtime/traces",
  trace: (callId: string, workspaceId: string) => withQuery(`/api/v1/realtime/traces/${segment(callId)}`, { workspaceId }),
} as const;

export const createWorkspace = (body: CreateWorkspaceRequest) => apiFetch<unknown>(apiPaths.workspaces, { method: "POST", body });
export const switchWorkspace = (workspaceId: string) =>
  apiFetch<unknown>(apiPaths.switchWorkspace, { method: "POST", body: { workspaceId } });
export const renameWorkspace = (body: RenameWorkspaceRequest) => apiFetch<unknown>(apiPaths.workspace, { method: "PATCH", body });
/** Owners only; `confirmName` is the workspace's name, typed by the user. */
export const deleteWorkspace = (body: DeleteWorkspaceRequest) =>
  apiFetch<DeleteWorkspaceResponse>(apiPaths.workspace, { method: "DELETE", body });

export const changeMemberRole = (userId: string, body: ChangeRoleRequest) =>
  apiFetch<unknown>(apiPaths.member(userId), { method: "PATCH", body });
/** A password-reset link for a member: mailed when the server sends mail, else returned for the admin to hand over. */
export const createResetLink = (userId: string, workspaceId: string) =>
  apiFetch<{ emailed: boolean; resetUrl?: string; email: string; expiresAt: string }>(
    withQuery(apiPaths.memberResetLink(userId), { workspaceId }),
    { method: "POST", body: {} },
  );
export const removeMember = (userId: string, workspaceId: string) =>
  apiFetch<unknown>(withQuery(apiPaths.member(userId), { workspaceId }), { method: "DELETE" });

export const createInvite = (body: CreateInviteRequest) => apiFetch<CreateInviteResponse>(apiPaths.invites, { method: "POST", body });
export const revokeInvite = (inviteId: string, workspaceId: string) =>
  apiFetch<unknown>(withQuery(apiPaths.invite(inviteId), { workspaceId }), { method: "DELETE" });
export const acceptInvite = (token: string) => apiFetch<unknown>(apiPaths.acceptInvite, { method: "POST", body: { token } });

export const saveKey = (provider: LlmProvider, body: SaveKeyRequest) =>
  apiFetch<SaveKeyResponse>(apiPaths.key(provider), { method: "PUT", body });
export const testKey = (provider: LlmProvider, body: TestKeyRequest) =>
  apiFetch<TestKeyResponse>(apiPaths.testKey(provider), { method: "POST", body });
export const deleteKey = (provider: LlmProvider, query: { workspaceId: string; scope: KeyScope }) =>
  apiFetch<unknown>(withQuery(apiPaths.key(provider), query), { method: "DELETE" });

export const removeUndecryptableKeys = (workspaceId: string) =>
  apiFetch<RemoveUndecryptableKeysResponse>(withQuery(apiPaths.undecryptableKeys, { workspaceId }), { method: "DELETE" });

export const saveAssistantSettings = (body: AssistantSettingsRequest) =>
  apiFetch<unknown>(apiPaths.realtimeSettings, { method: "PUT", body });
export const issueRealtimeTicket = () => apiFetch<TicketResponse>(apiPaths.realtimeTickets, { method: "POST", body: {} });
export const mintRealtimeToken = (body: RealtimeTokenRequest) =>
  apiFetch<RealtimeTokenResponse>(apiPaths.realtimeToken, { method: "POST", body });
export const hangUpCall = (callId: string) => apiFetch<unknown>(apiPaths.hangUp(callId), { method: "POST", body: {} });

export const saveTelephonySettings = (body: TelephonySettingsRequest) =>
  apiFetch<unknown>(apiPaths.telephonySettings, { method: "PUT", body });
export const transferPhoneCall = (callId: string, body: { workspaceId: string; target?: string }) =>
  apiFetch<unknown>(apiPaths.telephonyRefer(callId), { method: "POST", body });

export const saveOpenAIProjects = (body: { workspaceId: string; projectIds: string[] }) =>
  apiFetch<{ projectIds: string[] }>(apiPaths.openaiProjects, { method: "PUT", body });

/** Admins: a monthly budget in USD for the workspace (no userId) or a member; removing one lifts the limit. */
export const saveBudget = (body: { workspaceId: string; userId?: string; limitUsd: number }) =>
  apiFetch<unknown>(apiPaths.budgets, { method: "PUT", body });
export const removeBudget = (query: { workspaceId: string; userId?: string }) =>
  apiFetch<unknown>(withQuery(apiPaths.budgets, query), { method: "DELETE" });

/** Instance owner only: whether a workspace may spend the server's fallback keys. */
export const setFallbackKeysAllowed = (body: { workspaceId: string; fallbackKeysAllowed: boolean }) =>
  apiFetch<unknown>(apiPaths.instanceWorkspaces, { method: "PATCH", body });

/** Alert emails and webhook URL; a first webhook URL comes back with its signing secret, once. */
export const saveNotificationSettings = (body: NotificationSettingsRequest) =>
  apiFetch<NotificationSettingsResponse>(apiPaths.notifications, { method: "PUT", body });
export const regenerateWebhookSecret = (workspaceId: string) =>
  apiFetch<{ webhookSecret: string }>(apiPaths.notificationsSecret, { method: "POST", body: { workspaceId } });
export const sendTestAlert = (workspaceId: string) =>
  apiFetch<AlertDeliveryReport>(apiPaths.notificationsTest, { method: "POST", body: { workspaceId } });

/** Admins: a remote MCP server for the assistant (new without connectorId); the authorization is write-only. */
export const saveConnector = (body: ConnectorRequest, connectorId?: string) =>
  connectorId
    ? apiFetch<unknown>(apiPaths.connector(connectorId), { method: "PUT", body })
    : apiFetch<unknown>(apiPaths.connectors, { method: "POST", body });
export const removeConnector = (connectorId: string, workspaceId: string) =>
  apiFetch<unknown>(withQuery(apiPaths.connector(connectorId), { workspaceId }), { method: "DELETE" });

/** Admins: privacy mode, and the call trace with its retention. */
export const savePrivacySettings = (body: PrivacySettingsRequest) => apiFetch<unknown>(apiPaths.privacy, { method: "PUT", body });
