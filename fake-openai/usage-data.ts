/**
 * Deterministic organisation usage and costs. Every number is a pure function of
 * (seed, bucket start, bucket width, model, project) so tests can recompute totals.
 */
export const USAGE_MODELS = ["gpt-realtime", "gpt-realtime-mini", "gpt-4o-mini", "gpt-4.1"] as const;
export const USAGE_PROJECTS = ["proj_fake_alpha", "proj_fake_beta"] as const;

/** The organisation's projects (`GET /v1/organization/projects`): the two with usage, and an archived one without. */
export const PROJECTS = [
  { id: "proj_fake_alpha", name: "Voice assistant", created_at: 1_735_689_600, archived_at: null },
  { id: "proj_fake_beta", name: "Support bot", created_at: 1_738_368_000, archived_at: null },
  { id: "proj_fake_retired", name: "Old prototype", created_at: 1_704_067_200, archived_at: 1_740_787_200 },
] as const;

/** OpenAI users of the organisation; each API key below belongs to one of them. */
export const USAGE_USERS = [
  { id: "user_fake_ada", name: "Ada Lovelace", email: "ada@example.com" },
  { id: "user_fake_grace", name: "Grace Hopper", email: "grace@example.com" },
  { id: "user_fake_linus", name: "Linus Pauling", email: "linus@example.com" },
] as const;

/**
 * Project API keys. A (model, project) usage figure is split between the project's keys in
 * proportion to `share` (integer parts, the remainder to the last key), so any grouping sums to
 * the same totals as `usageFor`. Grace has a key in both projects.
 */
export const USAGE_API_KEYS = [
  { id: "key_fake_alpha_ada", name: "ada-laptop", project_id: "proj_fake_alpha", user_id: "user_fake_ada", share: 3 },
  { id: "key_fake_alpha_grace", name: "grace-ci", project_id: "proj_fake_alpha", user_id: "user_fake_grace", share: 1 },
  { id: "key_fake_beta_grace", name: "grace-bot", project_id: "proj_fake_beta", user_id: "user_fake_grace", share: 2 },
  { id: "key_fake_beta_linus", name: "linus-bot", project_id: "proj_fake_beta", user_id: "user_fake_linus", share: 1 },
] as const;

export interface UsageApiKey {
  id: string;
  name: string;
  project_id: string;
  user_id: string;
  share: number;
}

export interface FakeProject {
  id: string;
  name: string;
  created_at: number;
  archived_at: number | null;
}

/** The organisation the usage and cost endpoints describe: its models, projects (with usage) and their keys. */
export interface UsageDataset {
  models: readonly string[];
  /** Every project, archived ones included; those in `withUsage` have figures. */
  projects: readonly FakeProject[];
  withUsage: readonly string[];
  keys: readonly UsageApiKey[];
}

export const DEFAULT_DATASET: UsageDataset = { models: USAGE_MODELS, projects: PROJECTS, withUsage: USAGE_PROJECTS, keys: USAGE_API_KEYS };

/**
 * A larger organisation for load and render measurements (`--usage-models 20 --usage-projects 10`):
 * the default models and projects first, then `gpt-fake-model-05`… and `proj_fake_03`… ("Team 03",
 * one key each, Ada's). Figures stay a pure function of the seed and the names.
 */
export function scaledDataset(models: number, projects: number): UsageDataset {
  const pad = (n: number) => String(n).padStart(2, "0");
  const extraModels = Array.from({ length: Math.max(0, models - USAGE_MODELS.length) }, (_, i) => `gpt-fake-model-${pad(i + 5)}`);
  const extraProjects = Array.from({ length: Math.max(0, projects - USAGE_PROJECTS.length) }, (_, i) => ({
    id: `proj_fake_${pad(i + 3)}`,
    name: `Team ${pad(i + 3)}`,
    created_at: 1_740_000_000 + i * 86_400,
    archived_at: null,
  }));
  return {
    models: [...USAGE_MODELS.slice(0, Math.max(1, models)), ...extraModels],
    projects: [...PROJECTS, ...extraProjects],
    withUsage: [...USAGE_PROJECTS.slice(0, Math.max(1, projects)), ...extraProjects.map((p) => p.id)],
    keys: [
      ...USAGE_API_KEYS,
      ...extraProjects.map((p) => ({
        id: `key_fake_${p.id.slice(10)}`,
        name: `${p.name} key`,
        project_id: p.id,
        user_id: "user_fake_ada",
        share: 1,
      })),
    ],
  };
}

export const keysOf = (project: string, dataset: UsageDataset = DEFAULT_DATASET): UsageApiKey[] =>
  dataset.keys.filter((k) => k.project_id === project);

/** Splits an integer into parts proportional to `shares`: floors, and the remainder to the last part. */
export function splitInteger(value: number, shares: readonly number[]): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  const parts = shares.map((s) => Math.floor((value * s) / total));
  parts[parts.length - 1]! += value - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** USD per million tokens (input, output), close to public list prices. */
export const PRICES_PER_MILLION: Record<(typeof USAGE_MODELS)[number], { input: number; output: number }> = {
  "gpt-realtime": { input: 4, output: 16 },
  "gpt-realtime-mini": { input: 0.6, output: 2.4 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4.1": { input: 2, output: 8 },
};
/** Models of a scaled dataset beyond the default four. */
const OTHER_MODEL_PRICE = { input: 1, output: 4 };
const priceOf = (model: string) => PRICES_PER_MILLION[model as (typeof USAGE_MODELS)[number]] ?? OTHER_MODEL_PRICE;

export const BUCKET_SECONDS = { "1m": 60, "1h": 3600, "1d": 86400 } as const;
export type BucketWidth = keyof typeof BUCKET_SECONDS;

export interface UsageNumbers {
  input_tokens: number;
  output_tokens: number;
  input_cached_tokens: number;
  input_audio_tokens: number;
  output_audio_tokens: number;
  num_model_requests: number;
}

function hash32(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function rng(seedText: string): () => number {
  let a = hash32(seedText);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = [
  "input_tokens",
  "output_tokens",
  "input_cached_tokens",
  "input_audio_tokens",
  "output_audio_tokens",
  "num_model_requests",
] as const satisfies readonly (keyof UsageNumbers)[];

/** A whole day's usage of one model in one project, as if the day were over. */
function fullDay(seed: number, dayStart: number, model: string, project: string): UsageNumbers {
  const next = rng(`${seed}|${dayStart}|1d|${model}|${project}`);
  const requests = Math.max(1, Math.round((20 + next() * 180) * 10));
  const input = Math.round(requests * (400 + next() * 1600));
  const output = Math.round(requests * (80 + next() * 420));
  const realtime = model.includes("realtime");
  return {
    input_tokens: input,
    output_tokens: output,
    input_cached_tokens: Math.round(input * next() * 0.4),
    input_audio_tokens: realtime ? Math.round(input * (0.3 + next() * 0.4)) : 0,
    output_audio_tokens: realtime ? Math.round(output * (0.4 + next() * 0.4)) : 0,
    num_model_requests: requests,
  };
}

/** Positive weights of the parts of a bucket: busier in the working day for hours, even-ish for minutes. */
function weights(seedText: string, parts: number): number[] {
  const next = rng(seedText);
  return Array.from({ length: parts }, (_, i) => {
    const daytime = parts === 24 && i >= 8 && i < 20 ? 3 : 1;
    return daytime * (50 + Math.floor(next() * 100));
  });
}

const pick = (whole: UsageNumbers, shares: number[], index: number): UsageNumbers =>
  Object.fromEntries(FIELDS.map((f) => [f, splitInteger(whole[f], shares)[index]!])) as unknown as UsageNumbers;

const ZERO: UsageNumbers = {
  input_tokens: 0,
  output_tokens: 0,
  input_cached_tokens: 0,
  input_audio_tokens: 0,
  output_audio_tokens: 0,
  num_model_requests: 0,
};
const add = (a: UsageNumbers, b: UsageNumbers): UsageNumbers =>
  Object.fromEntries(FIELDS.map((f) => [f, a[f] + b[f]])) as unknown as UsageNumbers;

/**
 * Usage of one model in one project during one bucket. A day's figure is split between its 24
 * hours, and an hour's between its 60 minutes (integer parts), so hourly buckets sum to the daily
 * ones. Nothing happens in the future: a bucket that has not started is zero, and today's daily
 * bucket is the sum of the hours that have started by `now` (unix seconds).
 */
export function usageFor(
  seed: number,
  bucketStart: number,
  width: BucketWidth,
  model: string,
  project: string,
  now = Math.floor(Date.now() / 1000),
): UsageNumbers {
  if (bucketStart > now) return ZERO;
  const day = alignToBucket(bucketStart, "1d");
  if (width === "1d") {
    if (day + 86400 <= now) return fullDay(seed, day, model, project);
    let sum = ZERO;
    for (let hour = day; hour <= now; hour += 3600) sum = add(sum, usageFor(seed, hour, "1h", model, project, now));
    return sum;
  }
  const hourShares = weights(`${seed}|${day}|hours|${model}|${project}`, 24);
  const hourStart = alignToBucket(bucketStart, "1h");
  const hour = pick(fullDay(seed, day, model, project), hourShares, (hourStart - day) / 3600);
  if (width === "1h") return hour;
  return pick(hour, weights(`${seed}|${hourStart}|minutes|${model}|${project}`, 60), (bucketStart - hourStart) / 60);
}

/** One (model, project) figure split between the project's API keys: the parts sum to `usageFor`'s. */
export function usageByKey(
  seed: number,
  bucketStart: number,
  width: BucketWidth,
  model: string,
  project: string,
  dataset: UsageDataset = DEFAULT_DATASET,
): { key: UsageApiKey; usage: UsageNumbers }[] {
  const whole = usageFor(seed, bucketStart, width, model, project);
  const keys = keysOf(project, dataset);
  const shares = keys.map((k) => k.share);
  const split = Object.fromEntries(Object.entries(whole).map(([field, value]) => [field, splitInteger(value, shares)])) as Record<
    keyof UsageNumbers,
    number[]
  >;
  return keys.map((key, i) => ({
    key,
    usage: Object.fromEntries(Object.entries(split).map(([field, parts]) => [field, parts[i]!])) as unknown as UsageNumbers,
  }));
}

export interface CostLine {
  line_item: string;
  project_id: string;
  value: number;
}

/** Cost lines of one project for one day: an input and an output line per model, rounded to 1e-6 USD. */
export function costLinesFor(seed: number, dayStart: number, project: string, dataset: UsageDataset = DEFAULT_DATASET): CostLine[] {
  return dataset.models.flatMap((model) => {
    const usage = usageFor(seed, dayStart, "1d", model, project);
    const price = priceOf(model);
    const round = (v: number) => Math.round(v * 1e6) / 1e6;
    return [
      { line_item: `${model}, input`, project_id: project, value: round((usage.input_tokens * price.input) / 1e6) },
      { line_item: `${model}, output`, project_id: project, value: round((usage.output_tokens * price.output) / 1e6) },
    ];
  });
}

/** A cost line split between the project's API keys in whole micro-dollars; the parts sum to the line's value. */
export function splitCostLine(line: CostLine, dataset: UsageDataset = DEFAULT_DATASET): { key: UsageApiKey; value: number }[] {
  const keys = keysOf(line.project_id, dataset);
  const micros = splitInteger(
    Math.round(line.value * 1e6),
    keys.map((k) => k.share),
  );
  return keys.map((key, i) => ({ key, value: micros[i]! / 1e6 }));
}

export function alignToBucket(time: number, width: BucketWidth): number {
  const size = BUCKET_SECONDS[width];
  return Math.floor(time / size) * size;
}
