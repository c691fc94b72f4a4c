// The event log's "send a client event" box: what it accepts, checked before anything is sent.

export type ParsedClientEvent = { ok: true; event: { type: string } & Record<string, unknown> } | { ok: false; error: string };

export const RAW_EVENT_EXAMPLE = '{\n  "type": "response.create",\n  "response": { "instructions": "Say hello." }\n}';

/** One JSON object with a string `type` (a Realtime client event), or why not. */
export function parseClientEvent(text: string): ParsedClientEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `This is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, error: "Send one JSON object, like the example." };
  const type = (value as { type?: unknown }).type;
  if (typeof type !== "string" || !/^[a-z_]+(\.[a-z_]+)+$/.test(type))
    return { ok: false, error: 'The event needs a "type" such as "response.create" or "conversation.item.create".' };
  return { ok: true, event: value as { type: string } & Record<string, unknown> };
}

/** The log as a JSON file's text: each event with its time, direction and the event itself. */
export function eventsAsJson(events: { at: number; type: string; raw: string; direction?: "received" | "sent" }[]): string {
  return JSON.stringify(
    events.map((e) => {
      let event: unknown = e.raw;
      try {
        event = JSON.parse(e.raw);
      } catch {
        // Kept as text.
      }
      return { at: new Date(e.at).toISOString(), direction: e.direction ?? "received", type: e.type, event };
    }),
    null,
    2,
  );
}
