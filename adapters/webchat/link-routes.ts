import { parse, serialize } from "cookie";
import express, { type Request, type Response, type Router } from "express";
import type { LinkView, WebchatEntry } from "../../src/bot/port";
import type { PersonId } from "../../src/core/ids";
import type { AdapterContext } from "../../src/server/adapter";
import { GuessLimiter } from "./guesses";
import { closedPage, conversationPage, landingPage, notUnderstoodPage, tooManyPage, unknownPage } from "./link-pages";
import { parseLinkForm } from "./parse";
import { PAGE_CSP } from "./render";
import { appendAll, applyTap } from "./tap";

export type LinkDeps = Pick<AdapterContext, "chat" | "webchat" | "links" | "logger" | "config" | "clock">;

type Open = Extract<LinkView, { kind: "open" }>;

/** Set by Start, scoped to the one link's path: this browser pressed Start for this link. */
const STARTED = "pulsen_link";

const linkPath = (token: string) => `/l/${encodeURIComponent(token)}`;

/** What this link's conversation holds: the messages of its own round only. */
const ofRound = (entries: WebchatEntry[], roundId: string) =>
  entries.filter((e) => e.message.ref.split(":")[1] === roundId);

/**
 * /l/:token — the web surface a personal link (e-mail, SMS) opens: the same conversation as in chat, for the
 * person and round the link is for (DESIGN.md "Reaching everyone"). The link is the only credential: it is
 * checked again on every request, never logged, and its GET changes nothing (mail scanners fetch every link).
 */
export function linkRouter(deps: LinkDeps): Router {
  const r = express.Router();
  const { chat, webchat, links } = deps;
  // Bound: the pages call it for a locale of their own (an unknown link's nb and en).
  const texts = (l: Parameters<typeof links.texts>[0]) => links.texts(l);
  const guesses = new GuessLimiter(deps.clock);
  const secure = deps.config.publicUrl.startsWith("https:");

  r.use("/l", (_req, res, next) => {
    // The address holds the secret: no referrer leaves the site with it, no cache keeps the page.
    // same-origin, not no-referrer: with no-referrer a browser without Sec-Fetch-Site (iOS 15) sends
    // Origin: null on Start, and the cross-site check would refuse the person.
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Content-Security-Policy", PAGE_CSP);
    next();
  });
  r.use("/l", express.urlencoded({ extended: false, limit: "16kb" }));

  /** The link while its round is open; otherwise the refusal is sent and null returned. */
  const opened = (req: Request, res: Response): Open | null => {
    const client = req.socket.remoteAddress ?? "";
    const view = links.open(String(req.params.token));
    if (view.kind === "unknown") {
      // Only misses are limited: behind a proxy everyone shares one address, and a colleague's typos
      // must not lock out a person whose link works (a 256-bit token is not found by guessing).
      const wait = guesses.retryAfter(client);
      if (wait > 0) {
        res.setHeader("Retry-After", String(wait));
        res.status(429).send(tooManyPage(texts));
        return null;
      }
      guesses.miss(client);
      res.status(404).send(unknownPage(texts));
      return null;
    }
    if (view.kind === "closed") {
      res.status(410).send(closedPage(texts(view.locale), view));
      return null;
    }
    return view;
  };
  const pressedStart = (req: Request, token: string) => parse(req.headers.cookie ?? "")[STARTED] === token;
  const entries = (view: Open) => ofRound(webchat.history(view.personId), view.roundId);

  /** The invitation's Start, as chat taps it: the reply becomes the first message of this conversation. */
  const start = (personId: PersonId, roundId: string) => {
    const reply = chat.act(personId, { a: "start", r: roundId });
    appendAll(webchat, personId, [...(reply.update ? [reply.update] : []), ...(reply.post ?? [])], -1);
  };

  r.get("/l/:token", (req, res) => {
    const view = opened(req, res);
    if (view === null) return;
    res.send(landingPage(texts(view.locale), view, req.params.token, entries(view).length > 0));
  });

  r.post("/l/:token", (req, res) => {
    const view = opened(req, res);
    if (view === null) return;
    const { token } = req.params;
    // The first Start opens the survey where the person left off (a draft from another channel included).
    if (entries(view).length === 0) start(view.personId, view.roundId);
    res.setHeader(
      "Set-Cookie",
      serialize(STARTED, token, { httpOnly: true, sameSite: "strict", secure, path: linkPath(token) }),
    );
    res.redirect(303, `${linkPath(token)}/chat`);
  });

  r.get("/l/:token/chat", (req, res) => {
    const view = opened(req, res);
    if (view === null) return;
    const shown = entries(view);
    if (!pressedStart(req, req.params.token) || shown.length === 0)
      return res.redirect(303, linkPath(req.params.token));
    res.send(conversationPage(view, req.params.token, shown));
  });

  r.post("/l/:token/act", (req, res) => {
    const view = opened(req, res);
    if (view === null) return;
    const { token } = req.params;
    if (!pressedStart(req, token)) return res.redirect(303, linkPath(token));
    const event = parseLinkForm(req.body, view.roundId);
    const tapped =
      event.kind === "action" && entries(view).some((e) => e.id === event.messageId)
        ? applyTap(deps, view.personId, event)
        : null;
    if (tapped === null) {
      // Whose link it was may be logged; the link itself and the value tapped never are.
      const reason = event.kind === "unsupported" ? event.reason : "not a message of this link";
      deps.logger.warn({ person: view.personId, reason }, "link page post refused");
      return res.status(400).send(notUnderstoodPage(texts(view.locale), view.locale, token));
    }
    res.redirect(303, `${linkPath(token)}/chat#m${tapped.anchor}`);
  });

  return r;
}
