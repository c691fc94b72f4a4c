"use client";

import { createContext, useContext } from "react";

const WorkspaceContext = createContext<string | null>(null);

/**
 * The workspace the dashboard shows, set by its layout. Switching workspace refreshes the layout
 * (router.refresh), which changes this id, and every `useApi` request names it: client views
 * fetch the new workspace's data at once, and a tab never shows one workspace's figures under
 * another's name. (Components that hold a workspace's state are keyed by its id on their page.)
 */
export function WorkspaceProvider({ workspaceId, children }: { workspaceId: string; children: React.ReactNode }) {
  return <WorkspaceContext value={workspaceId}>{children}</WorkspaceContext>;
}

/** The id of the workspace the page shows; null outside the dashboard. */
export const useWorkspaceId = () => useContext(WorkspaceContext);
