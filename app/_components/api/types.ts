import type { z } from "zod";
import type { listCalls, listProxyRequests } from "@/lib/calls/list";
import type { connectorBody } from "@/lib/connectors/schemas";
import type { listConnectors } from "@/lib/connectors/store";
import type { opsMetrics } from "@/lib/metrics/report";
import type { readPrivacySettings } from "@/lib/privacy/privacy";
import type { privacySettingsBody } from "@/lib/privacy/schemas";
import type { listTraces } from "@/lib/privacy/trace";
import type { AlertDeliveryReport, NotificationSettingsView, notificationSettingsBody } from "@/lib/notify/schemas";
import type { assistantSettingsSchema, sessionChoiceSchema } from "@/lib/realtime/policy";
import type { issueTicket } from "@/lib/realtime/tickets";
import type { mintClientSecret } from "@/lib/realtime/token";
import type { memberSpend } from "@/lib/spend/ledger";
import type { listPhoneCalls } from "@/lib/telephony/calls";
import type { telephonySettingsBody } from "@/lib/telephony/schemas";
import type { getTelephonySettings } from "@/lib/telephony/settings";
import type { workspaceOpenAIProjects, workspaceUsage } from "@/lib/usage/proxy";
import type { removeUndecryptableKeys, saveKey, testKey } from "@/lib/vault/keys";
import type { saveKeyBody, testKeyBody } from "@/lib/vault/schemas";
import type { listPendingInvites } from "@/lib/workspaces/invites";
import type { listMembers } from "@/lib/workspaces/members";
import type {
  changeRoleBody,
  createInviteBody,
  createWorkspaceBody,
  deleteWorkspaceBody,
  renameWorkspaceBody,
} from "@/lib/workspaces/schemas";
import type { WorkspaceDeletion } from "@/lib/workspaces/workspaces";

// The API's request and response shapes, taken from the server's zod schemas and the return
// types of the lib functions the routes answer with. Type-only imports: no server code is bundled.

/** What a server value becomes on the wire: dates turn into ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Json<Item>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
type Answer<F extends (...args: never[]) => Promise<unknown>> = Json<Awaited<ReturnType<F>>>;

/** Workspace routes read the workspace from `workspaceId` in the body or the query. */
export type InWorkspace<T> = T & { workspaceId: string };

export type CreateWorkspaceRequest = z.input<typeof createWorkspaceBody>;
export type RenameWorkspaceRequest = InWorkspace<z.input<typeof renameWorkspaceBody>>;
export type DeleteWorkspaceRequest = InWorkspace<z.input<typeof deleteWorkspaceBody>>;
export interface DeleteWorkspaceResponse {
  deleted: true;
  workspaceId: string;
  next: WorkspaceDeletion["next"];
}
export type ChangeRoleRequest = InWorkspace<z.input<typeof changeRoleBody>>;
export type CreateInviteRequest = InWorkspace<z.input<typeof createInviteBody>>;
export type SaveKeyRequest = InWorkspace<z.input<typeof saveKeyBody>>;
export type TestKeyRequest = InWorkspace<z.input<typeof testKeyBody>>;
export type AssistantSettingsRequest = InWorkspace<z.input<typeof assistantSettingsSchema>>;
export type TelephonySettingsRequest = InWorkspace<z.input<typeof telephonySettingsBody>>;
export type TelephonySettings = Answer<typeof getTelephonySettings>;
export type ConnectorRequest = InWorkspace<z.input<typeof connectorBody>>;
export type Connector = Answer<typeof listConnectors>[number];
export type PrivacySettingsRequest = InWorkspace<z.input<typeof privacySettingsBody>>;
export type PrivacySettings = Answer<typeof readPrivacySettings>;
export type CallTrace = Answer<typeof listTraces>[number];
export type PhoneCall = Answer<typeof listPhoneCalls>["calls"][number];
export type RealtimeTokenRequest = Pick<z.input<typeof sessionChoiceSchema>, "voice">;

export type Member = Answer<typeof listMembers>[number];
export type PendingInvite = Answer<typeof listPendingInvites>[number];
export interface CreateInviteResponse {
  inviteUrl: string;
  emailed: boolean;
}
export type SaveKeyResponse = Answer<typeof saveKey>;
export type TestKeyResponse = Answer<typeof testKey>;
export type RemoveUndecryptableKeysResponse = Answer<typeof removeUndecryptableKeys>;
export type TicketResponse = Answer<typeof issueTicket>;
export type RealtimeTokenResponse = Answer<typeof mintClientSecret>;
export type UsageResponse = Answer<typeof workspaceUsage>;
export type UsageRow = UsageResponse["series"][number];
export type OpenAIProjectsResponse = Answer<typeof workspaceOpenAIProjects>;
export type MemberSpendRow = Answer<typeof memberSpend>[number];
export interface MembersSpendResponse {
  workspaceId: string;
  start: string;
  end: string;
  /** Admins see every member; a member only themselves. */
  scope: "workspace" | "self";
  pricesAsOf: string;
  members: MemberSpendRow[];
}
export type OpsResponse = Answer<typeof opsMetrics>;
export type OpsWindow = OpsResponse["window"];
export type OpsStats = OpsResponse["routes"][number]["series"][number];

export type NotificationSettingsRequest = InWorkspace<z.input<typeof notificationSettingsBody>>;
export type NotificationSettingsResponse = NotificationSettingsView & { newWebhookSecret?: string };
export type { AlertDeliveryReport, NotificationSettingsView };
export type CallsResponse = Answer<typeof listCalls> & { workspaceId: string };
export type CallRow = CallsResponse["calls"][number];
export type ProxyRequestsResponse = Answer<typeof listProxyRequests> & { workspaceId: string };
export type ProxyRequestRow = ProxyRequestsResponse["requests"][number];
