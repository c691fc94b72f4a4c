import "server-only";
import { type OpenAICredential, openaiClient } from "./client";
import { upstreamError, withOneRetry } from "./errors";

export interface ModelSummary {
  id: string;
  ownedBy: string;
  created: number;
}

export async function listModels({ keyHint, ...credential }: OpenAICredential & { keyHint: string }): Promise<ModelSummary[]> {
  try {
    const page = await withOneRetry(() => openaiClient(credential).models.list());
    if (!Array.isArray(page.data)) throw new Error("models list without data");
    return page.data
      .map((m) => ({ id: String(m.id), ownedBy: String(m.owned_by), created: Number(m.created) }))
      .sort((a, b) => a.id.localeCompare(b.id));
  } catch (error) {
    throw upstreamError(error, keyHint);
  }
}
