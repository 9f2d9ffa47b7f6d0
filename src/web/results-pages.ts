import { type NextFunction, type Request, type Response, Router } from "express";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { hasDashboard } from "../core/access";
import type { Clock } from "../core/clock";
import { isPulsenError, PulsenError } from "../core/errors";
import { LOCALES, type Locale } from "../core/locale";
import { sayError } from "../core/problem-text";
import type { Db } from "../db/open";
import { orgTimeZone } from "../db/org-store";
import { people, personRoles } from "../db/schema";
import { loadViewer, type Viewer } from "../db/viewer-store";
import { accessibilityStatement } from "./accessibility-statement";
import { DASHBOARD_CSP } from "./pages";
import { escapeHtml, footer, page } from "./page-shell";
import { parse, readerLocale, roundIdParam, unitIdParam, viewerFrom } from "./request";
import { roundResults } from "./results";
import { printPage } from "./results-print";
import { RESULTS_WORDS } from "./results-words";
import type { Sessions } from "./sessions";

export interface ResultsPagesDeps {
  db: Db;
  clock: Clock;
  sessions: Sessions;
  anonymityMin: number;
  /** ACCESSIBILITY_CONTACT; null: the HR people's e-mail. */
  accessibilityContact: string | null;
}

const printQuery = z.object({
  round: roundIdParam,
  unit: unitIdParam.optional(),
  lang: z.enum(LOCALES).optional(),
  ticket: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,100}$/)
    .optional(),
  inTeams: z.literal("1").optional(),
});
const langQuery = z.object({ lang: z.enum(LOCALES).optional() }).passthrough();

const STATUS = { input_invalid: 400, forbidden: 403, not_found: 404, conflict: 409 } as const;

/**
 * Pages the server writes for a person to read or print: the printable report of a closed round's results
 * (role-checked as the API is, from the same results it returns) and the accessibility statement.
 */
export function resultsPages(deps: ResultsPagesDeps): Router {
  const r = Router();
  const viewerOf = viewerFrom(deps);
  r.use(["/results", "/tilgjengelighet"], (_req, res, next) => {
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Content-Security-Policy", DASHBOARD_CSP);
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  r.get("/results/print", (req, res) => {
    const q = parse(printQuery, req.query, "query");
    // From the Teams tab, a one-time ticket (its session is a bearer token a navigation cannot carry);
    // in a browser, the session cookie.
    let viewer: Viewer | null;
    if (q.ticket !== undefined) {
      const personId = deps.sessions.redeemPrintTicket(q.ticket);
      viewer = personId === null ? null : loadViewer(deps.db, personId);
      if (viewer === null) throw new PulsenError("forbidden", { kind: "link_used_or_expired" });
    } else viewer = viewerOf(req);
    const locale = q.lang ?? viewer.locale;
    if (!hasDashboard(viewer.access)) throw new PulsenError("forbidden", { kind: "sign_in_first" });
    const data = roundResults(deps.db, q.round, { ...viewer, locale }, deps.anonymityMin);
    const back = new URLSearchParams({ round: q.round });
    if (q.unit !== undefined) back.set("unit", q.unit);
    if (q.inTeams !== undefined) back.set("inTeams", "1");
    res.type("html").send(
      printPage(data, q.unit ?? null, {
        locale,
        timeZone: orgTimeZone(deps.db),
        now: deps.clock.now(),
        back: `/?${back}`,
      }),
    );
  });

  r.get("/tilgjengelighet", (req, res) => {
    const q = langQuery.safeParse(req.query);
    const locale = (q.success ? q.data.lang : undefined) ?? readerLocale(deps, req);
    res.type("html").send(accessibilityStatement(locale, contacts(deps), orgTimeZone(deps.db)));
  });

  r.use(["/results", "/tilgjengelighet"], (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!isPulsenError(err) || !(err.code in STATUS)) return next(err);
    const q = langQuery.safeParse(req.query);
    const locale: Locale = (q.success ? q.data.lang : undefined) ?? readerLocale(deps, req);
    const said = sayError(err, locale);
    const w = RESULTS_WORDS[locale];
    const status = STATUS[err.code as keyof typeof STATUS];
    const body =
      `<main id="main"><h1>${escapeHtml(w.title)}</h1><p class="warn" role="alert">${escapeHtml(said.message)}</p>` +
      `<p><a href="/">${escapeHtml(w.back)}</a></p></main>${footer(locale)}`;
    res
      .status(status)
      .type("html")
      .send(page({ locale, title: w.title, styles: [], script: null, body }));
  });
  return r;
}

function contacts(deps: ResultsPagesDeps): string[] {
  if (deps.accessibilityContact !== null) return [deps.accessibilityContact];
  return deps.db
    .select({ email: people.email })
    .from(people)
    .innerJoin(personRoles, eq(personRoles.personId, people.id))
    .where(and(eq(personRoles.role, "hr"), eq(people.active, true)))
    .all()
    .flatMap((p) => (p.email ? [p.email] : []))
    .slice(0, 2);
}
