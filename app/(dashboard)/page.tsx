import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { listMembers } from "@/lib/workspaces/members";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { user, access } = await requireViewer();
  const members = await listMembers({ workspaceId: access.workspaceId });
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
      </div>
    </>
  );
}
