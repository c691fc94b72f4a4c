import { listBudgets, removeBudget, setBudget } from "@/lib/budgets/budgets";
import { budgetsQuery, deleteBudgetQuery, putBudgetBody } from "@/lib/budgets/schemas";
import { route } from "@/lib/http/route";
import { hasRole } from "@/lib/workspaces/roles";

/** Monthly budgets with this month's spend: admins see every member's, a member the workspace's and their own. */
export const GET = route({ name: "workspace_budgets", auth: "member", query: budgetsQuery }, async ({ access, principal }) =>
  listBudgets({ workspaceId: access.workspaceId, onlyUserId: hasRole(access.role, "admin") ? undefined : principal.userId }),
);

/** Sets the workspace's budget (no userId) or a member's; a raised budget lifts a block on the next request. */
export const PUT = route({ name: "workspace_budgets", auth: "admin", body: putBudgetBody }, async ({ access, principal, body }) =>
  setBudget({ workspaceId: access.workspaceId, userId: body.userId, limitUsd: body.limitUsd, actorUserId: principal.userId }),
);

/** Removes the workspace's budget (no userId) or a member's. */
export const DELETE = route({ name: "workspace_budgets", auth: "admin", query: deleteBudgetQuery }, async ({ access, principal, query }) =>
  removeBudget({ workspaceId: access.workspaceId, userId: query.userId, actorUserId: principal.userId }),
);
