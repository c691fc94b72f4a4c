import type { Metadata } from "next";
import { AssistantSettingsForm } from "@/app/_components/settings/assistant-form";
import { requireViewer } from "@/lib/auth/viewer";
import { readAssistantSettings } from "@/lib/realtime/settings";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Assistant settings" };

export default async function AssistantSettingsPage() {
  const { access } = await requireViewer();
  const { updatedAt: _updatedAt, ...settings } = await readAssistantSettings(access.workspaceId);
  return (
    <div className="space-y-3">
      <p className="muted">
        The voice assistant's policy for this workspace. Every session, in the browser or through the token API, is configured from
        these settings only.
      </p>
      <AssistantSettingsForm
        key={access.workspaceId}
        workspaceId={access.workspaceId}
        initial={settings}
        canEdit={hasRole(access.role, "admin")}
      />
    </div>
  );
}
