import { route } from "@/lib/http/route";
import { conversationParamsSchema } from "@/lib/chat/schemas";
import { conversationMessages, deleteConversation, ownConversation } from "@/lib/chat/store";

/** One of the caller's conversations with its turns; anyone else's answers 404. */
export const GET = route(
  { name: "chat_conversations", auth: "member", params: conversationParamsSchema },
  async ({ access, principal, params }) => {
    const conversation = await ownConversation({ workspaceId: access.workspaceId, userId: principal.userId, ...params });
    return { conversation, messages: await conversationMessages({ conversationId: conversation.id }) };
  },
);

export const DELETE = route(
  { name: "chat_conversations", auth: "member", params: conversationParamsSchema },
  async ({ access, principal, params }) => deleteConversation({ workspaceId: access.workspaceId, userId: principal.userId, ...params }),
);
