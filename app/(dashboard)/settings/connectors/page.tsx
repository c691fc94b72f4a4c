import type { Metadata } from "next";
import { ConnectorActivity } from "@/app/_components/connectors/connector-activity";
import { ConnectorsPanel } from "@/app/_components/connectors/connectors-panel";
import { requireViewer } from "@/lib/auth/viewer";
import { connectorActivity, listConnectors } from "@/lib/connectors/store";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Connectors" };

export default async function ConnectorsPage() {
  const { access } = await requireViewer();
  if (!hasRole(access.role, "admin"))
    return <p className="muted">Remote MCP servers for the assistant are set up by the workspace's admins and owners.</p>;
  const [connectors, activity] = await Promise.all([
    listConnectors({ workspaceId: access.workspaceId }),
    connectorActivity({ workspaceId: access.workspaceId }),
  ]);
  return (
    <div className="space-y-6">
      <ConnectorsPanel key={access.workspaceId} workspaceId={access.workspaceId} connectors={connectors} />
      <ConnectorActivity
        events={activity.map((e) => ({ ...e, createdAt: e.createdAt.toISOString(), actor: e.actor?.name ?? e.actor?.email ?? null }))}
      />
    </div>
  );
}
