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
  audio: { output: { voice: string } };
}

/** The session.update that restores what drifted, e.g. `{ tools: [...] }`. */
export type PolicyPatch = Partial<Pick<GovernedPolicy, "instructions" | "tools" | "tool_choice">> & {
  audio?: { output: { voice: string } };
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
export function policyDrift(
  session: { instructions?: unknown; tools?: unknown; tool_choice?: unknown; audio?: { output?: { voice?: unknown } } },
  policy: GovernedPolicy,
): PolicyPatch | null {
  const patch: PolicyPatch = {};
  if (session.instructions !== undefined && session.instructions !== policy.instructions) patch.instructions = policy.instructions;
  if (session.tools !== undefined && !(Array.isArray(session.tools) && same(toolSet(session.tools), toolSet(policy.tools))))
    patch.tools = policy.tools;
  if (session.tool_choice !== undefined && !same(session.tool_choice, policy.tool_choice)) patch.tool_choice = policy.tool_choice;
  const voice = session.audio?.output?.voice;
  if (voice !== undefined && voice !== policy.audio.output.voice) patch.audio = { output: { voice: policy.audio.output.voice } };
  return Object.keys(patch).length > 0 ? patch : null;
}
