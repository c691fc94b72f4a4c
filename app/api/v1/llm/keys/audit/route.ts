import { route } from "@/lib/http/route";
import { offsetOf, pageQuery } from "@/lib/http/pagination";
import { listKeyAudit } from "@/lib/vault/keys";
import { KEY_AUDIT_PAGE } from "@/lib/vault/schemas";

export const GET = route(
  { name: "llm_keys_audit", auth: "admin", query: pageQuery(KEY_AUDIT_PAGE) },
  async ({ principal, access, query }) => {
    const { events, total } = await listKeyAudit({
      actor: { ...access, userId: principal.userId },
      limit: query.limit,
      offset: offsetOf(query),
    });
    return { workspaceId: access.workspaceId, events, page: query.page, limit: query.limit, total };
  },
);
