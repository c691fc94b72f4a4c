import { route } from "@/lib/http/route";
import { assistantSettingsSchema } from "@/lib/realtime/policy";
import { getAssistantSettings, saveAssistantSettings } from "@/lib/realtime/settings";

export const GET = route({ name: "realtime_settings", auth: "member" }, async ({ access }) => ({
  workspaceId: access.workspaceId,
  settings: await getAssistantSettings(access.workspaceId),
}));

// The wrapper takes `workspaceId` from the raw body; the schema drops it from the settings.
export const PUT = route(
  { name: "realtime_settings", auth: "admin", body: assistantSettingsSchema },
  async ({ access, principal, body }) => ({
    workspaceId: access.workspaceId,
    settings: await saveAssistantSettings({ workspaceId: access.workspaceId, userId: principal.userId, settings: body }),
  }),
);
