import { route } from "@/lib/http/route";
import { sendTestAlert } from "@/lib/notify";
import { TEST_ALERTS_PER_MINUTE, workspaceOnlyBody } from "@/lib/notify/schemas";

/** Sends a `test` alert to every configured channel now (no once-per-window claim) and reports what each did. */
export const POST = route(
  {
    name: "workspace_notifications_test",
    auth: "admin",
    body: workspaceOnlyBody,
    rateLimit: { bucket: "alert_test", limit: () => TEST_ALERTS_PER_MINUTE },
  },
  async ({ access, principal }) => ({
    workspaceId: access.workspaceId,
    ...(await sendTestAlert({ workspaceId: access.workspaceId, workspaceName: access.workspaceName, sentBy: principal.email })),
  }),
);
