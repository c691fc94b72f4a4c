import type { Metadata } from "next";
import { BudgetsPanel } from "@/app/_components/settings/budgets-panel";
import { BudgetAuditList } from "@/app/_components/settings/budget-audit-list";
import { requireViewer } from "@/lib/auth/viewer";
import { listBudgetAudit, listBudgets } from "@/lib/budgets/budgets";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Budgets" };

export default async function BudgetsPage() {
  const { user, access } = await requireViewer();
  const admin = hasRole(access.role, "admin");
  const [view, audit] = await Promise.all([
    listBudgets({ workspaceId: access.workspaceId, onlyUserId: admin ? undefined : user.id }),
    admin ? listBudgetAudit({ workspaceId: access.workspaceId }) : Promise.resolve([]),
  ]);
  return (
    <div className="space-y-6">
      <BudgetsPanel key={access.workspaceId} view={view} canEdit={admin} viewerId={user.id} />
      {admin && audit.length > 0 && (
        <BudgetAuditList
          events={audit.map((e) => ({ ...e, createdAt: e.createdAt.toISOString(), actor: e.actor?.name ?? e.actor?.email ?? null }))}
        />
      )}
    </div>
  );
}
