// Creates the bench user with a workspace OpenAI key (the fake accepts it) in DATA_DIR, in a
// workspace whose admin allowed client secrets (the bench measures the token route), and a personal
// access token for the OpenAI-compatible endpoints, printed as the last line of stdout.
import { getDatabaseHandle } from "@/lib/database";
import { createPasswordUser } from "@/lib/auth/credentials";
import { DEFAULT_SETTINGS } from "@/lib/realtime/policy";
import { saveAssistantSettings } from "@/lib/realtime/settings";
import { saveKey } from "@/lib/vault/keys";
import { resolveWorkspaceAccess } from "@/lib/workspaces/workspaces";
import { createToken } from "@/lib/tokens/tokens";

const [email, password, apiKey] = process.argv.slice(2) as [string, string, string];
const user = await createPasswordUser({ name: "Bench", email, password });
const access = await resolveWorkspaceAccess({ userId: user.id });
await saveKey({
  actor: { workspaceId: access.workspaceId, userId: user.id, role: access.role },
  provider: "openai",
  scope: "workspace",
  apiKey,
  verify: false,
});
await saveAssistantSettings({
  workspaceId: access.workspaceId,
  userId: user.id,
  settings: { ...DEFAULT_SETTINGS, clientSecretsAllowed: true },
});
const { token } = await createToken({
  workspaceId: access.workspaceId,
  userId: user.id,
  name: "Bench",
  scopes: ["chat"],
  expiresInDays: 1,
});
await (await getDatabaseHandle()).close();
console.log(JSON.stringify({ token }));
