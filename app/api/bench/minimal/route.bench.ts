import { NextResponse } from "next/server";
import { env } from "@/lib/config/env";
import { openaiClient } from "@/lib/openai/client";

// Bench builds only (OPENCTO_BENCH_BUILD=1 adds the `.bench.ts` page extension): the same
// upstream call as the token route — the body it is given is passed through as the request — with
// no auth, database, vault, limit, validation or metrics: the framework's own cost, to compare with.
export async function POST(req: Request) {
  const secret = await openaiClient({ apiKey: env().OPENAI_API_KEY ?? "" }).realtime.clientSecrets.create(await req.json());
  return NextResponse.json({ clientSecret: secret.value, expiresAt: secret.expires_at });
}
