import "server-only";
import type { ChatMessage, Role } from "@/db/schema";
import { runAssistantTool } from "@/lib/assistant/tools";
import { checkSpend } from "@/lib/budgets/spend-check";
import { budgetExceeded } from "@/lib/budgets/exceeded";
import { AppError, conflict } from "@/lib/errors";
import { log } from "@/lib/log";
import { McpCallAuditor } from "@/lib/connectors/call-audit";
import { mcpToolsFor } from "@/lib/connectors/tools";
import { type McpOutputItem, type ResponseInputItem, type StreamedResponse, streamResponse } from "@/lib/openai/responses";
import { workspacePrivacy } from "@/lib/privacy/privacy";
import { getAssistantSettings } from "@/lib/realtime/settings";
import { recordProxyRequest } from "@/lib/spend/record";
import { resolveOpenAIKey } from "@/lib/vault/resolve";
import { chatInstructions, chatModelFor, chatTools, MAX_TOOL_ROUNDS } from "./policy";
import type { ChatStreamEvent } from "./events";
import { openPausedTurn, sealPausedTurn } from "./paused";
import { appendMessages, claimApproval, conversationMessages, createConversation, type NewChatMessage, ownConversation } from "./store";

/** How a conversation held in privacy mode is listed: its first question is not kept either. */
export const PRIVATE_TITLE = "Private conversation (privacy mode: not kept)";

/** The spend ledger's name for the Responses calls of the Chat page. */
export const CHAT_LEDGER_ROUTE = "chat_responses";

interface Caller {
  workspaceId: string;
  userId: string;
  role: Role;
}

/** The stored turns as the Responses API reads them: a tool turn is the call and its output. */
export function historyInput(messages: ChatMessage[]): ResponseInputItem[] {
  return messages.flatMap((m): ResponseInputItem[] => {
    if (m.role !== "tool") return [{ role: m.role, content: m.content }];
    const callId = m.toolCallId ?? m.id;
    return [
      { type: "function_call", call_id: callId, name: m.toolName ?? "", arguments: m.toolArguments ?? "{}" },
      { type: "function_call_output", call_id: callId, output: m.toolOutput ?? "" },
    ];
  });
}

function parseArguments(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw || "{}");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

type Emit = (event: ChatStreamEvent) => void;

/** The sealed resume token rides in the approval's request body, which is capped at 64 KiB. */
const MAX_RESUME_CHARS = 48_000;

/** What every round of a turn needs: the policy, the key, the conversation and its storage, the tools. */
async function turnContext(caller: Caller, conversationId: string | undefined, title: string) {
  const settings = await getAssistantSettings(caller.workspaceId);
  const model = chatModelFor(settings.model);
  const key = await resolveOpenAIKey({ workspaceId: caller.workspaceId, userId: caller.userId, provider: "openai" });
  // Privacy mode: no question, answer or tool output is stored, so each question stands alone.
  const { privacy } = await workspacePrivacy({ workspaceId: caller.workspaceId });
  const keep: typeof appendMessages = privacy ? async () => undefined : appendMessages;
  const conversation = conversationId
    ? await ownConversation({ ...caller, conversationId })
    : await createConversation({ ...caller, title: privacy ? PRIVATE_TITLE : title, model });
  // The workspace's remote MCP servers, as on a relayed voice call; each call is audited alike.
  const tools = [...chatTools(settings.enabledTools), ...(await mcpToolsFor({ workspaceId: caller.workspaceId }))];
  const auditor = new McpCallAuditor({ workspaceId: caller.workspaceId, callerUserId: caller.userId });
  const history = historyInput(await conversationMessages({ conversationId: conversation.id }));
  return { caller, settings, model, key, privacy, keep, conversation, tools, auditor, history };
}
type TurnContext = Awaited<ReturnType<typeof turnContext>>;

/**
 * Everything that can fail with a plain HTTP error happens here, before the stream starts: the
 * policy, the key, the conversation (the caller's own, or a new one) and the question's row.
 * `run` then streams the answer: model calls, tool calls run on the server with the caller's own
 * access, each turn stored as it completes, each model call priced in the spend ledger.
 */
export async function prepareChatTurn({ caller, body }: { caller: Caller; body: { conversationId?: string; text: string } }) {
  const ctx = await turnContext(caller, body.conversationId, body.text);
  const question: ResponseInputItem = { role: "user", content: body.text };
  await ctx.keep({ conversationId: ctx.conversation.id, messages: [{ role: "user", content: body.text }] });
  return { conversation: ctx.conversation, run: runner(ctx, [...ctx.history, question], ctx.privacy ? [question] : []) };
}

/**
 * The member's answer to an approval card: the paused turn (sealed for this member, conversation
 * and request) goes back to the model with the mcp_approval_response, and the answer streams on.
 * A denial is audited here; an approved call when the model makes it.
 */
export async function prepareChatApproval({
  caller,
  body,
}: {
  caller: Caller;
  body: { conversationId: string; approval: { requestId: string; approve: boolean; resume: string } };
}) {
  const ctx = await turnContext(caller, body.conversationId, "");
  const { requestId, approve, resume } = body.approval;
  const paused = openPausedTurn({ ...caller, conversationId: ctx.conversation.id, requestId, resume });
  if (!(await claimApproval({ workspaceId: caller.workspaceId, requestId: paused.request.id })))
    throw conflict("This approval was already answered; the tool does not run twice. Ask again to run it again.");
  const answer: ResponseInputItem = { type: "mcp_approval_response", approval_request_id: paused.request.id, approve };
  await ctx.auditor.event({ type: "response.output_item.done", item: paused.request });
  await ctx.auditor.event({ type: "conversation.item.added", item: { ...answer, id: crypto.randomUUID() } });
  const carried = [...paused.carried, answer];
  return { conversation: ctx.conversation, run: runner(ctx, [...ctx.history, ...carried], carried) };
}

/**
 * Streams a turn's rounds. `carried` collects this turn's input items that the stored history
 * will not hold (everything in privacy mode; MCP items always): what a paused turn takes along.
 */
function runner(ctx: TurnContext, input: ResponseInputItem[], carried: ResponseInputItem[]) {
  const { caller, conversation, keep } = ctx;
  const carry = (...items: ResponseInputItem[]) => {
    input.push(...items);
    if (ctx.privacy) carried.push(...items);
  };
  return async (emit: Emit, signal: AbortSignal) => {
    emit({ type: "conversation", conversation: { id: conversation.id, title: conversation.title } });
    let answer = "";
    const audits: Array<Promise<void>> = [];
    try {
      for (let round = 0; round <= MAX_TOOL_ROUNDS; round++) {
        const response = await priced(caller, ctx.model, () =>
          streamResponse({
            ...ctx.key,
            model: ctx.model,
            instructions: chatInstructions(ctx.settings.instructions),
            input,
            // The last round may not call tools again: it has to answer with what it has.
            tools: round < MAX_TOOL_ROUNDS ? ctx.tools : [],
            signal,
            onDelta: (text) => {
              answer += text;
              emit({ type: "delta", text });
            },
            onMcpItem: (item) => {
              const audit = ctx.auditor.event({ type: "response.output_item.done", item });
              if (audit) audits.push(audit);
              if (item.type === "mcp_call") emit(mcpCallEvent(item));
            },
          }),
        );
        // One approval at a time: further requests of the same response are left out (never sent, never run).
        const request = response.mcp.find((i) => i.type === "mcp_approval_request");
        const mcp = response.mcp.filter((i) => i.type === "mcp_call" || i === request);
        input.push(...mcp);
        carried.push(...mcp);
        if (request && response.calls.length === 0) {
          if (answer) carry({ role: "assistant", content: answer });
          return await pause(ctx, emit, request, carried, answer);
        }
        if (response.calls.length === 0) break;
        const turns: NewChatMessage[] = [];
        for (const call of response.calls) {
          emit({ type: "tool_call", callId: call.callId, name: call.name, arguments: call.arguments });
          const started = Date.now();
          const output = await runAssistantTool({
            caller,
            enabled: ctx.settings.enabledTools,
            name: call.name,
            args: parseArguments(call.arguments),
          });
          emit({ type: "tool_result", callId: call.callId, output, durationMs: Date.now() - started });
          carry(
            { type: "function_call", call_id: call.callId, name: call.name, arguments: call.arguments },
            { type: "function_call_output", call_id: call.callId, output },
          );
          turns.push({
            role: "tool",
            content: "",
            toolName: call.name,
            toolCallId: call.callId,
            toolArguments: call.arguments,
            toolOutput: output,
          });
        }
        await keep({ conversationId: conversation.id, messages: turns });
      }
      if (answer) await keep({ conversationId: conversation.id, messages: [{ role: "assistant", content: answer }] });
      emit({ type: "done" });
    } catch (error) {
      // A reader who left keeps what was said so far; anyone else is told what went wrong.
      if (answer) await keep({ conversationId: conversation.id, messages: [{ role: "assistant", content: answer }] });
      if (signal.aborted) return;
      const known = error instanceof AppError ? error : null;
      if (!known) log("error", "chat_turn_failed", { workspaceId: caller.workspaceId, cause: String(error) });
      emit({
        type: "error",
        error: known?.message ?? "The assistant failed on the server. Try again.",
        code: known?.code ?? "internal_error",
        status: known?.status ?? 500,
      });
    } finally {
      await Promise.all(audits);
    }
  };
}

const mcpCallEvent = (item: McpOutputItem): ChatStreamEvent => ({
  type: "mcp_call",
  id: item.id,
  approvalId: item.approval_request_id ?? null,
  server: item.server_label,
  tool: item.name,
  arguments: item.arguments,
  output: item.output ?? null,
  error: item.error ? (item.error.message ?? item.error.type ?? "The tool failed.") : null,
});

/** The turn stops at an approval request: the card goes to the page with the sealed turn to resume. */
async function pause(ctx: TurnContext, emit: Emit, request: McpOutputItem, carried: ResponseInputItem[], answer: string) {
  if (answer) await ctx.keep({ conversationId: ctx.conversation.id, messages: [{ role: "assistant", content: answer }] });
  const resume = sealPausedTurn({ ...ctx.caller, conversationId: ctx.conversation.id, turn: { request, carried } });
  if (resume.length > MAX_RESUME_CHARS)
    throw new AppError("bad_request", "This answer is too long to pause for an approval. Ask a shorter question.");
  emit({
    type: "approval",
    approval: { id: request.id, server: request.server_label, tool: request.name, arguments: request.arguments },
    resume,
  });
  emit({ type: "done" });
}

/**
 * One model call with its ledger row (member, model, tokens, estimated cost) and the budgets'
 * check: a budget reached mid-answer stops the next round, as a spent budget stops a voice call.
 */
async function priced(caller: Caller, model: string, call: () => Promise<StreamedResponse>): Promise<StreamedResponse> {
  const who = { workspaceId: caller.workspaceId, userId: caller.userId, route: CHAT_LEDGER_ROUTE, model };
  let response: StreamedResponse;
  try {
    response = await call();
  } catch (error) {
    await recordProxyRequest({ ...who, status: error instanceof AppError ? error.status : 500 }).catch(() => undefined);
    throw error;
  }
  const totals = await recordProxyRequest({ ...who, status: 200, usage: response.usage });
  const { reached, alerts } = await checkSpend({ totals });
  alerts.catch((cause: unknown) => log("warn", "chat_budget_alert_failed", { cause: String(cause) }));
  if (reached && response.calls.length > 0) throw budgetExceeded({ reached, at: new Date() });
  return response;
}
