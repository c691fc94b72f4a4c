import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { OpsView } from "@/app/_components/ops/ops-view";

export const metadata: Metadata = { title: "Ops" };

export default function OpsPage() {
  return (
    <>
      <PageHeader title="Ops" description="Requests, 429 and 5xx rates and latency of this workspace's calls to the dashboard's API." />
      <OpsView />
    </>
  );
}
