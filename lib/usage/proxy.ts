import "server-only";
import type { Role } from "@/db/schema";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { listModels, type ModelSummary } from "@/lib/openai/models";
import { resolveOpenAIKey } from "@/lib/vault/resolve";
import { getOpenAIProjects } from "@/lib/workspaces/openai-projects";
import type { UsageQuery } from "./query";
import { buildUsageReport, type UsageReport } from "./report";
import { usageView } from "./view";

const MODELS_TTL_MS = 60_000;
const USAGE_TTL_MS = 5 * 60_000;
const modelsCache = new TtlCache<{ models: ModelSummary[]; fetchedAt: string }>(MODELS_TTL_MS);
const usageCache = new TtlCache<UsageReport & { fetchedAt: string }>(USAGE_TTL_MS, 500);

interface Caller {
  workspaceId: string;
  /** Null: no member (a phone call's server-side tools): the workspace's key only. */
  userId: string | null;
}

// Cached per workspace and per key in use: a member's personal key may see another organisation.
const cacheScope = (caller: Caller, key: { source: string; keyHint: string }) =>
  `${caller.workspaceId}|${key.source}|${key.source === "personal" ? caller.userId : ""}|${key.keyHint}`;

export async function workspaceModels(caller: Caller & { refresh: boolean }) {
  const key = await resolveOpenAIKey({ ...caller, provider: "openai" });
  const scope = cacheScope(caller, key);
  const cached = caller.refresh ? undefined : modelsCache.get(scope);
  if (cached) return { ...cached, cached: true };
  const fresh = { models: await listModels(key), fetchedAt: new Date().toISOString() };
  modelsCache.set(scope, fresh);
  return { ...fresh, cached: false };
}

/**
 * Usage and costs as the caller may see them: the workspace's mapped OpenAI projects, or with no
 * mapping the whole organisation for admins only. The view is part of the cache key, so an
 * answer cached for an admin never serves a member.
 */
export async function workspaceUsage(caller: Caller & { role: Role; query: UsageQuery }) {
  const view = usageView({ role: caller.role, mappedProjectIds: await getOpenAIProjects({ workspaceId: caller.workspaceId }) });
  const key = await resolveOpenAIKey({ ...caller, provider: "openai-admin" });
  const q = caller.query;
  const scope = `${cacheScope(caller, key)}|${view.cacheKey}|${q.start}|${q.end}|${q.groupBy}|${q.bucket}`;
  const cached = usageCache.get(scope);
  if (cached) return { ...cached, cached: true };
  const fresh = { ...(await buildUsageReport({ ...key, query: q, projectIds: view.projectIds })), fetchedAt: new Date().toISOString() };
  usageCache.set(scope, fresh);
  return { ...fresh, cached: false };
}
