import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/ui/page-header";
import { VoiceConsole } from "@/app/_components/voice/voice-console";
import { requireViewer } from "@/lib/auth/viewer";
import { realtimeSocketURL } from "@/lib/openai/realtime";
import { readAssistantSettings } from "@/lib/realtime/settings";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Voice" };

export default async function VoicePage() {
  const { access } = await requireViewer();
  const { model, voice, instructions, enabledTools, turnDetection, clientSecretsAllowed } = await readAssistantSettings(access.workspaceId);
  const isAdmin = hasRole(access.role, "admin");
  return (
    <>
      <PageHeader title="Voice" description={`Talk to the assistant by voice or text · ${model}`}>
        {isAdmin && (
          <Link href="/settings/assistant" className="btn-secondary">
            Assistant settings
          </Link>
        )}
      </PageHeader>
      <VoiceConsole
        key={access.workspaceId}
        settings={{ model, voice, instructions, enabledTools, turnDetection }}
        webSocketUrl={realtimeSocketURL({ model })}
        canManageKeys={isAdmin}
        clientSecretsAllowed={clientSecretsAllowed}
        workspaceId={access.workspaceId}
        canSendEvents={isAdmin}
      />
    </>
  );
}
