"use client";

import { useState } from "react";
import { apiPaths, saveOpenAIProjects } from "../api/routes";
import type { OpenAIProjectsResponse } from "../api/types";
import { useApi } from "../api/use-api";
import { useMutation } from "../api/use-mutation";
import { Feedback } from "../ui/feedback";

const parse = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const sameIds = (a: string[], b: string[]) => [...a].sort().join(",") === [...b].sort().join(",");

/**
 * The OpenAI projects whose usage this workspace sees. Admins pick them by name from the
 * organisation's list (read with the Admin key); without that list (no Admin key yet, OpenAI
 * down) they can still type ids. Members read the mapping.
 */
export function OpenAIProjectsForm({ workspaceId, projectIds, canEdit }: { workspaceId: string; projectIds: string[]; canEdit: boolean }) {
  const list = useApi<OpenAIProjectsResponse>(canEdit ? apiPaths.ctoProjects : null);
  if (!canEdit)
    return (
      <div className="space-y-2">
        {projectIds.length ? (
          <ul className="flex flex-wrap gap-2" aria-label="Mapped OpenAI projects">
            {projectIds.map((id) => (
              <li key={id} className="rounded bg-zinc-100 px-2 py-1 font-mono text-xs dark:bg-zinc-800">
                {id}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No projects mapped: usage is the whole organisation's and only admins see it.</p>
        )}
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Only admins and owners can change which projects this workspace's usage covers.
        </p>
      </div>
    );
  if (list.status === "loading")
    return <div role="status" aria-label="Loading OpenAI projects" className="h-24 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />;
  if (list.status === "error")
    return (
      <div className="space-y-3">
        <p className="alert-error" role="alert">
          Could not list the organisation's projects by name: {list.error.message} You can still enter project ids.
        </p>
        <ProjectIdsForm workspaceId={workspaceId} projectIds={projectIds} />
      </div>
    );
  return <ProjectPicker workspaceId={workspaceId} projectIds={projectIds} data={list.data} />;
}

function useSave(workspaceId: string, onSaved: (ids: string[]) => void) {
  const mutation = useMutation();
  const save = (ids: string[]) =>
    mutation.run(async () => {
      const saved = await saveOpenAIProjects({ workspaceId, projectIds: ids });
      onSaved(saved.projectIds);
      return saved.projectIds.length
        ? `Usage now covers ${saved.projectIds.length} project(s), for every member.`
        : "Mapping removed: usage is organisation-wide and for admins only.";
    });
  return { ...mutation, save };
}

function ProjectPicker({ workspaceId, projectIds, data }: { workspaceId: string; projectIds: string[]; data: OpenAIProjectsResponse }) {
  const [chosen, setChosen] = useState(new Set(projectIds));
  const { pending, error, message, save } = useSave(workspaceId, (ids) => setChosen(new Set(ids)));
  const listed = new Set(data.projects.map((p) => p.id));
  // A mapped id OpenAI no longer lists stays visible (and can be unticked), named by its id.
  const options = [
    ...data.projects,
    ...projectIds.filter((id) => !listed.has(id)).map((id) => ({ id, name: id, archived: false, missing: true })),
  ];
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save([...chosen]);
      }}
    >
      <fieldset>
        <legend className="label">OpenAI projects this workspace's usage covers</legend>
        {options.length === 0 ? (
          <p className="muted">The organisation has no projects yet.</p>
        ) : (
          <ul className="mt-1 divide-y divide-zinc-100 rounded border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {options.map((p) => (
              <li key={p.id}>
                <label className="flex cursor-pointer items-center gap-3 px-3 py-2">
                  <input
                    type="checkbox"
                    checked={chosen.has(p.id)}
                    onChange={(e) =>
                      setChosen((prev) => {
                        const next = new Set(prev);
                        if (e.target.checked) next.add(p.id);
                        else next.delete(p.id);
                        return next;
                      })
                    }
                  />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium" title={p.name}>
                      {p.name}
                    </span>
                    <span className="block truncate font-mono text-xs text-zinc-600 dark:text-zinc-400">{p.id}</span>
                  </span>
                  {p.archived && <span className="rounded bg-zinc-100 px-2 py-0.5 text-xs dark:bg-zinc-800">archived</span>}
                  {"missing" in p && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs dark:bg-amber-900">not in the list</span>}
                </label>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          With none ticked, usage is the whole organisation's and only admins see it.
        </p>
      </fieldset>
      <button type="submit" className="btn-primary" disabled={pending || sameIds([...chosen], projectIds)}>
        Save projects
      </button>
      <Feedback error={error} message={message} />
    </form>
  );
}

function ProjectIdsForm({ workspaceId, projectIds }: { workspaceId: string; projectIds: string[] }) {
  const [text, setText] = useState(projectIds.join("\n"));
  const { pending, error, message, save } = useSave(workspaceId, (ids) => setText(ids.join("\n")));
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save(parse(text));
      }}
    >
      <div>
        <label htmlFor="openai-projects" className="label">
          OpenAI project ids, one per line
        </label>
        <textarea
          id="openai-projects"
          className="input font-mono"
          rows={3}
          placeholder="proj_abc123"
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
        />
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          Find them in the OpenAI dashboard under Projects. With none, usage is the whole organisation's and only admins see it.
        </p>
      </div>
      <button type="submit" className="btn-primary" disabled={pending || parse(text).join(",") === projectIds.join(",")}>
        Save projects
      </button>
      <Feedback error={error} message={message} />
    </form>
  );
}
