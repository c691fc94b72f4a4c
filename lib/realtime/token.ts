import "server-only";
import { createClientSecret } from "@/lib/openai/realtime";
import { resolveOpenAIKey } from "@/lib/vault/resolve";
import type { SessionChoice } from "./policy";
import { buildSessionConfig } from "./session-config";
import { getAssistantSettings } from "./settings";

/** An OpenAI ephemeral secret for SDK and mobile clients, governed by the workspace policy. */
export async function mintClientSecret({ workspaceId, userId, choice }: { workspaceId: string; userId: string; choice: SessionChoice }) {
  const settings = await getAssistantSettings(workspaceId);
  const key = await resolveOpenAIKey({ workspaceId, userId, provider: "openai" });
  const secret = await createClientSecret({
    apiKey: key.apiKey,
    keyHint: key.keyHint,
    session: buildSessionConfig(settings, choice),
    expiresAfterSeconds: settings.expiresAfterSeconds,
  });
  return {
    clientSecret: secret.value,
    expiresAt: new Date(secret.expiresAt * 1000).toISOString(),
    model: settings.model,
    sessionId: secret.sessionId,
  };
}
