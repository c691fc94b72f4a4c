import type { Metadata } from "next";
import { headers } from "next/headers";
import { PhoneCalls } from "@/app/_components/settings/phone-calls";
import { TelephonyForm } from "@/app/_components/settings/telephony-form";
import { publicOrigin } from "@/lib/auth/links";
import { requireViewer } from "@/lib/auth/viewer";
import { getTelephonySettings } from "@/lib/telephony/settings";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Telephony settings" };

export default async function TelephonySettingsPage() {
  const { access } = await requireViewer();
  if (!hasRole(access.role, "admin"))
    return <p className="muted">Phone calls into the assistant are set up by the workspace's admins and owners.</p>;
  const settings = await getTelephonySettings(access.workspaceId);
  const webhookUrl = `${publicOrigin(await headers())}/api/v1/telephony/webhook/${encodeURIComponent(access.workspaceId)}`;
  return (
    <div className="space-y-6">
      <p className="muted">
        Phone calls into this workspace's assistant through OpenAI's SIP interface: OpenAI rings this dashboard's webhook, which accepts,
        rejects or transfers each call by the rules below. Accepted calls use the assistant policy and run its tools on the server.
      </p>
      <TelephonyForm key={access.workspaceId} workspaceId={access.workspaceId} webhookUrl={webhookUrl} initial={settings} />
      <PhoneCalls workspaceId={access.workspaceId} />
    </div>
  );
}
