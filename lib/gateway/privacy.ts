import "server-only";
import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { getDb } from "@/lib/database";

// Privacy mode of a gateway request: the workspace's setting (workspaces.privacy_mode), or the
// caller's `x-opencto-privacy: on`. The setting is read at most every 5 s per workspace, so the hot
// path adds no database round trip; a change reaches the gateway within those 5 s.

const settings = new TtlCache<boolean>(5_000, 5_000);
const ON = new Set(["on", "1", "true", "yes"]);

export const PRIVACY_HEADER = "x-opencto-privacy";

async function workspacePrivacy(workspaceId: string): Promise<boolean> {
  const cached = settings.get(workspaceId);
  if (cached !== undefined) return cached;
  const db = await getDb();
  const [row] = await db.select({ privacyMode: workspaces.privacyMode }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const on = row?.privacyMode ?? false;
  settings.set(workspaceId, on);
  return on;
}

/** Whether this request runs in privacy mode: no prompt or completion text kept anywhere, upstream included. */
export async function privacyMode({ workspaceId, req }: { workspaceId: string; req: Request }): Promise<boolean> {
  if (ON.has(req.headers.get(PRIVACY_HEADER)?.trim().toLowerCase() ?? "")) return true;
  return workspacePrivacy(workspaceId);
}
