import { after } from "next/server";
import { readCappedText } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { callsCsv } from "@/lib/calls/csv";
import { csvDownload } from "@/lib/calls/download";
import { exportCalls, listCalls } from "@/lib/calls/list";
import { callsQuerySchema } from "@/lib/calls/schemas";
import { relayCall } from "@/lib/realtime/calls";
import { relayChoiceSchema } from "@/lib/realtime/policy";
import { reapSoon } from "@/lib/realtime/reaper";
import { authenticateWithTicket } from "@/lib/realtime/tickets";

const MAX_SDP_BYTES = 32 * 1024;

// Serverless: the relay's function stays alive (through `after`) while it watches the call over
// the sideband, up to this many seconds; calls are capped 20 s short of it on Vercel
// (RELAY_MAX_DURATION_SECONDS in lib/realtime/call-length.ts must match; Next needs a literal).
export const maxDuration = 300;

/**
 * The workspace's voice calls, newest first, `limit` (default 20) a page with `nextCursor`;
 * filters `member`, `from`, `to`, `status`; `format=csv` downloads the whole filtered list.
 * Admins see every member's calls, a member only their own.
 */
export const GET = route(
  { name: "realtime_calls", auth: "member", query: callsQuerySchema, tokens: ["calls:manage"] },
  async ({ access, principal, query }) => {
    reapSoon();
    const viewer = { userId: principal.userId, role: access.role };
    const { format, ...filters } = query;
    if (format === "csv") {
      const { rows, truncated } = await exportCalls({ workspaceId: access.workspaceId, viewer, filters });
      return csvDownload({ name: "voice-calls", csv: callsCsv(rows), truncated });
    }
    return { workspaceId: access.workspaceId, ...(await listCalls({ workspaceId: access.workspaceId, viewer, filters })) };
  },
);

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
    query: relayChoiceSchema,
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
