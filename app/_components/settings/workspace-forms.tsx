"use client";

import { useState } from "react";
import { createWorkspace, renameWorkspace } from "../api/routes";
import { useMutation } from "../api/use-mutation";
import { Feedback } from "../ui/feedback";

export function RenameWorkspaceForm({ workspaceId, name, canEdit }: { workspaceId: string; name: string; canEdit: boolean }) {
  const [value, setValue] = useState(name);
  const { pending, error, message, run } = useMutation();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await renameWorkspace({ workspaceId, name: value });
          return "Workspace renamed.";
        });
      }}
    >
      <div>
        <label htmlFor="workspace-name" className="label">
          Workspace name
        </label>
        <div className="flex gap-2">
          <input
            id="workspace-name"
            className="input"
            value={value}
            maxLength={80}
            disabled={!canEdit}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit" className="btn-primary shrink-0" disabled={!canEdit || pending || value.trim() === name}>
            Save
          </button>
        </div>
        {!canEdit && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Only admins and owners can rename the workspace.</p>}
      </div>
      <Feedback error={error} message={message} />
    </form>
  );
}

export function CreateWorkspaceForm() {
  const [name, setName] = useState("");
  const { pending, error, message, run } = useMutation();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await createWorkspace({ name });
          setName("");
          return "Workspace created and selected.";
        });
      }}
    >
      <div>
        <label htmlFor="new-workspace-name" className="label">
          New workspace
        </label>
        <div className="flex gap-2">
          <input
            id="new-workspace-name"
            className="input"
            placeholder="e.g. Platform team"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="btn-secondary shrink-0" disabled={pending || name.trim() === ""}>
            Create
          </button>
        </div>
      </div>
      <Feedback error={error} message={message} />
    </form>
  );
}
