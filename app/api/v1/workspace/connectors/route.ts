import { NextResponse } from "next/server";
import { connectorBody } from "@/lib/connectors/schemas";
import { connectorActivity, listConnectors, saveConnector } from "@/lib/connectors/store";
import { route } from "@/lib/http/route";

/** The workspace's remote MCP servers (never their authorization) and the latest calls to them. */
export const GET = route({ name: "workspace_connectors", auth: "admin" }, async ({ access }) => ({
  workspaceId: access.workspaceId,
  connectors: await listConnectors({ workspaceId: access.workspaceId }),
  activity: await connectorActivity({ workspaceId: access.workspaceId }),
}));

export const POST = route({ name: "workspace_connectors", auth: "admin", body: connectorBody }, async ({ access, principal, body }) =>
  NextResponse.json(
    { connector: await saveConnector({ workspaceId: access.workspaceId, userId: principal.userId, body }) },
    { status: 201 },
  ),
);
