import type { NextFunction, Request, Response } from "express";

/**
 * The default for every response, JSON, 404s and platform endpoints included: load nothing, be framed by
 * nobody. Routes that serve pages set their own policy on top (the dashboard: framed by Teams; the chat and
 * link pages: their inline style by its hash).
 */
const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * One year, this host only: includeSubDomains or preload would bind every other site under the
 * organization's domain to https, which is not Pulsen's to decide.
 */
const HSTS = "max-age=31536000";

/**
 * Security headers for every route, set first so nothing leaves without them. `same-origin`, not
 * `no-referrer`: our own form posts must keep their Origin for the cross-site check (cross-site.ts).
 */
export function securityHeaders(publicUrl: string) {
  const https = new URL(publicUrl).protocol === "https:";
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.setHeader("Content-Security-Policy", DEFAULT_CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    if (https) res.setHeader("Strict-Transport-Security", HSTS);
    next();
  };
}
