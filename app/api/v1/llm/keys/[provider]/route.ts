import { route } from "@/lib/http/route";
import { clientAddress } from "@/lib/limits/client-address";
import { deleteKey, saveKey } from "@/lib/vault/keys";
import { keyParams, keyScopeQuery, saveKeyBody } from "@/lib/vault/schemas";

// Members reach these for their personal keys; workspace keys need admin, checked in lib/vault.
export const PUT = route(
  { name: "llm_keys", auth: "member", params: keyParams, body: saveKeyBody },
  async ({ req, principal, access, params, body }) =>
    saveKey({
      actor: { ...access, userId: principal.userId },
      provider: params.provider,
      scope: body.scope,
      apiKey: body.apiKey,
      project: body.project,
      organization: body.organization,
      verify: body.verify,
      clientAddress: clientAddress(req.headers),
    }),
);

export const DELETE = route(
  { name: "llm_keys", auth: "member", params: keyParams, query: keyScopeQuery },
  async ({ principal, access, params, query }) =>
    deleteKey({ actor: { ...access, userId: principal.userId }, provider: params.provider, scope: query.scope }),
);
