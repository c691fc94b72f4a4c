// What the workspace policy governs in a live session, and how to tell when a session strayed
// from it. Pure, so the comparison is unit-tested without a socket.

/** A function tool (name, description, parameters) or a remote MCP server (server_label, server_url…). */
export interface GovernedTool {
  type: string;
  name?: string;
  description?: string;
  parameters?: unknown;
  server_label?: string;
  server_url?: string;
  allowed_tools?: unknown;
  require_approval?: unknown;
}

export interface GovernedPolicy {
  instructions: string;
  tools: readonly GovernedTool[];
  tool_choice: unknown;
  max_output_tokens?: unknown;
  truncation?: unknown;
  audio: { input?: { turn_detection?: unknown; transcription?: unknown }; output: { voice: string; speed?: unknown } };
}

/** The session.update that restores what drifted, e.g. `{ tools: [...] }`. */
export type PolicyPatch = Partial<Pick<GovernedPolicy, "instructions" | "tools" | "tool_choice" | "max_output_tokens" | "truncation">> & {
  audio?: { input?: Record<string, unknown>; output?: Record<string, unknown> };
};

type Reported = {
  instructions?: unknown;
  tools?: unknown;
  tool_choice?: unknown;
  max_output_tokens?: unknown;
  truncation?: unknown;
  audio?: { input?: Record<string, unknown>; output?: Record<string, unknown> };
};

/** Key order does not matter to JSON Schema; arrays keep their order (e.g. `required`). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Whether the session's value has every field the policy sets (fields the API adds, e.g. VAD defaults, are not judged). */
function covers(policy: unknown, session: unknown): boolean {
  if (policy && typeof policy === "object" && !Array.isArray(policy))
    return (
      !!session &&
      typeof session === "object" &&
      Object.entries(policy).every(([key, value]) => value === undefined || covers(value, (session as Record<string, unknown>)[key]))
    );
  return same(policy, session);
}

const AUDIO_FIELDS = [
  ["input", "turn_detection"],
  ["input", "transcription"],
  ["output", "voice"],
  ["output", "speed"],
] as const;

/**
 * A tool as the policy sees it: what the model is told and, for an MCP server, where it goes and
 * what it may do without asking (fields the API adds, and the authorization it never reports back,
 * are ignored); order-free.
 */
function toolSet(tools: readonly unknown[]): unknown[] {
  return tools
    .map((t) => {
      const { type, name, description, parameters, server_label, server_url, allowed_tools, require_approval } = (t ??
        {}) as Partial<GovernedTool>;
      return { type, name, description, parameters, server_label, server_url, allowed_tools, require_approval };
    })
    .sort((a, b) => String(a.name ?? a.server_label).localeCompare(String(b.name ?? b.server_label)));
}

/**
 * The governed fields of a session (as session.updated reports it) that differ from the policy,
 * as the patch that puts them back; null when the session follows the policy. A field the event
 * leaves out is not judged.
 */
export function policyDrift(session: Reported, policy: GovernedPolicy): PolicyPatch | null {
  const patch: PolicyPatch = {};
  if (session.instructions !== undefined && session.instructions !== policy.instructions) patch.instructions = policy.instructions;
  if (session.tools !== undefined && !(Array.isArray(session.tools) && same(toolSet(session.tools), toolSet(policy.tools))))
    patch.tools = policy.tools;
  if (session.tool_choice !== undefined && !same(session.tool_choice, policy.tool_choice)) patch.tool_choice = policy.tool_choice;
  for (const field of ["max_output_tokens", "truncation"] as const) {
    const wanted = policy[field];
    if (wanted !== undefined && session[field] !== undefined && !covers(wanted, session[field])) patch[field] = wanted;
  }
  for (const [part, field] of AUDIO_FIELDS) {
    const wanted = (policy.audio[part] as Record<string, unknown> | undefined)?.[field];
    const reported = session.audio?.[part]?.[field];
    if (wanted === undefined || reported === undefined || covers(wanted, reported)) continue;
    patch.audio ??= {};
    patch.audio[part] = { ...patch.audio[part], [field]: wanted };
  }
  return Object.keys(patch).length > 0 ? patch : null;
}
