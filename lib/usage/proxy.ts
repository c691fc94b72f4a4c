import "server-only";
import type { Role } from "@/db/schema";
import { sharedTtlCache } from "@/lib/cache/ttl-cache";
import { log } from "@/lib/log";
import { listModels, type ModelSummary } from "@/lib/openai/models";
import { listProjects, type OpenAIProject } from "@/lib/openai/organization";
import { resolveOpenAIKey } from "@/lib/vault/resolve";
import { getOpenAIProjects } from "@/lib/workspaces/openai-projects";
import type { UsageQuery } from "./query";
import { buildUsageReport, type UsageReport } from "./report";
import { usageView } from "./view";

const MODELS_TTL_MS = 60_000;
const USAGE_TTL_MS = 5 * 60_000;
// Shared by the Usage page (its first view) and the API routes, which Next.js may bundle apart.
const modelsCache = sharedTtlCache<{ models: ModelSummary[]; fetchedAt: string }>("openai-models", MODELS_TTL_MS);
const usageCache = sharedTtlCache<UsageReport & { fetchedAt: string }>("openai-usage", USAGE_TTL_MS, 500);
const projectsCache = sharedTtlCache<OpenAIProject[]>("openai-projects", USAGE_TTL_MS, 200);

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
 * answer cached for an admin never serves a member. `refresh`: read OpenAI again (Refresh on the
 * page) and cache that answer.
 */
export async function workspaceUsage(caller: Caller & { role: Role; query: UsageQuery; refresh?: boolean }) {
  const view = usageView({ role: caller.role, mappedProjectIds: await getOpenAIProjects({ workspaceId: caller.workspaceId }) });
  const key = await resolveOpenAIKey({ ...caller, provider: "openai-admin" });
  const q = caller.query;
  const scope = `${cacheScope(caller, key)}|${view.cacheKey}|${q.start}|${q.end}|${q.groupBy}|${q.bucket}`;
  const cached = caller.refresh ? undefined : usageCache.get(scope);
  if (cached) return { ...cached, cached: true };
  const names = await projectNames({ key, scope: cacheScope(caller, key) });
  const report = await buildUsageReport({ ...key, query: q, projectIds: view.projectIds, names });
  const fresh = { ...report, fetchedAt: new Date().toISOString() };
  usageCache.set(scope, fresh);
  return { ...fresh, cached: false };
}

async function organizationProjects({
  key,
  scope,
  refresh = false,
}: {
  key: { apiKey: string; keyHint: string };
  scope: string;
  refresh?: boolean;
}) {
  const cached = refresh ? undefined : projectsCache.get(scope);
  if (cached) return cached;
  const projects = await listProjects(key);
  projectsCache.set(scope, projects);
  return projects;
}

/** Project names for the report; without them (an older key, an outage) the ids stand in rather than failing the figures. */
async function projectNames(args: { key: { apiKey: string; keyHint: string }; scope: string }): Promise<Record<string, string>> {
  try {
    return Object.fromEntries((await organizationProjects(args)).map((p) => [p.id, p.name]));
  } catch (error) {
    log("warn", "openai_projects_unavailable", { code: (error as { code?: string }).code ?? "unknown" });
    return {};
  }
}

/**
 * The organisation's OpenAI projects by name, for an admin choosing which ones this workspace
 * maps to, with the current mapping (a mapped id missing from the list is kept, named by its id).
 */
export async function workspaceOpenAIProjects(caller: Caller & { refresh: boolean }) {
  const key = await resolveOpenAIKey({ ...caller, provider: "openai-admin" });
  const [projects, mappedProjectIds] = await Promise.all([
    organizationProjects({ key, scope: cacheScope(caller, key), refresh: caller.refresh }),
    getOpenAIProjects({ workspaceId: caller.workspaceId, fresh: true }),
  ]);
  return { workspaceId: caller.workspaceId, projects, mappedProjectIds, fetchedAt: new Date().toISOString() };
}
