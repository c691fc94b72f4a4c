import { route } from "@/lib/http/route";
import { clientAddress } from "@/lib/limits/client-address";
import { testKey } from "@/lib/vault/keys";
import { keyParams, testKeyBody } from "@/lib/vault/schemas";

export const POST = route(
  { name: "llm_keys_test", auth: "member", params: keyParams, body: testKeyBody },
  async ({ req, principal, access, params, body }) =>
    testKey({
      actor: { ...access, userId: principal.userId },
      provider: params.provider,
      scope: body.scope,
      clientAddress: clientAddress(req.headers),
    }),
);
