import "server-only";
import { AppError } from "@/lib/errors";
import { createClientSecret } from "@/lib/openai/realtime";
import { resolveOpenAIKey } from "@/lib/vault/resolve";
import type { SessionChoice } from "./policy";
import { buildSessionConfig } from "./session-config";
import { getAssistantSettings } from "./settings";

export const clientSecretsDisabled = () =>
  new AppError(
    "client_secrets_disabled",
    "This workspace does not hand out OpenAI client secrets (ek_…), so no OpenAI credential reaches a browser or app. An admin can allow them in Settings → Assistant; the Voice page works without them (WebRTC through the dashboard).",
  );

/**
 * An OpenAI ephemeral secret for SDK and mobile clients and the Voice page's WebSocket mode,
 * governed by the workspace policy — only when an admin has allowed secrets to leave the server.
 */
export async function mintClientSecret({ workspaceId, userId, choice }: { workspaceId: string; userId: string; choice: SessionChoice }) {
  const settings = await getAssistantSettings(workspaceId);
  if (!settings.clientSecretsAllowed) throw clientSecretsDisabled();
  const key = await resolveOpenAIKey({ workspaceId, userId, provider: "openai" });
  const secret = await createClientSecret({
    ...key,
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
