/** Roles a person can hold besides being an employee; leadership is per unit, not a role. */
export const ROLES = ["hr", "union_rep", "safety_rep"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
