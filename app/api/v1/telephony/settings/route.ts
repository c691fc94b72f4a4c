import { route } from "@/lib/http/route";
import { telephonySettingsBody } from "@/lib/telephony/schemas";
import { getTelephonySettings, saveTelephonySettings } from "@/lib/telephony/settings";

export const GET = route({ name: "telephony_settings", auth: "admin" }, async ({ access }) => ({
  workspaceId: access.workspaceId,
  settings: await getTelephonySettings(access.workspaceId),
}));

export const PUT = route(
  { name: "telephony_settings", auth: "admin", body: telephonySettingsBody },
  async ({ access, principal, body }) => ({
    workspaceId: access.workspaceId,
    settings: await saveTelephonySettings({ workspaceId: access.workspaceId, userId: principal.userId, settings: body }),
  }),
);
