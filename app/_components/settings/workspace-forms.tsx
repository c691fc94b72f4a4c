"use client";

import { useRouter } from "next/navigation";
import { createWorkspace, deleteWorkspace, renameWorkspace } from "../api/routes";
import { useMutation } from "../api/use-mutation";
import { useConfirm } from "../ui/confirm-dialog";
import { Feedback } from "../ui/feedback";
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

/** Owners only: deletes the workspace after its name is typed; the user lands in another of theirs. */
export function DeleteWorkspacePanel({ workspaceId, name, members }: { workspaceId: string; name: string; members: number }) {
  const router = useRouter();
  const { pending, error, run } = useMutation();
  const { confirm, dialog } = useConfirm();
  const start = async () => {
    const confirmed = await confirm({
      title: `Delete "${name}"?`,
      body: (
        <>
          <p>
            This deletes the workspace for good: its OpenAI keys (members' personal keys for it too), voice calls and their costs, pending
            invites, budgets, alert settings and key activity. It cannot be undone.
          </p>
          <p>
            {members === 1
              ? "You are its only member."
              : `Its ${members} members lose access to it; their accounts and other workspaces stay.`}{" "}
            You move to another of your workspaces, or to a new personal one if this was your last.
          </p>
        </>
      ),
      confirmLabel: "Delete workspace",
      danger: true,
      requireText: name,
    });
    if (!confirmed) return;
    run(async () => {
      await deleteWorkspace({ workspaceId, confirmName: name });
      router.push("/");
      return undefined;
    });
  };
  return (
    <div className="space-y-3">
      <p className="muted">
        Deleting removes the workspace and everything in it for every member. Only owners can do it, by typing its name.
      </p>
      <button type="button" className="btn-danger" disabled={pending} onClick={start}>
        {pending ? "Deleting…" : "Delete workspace…"}
      </button>
      <Feedback error={error} />
      {dialog}
    </div>
  );
}
