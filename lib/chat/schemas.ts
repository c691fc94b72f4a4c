import { z } from "zod";
import { MAX_CHAT_MESSAGE_CHARS } from "./limits";

// The Chat page's API: plain zod, no server imports (the fuzz spec imports these).

const conversationId = z.string().trim().min(1, "conversationId is empty.").max(100, "conversationId is too long.");

/** POST /api/v1/chat/messages: a new question, in a new conversation or an existing one of the caller's. */
export const chatMessageBodySchema = z.object({
  workspaceId: z.string().optional(),
  conversationId: conversationId.optional(),
  text: z
    .string({ error: "Write a message." })
    .trim()
    .min(1, "Write a message.")
    .max(MAX_CHAT_MESSAGE_CHARS, `Keep a message under ${MAX_CHAT_MESSAGE_CHARS} characters.`),
});
export type ChatMessageBody = z.infer<typeof chatMessageBodySchema>;

export const conversationParamsSchema = z.object({ conversationId });
