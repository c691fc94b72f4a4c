import { after } from "next/server";
import { z } from "zod";
import { readCappedText } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { recentCalls, relayCall } from "@/lib/realtime/calls";
import { VOICES } from "@/lib/realtime/choices";
import { reapSoon } from "@/lib/realtime/reaper";
import { authenticateWithTicket } from "@/lib/realtime/tickets";

const MAX_SDP_BYTES = 32 * 1024;

// Serverless: the relay's function stays alive (through `after`) while it watches the call over
// the sideband, up to this many seconds; calls are capped 20 s short of it on Vercel
// (RELAY_MAX_DURATION_SECONDS in lib/realtime/call-length.ts must match; Next needs a literal).
export const maxDuration = 300;

export const GET = route({ name: "realtime_calls", auth: "member" }, async ({ access }) => {
  reapSoon();
  return { workspaceId: access.workspaceId, calls: await recentCalls(access.workspaceId) };
});

/**
 * The WebRTC relay: session cookie + one-use ticket in, SDP offer (application/sdp) in, SDP
 * answer out with `Location: …/calls/<call id>` (the Agents SDK reads the last segment) and
 * `X-Call-Deadline` (ISO time at which the server hangs up).
 */
export const POST = route(
  {
    name: "realtime_calls",
    auth: "member",
    authenticate: authenticateWithTicket,
    contentType: "application/sdp",
    query: z.object({ voice: z.enum(VOICES).optional() }),
    spends: true,
  },
  async ({ req, access, principal, query }) => {
    const sdp = await readCappedText(req, MAX_SDP_BYTES);
    const { callId, answer, deadline, watched } = await relayCall({
      workspaceId: access.workspaceId,
      userId: principal.userId,
      sdp,
      choice: query,
    });
    after(watched);
    reapSoon();
    return new Response(answer, {
      status: 201,
      headers: {
        "content-type": "application/sdp",
        location: `/api/v1/realtime/calls/${callId}`,
        "x-call-deadline": deadline.toISOString(),
        "access-control-expose-headers": "location, x-call-deadline",
      },
    });
  },
);
