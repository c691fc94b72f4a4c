import { env } from "@/lib/config/env";
import { openaiClient } from "@/lib/openai/client";

// Bench builds only (OPENCTO_BENCH_BUILD=1 adds the `.bench.ts` page extension): a chat completion
// passed through to the upstream as the gateway passes it (streamed or not), with no token, database,
// vault, limit, validation, ledger or metrics: what Next.js and the SDK cost alone, to compare with.
export async function POST(req: Request) {
  const upstream = await openaiClient({ apiKey: env().OPENAI_API_KEY ?? "" })
    .chat.completions.create(await req.json())
    .asResponse();
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" },
  });
}
