"use client";

import { useState } from "react";
import type { Role } from "@/db/enums";
import { changeMemberRole, createResetLink, removeMember } from "../api/routes";
import type { Member } from "../api/types";
import { useMutation } from "../api/use-mutation";
import { useConfirm } from "../ui/confirm-dialog";
import { Feedback } from "../ui/feedback";

type MemberRow = Omit<Member, "joinedAt">;

interface Props {
  workspaceId: string;
  viewerId: string;
  viewerRole: Role;
  members: MemberRow[];
}

export function MembersTable({ workspaceId, viewerId, viewerRole, members }: Props) {
  const mutation = useMutation();
  const { pending, error, message } = mutation;
  const [resetLink, setResetLink] = useState<{ email: string; url: string } | null>(null);
  const { confirm, dialog } = useConfirm();
  // The next action replaces the last one's outcome, a reset link included.
  const run: typeof mutation.run = (action) => {
    setResetLink(null);
    mutation.run(action);
  };
  const isAdmin = viewerRole === "admin" || viewerRole === "owner";
  const roleOptions: Role[] = viewerRole === "owner" ? ["member", "admin", "owner"] : ["member", "admin"];

  const changeRole = (m: MemberRow, role: Role) =>
    run(async () => {
      await changeMemberRole(m.userId, { workspaceId, role });
      return `${m.name ?? m.email} is now ${role}.`;
    });

  const remove = async (m: MemberRow) => {
    const self = m.userId === viewerId;
    const confirmed = await confirm(
      self
        ? {
            title: "Leave this workspace?",
            body: "You will lose access to it until someone invites you again.",
            confirmLabel: "Leave",
            danger: true,
          }
        : {
            title: `Remove ${m.name ?? m.email}?`,
            body: "They lose access to this workspace at once; their personal keys for it are deleted.",
            confirmLabel: "Remove",
            danger: true,
          },
    );
    if (!confirmed) return;
    run(async () => {
      await removeMember(m.userId, workspaceId);
      if (self) window.location.assign("/");
      return `${m.name ?? m.email} was removed.`;
    });
  };

  const makeResetLink = (m: MemberRow) =>
    run(async () => {
      const res = await createResetLink(m.userId, workspaceId);
      setResetLink(res.resetUrl ? { email: res.email, url: res.resetUrl } : null);
      return res.emailed ? `A password-reset link was mailed to ${res.email}.` : undefined;
    });

  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            <tr>
              <th className="py-2 pr-3 font-medium">Member</th>
              <th className="py-2 pr-3 font-medium">Role</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {members.map((m) => {
              const self = m.userId === viewerId;
              const canEditRole = isAdmin && (viewerRole === "owner" || m.role !== "owner");
              return (
                <tr key={m.userId} data-testid={`member-${m.email}`}>
                  <td className="py-2 pr-3">
                    <div className="max-w-[16rem] break-words font-medium sm:max-w-md" title={m.name ?? m.email ?? undefined}>
                      {m.name ?? m.email} {self && <span className="text-xs text-zinc-500">(you)</span>}
                    </div>
                    <div className="break-all text-xs text-zinc-600 dark:text-zinc-400">{m.email}</div>
                  </td>
                  <td className="py-2 pr-3">
                    <label className="sr-only" htmlFor={`role-${m.userId}`}>
                      Role of {m.email}
                    </label>
                    <select
                      id={`role-${m.userId}`}
                      className="input w-28 sm:w-32"
                      value={m.role}
                      disabled={!canEditRole || pending}
                      title={canEditRole ? undefined : "Only admins can change roles; only owners can change an owner."}
                      onChange={(e) => changeRole(m, e.target.value as Role)}
                    >
                      {(roleOptions.includes(m.role) ? roleOptions : [...roleOptions, m.role]).map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="space-x-2 whitespace-nowrap py-2 text-right">
                    {!self && canEditRole && (
                      <button
                        type="button"
                        className="btn-secondary px-2.5 py-1.5 text-xs"
                        disabled={pending}
                        onClick={() => makeResetLink(m)}
                      >
                        Reset link
                      </button>
                    )}
                    {(self || (isAdmin && (viewerRole === "owner" || m.role !== "owner"))) && (
                      <button type="button" className="btn-danger px-2.5 py-1.5 text-xs" disabled={pending} onClick={() => remove(m)}>
                        {self ? "Leave" : "Remove"}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Feedback error={error} message={message} />
      {dialog}
      {resetLink && (
        <div className="alert-success space-y-2">
          <p>
            Password-reset link for {resetLink.email}: hand it to them yourself. It works once, within 30 minutes, and signs them out
            everywhere.
          </p>
          <input
            readOnly
            className="input font-mono text-xs"
            aria-label="Reset link"
            data-testid="reset-link"
            value={resetLink.url}
            onFocus={(e) => e.target.select()}
          />
        </div>
      )}
    </div>
  );
}
