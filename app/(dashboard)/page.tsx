import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/ui/page-header";
import { KeyInUseLabel } from "@/app/_components/settings/key-in-use";
import { requireViewer } from "@/lib/auth/viewer";
import { keysInUse } from "@/lib/vault/keys";
import { listMembers } from "@/lib/workspaces/members";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { user, access } = await requireViewer();
  const [members, inUse] = await Promise.all([
    listMembers({ workspaceId: access.workspaceId }),
    keysInUse({ actor: { workspaceId: access.workspaceId, userId: user.id } }),
  ]);
  const cards = [
    { href: "/settings", title: "Workspace", body: `${members.length} member${members.length === 1 ? "" : "s"} · you are ${access.role}` },
    { href: "/voice", title: "Voice assistant", body: "Talk to an assistant that knows your OpenAI models, usage and costs." },
    { href: "/usage", title: "Usage", body: "Tokens, requests and cost by day and model." },
    { href: "/ops", title: "Ops", body: "429 and 5xx rates and latency of the dashboard's OpenAI routes." },
  ];
  return (
    <>
      <PageHeader title={access.workspaceName} description={`Signed in as ${user.email}`} />
      <div className="grid gap-4 sm:grid-cols-2">
        {cards.map((c) => (
          <Link key={c.href} href={c.href} className="card block transition hover:border-indigo-400 dark:hover:border-indigo-600">
            <h2 className="font-semibold">{c.title}</h2>
            <p className="muted mt-1">{c.body}</p>
          </Link>
        ))}
        <Link
          href="/settings/keys"
          className="card block transition hover:border-indigo-400 dark:hover:border-indigo-600"
          aria-label="OpenAI keys in use"
        >
          <h2 className="font-semibold">OpenAI keys in use</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1.5 text-sm">
            <dt className="muted">API key</dt>
            <dd>
              <KeyInUseLabel inUse={inUse.openai.key} testId="overview-key-openai" />
            </dd>
            <dt className="muted">Admin key (usage)</dt>
            <dd>
              <KeyInUseLabel inUse={inUse["openai-admin"].key} testId="overview-key-openai-admin" />
            </dd>
          </dl>
        </Link>
      </div>
    </>
  );
}
