import { route } from "@/lib/http/route";
import { proxyRequestsCsv } from "@/lib/calls/csv";
import { csvDownload } from "@/lib/calls/download";
import { exportProxyRequests, listProxyRequests } from "@/lib/calls/list";
import { proxyRequestsQuerySchema } from "@/lib/calls/schemas";

/**
 * The ledger of requests proxied to OpenAI for the workspace's members, newest first, a page at a
 * time; filters `member`, `from`, `to`; `format=csv` downloads the whole filtered list.
 * Admins see every member's requests, a member only their own.
 */
export const GET = route(
  { name: "proxy_requests", auth: "member", query: proxyRequestsQuerySchema, tokens: ["usage:read"] },
  async ({ access, principal, query }) => {
    const viewer = { userId: principal.userId, role: access.role };
    const { format, ...filters } = query;
    if (format === "csv") {
      const { rows, truncated } = await exportProxyRequests({ workspaceId: access.workspaceId, viewer, filters });
      return csvDownload({ name: "api-requests", csv: proxyRequestsCsv(rows), truncated });
    }
    return { workspaceId: access.workspaceId, ...(await listProxyRequests({ workspaceId: access.workspaceId, viewer, filters })) };
  },
);
