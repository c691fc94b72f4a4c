import type { Metadata } from "next";
import { PrivacyForm } from "@/app/_components/settings/privacy-form";
import { TraceList } from "@/app/_components/settings/trace-list";
import { requireViewer } from "@/lib/auth/viewer";
import { readPrivacySettings } from "@/lib/privacy/privacy";
import { listTraces } from "@/lib/privacy/trace";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Privacy" };

export default async function PrivacyPage() {
  const { access } = await requireViewer();
  if (!hasRole(access.role, "admin"))
    return <p className="muted">Privacy mode and call traces are set by the workspace's admins and owners.</p>;
  const [settings, traces] = await Promise.all([
    readPrivacySettings({ workspaceId: access.workspaceId }),
    listTraces({ workspaceId: access.workspaceId }),
  ]);
  return (
    <div className="space-y-6">
      <PrivacyForm key={access.workspaceId} workspaceId={access.workspaceId} initial={settings} />
      <TraceList
        workspaceId={access.workspaceId}
        traces={traces.map((t) => ({
          ...t,
          createdAt: t.createdAt.toISOString(),
          expiresAt: t.expiresAt.toISOString(),
          startedAt: t.startedAt.toISOString(),
        }))}
      />
    </div>
  );
}
