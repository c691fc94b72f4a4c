import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { type McpServerRow, mcpServers } from "@/db/schema";
import { recordAuditEvent, listAuditEvents } from "@/lib/audit/events";
import { conflict, notFound } from "@/lib/errors";
import { openWorkspaceSecret, sealWorkspaceSecret } from "@/lib/vault/workspace-secrets";
import type { ConnectorBody } from "./schemas";

/** What the settings page and the API show of a connector: never the authorization, only its hint. */
export interface ConnectorView {
  id: string;
  label: string;
  url: string;
  description: string | null;
  allowedTools: string[];
  approval: McpServerRow["approval"];
  approvalTools: string[];
  authorizationSaved: boolean;
  authorizationHint: string | null;
  updatedAt: string;
}

const view = (row: McpServerRow): ConnectorView => ({
  id: row.id,
  label: row.label,
  url: row.url,
  description: row.description,
  allowedTools: row.allowedTools,
  approval: row.approval,
  approvalTools: row.approvalTools,
  authorizationSaved: row.authorizationCiphertext !== null,
  authorizationHint: row.authorizationHint,
  updatedAt: row.updatedAt.toISOString(),
});

/** The last four characters of a header value at most; short ones not even those. */
const authorizationHint = (value: string) => (value.length >= 16 ? `…${value.slice(-4)}` : "saved");

const binding = (row: Pick<McpServerRow, "id" | "workspaceId">) =>
  ({ workspaceId: row.workspaceId, purpose: "mcp_authorization", slot: row.id }) as const;

export async function connectorRows({ workspaceId }: { workspaceId: string }) {
  const db = await getDb();
  return db.select().from(mcpServers).where(eq(mcpServers.workspaceId, workspaceId)).orderBy(asc(mcpServers.label));
}

export async function listConnectors({ workspaceId }: { workspaceId: string }) {
  return (await connectorRows({ workspaceId })).map(view);
}

/** The connector's authorization header value, opened from the vault (server-side only). */
export const openAuthorization = (row: McpServerRow) =>
  row.authorizationCiphertext ? openWorkspaceSecret({ envelope: row.authorizationCiphertext, ...binding(row) }) : null;

const duplicateLabel = (label: string) => conflict(`This workspace already has a connector labelled "${label}". Pick another label.`);
const isUniqueViolation = (error: unknown) => String((error as { code?: unknown })?.code ?? (error as Error)?.message).includes("23505");

/** Creates (no connectorId) or updates a connector; the authorization is sealed bound to the row. */
export async function saveConnector({
  workspaceId,
  userId,
  connectorId,
  body,
}: {
  workspaceId: string;
  userId: string;
  connectorId?: string;
  body: ConnectorBody;
}): Promise<ConnectorView> {
  const { workspaceId: _ignored, authorization, ...fields } = body;
  const id = connectorId ?? crypto.randomUUID();
  const sealed =
    authorization === undefined
      ? {}
      : authorization === null
        ? { authorizationCiphertext: null, authorizationHint: null }
        : {
            authorizationCiphertext: sealWorkspaceSecret({ plaintext: authorization, ...binding({ id, workspaceId }) }),
            authorizationHint: authorizationHint(authorization),
          };
  const values = { ...fields, approvalTools: fields.approval === "per_tool" ? fields.approvalTools : [], ...sealed, updatedAt: new Date() };
  const db = await getDb();
  let row: McpServerRow | undefined;
  try {
    [row] = connectorId
      ? await db
          .update(mcpServers)
          .set(values)
          .where(and(eq(mcpServers.id, connectorId), eq(mcpServers.workspaceId, workspaceId)))
          .returning()
      : await db
          .insert(mcpServers)
          .values({ id, workspaceId, createdBy: userId, ...values })
          .returning();
  } catch (error) {
    if (isUniqueViolation(error) || isUniqueViolation((error as { cause?: unknown }).cause)) throw duplicateLabel(fields.label);
    throw error;
  }
  if (!row) throw notFound("No such connector in this workspace.");
  await recordAuditEvent({
    workspaceId,
    actorUserId: userId,
    action: "connector.saved",
    detail: `${row.label} (${new URL(row.url).host}), approval ${row.approval}`,
  });
  return view(row);
}

export async function removeConnector({ workspaceId, userId, connectorId }: { workspaceId: string; userId: string; connectorId: string }) {
  const db = await getDb();
  const [row] = await db
    .delete(mcpServers)
    .where(and(eq(mcpServers.id, connectorId), eq(mcpServers.workspaceId, workspaceId)))
    .returning();
  if (!row) throw notFound("No such connector in this workspace.");
  await recordAuditEvent({ workspaceId, actorUserId: userId, action: "connector.removed", detail: row.label });
  return { deleted: true, connectorId };
}

/** The latest remote tool calls and denials (the audit rows the sideband wrote). */
export const connectorActivity = ({ workspaceId, limit = 20 }: { workspaceId: string; limit?: number }) =>
  listAuditEvents({ workspaceId, limit, actions: ["mcp.called", "mcp.denied"] });
