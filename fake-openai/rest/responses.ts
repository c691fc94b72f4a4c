import { openAIError, randomId, sendError, sendJson, sleep } from "../http-util";
import { argumentsFor, pickTool } from "../realtime/brain";
import type { RealtimeTool } from "../realtime/session-config";
import { summariseToolOutput } from "../realtime/summary";
import { lastUserText, readRequest, replyFor, STREAM_STEP_MS, startSse, tokens, wordDeltas } from "./chat";
import type { RouteContext } from "./context";

// POST /v1/responses: a message, or a function call when the last user message asks for one of
// the declared function tools (the Realtime brain's choice); after a function_call_output, a
// sentence summarising it. Stateless (`store` is ignored): the caller sends the whole input.

type InputItem = { type?: unknown; role?: unknown; call_id?: unknown; name?: unknown; output?: unknown };
type Output = { kind: "text"; text: string } | { kind: "call"; name: string; arguments: string };

function functionTools(tools: unknown): RealtimeTool[] | string {
  if (tools === undefined) return [];
  if (!Array.isArray(tools)) return "Invalid type for 'tools': expected an array.";
  for (const [i, tool] of tools.entries()) {
    const t = tool as { type?: unknown; name?: unknown; parameters?: unknown };
    if (t?.type !== "function") continue;
    if (typeof t.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.name)) return `Invalid 'tools[${i}].name'.`;
    if (t.parameters !== undefined && (typeof t.parameters !== "object" || t.parameters === null))
      return `Invalid type for 'tools[${i}].parameters': expected an object.`;
  }
  return tools.filter((t) => t?.type === "function") as RealtimeTool[];
}

function decideOutput(input: unknown, tools: RealtimeTool[], toolChoice: unknown): Output {
  if (typeof input === "string") return choose(input, tools, toolChoice);
  const items = (Array.isArray(input) ? input : []) as InputItem[];
  const last = items.at(-1);
  if (last?.type === "function_call_output") {
    const call = items.find((i) => i.type === "function_call" && i.call_id === last.call_id);
    const output = typeof last.output === "string" ? last.output : JSON.stringify(last.output ?? "");
    return { kind: "text", text: summariseToolOutput(output, typeof call?.name === "string" ? call.name : undefined) };
  }
  return choose(lastUserText(items), tools, toolChoice);
}

function choose(prompt: string, tools: RealtimeTool[], toolChoice: unknown): Output {
  const tool = toolChoice === "none" ? undefined : pickTool(prompt, tools);
  if (tool?.name) return { kind: "call", name: tool.name, arguments: JSON.stringify(argumentsFor(tool.parameters)) };
  return { kind: "text", text: replyFor(prompt) };
}

export async function responses(ctx: RouteContext) {
  const body = readRequest(ctx, "input");
  if (!body) return;
  const raw = body as { tools?: unknown; tool_choice?: unknown; instructions?: unknown };
  const tools = functionTools(raw.tools);
  if (typeof tools === "string") {
    sendError(ctx.res, 400, openAIError(tools, "invalid_request_error", "tools", "invalid_value"));
    return;
  }
  const prompt = typeof body.input === "string" ? body.input : JSON.stringify(body.input);
  const out = decideOutput(body.input, tools, raw.tool_choice);
  const id = randomId("resp_", 24);
  const itemId = randomId(out.kind === "call" ? "fc_" : "msg_", 24);
  const callId = randomId("call_", 24);
  const outputText = out.kind === "text" ? out.text : out.arguments;
  const base = {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    model: body.model,
    error: null,
    incomplete_details: null,
    instructions: typeof raw.instructions === "string" ? raw.instructions : null,
    tools: tools.map((t) => ({ strict: true, ...t })),
    tool_choice: raw.tool_choice ?? "auto",
    parallel_tool_calls: true,
    metadata: {},
    temperature: 1,
    top_p: 1,
  };
  const item = (status: string, text: string) =>
    out.kind === "call"
      ? { id: itemId, type: "function_call", status, call_id: callId, name: out.name, arguments: text }
      : {
          id: itemId,
          type: "message",
          role: "assistant",
          status,
          content: status === "in_progress" ? [] : [{ type: "output_text", text, annotations: [], logprobs: [] }],
        };
  const done = {
    ...base,
    status: "completed",
    output: [item("completed", outputText)],
    output_text: out.kind === "text" ? out.text : "",
    usage: {
      input_tokens: tokens(prompt),
      output_tokens: tokens(outputText),
      total_tokens: tokens(prompt) + tokens(outputText),
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens_details: { reasoning_tokens: 0 },
    },
  };
  if (body.stream !== true) {
    sendJson(ctx.res, 200, done);
    return;
  }
  startSse(ctx);
  let sequence = 0;
  const send = (type: string, data: object) =>
    ctx.res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`);
  const at = { item_id: itemId, output_index: 0 };
  const step = ctx.streamStepMs ?? STREAM_STEP_MS;
  send("response.created", { response: { ...base, status: "in_progress", output: [] } });
  send("response.in_progress", { response: { ...base, status: "in_progress", output: [] } });
  send("response.output_item.added", { output_index: 0, item: item("in_progress", "") });
  if (out.kind === "call") {
    await sleep(step);
    send("response.function_call_arguments.delta", { ...at, delta: out.arguments });
    send("response.function_call_arguments.done", { ...at, name: out.name, arguments: out.arguments });
  } else {
    const part = (text: string) => ({ type: "output_text", text, annotations: [], logprobs: [] });
    send("response.content_part.added", { ...at, content_index: 0, part: part("") });
    for (const delta of wordDeltas(out.text)) {
      await sleep(step);
      send("response.output_text.delta", { ...at, content_index: 0, delta, logprobs: [] });
    }
    send("response.output_text.done", { ...at, content_index: 0, text: out.text, logprobs: [] });
    send("response.content_part.done", { ...at, content_index: 0, part: part(out.text) });
  }
  send("response.output_item.done", { output_index: 0, item: item("completed", outputText) });
  send("response.completed", { response: done });
  ctx.res.end();
}
