"use client";

import { createWorkspace, renameWorkspace } from "../api/routes";
import { SingleFieldForm } from "../ui/single-field-form";

export function RenameWorkspaceForm({ workspaceId, name, canEdit }: { workspaceId: string; name: string; canEdit: boolean }) {
  return (
    <SingleFieldForm
      id="workspace-name"
      label="Workspace name"
      initial={name}
      submitLabel="Save"
      primary
      disabled={!canEdit}
      hint={canEdit ? undefined : "Only admins and owners can rename the workspace."}
      submit={async (value) => {
        await renameWorkspace({ workspaceId, name: value });
        return "Workspace renamed.";
      }}
    />
  );
}

export function CreateWorkspaceForm() {
  return (
    <SingleFieldForm
      id="new-workspace-name"
      label="New workspace"
      placeholder="e.g. Platform team"
      submitLabel="Create"
      clearOnSuccess
      submit={async (name) => {
        await createWorkspace({ name });
        return "Workspace created and selected.";
      }}
    />
  );
}
