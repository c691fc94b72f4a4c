import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/ui/page-header";
import { TranscribeConsole } from "@/app/_components/voice/transcribe-console";
import { VoiceConsole } from "@/app/_components/voice/voice-console";
import { VoiceModes } from "@/app/_components/voice/voice-modes";
import { requireViewer } from "@/lib/auth/viewer";
import { realtimeSocketURL } from "@/lib/openai/realtime";
import { browserSession } from "@/lib/realtime/session-config";
import { readAssistantSettings } from "@/lib/realtime/settings";
import { hasRole } from "@/lib/workspaces/roles";

export const metadata: Metadata = { title: "Voice" };

export default async function VoicePage() {
  const { access } = await requireViewer();
  const settings = await readAssistantSettings(access.workspaceId);
  const { model, voice, instructions, enabledTools, turnDetection, clientSecretsAllowed } = settings;
  const isAdmin = hasRole(access.role, "admin");
  return (
    <>
      <PageHeader title="Voice" description={`Talk to the assistant by voice or text, or transcribe a meeting · ${model}`}>
        {isAdmin && (
          <Link href="/settings/assistant" className="btn-secondary">
            Assistant settings
          </Link>
        )}
      </PageHeader>
      <VoiceModes
        key={access.workspaceId}
        assistant={
          <VoiceConsole
            settings={{ model, voice, instructions, enabledTools, turnDetection, session: browserSession(settings) }}
            webSocketUrl={realtimeSocketURL({ model })}
            canManageKeys={isAdmin}
            clientSecretsAllowed={clientSecretsAllowed}
            workspaceId={access.workspaceId}
            canSendEvents={isAdmin}
          />
        }
        transcription={<TranscribeConsole canManageKeys={isAdmin} />}
      />
    </>
  );
}
