import { z } from "zod";
import { isoDate, MAX_RANGE_DAYS } from "./query";

// Request schemas of the usage routes that are not the OpenAI usage query itself (query.ts).

export const projectsQuery = z.object({ refresh: z.enum(["0", "1"]).optional() });

const DAY_MS = 86_400_000;

/** A date range for our own ledger: the same rules as OpenAI usage's (at most 90 days). */
export const membersQuery = z.object({ start: isoDate("start"), end: isoDate("end") }).superRefine((q, ctx) => {
  const days = (Date.parse(q.end) - Date.parse(q.start)) / DAY_MS + 1;
  if (days < 1) ctx.addIssue({ code: "custom", path: ["end"], message: "end must be on or after start." });
  else if (days > MAX_RANGE_DAYS)
    ctx.addIssue({ code: "custom", path: ["end"], message: `The range is ${days} days; ${MAX_RANGE_DAYS} at most.` });
});
