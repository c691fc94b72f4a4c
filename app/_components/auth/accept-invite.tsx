"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { apiFetch } from "./api";
import { Feedback } from "./feedback";

export function AcceptInvite({ token }: { token: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      <button
        type="button"
        className="btn-primary w-full"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            try {
              await apiFetch("/api/v1/invites/accept", { method: "POST", body: { token } });
              router.push("/");
              router.refresh();
            } catch (err) {
              setError((err as Error).message);
            }
          })
        }
      >
        {pending ? "Joining…" : "Accept invite"}
      </button>
      <Feedback error={error} />
    </div>
  );
}
