import type { Role } from "@/db/schema";

const RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export function hasRole(actual: Role, minimum: Role): boolean {
  return RANK[actual] >= RANK[minimum];
}

/** Every role that satisfies `minimum`, for checks made inside a query. */
export function rolesAtLeast(minimum: Role): Role[] {
  return (Object.keys(RANK) as Role[]).filter((role) => hasRole(role, minimum));
}
