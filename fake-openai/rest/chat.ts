import { invalidJsonError, openAIError, parseJsonBody, randomId, sendError, sendJson, sleep } from "../http-util";
import { isKnownModel } from "../models";
import type { RouteContext } from "./context";

export const STREAM_STEP_MS = 10;

export function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return "";
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: string; content?: unknown };
    if (m?.role !== "user") continue;
    if (typeof m.content === "string") return m.content;
    if (Array.isArray(m.content)) {
      return m.content
        .map((part: { text?: unknown }) => (typeof part?.text === "string" ? part.text : ""))
        .join(" ")
        .trim();
    }
  }
  return "";
}

export const replyFor = (text: string) => (text ? `You said: ${text}` : "Hello from fake-openai.");

export const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/** Splits a reply into word-sized deltas that join back to the exact text. */
export const wordDeltas = (text: string) => text.match(/\S+\s*/g) ?? [text];

export type Body = { model?: unknown; messages?: unknown; input?: unknown; stream?: unknown; stream_options?: unknown };

export function readRequest(ctx: RouteContext, inputField: "messages" | "input"): Body | undefined {
  let body: Body;
  try {
    body = (parseJsonBody(ctx.body) ?? {}) as Body;
  } catch {
    sendError(ctx.res, 400, invalidJsonError());
    return undefined;
  }
  if (typeof body.model !== "string") {
    sendError(ctx.res, 400, openAIError("you must provide a model parameter", "invalid_request_error", "model", null));
    return undefined;
  }
  if (!isKnownModel(body.model)) {
    sendError(
      ctx.res,
      404,
      openAIError(
        `The model \`${body.model}\` does not exist or you do not have access to it.`,
        "invalid_request_error",
        null,
        "model_not_found",
      ),
    );
    return undefined;
  }
  if (body[inputField] === undefined) {
    sendError(
      ctx.res,
      400,
      openAIError(`Missing required parameter: '${inputField}'.`, "invalid_request_error", inputField, "missing_required_parameter"),
    );
    return undefined;
  }
  return body;
}

export function startSse(ctx: RouteContext) {
  ctx.res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
}

export async function chatCompletions(ctx: RouteContext) {
  const body = readRequest(ctx, "messages");
  if (!body) return;
  const prompt = lastUserText(body.messages);
  const text = replyFor(prompt);
  const id = randomId("chatcmpl-", 24);
  const created = Math.floor(Date.now() / 1000);
  const model = body.model as string;
  const usage = { prompt_tokens: tokens(prompt), completion_tokens: tokens(text), total_tokens: tokens(prompt) + tokens(text) };
  if (body.stream !== true) {
    sendJson(ctx.res, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, finish_reason: "stop", logprobs: null }],
      usage,
    });
    return;
  }
  startSse(ctx);
  const chunk = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
  ctx.res.write(chunk({ role: "assistant", content: "" }, null));
  for (const delta of wordDeltas(text)) {
    await sleep(STREAM_STEP_MS);
    ctx.res.write(chunk({ content: delta }, null));
  }
  ctx.res.write(chunk({}, "stop"));
  if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
    ctx.res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage })}\n\n`);
  }
  ctx.res.end("data: [DONE]\n\n");
}
