"use client";

import { useState } from "react";
import { setFallbackKeysAllowed } from "../api/routes";
import { Feedback } from "../ui/feedback";
import { useMutation } from "../api/use-mutation";
import { When } from "../ui/when";

interface InstanceWorkspace {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string | null;
  members: number;
  ownKeys: { openai: boolean; "openai-admin": boolean };
  fallbackKeysAllowed: boolean;
}

const ownKeysText = (k: InstanceWorkspace["ownKeys"]) =>
  k.openai && k["openai-admin"] ? "API and Admin key" : k.openai ? "API key" : k["openai-admin"] ? "Admin key" : "none";

/** The instance owner's switch per workspace: may it spend the server's fallback keys? */
export function InstanceWorkspaces({ workspaces, setByEnvironment }: { workspaces: InstanceWorkspace[]; setByEnvironment: boolean }) {
  const { pending, error, message, run } = useMutation();
  // Shown at once; a refused change puts the box back.
  const [allowed, setAllowed] = useState(() => new Map(workspaces.map((w) => [w.id, w.fallbackKeysAllowed])));
  const show = (id: string, value: boolean) => setAllowed((m) => new Map(m).set(id, value));
  const toggle = (w: InstanceWorkspace, value: boolean) => {
    show(w.id, value);
    run(async () => {
      try {
        await setFallbackKeysAllowed({ workspaceId: w.id, fallbackKeysAllowed: value });
      } catch (err) {
        show(w.id, !value);
        throw err;
      }
      return value ? `"${w.name}" may now use the server's keys.` : `"${w.name}" can no longer use the server's keys.`;
    });
  };
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="instance-workspaces">
          <thead className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            <tr>
              <th className="py-2 pr-3 font-medium">Workspace</th>
              <th className="py-2 pr-3 font-medium">Members</th>
              <th className="py-2 pr-3 font-medium">Own keys</th>
              <th className="py-2 font-medium">May use the server's keys</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {workspaces.map((w) => {
              const isAllowed = allowed.get(w.id) ?? w.fallbackKeysAllowed;
              return (
                <tr key={w.id} data-testid={`instance-workspace-${w.id}`}>
                  <td className="py-2 pr-3">
                    <div className="max-w-xs break-words font-medium" title={w.name}>
                      {w.name}
                    </div>
                    <div className="break-all text-xs text-zinc-600 dark:text-zinc-400">
                      {w.createdBy ?? "unknown creator"} · <When iso={w.createdAt} /> · <span className="font-mono">{w.id}</span>
                    </div>
                  </td>
                  <td className="py-2 pr-3 tabular-nums">{w.members}</td>
                  <td className="py-2 pr-3">{ownKeysText(w.ownKeys)}</td>
                  <td className="py-2">
                    <label className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        checked={isAllowed}
                        disabled={pending || setByEnvironment}
                        onChange={(e) => toggle(w, e.target.checked)}
                      />
                      <span>{isAllowed ? "Allowed" : "Not allowed"}</span>
                      <span className="sr-only"> — may {w.name} use the server's keys</span>
                    </label>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Feedback error={error} message={message} />
    </div>
  );
}
