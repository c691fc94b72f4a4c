import "server-only";
import { badRequest } from "@/lib/errors";
import type { McpOutputItem, ResponseInputItem } from "@/lib/openai/responses";
import { DecryptError } from "@/lib/vault/cipher";
import { openWorkspaceSecret, sealWorkspaceSecret } from "@/lib/vault/workspace-secrets";

// A chat answer waiting for the member's approval of a remote MCP tool. The server keeps nothing
// (no row, no memory: any instance may get the answer, and privacy mode stores no text): the
// paused turn goes to the browser sealed under the vault, bound to the member, the conversation
// and the approval request, and comes back with the decision.

/** How long an approval card can be answered. */
const PAUSE_MS = 30 * 60_000;

export interface PausedTurn {
  /** The approval request the member answers. */
  request: McpOutputItem;
  /** This turn's input items the conversation's stored history does not hold (all of them in privacy mode). */
  carried: ResponseInputItem[];
  expiresAt: number;
}

interface Binding {
  workspaceId: string;
  userId: string;
  conversationId: string;
  requestId: string;
}

const binding = (b: Binding) =>
  ({ workspaceId: b.workspaceId, purpose: "chat_paused_turn", slot: `${b.userId}:${b.conversationId}:${b.requestId}` }) as const;

export const sealPausedTurn = ({ turn, ...who }: Omit<Binding, "requestId"> & { turn: Omit<PausedTurn, "expiresAt"> }) =>
  sealWorkspaceSecret({
    plaintext: JSON.stringify({ ...turn, expiresAt: Date.now() + PAUSE_MS }),
    ...binding({ ...who, requestId: turn.request.id }),
  });

/** The paused turn, when `resume` was sealed for this member, conversation and request and has not expired. */
export function openPausedTurn({ resume, ...who }: Binding & { resume: string }): PausedTurn {
  let turn: PausedTurn;
  try {
    turn = JSON.parse(openWorkspaceSecret({ envelope: resume, ...binding(who) })) as PausedTurn;
  } catch (error) {
    if (!(error instanceof DecryptError) && !(error instanceof SyntaxError)) throw error;
    throw badRequest("This approval does not belong to this conversation. Ask the question again.");
  }
  if (turn.expiresAt < Date.now()) throw badRequest("This approval has expired. Ask the question again.");
  return turn;
}
