import "server-only";
import { EXPORT_MAX_ROWS } from "./list";

/** A CSV answer the browser saves as a file; `X-Export-Truncated` says when rows past the cap were left out. */
export function csvDownload({ name, csv, truncated }: { name: string; csv: string; truncated: boolean }): Response {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}-${day}.csv"`,
      "x-export-truncated": truncated ? `first ${EXPORT_MAX_ROWS} rows` : "no",
      "access-control-expose-headers": "x-export-truncated",
    },
  });
}
