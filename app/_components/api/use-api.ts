"use client";

import { useEffect, useRef, useState } from "react";
import { useWorkspaceId } from "../shell/workspace-context";
import { apiFetch } from "./client";
import { ApiError, networkError } from "./errors";

/** `receivedAt`: when the answer arrived (performance.now()); absent for data the server rendered with the page. */
export type ApiState<T> = { status: "loading" } | { status: "ok"; data: T; receivedAt?: number } | { status: "error"; error: ApiError };

/** `path` with the page's workspace named in its query (a path that names one already keeps it). */
export function inWorkspace(path: string, workspaceId: string | null): string {
  if (!workspaceId) return path;
  const [base, query = ""] = path.split("?", 2) as [string, string?];
  const params = new URLSearchParams(query);
  if (params.has("workspaceId")) return path;
  params.set("workspaceId", workspaceId);
  return `${base}?${params}`;
}

/**
 * GETs one of our API routes whenever `path` or the page's workspace changes; an error keeps the
 * envelope's code for the UI. The request names the workspace the page shows, so a switch in
 * another tab cannot put that workspace's figures on this page. `initial`: the answer to `path`
 * the server rendered with the page, shown at once instead of asking again.
 */
export function useApi<T>(path: string | null, reloadToken = 0, initial?: { path: string; data: T } | null): ApiState<T> {
  const workspaceId = useWorkspaceId();
  const url = path === null ? null : inWorkspace(path, workspaceId);
  const seeded = initial && initial.path === path ? initial : null;
  const [state, setState] = useState<ApiState<T>>(() => (seeded ? { status: "ok", data: seeded.data } : { status: "loading" }));
  const skipFirstFetch = useRef(seeded !== null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadToken is a deliberate refetch trigger
  useEffect(() => {
    if (!url) return;
    if (skipFirstFetch.current) {
      skipFirstFetch.current = false;
      return;
    }
    const controller = new AbortController();
    setState({ status: "loading" });
    apiFetch<T>(url, { signal: controller.signal })
      .then((data) => setState({ status: "ok", data, receivedAt: performance.now() }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error: error instanceof ApiError ? error : networkError() });
      });
    return () => controller.abort();
  }, [url, reloadToken]);
  return state;
}
