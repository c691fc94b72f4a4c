"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "../api/client";
import { ApiError, networkError } from "../api/errors";
import { inWorkspace } from "../api/use-api";
import { useWorkspaceId } from "../shell/workspace-context";

export type PagedState<T> =
  | { status: "loading" }
  | { status: "error"; error: ApiError }
  | { status: "ok"; rows: T[]; nextCursor: string | null; loadingMore: boolean; moreError: string | null };

const asApiError = (error: unknown) => (error instanceof ApiError ? error : networkError());

/**
 * A list our API serves a page at a time (`nextCursor`): the first page whenever `path` or
 * `reload` changes, the next one on `loadMore`, appended. `field` names the rows in the answer.
 * Requests name the page's workspace, so a switch lists the new workspace's rows at once.
 */
export function usePagedList<T>(pathInAnyWorkspace: string, field: string, reload: number) {
  const path = inWorkspace(pathInAnyWorkspace, useWorkspaceId());
  const [state, setState] = useState<PagedState<T>>({ status: "loading" });
  const generation = useRef(0);
  const shownPath = useRef<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is a deliberate refetch trigger
  useEffect(() => {
    const controller = new AbortController();
    const mine = ++generation.current;
    // A reload keeps the rows on screen until the new ones arrive; other filters start afresh.
    if (shownPath.current !== path) setState({ status: "loading" });
    shownPath.current = path;
    apiFetch<Record<string, unknown>>(path, { signal: controller.signal })
      .then((data) => {
        if (mine !== generation.current) return;
        setState({
          status: "ok",
          rows: data[field] as T[],
          nextCursor: data.nextCursor as string | null,
          loadingMore: false,
          moreError: null,
        });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error: asApiError(error) });
      });
    return () => controller.abort();
  }, [path, field, reload]);

  const loadMore = useCallback(() => {
    if (state.status !== "ok" || !state.nextCursor || state.loadingMore) return;
    const mine = generation.current;
    setState({ ...state, loadingMore: true, moreError: null });
    apiFetch<Record<string, unknown>>(`${path}&cursor=${encodeURIComponent(state.nextCursor)}`)
      .then((data) => {
        if (mine !== generation.current) return;
        setState((s) =>
          s.status === "ok"
            ? { ...s, rows: [...s.rows, ...(data[field] as T[])], nextCursor: data.nextCursor as string | null, loadingMore: false }
            : s,
        );
      })
      .catch((error: unknown) => {
        if (mine !== generation.current) return;
        setState((s) => (s.status === "ok" ? { ...s, loadingMore: false, moreError: asApiError(error).message } : s));
      });
  }, [state, path, field]);

  return { state, loadMore };
}

/**
 * A small list refreshed every `intervalMs` while the page is visible (and at once when it comes
 * back): the previous answer stays on screen while the next one loads; the page's workspace's.
 */
export function usePolled<T>(pathInAnyWorkspace: string, intervalMs: number, reload: number) {
  const path = inWorkspace(pathInAnyWorkspace, useWorkspaceId());
  const [state, setState] = useState<{ data: T | null; error: ApiError | null }>({ data: null, error: null });
  const shownPath = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is a deliberate refetch trigger
  useEffect(() => {
    let controller: AbortController | null = null;
    let stopped = false;
    if (shownPath.current !== path) setState({ data: null, error: null });
    shownPath.current = path;
    const fetchNow = () => {
      if (stopped || document.visibilityState === "hidden") return;
      controller?.abort();
      const current = new AbortController();
      controller = current;
      apiFetch<T>(path, { signal: current.signal })
        .then((data) => !stopped && setState({ data, error: null }))
        .catch((error: unknown) => {
          if (!current.signal.aborted && !stopped) setState((s) => ({ ...s, error: asApiError(error) }));
        });
    };
    fetchNow();
    const timer = setInterval(fetchNow, intervalMs);
    document.addEventListener("visibilitychange", fetchNow);
    return () => {
      stopped = true;
      controller?.abort();
      clearInterval(timer);
      document.removeEventListener("visibilitychange", fetchNow);
    };
  }, [path, intervalMs, reload]);
  return state;
}
