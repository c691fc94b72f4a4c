"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { type ChatStreamEvent, decodeChatEvents } from "@/lib/chat/events";
import { apiFetch } from "../api/client";
import { ApiError, apiErrorFrom, networkError } from "../api/errors";
import { apiPaths } from "../api/routes";
import { inWorkspace } from "../api/use-api";
import type { ToolCallView } from "../assistant/tool-card";
import type { ApprovalStatus, ApprovalView } from "../connectors/approval-card";

/** One turn as the page shows it: a bubble, a tool card, or a remote tool's approval card. */
export type ChatTurn =
  | { kind: "message"; id: string; role: "user" | "assistant"; text: string }
  | { kind: "tool"; id: string; call: ToolCallView }
  | { kind: "approval"; id: string; approval: ApprovalView; resume: string };

type StreamBody = { text: string } | { approval: { requestId: string; approve: boolean; resume: string } };

export interface ConversationSummary {
  id: string;
  title: string;
  model: string;
  updatedAt: string;
  messages: number;
}

interface StoredMessage {
  id: string;
  role: "user" | "assistant" | "tool";
  content: string;
  toolName: string | null;
  toolCallId: string | null;
  toolArguments: string | null;
  toolOutput: string | null;
}

const toolErrorOf = (output: string): string | undefined => {
  try {
    const parsed = JSON.parse(output);
    return parsed && typeof parsed.error === "string" ? parsed.error : undefined;
  } catch {
    return undefined;
  }
};

const turnOf = (m: StoredMessage): ChatTurn =>
  m.role === "tool"
    ? {
        kind: "tool",
        id: m.id,
        call: {
          callId: m.toolCallId ?? m.id,
          name: m.toolName ?? "",
          arguments: m.toolArguments ?? "",
          startedAt: 0,
          result: m.toolOutput ?? "",
          error: toolErrorOf(m.toolOutput ?? ""),
        },
      }
    : { kind: "message", id: m.id, role: m.role, text: m.content };

/** The conversation in the address bar (?c=…), so that a reload or a shared tab opens it again. */
function showInAddressBar(conversationId: string | null) {
  const url = new URL(window.location.href);
  if (conversationId) url.searchParams.set("c", conversationId);
  else url.searchParams.delete("c");
  window.history.replaceState(null, "", url);
}

/**
 * The Chat page's state: the member's conversations, the open one's turns, and a question's
 * answer streaming in (Server-Sent Events from POST /api/v1/chat/messages).
 */
export function useChat({ workspaceId, initialConversationId }: { workspaceId: string; initialConversationId: string | null }) {
  const [conversations, setConversations] = useState<ConversationSummary[] | null>(null);
  const [conversationId, setConversationId] = useState<string | null>(initialConversationId);
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [streaming, setStreaming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [loading, setLoading] = useState(initialConversationId !== null);
  const [error, setError] = useState<ApiError | null>(null);
  const abort = useRef<AbortController | null>(null);

  const refreshList = useCallback(async () => {
    try {
      const data = await apiFetch<{ conversations: ConversationSummary[] }>(inWorkspace(apiPaths.chatConversations, workspaceId));
      setConversations(data.conversations);
    } catch (err) {
      setConversations([]);
      setError(err instanceof ApiError ? err : networkError());
    }
  }, [workspaceId]);

  const open = useCallback(
    async (id: string | null) => {
      abort.current?.abort();
      setConversationId(id);
      setTurns([]);
      setStreaming(null);
      setError(null);
      showInAddressBar(id);
      if (!id) return;
      setLoading(true);
      try {
        const data = await apiFetch<{ messages: StoredMessage[] }>(inWorkspace(apiPaths.chatConversation(id), workspaceId));
        setTurns(data.messages.map(turnOf));
      } catch (err) {
        setError(err instanceof ApiError ? err : networkError());
      } finally {
        setLoading(false);
      }
    },
    [workspaceId],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per workspace; the open conversation is the initial one
  useEffect(() => {
    void refreshList();
    if (initialConversationId) void open(initialConversationId);
    return () => abort.current?.abort();
  }, [workspaceId]);

  const apply = useCallback((event: ChatStreamEvent) => {
    switch (event.type) {
      case "conversation":
        setConversationId(event.conversation.id);
        showInAddressBar(event.conversation.id);
        return;
      case "delta":
        setStreaming((s) => (s ?? "") + event.text);
        return;
      case "tool_call":
        setTurns((list) => [
          ...list,
          {
            kind: "tool",
            id: event.callId,
            call: { callId: event.callId, name: event.name, arguments: event.arguments, startedAt: Date.now() },
          },
        ]);
        return;
      case "tool_result":
        setTurns((list) =>
          list.map((t) =>
            t.kind === "tool" && t.call.callId === event.callId
              ? { ...t, call: { ...t.call, result: event.output, error: toolErrorOf(event.output), durationMs: event.durationMs } }
              : t,
          ),
        );
        return;
      case "approval":
        setTurns((list) => [
          ...list,
          { kind: "approval", id: event.approval.id, approval: { ...event.approval, status: "pending" }, resume: event.resume },
        ]);
        return;
      case "mcp_call": {
        const result = event.output ?? event.error ?? "";
        const status: ApprovalStatus = event.error ? "failed" : "done";
        setTurns((list) =>
          event.approvalId && list.some((t) => t.kind === "approval" && t.id === event.approvalId)
            ? list.map((t) =>
                t.kind === "approval" && t.id === event.approvalId ? { ...t, approval: { ...t.approval, status, result } } : t,
              )
            : [
                ...list,
                {
                  kind: "tool",
                  id: event.id,
                  call: {
                    callId: event.id,
                    name: `${event.tool} (${event.server})`,
                    arguments: event.arguments,
                    startedAt: 0,
                    result,
                    ...(event.error ? { error: event.error } : {}),
                  },
                },
              ],
        );
        return;
      }
      case "error":
        setError(new ApiError(event.code as ApiError["code"], event.error, event.status));
        return;
      case "done":
        return;
    }
  }, []);

  /** Posts a question or an approval and streams the answer in; false when the post was refused. */
  const stream = useCallback(
    async (body: StreamBody): Promise<boolean> => {
      const controller = new AbortController();
      abort.current = controller;
      setBusy(true);
      setError(null);
      setStreaming("");
      let answer = "";
      let accepted = false;
      try {
        const res = await fetch(inWorkspace(apiPaths.chatMessages, workspaceId), {
          method: "POST",
          signal: controller.signal,
          headers: { accept: "text/event-stream", "content-type": "application/json" },
          body: JSON.stringify({ ...body, ...(conversationId ? { conversationId } : {}) }),
        });
        if (!res.ok || !res.body) {
          const problem = await res.json().catch(() => null);
          throw apiErrorFrom(res.status, problem, res.headers.get("retry-after"));
        }
        accepted = true;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const { events, rest } = decodeChatEvents(buffer + value);
          buffer = rest;
          for (const event of events) {
            if (event.type === "delta") answer += event.text;
            apply(event);
          }
        }
      } catch (err) {
        if (!controller.signal.aborted) setError(err instanceof ApiError ? err : networkError());
      } finally {
        if (abort.current === controller) {
          if (answer) setTurns((list) => [...list, { kind: "message", id: `answer-${Date.now()}`, role: "assistant", text: answer }]);
          setStreaming(null);
          setBusy(false);
          abort.current = null;
          void refreshList();
        }
      }
      return accepted;
    },
    [workspaceId, conversationId, apply, refreshList],
  );

  const send = useCallback(
    async (text: string) => {
      setTurns((list) => [...list, { kind: "message", id: `local-${Date.now()}`, role: "user", text }]);
      await stream({ text });
    },
    [stream],
  );

  /** The member's answer to an approval card: the card shows it at once, and the answer streams on. */
  const decide = useCallback(
    async (requestId: string, approve: boolean) => {
      const card = turns.find((t): t is Extract<ChatTurn, { kind: "approval" }> => t.kind === "approval" && t.id === requestId);
      if (card?.approval.status !== "pending") return;
      const mark = (status: ApprovalStatus) =>
        setTurns((list) =>
          list.map((t) => (t.kind === "approval" && t.id === requestId ? { ...t, approval: { ...t.approval, status } } : t)),
        );
      mark(approve ? "approved" : "denied");
      // Refused (expired, or the network failed): the card asks again.
      if (!(await stream({ approval: { requestId, approve, resume: card.resume } }))) mark("pending");
    },
    [turns, stream],
  );

  const remove = useCallback(
    async (id: string) => {
      try {
        await apiFetch(inWorkspace(apiPaths.chatConversation(id), workspaceId), { method: "DELETE" });
        if (id === conversationId) await open(null);
        await refreshList();
      } catch (err) {
        setError(err instanceof ApiError ? err : networkError());
      }
    },
    [workspaceId, conversationId, open, refreshList],
  );

  return { conversations, conversationId, turns, streaming, busy, loading, error, send, decide, open, remove };
}
