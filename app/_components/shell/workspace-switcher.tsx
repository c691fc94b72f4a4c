"use client";

import { switchWorkspace } from "../api/routes";
import { useMutation } from "../api/use-mutation";

interface Props {
  current: string;
  workspaces: { id: string; name: string; role: string }[];
}

export function WorkspaceSwitcher({ current, workspaces }: Props) {
  const { pending, error, run } = useMutation();
  const currentName = workspaces.find((w) => w.id === current)?.name;
  return (
    <div>
      <label
        htmlFor="workspace-switcher"
        className="mb-1 block px-1 text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400"
      >
        Workspace
      </label>
      <select
        id="workspace-switcher"
        // A long name is cut with an ellipsis here; the full name shows on hover and in the list.
        className="input truncate pr-8"
        title={currentName}
        value={current}
        disabled={pending}
        onChange={(e) => {
          const workspaceId = e.target.value;
          run(async () => {
            await switchWorkspace(workspaceId);
            return undefined;
          });
        }}
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id} title={w.name}>
            {w.name} ({w.role})
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
