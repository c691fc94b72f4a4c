import { NextResponse } from "next/server";
import { openaiClient } from "@/lib/openai/client";

// Bench builds only (OPENCTO_BENCH_BUILD=1 adds the `.bench.ts` page extension): the same
// upstream call as the token route with no auth, database, vault, limit or metrics — the
// framework's own cost, to compare ours against.
export async function POST() {
  const secret = await openaiClient(process.env.OPENAI_API_KEY ?? "").realtime.clientSecrets.create({
    expires_after: { anchor: "created_at", seconds: 600 },
    session: { type: "realtime", model: "gpt-realtime" },
  });
  return NextResponse.json({ clientSecret: secret.value, expiresAt: secret.expires_at });
}
