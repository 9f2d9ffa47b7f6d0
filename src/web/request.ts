import type { NextFunction, Request, Response } from "express";
import { z } from "zod";
import { PulsenError } from "../core/errors";
import { ruleOf } from "../core/problem";
import { idSchema } from "../core/ids";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "../core/locale";
import type { Db } from "../db/open";
import { loadViewer, type Viewer } from "../db/viewer-store";
import { readSessionToken } from "./cookies";
import type { Sessions } from "./sessions";

/** Parses with zod; a bad value becomes one clear input_invalid message naming the field. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue && issue.path.length > 0 ? `${what}.${issue.path.join(".")}` : what;
  throw new PulsenError("input_invalid", {
    kind: "field_invalid",
    field,
    rule: issue ? ruleOf(issue) : { rule: "invalid" },
  });
}

/** An async-or-not handler whose result is the JSON body; errors go to the router's error handler. */
export const route =
  (fn: (req: Request, res: Response) => unknown | Promise<unknown>) =>
  (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .then((body) => {
        if (!res.headersSent) res.json(body ?? { ok: true });
      })
      .catch(next);
  };

export const roundIdParam = idSchema("round");
export const unitIdParam = idSchema("unit");

const localeHeader = z.enum(LOCALES).optional();

/** Who is asking: their session's person, with the access their roles give; 403 if nobody. */
export function viewerFrom(deps: { db: Db; sessions: Sessions }): (req: Request) => Viewer {
  return (req) => {
    const token = readSessionToken(req);
    const personId = token === null ? null : deps.sessions.personFor(token);
    const viewer = personId === null ? null : loadViewer(deps.db, personId);
    if (viewer === null) throw new PulsenError("forbidden", { kind: "sign_in_first" });
    // The Teams tab says which language Teams is in; that wins over the organization file's.
    const asked = localeHeader.safeParse(req.headers["x-pulsen-locale"]);
    return asked.success && asked.data !== undefined ? { ...viewer, locale: asked.data } : viewer;
  };
}

/**
 * The language to answer this request in, also when it fails: the signed-in person's (or the Teams tab's),
 * else the browser's, else the organization's default.
 */
export function readerLocale(deps: { db: Db; sessions: Sessions }, req: Request): Locale {
  try {
    return viewerFrom(deps)(req).locale;
  } catch {
    const asked = localeHeader.safeParse(req.headers["x-pulsen-locale"]);
    if (asked.success && asked.data !== undefined) return asked.data;
    const browser = req.acceptsLanguages("nb", "nn", "no", "en");
    return browser === "en" || browser === "nn" ? browser : browser === false ? DEFAULT_LOCALE : "nb";
  }
}
