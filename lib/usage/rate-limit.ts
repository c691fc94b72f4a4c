import { env } from "@/lib/config/env";

/** Both OpenAI proxies share one budget per user and workspace. */
export const CTO_OPENAI_RATE_LIMIT = { bucket: "cto_openai", limit: () => env().RATE_LIMIT_CTO_OPENAI_PER_MINUTE };
