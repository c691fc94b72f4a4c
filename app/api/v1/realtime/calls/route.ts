import { z } from "zod";
import { readCappedText } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { recentCalls, relayCall } from "@/lib/realtime/calls";
import { VOICES } from "@/lib/realtime/choices";
import { authenticateWithTicket } from "@/lib/realtime/tickets";

const MAX_SDP_BYTES = 32 * 1024;

export const GET = route({ name: "realtime_calls", auth: "member" }, async ({ access }) => ({
  workspaceId: access.workspaceId,
  calls: await recentCalls(access.workspaceId),
}));

/**
 * The WebRTC relay: session cookie + one-use ticket in, SDP offer (application/sdp) in, SDP
 * answer out with `Location: …/calls/<call id>` (the Agents SDK reads the last segment).
 */
export const POST = route(
  {
    name: "realtime_calls",
    auth: "member",
    authenticate: authenticateWithTicket,
    contentType: "application/sdp",
    query: z.object({ voice: z.enum(VOICES).optional() }),
  },
  async ({ req, access, principal, query }) => {
    const sdp = await readCappedText(req, MAX_SDP_BYTES);
    const { callId, answer } = await relayCall({
      workspaceId: access.workspaceId,
      userId: principal.userId,
      sdp,
      choice: query,
    });
    return new Response(answer, {
      status: 201,
      headers: { "content-type": "application/sdp", location: `/api/v1/realtime/calls/${callId}` },
    });
  },
);
