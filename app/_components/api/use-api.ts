"use client";

import { useEffect, useState } from "react";

export type ApiState<T> =
  | { status: "loading" }
  | { status: "ok"; data: T }
  | { status: "error"; error: string; code?: string; httpStatus: number };

/** GETs one of our API routes whenever `path` changes; keeps the error envelope's code for the UI. */
export function useApi<T>(path: string | null, reloadToken = 0): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: "loading" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadToken is a deliberate refetch trigger
  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    setState({ status: "loading" });
    fetch(path, { signal: controller.signal })
      .then(async (res) => {
        const body = await res.json().catch(() => null);
        if (res.ok) setState({ status: "ok", data: body as T });
        else
          setState({
            status: "error",
            error: body?.error ?? `Request failed (${res.status}).`,
            code: body?.code,
            httpStatus: res.status,
          });
      })
      .catch((error: Error) => {
        if (error.name !== "AbortError") setState({ status: "error", error: "Network error: could not reach the server.", httpStatus: 0 });
      });
    return () => controller.abort();
  }, [path, reloadToken]);
  return state;
}
