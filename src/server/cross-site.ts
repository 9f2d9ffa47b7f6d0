import type { NextFunction, Request, Response } from "express";
import { type Logger, loggedPath } from "../log";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
/** Server-to-server endpoints: signed by the platform, never sent by a browser with our cookie. */
const PLATFORM_PATHS = new Set(["/slack/events", "/api/messages"]);

/**
 * Refuses a state-changing request another site's page made: a session cookie
 * alone never proves the person meant it (SameSite=Lax still lets a top-level
 * form post through on some browsers, and a sibling subdomain is "same-site").
 * Browsers say where a request comes from in Sec-Fetch-Site; older ones only in
 * Origin. Requests with neither (curl, the CLI's tests) carry no cookie a
 * browser would add on its own.
 */
export function refuseCrossSite(publicUrl: string, logger: Logger) {
  const publicOrigin = new URL(publicUrl).origin;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE.has(req.method) || PLATFORM_PATHS.has(req.path)) {
      next();
      return;
    }
    const site = req.headers["sec-fetch-site"];
    const origin = req.headers.origin;
    const own = `${req.protocol}://${req.headers.host ?? ""}`;
    const fromHere =
      site !== undefined
        ? site === "same-origin" || site === "none"
        : origin === undefined || origin === publicOrigin || origin === own;
    if (fromHere) {
      next();
      return;
    }
    logger.warn(
      { path: loggedPath(req.path), site: site ?? null, origin: origin ?? null },
      "cross-site request refused",
    );
    res.status(403).json({ error: "cross_site", message: "This request came from another site and was refused." });
  };
}
