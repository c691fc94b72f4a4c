import "server-only";
import type { ChatMessage, Role } from "@/db/schema";
import { runAssistantTool } from "@/lib/assistant/tools";
import { checkSpend } from "@/lib/budgets/spend-check";
import { budgetExceeded } from "@/lib/budgets/exceeded";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { type ResponseInputItem, type StreamedResponse, streamResponse } from "@/lib/openai/responses";
import { workspacePrivacy } from "@/lib/privacy/privacy";
import { getAssistantSettings } from "@/lib/realtime/settings";
import { recordProxyRequest } from "@/lib/spend/record";
import { resolveOpenAIKey } from "@/lib/vault/resolve";
import { chatInstructions, chatModelFor, chatTools, MAX_TOOL_ROUNDS } from "./policy";
import type { ChatMessageBody } from "./schemas";
import type { ChatStreamEvent } from "./events";
import { appendMessages, conversationMessages, createConversation, type NewChatMessage, ownConversation } from "./store";

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

/**
 * Everything that can fail with a plain HTTP error happens here, before the stream starts: the
 * policy, the key, the conversation (the caller's own, or a new one) and the question's row.
 * `run` then streams the answer: model calls, tool calls run on the server with the caller's own
 * access, each turn stored as it completes, each model call priced in the spend ledger.
 */
export async function prepareChatTurn({ caller, body }: { caller: Caller; body: ChatMessageBody }) {
  const settings = await getAssistantSettings(caller.workspaceId);
  const model = chatModelFor(settings.model);
  const key = await resolveOpenAIKey({ workspaceId: caller.workspaceId, userId: caller.userId, provider: "openai" });
  // Privacy mode: no question, answer or tool output is stored, so each question stands alone.
  const { privacy } = await workspacePrivacy({ workspaceId: caller.workspaceId });
  const keep: typeof appendMessages = privacy ? async () => undefined : appendMessages;
  const conversation = body.conversationId
    ? await ownConversation({ ...caller, conversationId: body.conversationId })
    : await createConversation({ ...caller, title: privacy ? PRIVATE_TITLE : body.text, model });
  const input = historyInput(await conversationMessages({ conversationId: conversation.id }));
  input.push({ role: "user", content: body.text });
  await keep({ conversationId: conversation.id, messages: [{ role: "user", content: body.text }] });

  const run = async (emit: (event: ChatStreamEvent) => void, signal: AbortSignal) => {
    emit({ type: "conversation", conversation: { id: conversation.id, title: conversation.title } });
    let answer = "";
    try {
      for (let round = 0; round <= MAX_TOOL_ROUNDS; round++) {
        const response = await priced(caller, model, () =>
          streamResponse({
            ...key,
            model,
            instructions: chatInstructions(settings.instructions),
            input,
            // The last round may not call tools again: it has to answer with what it has.
            tools: round < MAX_TOOL_ROUNDS ? chatTools(settings.enabledTools) : [],
            signal,
            onDelta: (text) => {
              answer += text;
              emit({ type: "delta", text });
            },
          }),
        );
        if (response.calls.length === 0) break;
        const turns: NewChatMessage[] = [];
        for (const call of response.calls) {
          emit({ type: "tool_call", callId: call.callId, name: call.name, arguments: call.arguments });
          const started = Date.now();
          const output = await runAssistantTool({
            caller,
            enabled: settings.enabledTools,
            name: call.name,
            args: parseArguments(call.arguments),
          });
          emit({ type: "tool_result", callId: call.callId, output, durationMs: Date.now() - started });
          input.push({ type: "function_call", call_id: call.callId, name: call.name, arguments: call.arguments });
          input.push({ type: "function_call_output", call_id: call.callId, output });
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
    }
  };
  return { conversation, run };
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
