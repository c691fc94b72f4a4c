import { route } from "@/lib/http/route";
import { removeUndecryptableKeys } from "@/lib/vault/keys";

// Re-keys a workspace whose rows came from another keyring (a preview on a copy of production's data).
export const DELETE = route({ name: "llm_keys_undecryptable", auth: "admin" }, async ({ principal, access }) =>
  removeUndecryptableKeys({ actor: { ...access, userId: principal.userId } }),
);
