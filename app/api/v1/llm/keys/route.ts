import { route } from "@/lib/http/route";
import { listKeys } from "@/lib/vault/keys";

export const GET = route({ name: "llm_keys", auth: "member" }, async ({ principal, access }) =>
  listKeys({ actor: { ...access, userId: principal.userId } }),
);
