import { isIPv4 } from "node:net";
import type { Request } from "express";
import type { Db } from "../db/open";
import { getOrganization } from "../db/org-store";
import { loadViewer } from "../db/viewer-store";
import { readSessionToken } from "./cookies";
import type { Sessions } from "./sessions";

/**
 * Whether a TCP peer address is this machine: 127.0.0.0/8, ::1, or IPv4 127.x
 * mapped into IPv6 (a server listening on `::`). Only the socket's own peer
 * counts: X-Forwarded-For and Host say whatever the caller wrote.
 */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.toLowerCase();
  if (a === "::1") return true;
  const v4 = a.startsWith("::ffff:") ? a.slice("::ffff:".length) : a;
  return isIPv4(v4) && v4.startsWith("127.");
}

/**
 * DESIGN.md rule 9, decided here and nowhere else: the "look as anyone"
 * picker is for the seeded demo organization, and only from this machine.
 * The flag is read per request: `pulsen demo` may set it under a running server.
 */
export function demoPickerAllowed(db: Db, req: Request): boolean {
  return isLoopback(req.socket.remoteAddress) && getOrganization(db)?.demo === true;
}

/** A signed-in dashboard session (cookie or bearer) whose person is HR. */
export function isHrSession(deps: { db: Db; sessions: Sessions }, req: Request): boolean {
  const token = readSessionToken(req);
  const personId = token === null ? null : deps.sessions.personFor(token);
  return personId !== null && (loadViewer(deps.db, personId)?.roles.includes("hr") ?? false);
}
