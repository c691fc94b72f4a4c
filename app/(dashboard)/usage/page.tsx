import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata: Metadata = { title: "Usage" };

export default function UsagePage() {
  return (
    <>
      <PageHeader title="Usage" description="OpenAI tokens, requests and cost for this workspace." />
      <EmptyState title="Not available in this build yet">
        This part of the dashboard is being built. Workspaces, members and invites work today under Settings.
      </EmptyState>
    </>
  );
}
