import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata: Metadata = { title: "Ops" };

export default function OpsPage() {
  return (
    <>
      <PageHeader title="Ops" description="Health of the dashboard's OpenAI routes." />
      <EmptyState title="Not available in this build yet">
        This part of the dashboard is being built. Workspaces, members and invites work today under Settings.
      </EmptyState>
    </>
  );
}
