import "server-only";
import { z } from "zod";
import { type OpenAICredential, openaiClient } from "./client";
import { upstreamError, withOneRetry } from "./errors";

const num = z.number().finite().nonnegative().catch(0);

const usageResult = z.object({
  input_tokens: num,
  output_tokens: num,
  input_cached_tokens: num,
  input_audio_tokens: num,
  output_audio_tokens: num,
  num_model_requests: num,
  model: z.string().nullish(),
  project_id: z.string().nullish(),
  api_key_id: z.string().nullish(),
  user_id: z.string().nullish(),
});

const costResult = z.object({
  amount: z.object({ value: z.number().finite(), currency: z.string() }),
  line_item: z.string().nullish(),
  project_id: z.string().nullish(),
  api_key_id: z.string().nullish(),
});

const page = <T extends z.ZodType>(result: T) =>
  z.object({
    data: z.array(z.object({ start_time: z.number(), end_time: z.number(), results: z.array(result) })),
    has_more: z.boolean(),
    next_page: z.string().nullish(),
  });

export type UsageBucket = { start_time: number; end_time: number; results: z.infer<typeof usageResult>[] };
export type CostBucket = { start_time: number; end_time: number; results: z.infer<typeof costResult>[] };

const MAX_PAGES = 50;

/** Follows `next_page` to the end; every page is validated, so a malformed body is a 502, not a crash. */
async function allBuckets<T extends z.ZodType>(
  credential: OpenAICredential,
  path: string,
  query: Record<string, string | number | string[]>,
  result: T,
): Promise<{ start_time: number; end_time: number; results: z.infer<T>[] }[]> {
  const client = openaiClient(credential);
  const schema = page(result);
  const buckets: { start_time: number; end_time: number; results: z.infer<T>[] }[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const raw = await withOneRetry(() => client.get(path, { query: cursor ? { ...query, page: cursor } : query }));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new Error(`unexpected ${path} page shape`);
    buckets.push(...parsed.data.data);
    if (!parsed.data.has_more || !parsed.data.next_page) return buckets;
    cursor = parsed.data.next_page;
  }
  throw new Error(`${path} returned more than ${MAX_PAGES} pages`);
}

/** What the usage API can group by (of OpenAI's list, the ones the dashboard shows). */
export type UsageGroupBy = "model" | "project_id" | "api_key_id" | "user_id";
/** The costs API groups by these only: no model (its line items name it) and no user. */
export type CostGroupBy = "line_item" | "project_id" | "api_key_id";

export interface OrganizationQuery extends OpenAICredential {
  keyHint: string;
  startTime: number;
  endTime: number;
  /** Only these projects (OpenAI's `project_ids[]` filter); none: the whole organisation. */
  projectIds?: string[];
}

function projectFilter(q: OrganizationQuery): Record<string, string[]> {
  if (!q.projectIds) return {};
  // An empty list would send no filter at all, i.e. read the whole organisation: refuse it.
  if (q.projectIds.length === 0) throw new Error("empty project filter");
  return { project_ids: q.projectIds };
}

export async function fetchCompletionsUsage(
  q: OrganizationQuery & { bucketWidth: "1d" | "1h"; groupBy: UsageGroupBy },
): Promise<UsageBucket[]> {
  try {
    return await allBuckets(
      q,
      "/organization/usage/completions",
      {
        start_time: q.startTime,
        end_time: q.endTime,
        bucket_width: q.bucketWidth,
        group_by: [q.groupBy],
        limit: q.bucketWidth === "1d" ? 31 : 168,
        ...projectFilter(q),
      },
      usageResult,
    );
  } catch (error) {
    throw upstreamError(error, q.keyHint);
  }
}

export async function fetchCosts(q: OrganizationQuery & { groupBy: CostGroupBy }): Promise<CostBucket[]> {
  try {
    return await allBuckets(
      q,
      "/organization/costs",
      { start_time: q.startTime, end_time: q.endTime, bucket_width: "1d", group_by: [q.groupBy], limit: 31, ...projectFilter(q) },
      costResult,
    );
  } catch (error) {
    throw upstreamError(error, q.keyHint);
  }
}

const project = z.object({
  id: z.string(),
  name: z.string().nullish(),
  created_at: z.number(),
  archived_at: z.number().nullish(),
});
const projectPage = z.object({ data: z.array(project), has_more: z.boolean(), last_id: z.string().nullish() });

export interface OpenAIProject {
  id: string;
  /** OpenAI lets a project have no name; the id stands in then. */
  name: string;
  archived: boolean;
}

/** Every project of the organisation, archived ones included (their usage still counts), by name. */
export async function listProjects({ keyHint, ...credential }: OpenAICredential & { keyHint: string }): Promise<OpenAIProject[]> {
  const client = openaiClient(credential);
  const projects: OpenAIProject[] = [];
  let after: string | undefined;
  try {
    for (let i = 0; i < MAX_PAGES; i++) {
      const raw = await withOneRetry(() =>
        client.get("/organization/projects", { query: { limit: 100, include_archived: true, ...(after ? { after } : {}) } }),
      );
      const parsed = projectPage.safeParse(raw);
      if (!parsed.success) throw new Error("unexpected /organization/projects page shape");
      for (const p of parsed.data.data) projects.push({ id: p.id, name: p.name?.trim() || p.id, archived: p.archived_at != null });
      if (!parsed.data.has_more || !parsed.data.last_id) break;
      after = parsed.data.last_id;
    }
  } catch (error) {
    throw upstreamError(error, keyHint);
  }
  return projects.sort((a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name));
}
