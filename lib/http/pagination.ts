import { z } from "zod";

// Page and limit for list routes and pages: `?page=2&limit=25`, 1-based. Plain (no server-only)
// so that e2e/fuzz.spec.ts can generate queries from it.

export const MAX_PAGE = 100_000;

export const pageQuery = ({ defaultLimit, maxLimit }: { defaultLimit: number; maxLimit: number }) =>
  z.object({
    page: z.coerce
      .number({ error: "page must be a whole number from 1." })
      .int("page must be a whole number from 1.")
      .min(1, "page must be a whole number from 1.")
      .max(MAX_PAGE, `page is ${MAX_PAGE} at most.`)
      .default(1),
    limit: z.coerce
      .number({ error: `limit must be a whole number from 1 to ${maxLimit}.` })
      .int(`limit must be a whole number from 1 to ${maxLimit}.`)
      .min(1, `limit must be a whole number from 1 to ${maxLimit}.`)
      .max(maxLimit, `limit must be a whole number from 1 to ${maxLimit}.`)
      .default(defaultLimit),
  });

export interface PageRequest {
  page: number;
  limit: number;
}

/** The rows to skip for a page. */
export const offsetOf = ({ page, limit }: PageRequest) => (page - 1) * limit;

/** How many pages `total` rows fill (at least one, an empty first page). */
export const pageCountOf = (total: number, limit: number) => Math.max(1, Math.ceil(total / limit));

/**
 * A page number read from a page's own URL (`?members=3`): anything unreadable is page 1 and a page
 * past the end is the last, so a stale link still shows rows.
 */
export function pageFromSearch(value: string | string[] | undefined, total: number, limit: number): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  if (!Number.isInteger(n) || n < 1) return 1;
  return Math.min(n, pageCountOf(total, limit));
}
