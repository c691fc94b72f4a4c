import { openAIError, randomId, sendError, sendJson, sleep } from "../http-util";
import { argumentsFor, pickTool } from "../realtime/brain";
import { publicTool } from "../realtime/mcp";
import type { RealtimeTool } from "../realtime/session-config";
import { summariseToolOutput } from "../realtime/summary";
import { lastUserText, readRequest, replyFor, STREAM_STEP_MS, startSse, tokens, wordDeltas } from "./chat";
import type { RouteContext } from "./context";
import { McpRequestError, mcpTools, mcpTurn, type OutputItem } from "./responses-mcp";

// POST /v1/responses: a message, or a function call when the last user message asks for one of
// the declared function tools (the Realtime brain's choice); after a function_call_output, a
// sentence summarising it. Remote `mcp` tools as in responses-mcp.ts. The caller sends the whole
// input, or names a stored response (`previous_response_id`; stored unless `store: false`).

type InputItem = Record<string, unknown> & { type?: unknown; role?: unknown; call_id?: unknown; name?: unknown; output?: unknown };
type Final = { kind: "text"; text: string } | { kind: "call"; name: string; arguments: string };

function checkedTools(tools: unknown): RealtimeTool[] | string {
  if (tools === undefined) return [];
  if (!Array.isArray(tools)) return "Invalid type for 'tools': expected an array.";
  for (const [i, tool] of tools.entries()) {
    const t = tool as { type?: unknown; name?: unknown; parameters?: unknown };
    if (t?.type !== "function") continue;
    if (typeof t.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.name)) return `Invalid 'tools[${i}].name'.`;
    if (t.parameters !== undefined && (typeof t.parameters !== "object" || t.parameters === null))
      return `Invalid type for 'tools[${i}].parameters': expected an object.`;
  }
  return tools as RealtimeTool[];
}

function decideFinal(items: InputItem[], tools: RealtimeTool[], toolChoice: unknown): Final {
  const last = items.at(-1);
  if (last?.type === "function_call_output") {
    const call = items.find((i) => i.type === "function_call" && i.call_id === last.call_id);
    const output = typeof last.output === "string" ? last.output : JSON.stringify(last.output ?? "");
    return { kind: "text", text: summariseToolOutput(output, typeof call?.name === "string" ? call.name : undefined) };
  }
  const prompt = lastUserText(items);
  const functions = tools.filter((t) => t.type === "function");
  const tool = toolChoice === "none" ? undefined : pickTool(prompt, functions);
  if (tool?.name) return { kind: "call", name: tool.name, arguments: JSON.stringify(argumentsFor(tool.parameters)) };
  return { kind: "text", text: replyFor(prompt) };
}

const asItems = (input: unknown): InputItem[] =>
  typeof input === "string" ? [{ role: "user", content: input }] : ((Array.isArray(input) ? input : []) as InputItem[]);

const finalItem = (final: Final, ids: { id: string; callId: string }, status: string, text: string): OutputItem =>
  final.kind === "call"
    ? { id: ids.id, type: "function_call", status, call_id: ids.callId, name: final.name, arguments: text }
    : {
        id: ids.id,
        type: "message",
        role: "assistant",
        status,
        content: status === "in_progress" ? [] : [{ type: "output_text", text, annotations: [], logprobs: [] }],
      };

export async function responses(ctx: RouteContext) {
  const body = readRequest(ctx, "input");
  if (!body) return;
  const raw = body as { tools?: unknown; tool_choice?: unknown; instructions?: unknown; previous_response_id?: unknown; store?: unknown };
  const tools = checkedTools(raw.tools);
  if (typeof tools === "string") {
    sendError(ctx.res, 400, openAIError(tools, "invalid_request_error", "tools", "invalid_value"));
    return;
  }
  const previous =
    typeof raw.previous_response_id === "string"
      ? (ctx.state.responses.get(raw.previous_response_id) as InputItem[] | undefined)
      : undefined;
  if (raw.previous_response_id !== undefined && !previous) {
    const message = `Previous response with id '${String(raw.previous_response_id)}' not found.`;
    sendError(ctx.res, 400, openAIError(message, "invalid_request_error", "previous_response_id", "previous_response_not_found"));
    return;
  }
  const input = asItems(body.input);
  const items = [...(previous ?? []), ...input];
  let mcp: Awaited<ReturnType<typeof mcpTurn>>;
  try {
    mcp = await mcpTurn(items, mcpTools(tools), raw.tool_choice);
  } catch (error) {
    if (!(error instanceof McpRequestError)) throw error;
    sendError(ctx.res, 400, openAIError(error.message, "invalid_request_error", error.param, error.code));
    return;
  }
  const final: Final | null =
    mcp.text === null ? null : mcp.text === undefined ? decideFinal(items, tools, raw.tool_choice) : { kind: "text", text: mcp.text };
  const finalText = final === null ? "" : final.kind === "text" ? final.text : final.arguments;
  const ids = { id: randomId(final?.kind === "call" ? "fc_" : "msg_", 24), callId: randomId("call_", 24) };
  const output = [...mcp.items, ...(final ? [finalItem(final, ids, "completed", finalText)] : [])];

  const id = randomId("resp_", 24);
  const prompt = typeof body.input === "string" ? body.input : JSON.stringify(body.input);
  const generated = finalText + mcp.items.map((i) => JSON.stringify(i)).join("");
  const base = {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    model: body.model,
    error: null,
    incomplete_details: null,
    instructions: typeof raw.instructions === "string" ? raw.instructions : null,
    previous_response_id: previous ? raw.previous_response_id : null,
    tools: tools.map((t) => (t.type === "function" ? { strict: true, ...t } : publicTool(t))),
    tool_choice: raw.tool_choice ?? "auto",
    parallel_tool_calls: true,
    metadata: {},
    temperature: 1,
    top_p: 1,
  };
  const done = {
    ...base,
    status: "completed",
    output,
    output_text: final?.kind === "text" ? final.text : "",
    usage: {
      input_tokens: tokens(prompt),
      output_tokens: tokens(generated),
      total_tokens: tokens(prompt) + tokens(generated),
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens_details: { reasoning_tokens: 0 },
    },
  };
  if (raw.store !== false) ctx.state.storeResponse(id, [...items, ...output]);
  if (body.stream !== true) {
    sendJson(ctx.res, 200, done);
    return;
  }
  startSse(ctx);
  let sequence = 0;
  const send = (type: string, data: object) =>
    ctx.res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`);
  const step = ctx.streamStepMs ?? STREAM_STEP_MS;
  send("response.created", { response: { ...base, status: "in_progress", output: [] } });
  send("response.in_progress", { response: { ...base, status: "in_progress", output: [] } });
  for (const [index, item] of mcp.items.entries()) {
    const at = { item_id: item.id, output_index: index };
    send("response.output_item.added", { output_index: index, item: addedItem(item) });
    await sleep(step);
    if (item.type === "mcp_list_tools") {
      send("response.mcp_list_tools.in_progress", at);
      send(item.error ? "response.mcp_list_tools.failed" : "response.mcp_list_tools.completed", at);
    } else if (item.type === "mcp_call") {
      send("response.mcp_call_arguments.delta", { ...at, delta: item.arguments });
      send("response.mcp_call_arguments.done", { ...at, arguments: item.arguments });
      send("response.mcp_call.in_progress", at);
      send(item.error ? "response.mcp_call.failed" : "response.mcp_call.completed", at);
    }
    send("response.output_item.done", { output_index: index, item });
  }
  if (final) {
    const index = mcp.items.length;
    const at = { item_id: ids.id, output_index: index };
    send("response.output_item.added", { output_index: index, item: finalItem(final, ids, "in_progress", "") });
    if (final.kind === "call") {
      await sleep(step);
      send("response.function_call_arguments.delta", { ...at, delta: final.arguments });
      send("response.function_call_arguments.done", { ...at, name: final.name, arguments: final.arguments });
    } else {
      const part = (text: string) => ({ type: "output_text", text, annotations: [], logprobs: [] });
      send("response.content_part.added", { ...at, content_index: 0, part: part("") });
      for (const delta of wordDeltas(final.text)) {
        await sleep(step);
        send("response.output_text.delta", { ...at, content_index: 0, delta, logprobs: [] });
      }
      send("response.output_text.done", { ...at, content_index: 0, text: final.text, logprobs: [] });
      send("response.content_part.done", { ...at, content_index: 0, part: part(final.text) });
    }
    send("response.output_item.done", { output_index: index, item: finalItem(final, ids, "completed", finalText) });
  }
  send("response.completed", { response: done });
  ctx.res.end();
}

/** An output item as `response.output_item.added` shows it: before its result is in. */
function addedItem(item: OutputItem): OutputItem {
  if (item.type === "mcp_list_tools") return { ...item, tools: [] };
  if (item.type === "mcp_call") return { ...item, status: "in_progress", arguments: "", output: null, error: null };
  return item;
}
