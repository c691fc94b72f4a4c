import { z } from "zod";
import { MAX_CHAT_MESSAGE_CHARS } from "./limits";

// The Chat page's API: plain zod, no server imports (the fuzz spec imports these).

const conversationId = z.string().trim().min(1, "conversationId is empty.").max(100, "conversationId is too long.");

const text = z
  .string({ error: "Write a message." })
  .trim()
  .min(1, "Write a message.")
  .max(MAX_CHAT_MESSAGE_CHARS, `Keep a message under ${MAX_CHAT_MESSAGE_CHARS} characters.`);

/** The member's answer to a remote tool's approval card, with the paused turn the card came with. */
const approval = z.object({
  requestId: z.string({ error: "approval.requestId is missing." }).trim().min(1, "approval.requestId is empty.").max(200),
  approve: z.boolean({ error: "approval.approve must be true or false." }),
  resume: z
    .string({ error: "approval.resume is missing." })
    .min(1, "approval.resume is empty.")
    .max(48_000, "approval.resume is too long."),
});

/**
 * POST /api/v1/chat/messages: a new question (`text`), in a new conversation or an existing one of
 * the caller's; or the answer to an approval card (`approval`), which continues that conversation.
 */
export const chatMessageBodySchema = z
  .object({
    workspaceId: z.string().optional(),
    conversationId: conversationId.optional(),
    text: text.optional(),
    approval: approval.optional(),
  })
  .refine((b) => b.text !== undefined || b.approval !== undefined, { path: ["text"], message: "Write a message." })
  .refine((b) => b.text === undefined || b.approval === undefined, { path: ["approval"], message: "Send either a message or an approval." })
  .refine((b) => b.approval === undefined || b.conversationId !== undefined, {
    path: ["conversationId"],
    message: "An approval needs the conversationId it belongs to.",
  });
export type ChatMessageBody = z.infer<typeof chatMessageBodySchema>;

export const conversationParamsSchema = z.object({ conversationId });
