"use client";

import { useState } from "react";
import type { KeyScope, LlmProvider } from "@/db/enums";
import { deleteKey, saveKey, testKey } from "../api/routes";
import { useMutation } from "../api/use-mutation";
import { useConfirm } from "../ui/confirm-dialog";
import { Feedback } from "../ui/feedback";
import { When } from "../ui/when";
import { type KeyInUse, KeyInUseLabel } from "./key-in-use";

/** A stored key as the page shows it: never the key itself, only its last characters. */
interface StoredKey {
  scope: KeyScope;
  keyHint: string;
  /** Sent as OpenAI-Project / OpenAI-Organization with every call made with the key. */
  openaiProject: string | null;
  openaiOrganization: string | null;
  updatedAt: string;
  lastUsedAt: string | null;
  updatedBy: string | null;
  /** False when this server's keyring cannot open it (saved under another ENCRYPTION_KEYS). */
  decryptable: boolean;
}

const PROVIDERS: Record<LlmProvider, { title: string; description: string; placeholder: string }> = {
  openai: {
    title: "OpenAI API key",
    description: "A project or user key (sk-…). Used for the voice assistant, models and chat.",
    placeholder: "sk-proj-…",
  },
  "openai-admin": {
    title: "OpenAI Admin key",
    description: "An organization Admin key (sk-admin-…). Used only to read usage and costs.",
    placeholder: "sk-admin-…",
  },
};

const SLOT_LABEL: Record<KeyScope, string> = { workspace: "Workspace key", personal: "Your personal key" };

export const keyLabel = (provider: LlmProvider, scope: KeyScope) => `${PROVIDERS[provider].title}, ${SLOT_LABEL[scope].toLowerCase()}`;

interface CardProps {
  workspaceId: string;
  provider: LlmProvider;
  canManageWorkspace: boolean;
  /** Whether the instance's key serves this workspace when it has none of its own. */
  serverFallback: boolean;
  keyInUse: KeyInUse;
  keys: StoredKey[];
}

export function KeyProviderCard({ workspaceId, provider, canManageWorkspace, serverFallback, keyInUse, keys }: CardProps) {
  const info = PROVIDERS[provider];
  const headingId = `keys-${provider}-heading`;
  return (
    <section className="card space-y-5" aria-labelledby={headingId}>
      <div>
        <h2 id={headingId} className="font-semibold">
          {info.title}
        </h2>
        <p className="muted">{info.description}</p>
        <p className="mt-2 flex items-center gap-2 text-sm">
          Your calls in this workspace use: <KeyInUseLabel inUse={keyInUse} testId={`key-in-use-${provider}`} />
        </p>
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        <KeySlot
          workspaceId={workspaceId}
          provider={provider}
          scope="workspace"
          stored={keys.find((k) => k.scope === "workspace")}
          canEdit={canManageWorkspace}
          serverFallback={serverFallback}
        />
        <KeySlot
          workspaceId={workspaceId}
          provider={provider}
          scope="personal"
          stored={keys.find((k) => k.scope === "personal")}
          canEdit
          serverFallback={false}
          workspaceKeyAvailable={keys.some((k) => k.scope === "workspace") || serverFallback}
        />
      </div>
    </section>
  );
}

interface SlotProps {
  workspaceId: string;
  provider: LlmProvider;
  scope: KeyScope;
  stored: StoredKey | undefined;
  canEdit: boolean;
  serverFallback: boolean;
  /** For a personal slot: whether the member's calls have something to fall back on. */
  workspaceKeyAvailable?: boolean;
}

function KeySlot({ workspaceId, provider, scope, stored, canEdit, serverFallback, workspaceKeyAvailable }: SlotProps) {
  const [apiKey, setApiKey] = useState("");
  const [verify, setVerify] = useState(true);
  const [project, setProject] = useState(stored?.openaiProject ?? "");
  const [organization, setOrganization] = useState(stored?.openaiOrganization ?? "");
  const { pending, error, message, run } = useMutation();
  const { confirm, dialog } = useConfirm();
  const id = `key-${provider}-${scope}`;
  const label = SLOT_LABEL[scope];

  const save = () =>
    run(async () => {
      const value = apiKey;
      // Clear the field before the request settles so the secret does not linger in the DOM.
      setApiKey("");
      const res = await saveKey(provider, { workspaceId, scope, apiKey: value, project, organization, verify });
      return `${res.replaced ? "Key replaced" : "Key saved"} (${res.keyHint}).`;
    });

  const test = () =>
    run(async () => {
      const res = await testKey(provider, { workspaceId, scope });
      if (!res.ok) throw new Error(res.message);
      return res.message;
    });

  const remove = async () => {
    const who =
      scope === "workspace"
        ? `Members will fall back to their personal keys${serverFallback ? " or the instance's key" : ""}.`
        : "Your calls will use the workspace key.";
    const confirmed = await confirm({
      title: `Remove ${scope === "workspace" ? "the workspace key" : "your personal key"} ${stored?.keyHint ?? ""}?`,
      body: `${who} The key cannot be recovered.`,
      confirmLabel: "Remove key",
      danger: true,
    });
    if (!confirmed) return;
    run(async () => {
      await deleteKey(provider, { workspaceId, scope });
      return "Key removed.";
    });
  };

  return (
    <div className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" data-testid={`slot-${provider}-${scope}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">{label}</h3>
        <StatusBadge stored={stored} serverFallback={serverFallback} />
      </div>
      {stored ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-zinc-600 dark:text-zinc-400">Key</dt>
          <dd className="font-mono" data-testid="key-hint">
            {stored.keyHint}
          </dd>
          {stored.openaiProject && (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Project</dt>
              <dd className="font-mono" data-testid="key-project">
                {stored.openaiProject}
              </dd>
            </>
          )}
          {stored.openaiOrganization && (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Organization</dt>
              <dd className="font-mono">{stored.openaiOrganization}</dd>
            </>
          )}
          <dt className="text-zinc-600 dark:text-zinc-400">Saved</dt>
          <dd>
            <When iso={stored.updatedAt} />
            {stored.updatedBy && <span className="text-zinc-600 dark:text-zinc-400"> by {stored.updatedBy}</span>}
          </dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Last used</dt>
          <dd>
            <When iso={stored.lastUsedAt} />
          </dd>
        </dl>
      ) : (
        <p className="muted">{emptyText(scope, serverFallback, workspaceKeyAvailable ?? false)}</p>
      )}
      {canEdit ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label htmlFor={id} className="label">
            {stored ? `Replace ${label.toLowerCase()}` : `Add ${label.toLowerCase()}`}
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              id={id}
              type="password"
              autoComplete="off"
              spellCheck={false}
              className="input font-mono"
              placeholder={PROVIDERS[provider].placeholder}
              value={apiKey}
              maxLength={512}
              onChange={(e) => setApiKey(e.target.value)}
            />
            <button type="submit" className="btn-primary shrink-0" disabled={pending || apiKey.trim() === ""}>
              Save
            </button>
          </div>
          <label className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
            <input type="checkbox" checked={verify} onChange={(e) => setVerify(e.target.checked)} />
            Check the key with OpenAI before saving
          </label>
          <details className="text-sm" open={Boolean(project || organization)}>
            <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">
              OpenAI project and organization (optional)
            </summary>
            <p className="muted mt-1 text-xs">Sent as OpenAI-Project / OpenAI-Organization with every call made with this key.</p>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              <div>
                <label htmlFor={`${id}-project`} className="label">
                  Project id
                </label>
                <input
                  id={`${id}-project`}
                  className="input font-mono"
                  placeholder="proj_…"
                  value={project}
                  onChange={(e) => setProject(e.target.value.trim())}
                />
              </div>
              <div>
                <label htmlFor={`${id}-organization`} className="label">
                  Organization id
                </label>
                <input
                  id={`${id}-organization`}
                  className="input font-mono"
                  placeholder="org-…"
                  value={organization}
                  onChange={(e) => setOrganization(e.target.value.trim())}
                />
              </div>
            </div>
          </details>
        </form>
      ) : (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Only admins and owners can change the workspace key. You can add a personal key instead.
        </p>
      )}
      {stored && (
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn-secondary px-2.5 py-1.5 text-xs" disabled={pending} onClick={test}>
            Test
          </button>
          <button
            type="button"
            className="btn-danger px-2.5 py-1.5 text-xs"
            disabled={pending || !canEdit}
            title={canEdit ? undefined : "Only admins and owners can remove the workspace key."}
            onClick={remove}
          >
            Remove
          </button>
        </div>
      )}
      <Feedback error={error} message={message} />
      {dialog}
    </div>
  );
}

function emptyText(scope: KeyScope, serverFallback: boolean, workspaceKeyAvailable: boolean): string {
  if (scope === "personal")
    return workspaceKeyAvailable ? "Not set. Your calls use the workspace key." : "Not set. Add one to use your own OpenAI account.";
  return serverFallback
    ? "Not set. Calls use the instance's key (the server's, allowed for this workspace by the instance owner) until an admin adds one."
    : "Not set. Calls that need this key fail until an admin adds one (the instance's key is not available to this workspace).";
}

function StatusBadge({ stored, serverFallback }: { stored: StoredKey | undefined; serverFallback: boolean }) {
  const [text, tone] = stored
    ? stored.decryptable
      ? ["Configured", "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300"]
      : ["Cannot decrypt here", "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300"]
    : serverFallback
      ? ["Using the instance's key", "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300"]
      : ["Not configured", "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"];
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${tone}`} data-testid="key-status">
      {text}
    </span>
  );
}
