import { route } from "@/lib/http/route";
import { getNotificationSettings, saveNotificationSettings } from "@/lib/notify";
import { notificationSettingsBody } from "@/lib/notify/schemas";

/** Where the workspace's budget and ops alerts go: alert emails and a signed webhook. Admins only. */
export const GET = route({ name: "workspace_notifications", auth: "admin" }, async ({ access }) => ({
  workspaceId: access.workspaceId,
  ...(await getNotificationSettings({ workspaceId: access.workspaceId })),
}));

/** Replaces the emails and the webhook URL; a first webhook URL gets a signing secret, in this answer only. */
export const PUT = route(
  { name: "workspace_notifications", auth: "admin", body: notificationSettingsBody },
  async ({ access, principal, body }) => ({
    workspaceId: access.workspaceId,
    ...(await saveNotificationSettings({ workspaceId: access.workspaceId, userId: principal.userId, input: body })),
  }),
);
