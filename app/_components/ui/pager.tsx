import Link from "next/link";
import { formatWhole } from "./format";

type Search = Record<string, string | string[] | undefined>;

/** The same page's URL with `param` set to `page` (page 1: removed), other parameters kept. */
export function pageHref(search: Search, param: string, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search))
    if (key !== param && value !== undefined) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  if (page > 1) params.set(param, String(page));
  const query = params.toString();
  return query ? `?${query}` : "?";
}

/**
 * "21–40 of 500" with Previous and Next links that keep the rest of the URL; nothing when all rows
 * fit on one page. `param` names this list's page in the URL, so two lists on a page page apart.
 */
export function Pager({
  label,
  param,
  page,
  pageSize,
  total,
  search,
}: {
  label: string;
  param: string;
  page: number;
  pageSize: number;
  total: number;
  search: Search;
}) {
  if (total <= pageSize) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const pages = Math.ceil(total / pageSize);
  const link = (to: number, text: string, rel: "prev" | "next") =>
    to < 1 || to > pages ? (
      <span aria-disabled="true" className="btn-secondary pointer-events-none px-2.5 py-1.5 text-xs opacity-50">
        {text}
      </span>
    ) : (
      <Link href={pageHref(search, param, to)} scroll={false} rel={rel} className="btn-secondary px-2.5 py-1.5 text-xs">
        {text}
      </Link>
    );
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="muted" data-testid={`${param}-range`}>
        {formatWhole(first)}–{formatWhole(last)} of {formatWhole(total)} · page {page} of {pages}
      </p>
      <div className="flex gap-2">
        {link(page - 1, "Previous", "prev")}
        {link(page + 1, "Next", "next")}
      </div>
    </nav>
  );
}
