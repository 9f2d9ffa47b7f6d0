import { parse, serialize } from "cookie";
import type { Request } from "express";
import { SESSION_TTL_MS } from "./sessions";

const SESSION_COOKIE = "pulsen_session";

/** The session token from the bearer header (the Teams tab) or the cookie (a browser). */
export function readSessionToken(req: Request): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim() || null;
  const header = req.headers.cookie;
  if (!header) return null;
  return parse(header)[SESSION_COOKIE] ?? null;
}

export function sessionCookie(token: string, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** Sign-out: the same attributes as the cookie it replaces (Secure under https), expired at once. */
export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 0 });
}
