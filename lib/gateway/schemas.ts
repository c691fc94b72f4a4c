import { z } from "zod";

// Bodies of the OpenAI-compatible endpoints (/api/openai/v1). Plain (no server-only) so that
// e2e/fuzz.spec.ts can generate input from them. Only what the gateway itself reads is checked;
// every other field goes to OpenAI as sent, and OpenAI judges it.

const model = z
  .string({ error: "model is required: the OpenAI model to use, e.g. gpt-4o-mini." })
  .trim()
  .min(1, "model is required: the OpenAI model to use, e.g. gpt-4o-mini.")
  .max(200, "model is 200 characters at most.");
const stream = z.boolean({ error: "stream is true or false." }).nullish();
const store = z.boolean({ error: "store is true or false." }).nullish();

export const chatCompletionsBody = z.looseObject({
  model,
  messages: z
    .array(z.unknown(), { error: "messages is required: a list of chat messages." })
    .min(1, "messages needs at least one message.")
    .max(4096, "messages holds 4096 messages at most."),
  stream,
  stream_options: z.looseObject({ include_usage: z.boolean({ error: "include_usage is true or false." }).optional() }).nullish(),
  store,
});
export type ChatCompletionsBody = z.infer<typeof chatCompletionsBody>;

export const responsesBody = z.looseObject({
  model,
  input: z.union([z.string(), z.array(z.unknown())], { error: "input is required: a string, or a list of input items." }),
  stream,
  store,
});
export type ResponsesBody = z.infer<typeof responsesBody>;

/** POST /realtime/client_secrets: the session comes from the workspace's policy; only its voice may be asked for. */
export const clientSecretsBody = z.looseObject({
  session: z
    .looseObject({
      audio: z.looseObject({ output: z.looseObject({ voice: z.string().max(40).optional() }).optional() }).optional(),
    })
    .optional(),
});
export type ClientSecretsBody = z.infer<typeof clientSecretsBody>;

/** The largest request body the gateway takes (images travel inline as data URLs). */
export const GATEWAY_MAX_BODY_BYTES = 4 * 1024 * 1024;
