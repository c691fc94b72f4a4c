import type { Metadata } from "next";
import { AssistantSettingsForm } from "@/app/_components/settings/assistant-form";
import { requireViewer } from "@/lib/auth/viewer";
import { env, onVercel } from "@/lib/config/env";
import { platformCallCapSeconds } from "@/lib/realtime/call-length";
import { readAssistantSettings } from "@/lib/realtime/settings";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Assistant settings" };

export default async function AssistantSettingsPage() {
  const { access } = await requireViewer();
  const { updatedAt: _updatedAt, ...settings } = await readAssistantSettings(access.workspaceId);
  const caps = [platformCallCapSeconds(onVercel()), env().REALTIME_MAX_CALL_SECONDS_CAP].filter((c): c is number => typeof c === "number");
  return (
    <div className="space-y-3">
      <p className="muted">
        The voice assistant's policy for this workspace. Every session, in the browser or through the token API, is configured from these
        settings only.
      </p>
      <AssistantSettingsForm
        key={access.workspaceId}
        workspaceId={access.workspaceId}
        initial={settings}
        canEdit={hasRole(access.role, "admin")}
        deploymentCallCapSeconds={caps.length > 0 ? Math.min(...caps) : null}
      />
    </div>
  );
}
