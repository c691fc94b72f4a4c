import { route } from "@/lib/http/route";
import { readPrivacySettings } from "@/lib/privacy/privacy";
import { privacySettingsBody } from "@/lib/privacy/schemas";
import { savePrivacySettings } from "@/lib/privacy/settings";

export const GET = route({ name: "workspace_privacy", auth: "admin" }, async ({ access }) => ({
  workspaceId: access.workspaceId,
  settings: await readPrivacySettings({ workspaceId: access.workspaceId }),
}));

export const PUT = route({ name: "workspace_privacy", auth: "admin", body: privacySettingsBody }, async ({ access, principal, body }) => ({
  workspaceId: access.workspaceId,
  settings: await savePrivacySettings({ workspaceId: access.workspaceId, userId: principal.userId, settings: body }),
}));
