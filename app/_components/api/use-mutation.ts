"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

/** Runs an API mutation, then refreshes the server components; exposes pending, error and success. */
export function useMutation() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  function run(action: () => Promise<string | undefined>) {
    setError(null);
    setMessage(null);
    startTransition(async () => {
      try {
        const done = await action();
        if (done) setMessage(done);
        router.refresh();
      } catch (err) {
        setError((err as Error).message);
      }
    });
  }
  return { pending, error, message, run };
}
