import { route } from "@/lib/http/route";
import { chatMessageBodySchema } from "@/lib/chat/schemas";
import { chatEventStream } from "@/lib/chat/sse";
import { prepareChatApproval, prepareChatTurn } from "@/lib/chat/turn";
import { REALTIME_RATE_LIMIT } from "@/lib/realtime/rate-limit";

/**
 * The Chat page: a question to the assistant (a new conversation, or one of the caller's), or the
 * answer to a remote tool's approval card (which continues its conversation), answered as
 * Server-Sent Events. The assistant's limits apply: its rate limit, shared with starting a voice
 * session, and the budgets (402 once the workspace's or the member's is spent).
 */
export const POST = route(
  { name: "chat_messages", auth: "member", body: chatMessageBodySchema, rateLimit: REALTIME_RATE_LIMIT, spends: true },
  async ({ access, principal, body }) => {
    const caller = { workspaceId: access.workspaceId, userId: principal.userId, role: access.role };
    const { conversationId, text, approval } = body;
    const turn =
      approval && conversationId
        ? await prepareChatApproval({ caller, body: { conversationId, approval } })
        : await prepareChatTurn({ caller, body: { conversationId, text: text ?? "" } });
    return chatEventStream(turn.run);
  },
);
