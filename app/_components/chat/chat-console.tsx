"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { MAX_CHAT_MESSAGE_CHARS } from "@/lib/chat/limits";
import { needsKeySetup } from "../api/errors";
import { ToolCard } from "../assistant/tool-card";
import { ApprovalCard } from "../connectors/approval-card";
import { useConfirm } from "../ui/confirm-dialog";
import { type ChatTurn, type ConversationSummary, useChat } from "./use-chat";

const BUBBLE = "max-w-[85%] min-w-0 rounded-2xl px-3.5 py-2 text-sm whitespace-pre-wrap [overflow-wrap:anywhere]";
const when = (iso: string) => new Date(iso).toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

function Turn({ turn, onDecide }: { turn: ChatTurn; onDecide(requestId: string, approve: boolean): void }) {
  if (turn.kind === "tool") return <ToolCard call={turn.call} />;
  if (turn.kind === "approval") return <ApprovalCard approval={turn.approval} onDecide={(approve) => onDecide(turn.id, approve)} />;
  const user = turn.role === "user";
  return (
    <div className={`flex ${user ? "justify-end" : "justify-start"}`}>
      <p
        data-role={turn.role}
        className={`${BUBBLE} ${user ? "bg-indigo-600 text-white" : "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"}`}
      >
        <span className="sr-only">{user ? "You: " : "Assistant: "}</span>
        {turn.text}
      </p>
    </div>
  );
}

function History({
  conversations,
  current,
  onOpen,
  onDelete,
}: {
  conversations: ConversationSummary[] | null;
  current: string | null;
  onOpen(id: string | null): void;
  onDelete(conversation: ConversationSummary): void;
}) {
  return (
    <nav aria-label="Previous conversations" className="space-y-2">
      <button type="button" className="btn-secondary w-full" onClick={() => onOpen(null)}>
        New conversation
      </button>
      {conversations === null ? (
        <p role="status" aria-label="Loading conversations" className="muted text-sm">
          Loading…
        </p>
      ) : conversations.length === 0 ? (
        <p className="muted text-sm">No conversations yet.</p>
      ) : (
        <ul className="max-h-96 space-y-1 overflow-y-auto">
          {conversations.map((c) => (
            <li key={c.id} className="group flex items-stretch gap-1">
              <button
                type="button"
                aria-current={c.id === current ? "true" : undefined}
                onClick={() => onOpen(c.id)}
                className={`min-w-0 flex-1 rounded-lg px-2.5 py-1.5 text-left text-sm ${
                  c.id === current
                    ? "bg-indigo-50 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100"
                    : "hover:bg-zinc-100 dark:hover:bg-zinc-800"
                }`}
              >
                <span className="block truncate font-medium">{c.title}</span>
                <span className="muted block text-xs">{when(c.updatedAt)}</span>
              </button>
              <button
                type="button"
                className="muted rounded-lg px-2 text-xs hover:bg-zinc-100 hover:text-red-700 dark:hover:bg-zinc-800"
                aria-label={`Delete conversation “${c.title}”`}
                onClick={() => onDelete(c)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

/** The Chat page: the assistant by text, streamed, with its tools and the member's own history. */
export function ChatConsole({
  workspaceId,
  initialConversationId,
  canManageKeys,
}: {
  workspaceId: string;
  initialConversationId: string | null;
  canManageKeys: boolean;
}) {
  const chat = useChat({ workspaceId, initialConversationId });
  const [text, setText] = useState("");
  const { confirm, dialog } = useConfirm();
  const end = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const count = chat.turns.length;
  const streamed = chat.streaming?.length ?? 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the conversation as it grows
  useEffect(() => {
    // In braces: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.
    void end.current?.scrollIntoView({ block: "nearest" });
  }, [count, streamed]);

  const submit = () => {
    const question = text.trim();
    if (!question || chat.busy) return;
    setText("");
    void chat.send(question);
  };
  const remove = async (c: ConversationSummary) => {
    const ok = await confirm({
      title: "Delete this conversation?",
      body: `“${c.title}” and its answers are deleted for good.`,
      confirmLabel: "Delete",
      danger: true,
    });
    if (ok) await chat.remove(c.id);
  };

  return (
    <div className="grid min-w-0 gap-4 lg:grid-cols-[16rem_minmax(0,1fr)]">
      {dialog}
      <aside className="card min-w-0 lg:self-start">
        <details className="lg:hidden">
          <summary className="cursor-pointer text-sm font-medium">
            Previous conversations{chat.conversations ? ` (${chat.conversations.length})` : ""}
          </summary>
          <div className="mt-3">
            <History conversations={chat.conversations} current={chat.conversationId} onOpen={chat.open} onDelete={remove} />
          </div>
        </details>
        <div className="hidden lg:block">
          <History conversations={chat.conversations} current={chat.conversationId} onOpen={chat.open} onDelete={remove} />
        </div>
      </aside>

      <section className="card min-w-0 space-y-4" aria-label="Conversation">
        {chat.loading ? (
          <p role="status" aria-label="Loading the conversation" className="muted py-8 text-center">
            Loading the conversation…
          </p>
        ) : count === 0 && chat.streaming === null ? (
          <p className="muted py-8 text-center">
            Ask about this workspace's OpenAI models, usage, costs or proxy health. Try “how much did we spend this week?”
          </p>
        ) : (
          <ol className="space-y-3" aria-label="Transcript">
            {chat.turns.map((turn) => (
              <li key={turn.id} className="min-w-0">
                <Turn turn={turn} onDecide={(id, approve) => void chat.decide(id, approve)} />
              </li>
            ))}
            {chat.streaming !== null && (
              <li className="flex justify-start">
                <p data-role="assistant-streaming" className={`${BUBBLE} bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100`}>
                  {chat.streaming || <span className="italic opacity-70">Thinking…</span>}
                </p>
              </li>
            )}
          </ol>
        )}
        <div ref={end} />
        {chat.error && (
          <div
            role="alert"
            className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
          >
            <p className="break-words">{chat.error.message}</p>
            {needsKeySetup(chat.error) && canManageKeys && (
              <Link href="/settings/keys" className="mt-1 inline-block font-medium underline">
                Open Settings → API keys
              </Link>
            )}
          </div>
        )}
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label htmlFor="chat-text" className="sr-only">
            Message
          </label>
          <textarea
            id="chat-text"
            ref={input}
            rows={2}
            className="input min-h-11 resize-y"
            placeholder="Ask the assistant…"
            title="Enter sends, Shift+Enter starts a new line"
            value={text}
            maxLength={MAX_CHAT_MESSAGE_CHARS}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
          />
          <button type="submit" className="btn-primary shrink-0" disabled={chat.busy || !text.trim()}>
            {chat.busy ? "Answering…" : "Send"}
          </button>
        </form>
      </section>
    </div>
  );
}
