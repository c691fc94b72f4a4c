"use client";

import { useRouter } from "next/navigation";
import { acceptInvite } from "../api/routes";
import { useMutation } from "../api/use-mutation";
import { Feedback } from "../ui/feedback";

export function AcceptInvite({ token }: { token: string }) {
  const router = useRouter();
  const { pending, error, run } = useMutation();
  return (
    <div className="space-y-3">
      <button
        type="button"
        className="btn-primary w-full"
        disabled={pending}
        onClick={() =>
          run(async () => {
            await acceptInvite(token);
            router.push("/");
            return undefined;
          })
        }
      >
        {pending ? "Joining…" : "Accept invite"}
      </button>
      <Feedback error={error} />
    </div>
  );
}
