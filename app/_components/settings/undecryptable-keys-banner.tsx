"use client";

import type { KeyScope, LlmProvider } from "@/db/enums";
import { removeUndecryptableKeys } from "../api/routes";
import { useMutation } from "../api/use-mutation";
import { useConfirm } from "../ui/confirm-dialog";
import { Feedback } from "../ui/feedback";
import { keyLabel } from "./key-vault";

export interface UndecryptableKey {
  provider: LlmProvider;
  scope: KeyScope;
  keyHint: string;
  keyVersion: string;
}

/** Keys this deployment's keyring cannot open (a preview on a copy of production's data): say so, and let an admin clear them. */
export function UndecryptableKeysBanner({
  workspaceId,
  keys,
  canRemove,
}: {
  workspaceId: string;
  keys: UndecryptableKey[];
  canRemove: boolean;
}) {
  const { pending, error, message, run } = useMutation();
  const { confirm, dialog } = useConfirm();
  const versions = [...new Set(keys.map((k) => k.keyVersion))].join(", ");

  const remove = async () => {
    const confirmed = await confirm({
      title: "Remove every undecryptable key?",
      body:
        "Every key of this workspace that this server cannot decrypt goes, members' personal keys included. They cannot be recovered here. " +
        "If this server should be able to read them, fix its ENCRYPTION_KEYS instead.",
      confirmLabel: "Remove keys",
      danger: true,
    });
    if (!confirmed) return;
    run(async () => {
      const { removed } = await removeUndecryptableKeys(workspaceId);
      return `Removed ${removed.length} undecryptable ${removed.length === 1 ? "key" : "keys"}. Save new keys below.`;
    });
  };

  if (keys.length === 0) return message ? <Feedback error={null} message={message} /> : null;
  return (
    <div role="alert" className="alert-error space-y-3" data-testid="undecryptable-keys">
      <p className="font-semibold">
        These keys were saved under a different encryption keyring (version {versions}) and cannot be used here; save them again.
      </p>
      <ul className="list-inside list-disc text-sm">
        {keys.map((k) => (
          <li key={`${k.provider}-${k.scope}`}>
            {keyLabel(k.provider, k.scope)} <span className="font-mono">{k.keyHint}</span>
          </li>
        ))}
      </ul>
      <p className="text-sm">
        This happens when a deployment runs on a copy of another environment's data with its own ENCRYPTION_KEYS, as a preview branched from
        production does. Calls that need these keys fail until they are saved again or removed.
      </p>
      {canRemove ? (
        <button type="button" className="btn-danger px-2.5 py-1.5 text-xs" disabled={pending} onClick={remove}>
          Remove undecryptable keys
        </button>
      ) : (
        <p className="text-sm">Replace or remove your personal key below; an admin can remove the workspace's undecryptable keys.</p>
      )}
      <Feedback error={error} message={null} />
      {dialog}
    </div>
  );
}
