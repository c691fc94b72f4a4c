import { eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { workspaces } from "@/db/schema";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { notFound } from "@/lib/errors";

// Which OpenAI projects a workspace's usage covers. Usage read with an Admin key spans the whole
// organisation; the mapping narrows it to these projects, for members and admins alike.

// Read on every usage request; a save replaces this module instance's entry, other instances (and
// other bundles of this server) see it within 5 s. Pages pass `fresh` to show a save at once.
const cache = new TtlCache<string[]>(5_000, 5_000);

export async function getOpenAIProjects({ workspaceId, fresh = false }: { workspaceId: string; fresh?: boolean }): Promise<string[]> {
  const hit = fresh ? undefined : cache.get(workspaceId);
  if (hit) return hit;
  const db = await getDb();
  const [row] = await db.select({ projectIds: workspaces.openaiProjectIds }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound("Workspace not found.");
  cache.set(workspaceId, row.projectIds);
  return row.projectIds;
}

export async function setOpenAIProjects({ workspaceId, projectIds }: { workspaceId: string; projectIds: string[] }): Promise<string[]> {
  const db = await getDb();
  const [row] = await db
    .update(workspaces)
    .set({ openaiProjectIds: projectIds })
    .where(eq(workspaces.id, workspaceId))
    .returning({ projectIds: workspaces.openaiProjectIds });
  if (!row) throw notFound("Workspace not found.");
  cache.set(workspaceId, row.projectIds);
  return row.projectIds;
}
