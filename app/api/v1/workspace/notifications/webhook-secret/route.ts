import { route } from "@/lib/http/route";
import { regenerateWebhookSecret } from "@/lib/notify";
import { workspaceOnlyBody } from "@/lib/notify/schemas";

/** A new webhook signing secret (whsec_…): shown in this answer once, stored encrypted; the old one stops working. */
export const POST = route(
  { name: "workspace_notifications_secret", auth: "admin", body: workspaceOnlyBody },
  async ({ access, principal }) => ({
    workspaceId: access.workspaceId,
    ...(await regenerateWebhookSecret({ workspaceId: access.workspaceId, userId: principal.userId })),
  }),
);
