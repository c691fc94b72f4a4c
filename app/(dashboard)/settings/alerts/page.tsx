import type { Metadata } from "next";
import { AlertsForm } from "@/app/_components/settings/alerts-form";
import { requireViewer } from "@/lib/auth/viewer";
import { getNotificationSettings } from "@/lib/notify";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Alert settings" };

export default async function AlertsSettingsPage() {
  const { access } = await requireViewer();
  if (!hasRole(access.role, "admin"))
    return (
      <div className="card">
        <h2 className="font-semibold">Alerts</h2>
        <p className="muted mt-1">Only admins and owners of {access.workspaceName} can see and change where its alerts go.</p>
      </div>
    );
  const settings = await getNotificationSettings({ workspaceId: access.workspaceId });
  return <AlertsForm key={access.workspaceId} workspaceId={access.workspaceId} initial={settings} />;
}
