/** A fixed, realistic model list; `created` values are stable so tests can snapshot them. */
export const MODELS: ReadonlyArray<{ id: string; created: number; owned_by: string }> = [
  { id: "gpt-realtime", created: 1756271701, owned_by: "system" },
  { id: "gpt-realtime-2025-08-28", created: 1756271773, owned_by: "system" },
  { id: "gpt-realtime-mini", created: 1759517133, owned_by: "system" },
  { id: "gpt-realtime-mini-2025-10-06", created: 1759517175, owned_by: "system" },
  { id: "gpt-realtime-1.5", created: 1769000000, owned_by: "system" },
  { id: "gpt-realtime-2", created: 1775000000, owned_by: "system" },
  { id: "gpt-realtime-2.1", created: 1779000000, owned_by: "system" },
  { id: "gpt-4o-realtime-preview", created: 1727659998, owned_by: "system" },
  { id: "gpt-4o-mini-realtime-preview", created: 1734387380, owned_by: "system" },
  { id: "gpt-4o-mini", created: 1721172741, owned_by: "system" },
  { id: "gpt-4o", created: 1715367049, owned_by: "system" },
  { id: "gpt-4.1", created: 1744316542, owned_by: "system" },
  { id: "gpt-4.1-mini", created: 1744318173, owned_by: "system" },
  { id: "gpt-5", created: 1754425777, owned_by: "system" },
  { id: "gpt-5-mini", created: 1754425928, owned_by: "system" },
  { id: "gpt-4o-mini-transcribe", created: 1742068596, owned_by: "system" },
  { id: "gpt-4o-transcribe", created: 1742068463, owned_by: "system" },
  { id: "whisper-1", created: 1677532384, owned_by: "openai-internal" },
  { id: "text-embedding-3-small", created: 1705948997, owned_by: "system" },
];

export const isKnownModel = (id: string) => MODELS.some((m) => m.id === id);
export const isRealtimeModel = (id: string) => isKnownModel(id) && id.includes("realtime");
export const isChatModel = (id: string) => isKnownModel(id) && /^gpt-(4|5)/.test(id) && !id.includes("realtime");
