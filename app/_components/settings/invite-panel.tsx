"use client";

import { useState } from "react";
import type { Role } from "@/db/enums";
import { createInvite, revokeInvite } from "../api/routes";
import type { PendingInvite } from "../api/types";
import { useMutation } from "../api/use-mutation";
import { CopyButton } from "../ui/copy-button";
import { Feedback } from "../ui/feedback";

interface Props {
  workspaceId: string;
  canInviteOwner: boolean;
  pending: PendingInvite[];
}

export function InvitePanel({ workspaceId, canInviteOwner, pending: invites }: Props) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [link, setLink] = useState<{ url: string; emailed: boolean } | null>(null);
  const { pending, error, message, run } = useMutation();

  return (
    <div className="space-y-4">
      <form
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const res = await createInvite({ workspaceId, email, role });
            setLink({ url: res.inviteUrl, emailed: res.emailed });
            setEmail("");
            return undefined;
          });
        }}
      >
        <div className="flex-1">
          <label htmlFor="invite-email" className="label">
            Email
          </label>
          <input
            id="invite-email"
            type="email"
            className="input"
            placeholder="teammate@company.com"
            value={email}
            required
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="invite-role" className="label">
            Role
          </label>
          <select id="invite-role" className="input sm:w-32" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="member">member</option>
            <option value="admin">admin</option>
            {canInviteOwner && <option value="owner">owner</option>}
          </select>
        </div>
        <button type="submit" className="btn-primary" disabled={pending || email.trim() === ""}>
          Create invite
        </button>
      </form>
      <Feedback error={error} message={message} />
      {link && (
        <div className="alert-success space-y-2">
          <p>{link.emailed ? "Invite emailed. You can also share this link:" : "Share this link with your teammate (it is shown once):"}</p>
          <div className="flex gap-2">
            <input aria-label="Invite link" readOnly className="input font-mono text-xs" value={link.url} data-testid="invite-link" />
            <CopyButton key={link.url} text={link.url} />
          </div>
        </div>
      )}
      {invites.length > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-semibold">Pending invites</h3>
          <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
            {invites.map((i) => (
              <li key={i.id} className="flex items-center justify-between gap-2 py-2">
                <span className="min-w-0 break-all" title={i.email}>
                  {i.email}{" "}
                  <span className="text-zinc-500">
                    · {i.role} · expires {new Date(i.expiresAt).toLocaleDateString()}
                  </span>
                </span>
                <button
                  type="button"
                  className="btn-danger px-2.5 py-1.5 text-xs"
                  disabled={pending}
                  onClick={() =>
                    run(async () => {
                      setLink(null);
                      await revokeInvite(i.id, workspaceId);
                      return `Invite for ${i.email} revoked.`;
                    })
                  }
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
