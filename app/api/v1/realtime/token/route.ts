import { route } from "@/lib/http/route";
import { sessionChoiceSchema } from "@/lib/realtime/policy";
import { REALTIME_RATE_LIMIT } from "@/lib/realtime/rate-limit";
import { mintClientSecret } from "@/lib/realtime/token";
import { ledgered } from "@/lib/budgets/ledgered";

/** Seed contract: an OpenAI ephemeral secret for SDK and mobile clients. */
export const POST = route(
  {
    name: "realtime_token",
    auth: "member",
    body: sessionChoiceSchema,
    rateLimit: REALTIME_RATE_LIMIT,
    spends: true,
    tokens: ["realtime:mint"],
  },
  async ({ access, principal, body }) =>
    ledgered(
      { workspaceId: access.workspaceId, userId: principal.userId, apiTokenId: principal.tokenId, route: "realtime_token" },
      () => mintClientSecret({ workspaceId: access.workspaceId, userId: principal.userId, choice: body }),
      (minted) => ({ model: minted.model }),
    ),
);
