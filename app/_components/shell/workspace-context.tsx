"use client";

import { createContext, Fragment, useContext } from "react";

const WorkspaceContext = createContext<string | null>(null);

/**
 * The workspace the dashboard shows, set by its layout. Switching workspace refreshes the layout
 * (router.refresh), which changes this id: everything below is mounted afresh for the new
 * workspace (no form, message or figure of the previous one survives), and every `useApi` request
 * names it, so a tab never shows one workspace's figures under another's name.
 */
export function WorkspaceProvider({ workspaceId, children }: { workspaceId: string; children: React.ReactNode }) {
  return (
    <WorkspaceContext value={workspaceId}>
      <Fragment key={workspaceId}>{children}</Fragment>
    </WorkspaceContext>
  );
}

/** The id of the workspace the page shows; null outside the dashboard. */
export const useWorkspaceId = () => useContext(WorkspaceContext);
