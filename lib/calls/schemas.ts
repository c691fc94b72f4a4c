import { z } from "zod";

// The filters of the Calls page's two lists (voice calls and proxied API requests), shared by
// their routes and the fuzz spec: plain zod, no server imports.

export const MAX_PAGE_SIZE = 200;
const EARLIEST = Date.parse("2000-01-01T00:00:00Z");
const LATEST = Date.parse("2100-01-01T00:00:00Z");
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An instant: an ISO date-time with offset (what the page sends, the start of the reader's local
 * day), or a bare UTC date. `end` turns a bare date into the end of that day, so `to` includes it.
 */
const instant = (name: "from" | "to") =>
  z
    .string()
    .max(40, `${name} is too long: send a date like 2026-01-31 or an ISO date-time.`)
    .transform((value, ctx) => {
      const isDay = DAY.test(value);
      const valid = isDay
        ? new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
        : z.iso.datetime({ offset: true }).safeParse(value).success;
      const at = isDay ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
      if (!valid || Number.isNaN(at)) {
        ctx.addIssue({ code: "custom", message: `${name} must be a date like 2026-01-31 or an ISO date-time like 2026-01-31T00:00:00Z.` });
        return z.NEVER;
      }
      if (at < EARLIEST || at >= LATEST) {
        ctx.addIssue({ code: "custom", message: `${name} must fall between the years 2000 and 2099.` });
        return z.NEVER;
      }
      return new Date(isDay && name === "to" ? at + DAY_MS : at);
    });

/** A position in a list sorted newest first: the row's time (microseconds, as Postgres renders it) and id. */
export interface Cursor {
  at: string;
  id: string;
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");

/** The cursor a page handed out, or null for anything else. */
export function decodeCursor(value: string): Cursor | null {
  try {
    const decoded = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(decoded) || decoded.length !== 2) return null;
    const [at, id] = decoded as unknown[];
    if (typeof at === "string" && CURSOR_TIME.test(at) && !Number.isNaN(Date.parse(at)) && typeof id === "string" && id.length <= 100)
      return { at, id };
  } catch {}
  return null;
}

const cursor = z
  .string()
  .max(300, "cursor is not one this API gave out.")
  .transform((value, ctx): Cursor => {
    const decoded = decodeCursor(value);
    if (decoded) return decoded;
    ctx.addIssue({ code: "custom", message: "cursor is not one this API gave out: pass nextCursor from the previous page." });
    return z.NEVER;
  });

const listFilters = {
  /** A member's user id; members may only name themselves (or leave it out). */
  member: z.string().trim().min(1, "member must be a member's user id.").max(100, "member must be a member's user id.").optional(),
  from: instant("from").optional(),
  to: instant("to").optional(),
  cursor: cursor.optional(),
  limit: z.coerce
    .number({ error: "limit must be a whole number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(MAX_PAGE_SIZE, `limit must be at most ${MAX_PAGE_SIZE}.`)
    .default(20),
  /** `csv`: the whole filtered list (every page) as a download. */
  format: z.enum(["json", "csv"], { error: "format must be json or csv." }).default("json"),
};

const fromBeforeTo = (q: { from?: Date; to?: Date }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from >= q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from." });
};

export const callsQuerySchema = z
  .object({
    ...listFilters,
    /** `live`: calls still open; `ended`: the rest. Both when left out. */
    status: z.enum(["live", "ended"], { error: "status must be live or ended." }).optional(),
  })
  .superRefine(fromBeforeTo);

export const proxyRequestsQuerySchema = z.object(listFilters).superRefine(fromBeforeTo);

export type CallsQuery = z.infer<typeof callsQuerySchema>;
export type ProxyRequestsQuery = z.infer<typeof proxyRequestsQuerySchema>;
