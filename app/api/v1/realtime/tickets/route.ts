import { z } from "zod";
import { route } from "@/lib/http/route";
import { REALTIME_RATE_LIMIT } from "@/lib/realtime/rate-limit";
import { reapSoon } from "@/lib/realtime/reaper";
import { issueTicket } from "@/lib/realtime/tickets";

/** A one-use ticket for POST /api/v1/realtime/calls (not an OpenAI credential), and how long that call may last. */
export const POST = route(
  {
    name: "realtime_tickets",
    auth: "member",
    body: z.object({ workspaceId: z.string().optional() }),
    rateLimit: REALTIME_RATE_LIMIT,
    spends: true,
  },
  async ({ access, principal }) => {
    const ticket = await issueTicket({ userId: principal.userId, workspaceId: access.workspaceId });
    reapSoon();
    return Response.json(ticket, { status: 201 });
  },
);
