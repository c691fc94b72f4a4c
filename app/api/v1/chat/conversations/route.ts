import { route } from "@/lib/http/route";
import { listConversations } from "@/lib/chat/store";

/** The caller's own chat conversations in this workspace, most recent first. */
export const GET = route({ name: "chat_conversations", auth: "member" }, async ({ access, principal }) => ({
  workspaceId: access.workspaceId,
  conversations: await listConversations({ workspaceId: access.workspaceId, userId: principal.userId }),
}));
