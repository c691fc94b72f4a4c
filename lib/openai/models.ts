import { openaiClient } from "./client";
import { toAppError } from "./errors";

/** GET /v1/models with the given key, newest first. */
export async function listModels({ apiKey, keyHint }: { apiKey: string; keyHint: string }) {
  try {
    const page = await openaiClient(apiKey).models.list();
    return page.data
      .map((m) => ({ id: m.id, created: m.created, ownedBy: m.owned_by }))
      .sort((a, b) => b.created - a.created);
  } catch (error) {
    throw toAppError(error, keyHint);
  }
}
