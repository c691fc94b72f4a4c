"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";

// One page, one conversation: when any form or button starts an action, every other form's
// message from an earlier action goes, so no "Saved." lingers beside the next thing the user does.
const actions = typeof window === "undefined" ? null : new EventTarget();
const ACTION_STARTED = "action-started";

/** Runs an API mutation, then refreshes the server components; exposes pending, error and success. */
export function useMutation() {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const clear = (event: Event) => {
      if ((event as CustomEvent<string>).detail === id) return;
      setError(null);
      setMessage(null);
    };
    actions?.addEventListener(ACTION_STARTED, clear);
    return () => actions?.removeEventListener(ACTION_STARTED, clear);
  }, [id]);

  /** Forgets the last outcome (e.g. when the user edits the field it was about). */
  function reset() {
    setError(null);
    setMessage(null);
  }

  function run(action: () => Promise<string | undefined>) {
    reset();
    actions?.dispatchEvent(new CustomEvent(ACTION_STARTED, { detail: id }));
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
  return { pending, error, message, run, reset };
}
