import { env } from "@/lib/config/env";

/** Token and ticket minting share one budget: each is one realtime session started. */
export const REALTIME_RATE_LIMIT = { bucket: "realtime", limit: () => env().RATE_LIMIT_REALTIME_PER_MINUTE };
