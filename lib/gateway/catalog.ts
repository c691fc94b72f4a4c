import "server-only";
import { badRequest } from "@/lib/errors";
import { VOICES } from "@/lib/realtime/choices";
import { mintClientSecret } from "@/lib/realtime/token";
import { workspaceModels } from "@/lib/usage/proxy";
import type { ClientSecretsBody } from "./schemas";

// GET /models and POST /realtime/client_secrets of the gateway, in OpenAI's own answer shapes.

interface Caller {
  workspaceId: string;
  userId: string;
}

/** The models the workspace's key may use, as OpenAI lists them (cached 60 s per workspace and key). */
export async function modelList(caller: Caller) {
  const { models } = await workspaceModels({ ...caller, refresh: false });
  return {
    object: "list" as const,
    data: models.map((m) => ({ id: m.id, object: "model" as const, created: m.created, owned_by: m.ownedBy })),
  };
}

/**
 * An ephemeral Realtime secret minted from the workspace's policy (model, instructions, tools,
 * lifetime), as POST /api/v1/realtime/token mints it; the caller may only pick a voice.
 */
export async function gatewayClientSecret({ body, ...caller }: Caller & { body: ClientSecretsBody }) {
  const voice = body.session?.audio?.output?.voice;
  if (voice !== undefined && !(VOICES as readonly string[]).includes(voice))
    throw badRequest(`That voice is not offered; choose one of ${VOICES.join(", ")}.`);
  const minted = await mintClientSecret({ ...caller, choice: { voice: voice as (typeof VOICES)[number] | undefined } });
  return {
    minted,
    answer: {
      value: minted.clientSecret,
      expires_at: Math.floor(Date.parse(minted.expiresAt) / 1000),
      session: {
        type: "realtime" as const,
        object: "realtime.session" as const,
        model: minted.model,
        ...(minted.sessionId ? { id: minted.sessionId } : {}),
      },
    },
  };
}
