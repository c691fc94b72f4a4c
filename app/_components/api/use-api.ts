"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "./client";
import { ApiError, networkError } from "./errors";

export type ApiState<T> = { status: "loading" } | { status: "ok"; data: T } | { status: "error"; error: ApiError };

/** GETs one of our API routes whenever `path` changes; an error keeps the envelope's code for the UI. */
export function useApi<T>(path: string | null, reloadToken = 0): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: "loading" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadToken is a deliberate refetch trigger
  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    setState({ status: "loading" });
    apiFetch<T>(path, { signal: controller.signal })
      .then((data) => setState({ status: "ok", data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error: error instanceof ApiError ? error : networkError() });
      });
    return () => controller.abort();
  }, [path, reloadToken]);
  return state;
}
