import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata: Metadata = { title: "Voice" };

export default function VoicePage() {
  return (
    <>
      <PageHeader title="Voice" description="Talk to the assistant by voice or text." />
      <EmptyState title="Not available in this build yet">
        This part of the dashboard is being built. Workspaces, members and invites work today under Settings.
      </EmptyState>
    </>
  );
}
