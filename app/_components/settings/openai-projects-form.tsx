"use client";

import { useState } from "react";
import { saveOpenAIProjects } from "../api/routes";
import { Feedback } from "../ui/feedback";
import { useMutation } from "../api/use-mutation";

const parse = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** The OpenAI projects whose usage this workspace sees; admins edit, members read. */
export function OpenAIProjectsForm({ workspaceId, projectIds, canEdit }: { workspaceId: string; projectIds: string[]; canEdit: boolean }) {
  const [text, setText] = useState(projectIds.join("\n"));
  const { pending, error, message, run } = useMutation();
  const unchanged = parse(text).join(",") === projectIds.join(",");
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const saved = await saveOpenAIProjects({ workspaceId, projectIds: parse(text) });
          setText(saved.projectIds.join("\n"));
          return saved.projectIds.length
            ? `Usage now covers ${saved.projectIds.length} project(s), for every member.`
            : "Mapping removed: usage is organisation-wide and for admins only.";
        });
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
          disabled={!canEdit}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
        />
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {canEdit
            ? "Find them in the OpenAI dashboard under Projects. With none, usage is the whole organisation's and only admins see it."
            : "Only admins and owners can change which projects this workspace's usage covers."}
        </p>
      </div>
      {canEdit && (
        <button type="submit" className="btn-primary" disabled={pending || unchanged}>
          Save projects
        </button>
      )}
      <Feedback error={error} message={message} />
    </form>
  );
}
