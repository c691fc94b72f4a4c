import { route } from "@/lib/http/route";
import { memberSpend } from "@/lib/spend/ledger";
import { PRICES_AS_OF } from "@/lib/spend/prices";
import { membersQuery } from "@/lib/usage/schemas";
import { hasRole } from "@/lib/workspaces/roles";

/** Our own ledger per member (voice calls and proxied requests, estimated cost): admins see everyone, a member themselves. */
export const GET = route(
  { name: "usage_members", auth: "member", query: membersQuery, tokens: ["usage:read"] },
  async ({ principal, access, query }) => {
    const everyone = hasRole(access.role, "admin");
    const members = await memberSpend({
      workspaceId: access.workspaceId,
      start: query.start,
      end: query.end,
      ...(everyone ? {} : { userId: principal.userId }),
    });
    return {
      workspaceId: access.workspaceId,
      start: query.start,
      end: query.end,
      scope: everyone ? "workspace" : "self",
      pricesAsOf: PRICES_AS_OF,
      members,
    };
  },
);
