import "server-only";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { workspacePrivacy } from "@/lib/privacy/privacy";

// Privacy mode of a gateway request: the workspace's setting (Settings → Privacy), or the caller's
// `x-opencto-privacy: on`. The setting is read at most every 5 s per workspace, so the hot path
// adds no database round trip; a change reaches the gateway within those 5 s.

const settings = new TtlCache<boolean>(5_000, 5_000);
const ON = new Set(["on", "1", "true", "yes"]);

export const PRIVACY_HEADER = "x-opencto-privacy";

async function workspaceSetting(workspaceId: string): Promise<boolean> {
  const cached = settings.get(workspaceId);
  if (cached !== undefined) return cached;
  const { privacy } = await workspacePrivacy({ workspaceId });
  settings.set(workspaceId, privacy);
  return privacy;
}

/** Whether this request runs in privacy mode: no prompt or completion text kept anywhere, upstream included. */
export async function privacyMode({ workspaceId, req }: { workspaceId: string; req: Request }): Promise<boolean> {
  if (ON.has(req.headers.get(PRIVACY_HEADER)?.trim().toLowerCase() ?? "")) return true;
  return workspaceSetting(workspaceId);
}
