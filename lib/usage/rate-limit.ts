/** Both OpenAI proxies share one budget per user and workspace. */
export const CTO_OPENAI_RATE_LIMIT = { bucket: "cto_openai", env: "RATE_LIMIT_CTO_OPENAI_PER_MINUTE", fallback: 90 };
