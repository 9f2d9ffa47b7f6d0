import { createRequire } from "node:module";
import express, { Router } from "express";
import { z } from "zod";
import { isPulsenError } from "../core/errors";
import { packagePath } from "../package-root";
import { sessionCookie } from "./cookies";
import { footer } from "./page-shell";
import type { Sessions } from "./sessions";

const here = packagePath("src/web/public/");
// teams-js's browser bundle, served as is: the tab shell needs no build step.
const teamsJs = createRequire(packagePath("package.json")).resolve(
  "@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js",
);

/**
 * Only our own scripts and styles; framing only by Teams and Microsoft 365
 * hosts (the tabs). teams-js's optional fetch of its origin list from a CDN
 * is blocked and it falls back to its built-in list.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.skype.com https://*.office.com https://outlook.office.com https://*.microsoft365.com https://*.cloud.microsoft",
].join("; ");

const signInQuery = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

/** The dashboard's pages: the app shell at /, the Teams channel-tab setup, and sign-in links. */
export function dashboardPages(deps: { sessions: Sessions; secureCookies: boolean }): Router {
  const r = Router();
  r.use((_req, res, next) => {
    // Outside sites get no referrer (a sign-in link's token never leaves); our own form posts keep their
    // Origin, which the cross-site check needs on browsers that send no Sec-Fetch-Site.
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Content-Security-Policy", DASHBOARD_CSP);
    next();
  });
  const noStore = { headers: { "Cache-Control": "no-store" } };
  r.use("/assets", express.static(here, { index: false, maxAge: "5m", fallthrough: true }));
  r.get("/assets/vendor/teams.js", (_req, res) => res.sendFile(teamsJs, { maxAge: "1d" }));
  r.get("/", (_req, res) => res.sendFile("index.html", { root: here, ...noStore }));
  r.get("/teams/configure", (_req, res) => res.sendFile("configure.html", { root: here, ...noStore }));
  // The link's GET changes nothing: mail scanners (Safe Links) and chat previews fetch every link, and a
  // link someone else sends must not sign you in as them. The person's own click on Sign in is a POST.
  r.get("/signin", (req, res) => {
    const q = signInQuery.safeParse(req.query);
    if (!q.success) return res.redirect(303, "/?signin=invalid");
    res.setHeader("Cache-Control", "no-store");
    res.send(signInPage(q.data.token));
  });
  r.post("/signin", express.urlencoded({ extended: false, limit: "2kb" }), (req, res) => {
    const q = signInQuery.safeParse(req.body);
    if (!q.success) return res.redirect(303, "/?signin=invalid");
    try {
      const token = deps.sessions.redeemLink(q.data.token);
      res.setHeader("Set-Cookie", sessionCookie(token, deps.secureCookies));
      // 303 so the one-time token leaves the address bar and the history.
      return res.redirect(303, "/");
    } catch (e) {
      if (isPulsenError(e)) return res.redirect(303, "/?signin=expired");
      throw e;
    }
  });
  return r;
}

/** The sign-in link's landing page: one button that posts the token (no script, so nothing runs by itself). */
function signInPage(token: string): string {
  return (
    `<!doctype html><html lang="nb"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>Pulsen – logg inn</title>` +
    `<link rel="stylesheet" href="/assets/dashboard.css"></head><body><main class="signin">` +
    `<h1>Pulsen</h1><p>Logg inn på oversikten. <span lang="en">Sign in to the overview.</span></p>` +
    `<form method="post" action="/signin"><input type="hidden" name="token" value="${token}">` +
    `<button type="submit">Logg inn <span lang="en">· Sign in</span></button></form>` +
    `<p><small>Lenken virker én gang. <span lang="en">The link works once.</span></small></p>` +
    `</main>${footer("nb")}</body></html>`
  );
}
