import { route } from "@/lib/http/route";
import { offsetOf, pageQuery } from "@/lib/http/pagination";
import { countMembers, listMembers } from "@/lib/workspaces/members";
import { MEMBERS_PAGE } from "@/lib/workspaces/schemas";

export const GET = route({ name: "workspace_members", auth: "member", query: pageQuery(MEMBERS_PAGE) }, async ({ access, query }) => {
  const [members, total] = await Promise.all([
    listMembers({ workspaceId: access.workspaceId, limit: query.limit, offset: offsetOf(query) }),
    countMembers({ workspaceId: access.workspaceId }),
  ]);
  return { workspaceId: access.workspaceId, members, page: query.page, limit: query.limit, total };
});
