import { route } from "@/lib/http/route";
import { listModels } from "@/lib/openai/models";
import { resolveOpenAIKey } from "@/lib/vault/resolve";

// Minimal version for the assistant's list_openai_models tool; the main branch owns the full one.
export const GET = route(
  {
    name: "cto_openai_models",
    auth: "member",
    rateLimit: { bucket: "cto_openai", env: "RATE_LIMIT_CTO_OPENAI_PER_MINUTE", fallback: 90 },
  },
  async ({ access, principal }) => {
    const key = await resolveOpenAIKey({ workspaceId: access.workspaceId, userId: principal.userId, provider: "openai" });
    return { workspaceId: access.workspaceId, models: await listModels(key) };
  },
);
