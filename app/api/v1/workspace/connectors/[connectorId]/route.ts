import { connectorBody, connectorParams, workspaceQuery } from "@/lib/connectors/schemas";
import { removeConnector, saveConnector } from "@/lib/connectors/store";
import { route } from "@/lib/http/route";

export const PUT = route(
  { name: "workspace_connector", auth: "admin", params: connectorParams, body: connectorBody },
  async ({ access, principal, params, body }) => ({
    connector: await saveConnector({ workspaceId: access.workspaceId, userId: principal.userId, connectorId: params.connectorId, body }),
  }),
);

export const DELETE = route(
  { name: "workspace_connector", auth: "admin", params: connectorParams, query: workspaceQuery },
  async ({ access, principal, params }) =>
    removeConnector({ workspaceId: access.workspaceId, userId: principal.userId, connectorId: params.connectorId }),
);
