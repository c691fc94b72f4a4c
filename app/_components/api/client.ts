import { apiErrorFrom, networkError } from "./errors";

export interface ApiRequest {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls our own API with the user's session; a non-2xx answer or no answer throws an ApiError. */
export async function apiFetch<T>(path: string, { method = "GET", body, signal }: ApiRequest = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw networkError();
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw apiErrorFrom(res.status, data, res.headers.get("retry-after"));
  return data as T;
}
