import type { Metadata } from "next";
import Link from "next/link";
import { ChatConsole } from "@/app/_components/chat/chat-console";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { chatModelFor } from "@/lib/chat/policy";
import { readAssistantSettings } from "@/lib/realtime/settings";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Chat" };

type Search = { c?: string | string[] };

export default async function ChatPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [{ access }, search] = await Promise.all([requireViewer(), searchParams]);
  const { model } = await readAssistantSettings(access.workspaceId);
  const isAdmin = hasRole(access.role, "admin");
  const initial = typeof search.c === "string" && search.c.length <= 100 ? search.c : null;
  return (
    <>
      <PageHeader title="Chat" description={`Ask the assistant by text, with the same tools as Voice · ${chatModelFor(model)}`}>
        {isAdmin && (
          <Link href="/settings/assistant" className="btn-secondary">
            Assistant settings
          </Link>
        )}
      </PageHeader>
      <ChatConsole key={access.workspaceId} workspaceId={access.workspaceId} initialConversationId={initial} canManageKeys={isAdmin} />
    </>
  );
}
