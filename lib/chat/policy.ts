import { TOOL_SPECS, type ToolName } from "@/lib/realtime/tool-specs";
import type { FunctionToolSpec } from "@/lib/openai/responses";

// The Chat page runs the workspace's assistant policy (Settings → Assistant): its instructions and
// enabled tools as they are, and its model's text sibling, since Realtime models do not serve the
// Responses API: the mini tier chats on the mini text model, the other tiers on the full one.

export const chatModelFor = (realtimeModel: string): string => (realtimeModel.includes("mini") ? "gpt-4.1-mini" : "gpt-4.1");

/** How many times one question may go back to the model after running tools. */
export const MAX_TOOL_ROUNDS = 4;

const CHAT_STYLE =
  "You are answering in a text chat. Answer in one to three short sentences; when a tool answers, summarise its figures " +
  "(totals, the few items that matter) instead of repeating its JSON.";

export const chatInstructions = (instructions: string) => `${instructions}\n\n${CHAT_STYLE}`;

export const chatTools = (enabled: readonly ToolName[]): FunctionToolSpec[] =>
  enabled.map((name) => ({
    type: "function",
    name,
    description: TOOL_SPECS[name].description,
    parameters: JSON.parse(JSON.stringify(TOOL_SPECS[name].parameters)),
    strict: true,
  }));
