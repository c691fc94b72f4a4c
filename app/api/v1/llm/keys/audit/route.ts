import { route } from "@/lib/http/route";
import { listKeyAudit } from "@/lib/vault/keys";

export const GET = route({ name: "llm_keys_audit", auth: "admin" }, async ({ principal, access }) => ({
  workspaceId: access.workspaceId,
  events: await listKeyAudit({ actor: { ...access, userId: principal.userId } }),
}));
