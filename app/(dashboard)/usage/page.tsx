import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { UsageView } from "@/app/_components/usage/usage-view";

export const metadata: Metadata = { title: "Usage" };

export default function UsagePage() {
  return (
    <>
      <PageHeader title="Usage" description="Your OpenAI organisation's tokens, requests and cost, read with the workspace's Admin key." />
      <UsageView />
    </>
  );
}
