import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InstanceWorkspaces } from "@/app/_components/settings/instance-workspaces";
import { requireViewer } from "@/lib/auth/viewer";
import { isInstanceOwner } from "@/lib/instance/owner";
import { listInstanceWorkspaces } from "@/lib/instance/workspaces";

export const metadata: Metadata = { title: "Instance settings" };

export default async function InstanceSettingsPage() {
  const { user } = await requireViewer();
  if (!(await isInstanceOwner({ userId: user.id }))) notFound();
  const { setBy, serverKeys, workspaces } = await listInstanceWorkspaces();
  const configured = [serverKeys.openai && "OPENAI_API_KEY", serverKeys["openai-admin"] && "OPENAI_ADMIN_KEY"]
    .filter(Boolean)
    .join(" and ");
  return (
    <section className="card space-y-4" aria-labelledby="instance-heading">
      <div className="space-y-1">
        <h2 id="instance-heading" className="font-semibold">
          The server's OpenAI keys
        </h2>
        <p className="muted">
          {configured
            ? `This server has ${configured} set. They are your money: only the workspaces you allow here may spend them, and only when they have no key of their own. Every other workspace gets “no key configured” until it saves its own.`
            : "This server has no fallback key (OPENAI_API_KEY, OPENAI_ADMIN_KEY) set, so these switches take effect only once one is."}{" "}
          Only you, the instance owner, see this page.
        </p>
        {setBy === "environment" && (
          <p className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-300">
            OPENAI_FALLBACK_WORKSPACES is set: the environment decides which workspaces may use the server's keys, and the switches below
            show its choice. Change the variable to change it.
          </p>
        )}
      </div>
      <InstanceWorkspaces
        setByEnvironment={setBy === "environment"}
        workspaces={workspaces.map((w) => ({ ...w, createdAt: w.createdAt.toISOString() }))}
      />
    </section>
  );
}
