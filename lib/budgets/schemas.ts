import { z } from "zod";

// Request shapes of /api/v1/workspace/budgets (plain zod: the e2e fuzz imports them).

/** The largest monthly budget accepted, in USD. */
export const MAX_BUDGET_USD = 1_000_000;

const workspaceId = z.string().optional();
/** Whose budget: a member's user id, or absent / "" for the whole workspace. */
const budgetUserId = z.string().trim().max(100).optional();

export const budgetsQuery = z.object({ workspaceId });

export const putBudgetBody = z.object({
  workspaceId,
  userId: budgetUserId,
  limitUsd: z
    .number()
    .finite()
    .min(0, "A budget cannot be negative.")
    .max(MAX_BUDGET_USD, `A budget can be at most $${MAX_BUDGET_USD.toLocaleString("en-US")} a month.`),
});
export type PutBudgetBody = z.infer<typeof putBudgetBody>;

export const deleteBudgetQuery = z.object({ workspaceId, userId: budgetUserId });

/** What the API answers: a budget line per scope with this month's spend (dollars). */
export interface BudgetLineView {
  /** "" for the whole workspace. */
  userId: string;
  name: string | null;
  email: string | null;
  role: string | null;
  limitUsd: number | null;
  spentUsd: number;
  updatedAt: string | null;
}

export interface BudgetsView {
  workspaceId: string;
  /** YYYY-MM-01 */
  month: string;
  resetsAt: string;
  workspace: BudgetLineView;
  members: BudgetLineView[];
}

/** The details of a 402 budget_exceeded. */
export interface BudgetExceededDetails {
  scope: "workspace" | "member";
  budgetUsd: number;
  spentUsd: number;
  resetsAt: string;
}
