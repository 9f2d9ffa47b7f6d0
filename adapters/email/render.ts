import type { Block, BotMessage } from "../../src/bot/message";
import type { LinkWords } from "../../src/bot/port";
import type { Locale } from "../../src/core/locale";

/** One e-mail: its subject, the plain-text part and the HTML part, saying the same. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailRenderOptions {
  locale: Locale;
  words: LinkWords;
  /** The person's own link to the web surface: the survey's Start button becomes it. Null for other messages. */
  personalLink: string | null;
  /** MAIL_FROM's display name, for the sign-off. */
  senderName: string;
  /** The dashboard, where a leader does what chat-only buttons would do. */
  overviewUrl: string;
}

/** Everything that reaches HTML goes through here: series names, comments, units are plain text. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

// Inline styles only: many mail clients drop <style>. Colours pass WCAG AA on white (4.5:1 and more).
const TEXT = "#1d1f23";
const MUTED = "#4a5160";
const ACCENT = "#1a56c4";
const FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif";
const P = `margin:0 0 16px;font-size:16px;line-height:1.5;color:${TEXT}`;
const SMALL = `margin:0 0 16px;font-size:14px;line-height:1.5;color:${MUTED}`;
const BUTTON =
  `display:inline-block;background:${ACCENT};color:#ffffff;font-size:16px;font-weight:600;` +
  "text-decoration:none;padding:12px 24px;border-radius:6px";

interface Part {
  html: string;
  text: string;
}

/** What rendering learned on the way: whether the one survey link is placed, whether chat-only parts were left out. */
interface State {
  linkPlaced: boolean;
  dropped: boolean;
}

function buttonLink(url: string, label: string): Part {
  return {
    html: `<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="${BUTTON}">${escapeHtml(label)}</a></p>`,
    text: `${label}: ${url}`,
  };
}

/**
 * One exhaustive switch: every block kind of the neutral model has its e-mail form. What needs a chat
 * (answer buttons, a form, status buttons) cannot work in a mail client and is left out; the survey's
 * Start button becomes the person's link, once.
 */
function block(b: Block, o: EmailRenderOptions, s: State): Part | null {
  switch (b.type) {
    case "header":
      return {
        html: `<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${TEXT}">${escapeHtml(b.text)}</h1>`,
        text: b.text,
      };
    case "text":
      return { html: `<p style="${P}">${escapeHtml(b.text)}</p>`, text: b.text };
    case "context":
      return { html: `<p style="${SMALL}">${escapeHtml(b.text)}</p>`, text: b.text };
    case "buttons": {
      // The digest's plan-in-chat button: the dashboard's link beside it does the same from a mail client.
      if (b.buttons.every((x) => x.action.a === "plan")) return null;
      const start = b.buttons.find((x) => x.action.a === "start");
      if (start !== undefined && o.personalLink !== null && !s.linkPlaced) {
        s.linkPlaced = true;
        // Only Start: "remind me tomorrow" needs a chat to tap in; the reminders come anyway.
        return buttonLink(o.personalLink, start.label);
      }
      s.dropped = true;
      return null;
    }
    case "likert":
    case "form":
    case "inputs":
      s.dropped = true;
      return null;
    case "link":
      return buttonLink(b.url, b.label);
    case "table": {
      const style = "text-align:left;padding:4px 12px 4px 0;border-bottom:1px solid #d5d9e0";
      const cell = (tag: string, c: string) => `<${tag} style="${style}">${escapeHtml(c)}</${tag}>`;
      const head = b.columns.map((c) => cell("th", c)).join("");
      const rows = b.rows.map((r) => `<tr>${r.map((c) => cell("td", c)).join("")}</tr>`).join("");
      return {
        html:
          `<table role="table" style="border-collapse:collapse;margin:0 0 16px;font-size:15px;color:${TEXT}">` +
          `<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`,
        text: [b.columns, ...b.rows].map((r) => r.join(" | ")).join("\n"),
      };
    }
    default: {
      const never: never = b;
      return never;
    }
  }
}

/** Header lines folded by a mail client must not break a subject: one line, trimmed. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function renderEmail(m: BotMessage, o: EmailRenderOptions): RenderedEmail {
  const state: State = { linkPlaced: false, dropped: false };
  const header = m.blocks.find((b): b is Extract<Block, { type: "header" }> => b.type === "header");
  const subject = oneLine(header?.text ?? m.summary);
  const parts = m.blocks.map((b) => block(b, o, state)).filter((p): p is Part => p !== null);
  if (state.linkPlaced && o.personalLink !== null) {
    // The address as text (not a second link), and that it is a secret.
    parts.push({
      html:
        `<p style="${SMALL}">${escapeHtml(o.words.fallback)}<br>` +
        `<span style="word-break:break-all">${escapeHtml(o.personalLink)}</span></p>` +
        `<p style="${SMALL}">${escapeHtml(o.words.personal)}</p>`,
      text: o.words.personal,
    });
  } else if (state.dropped) {
    parts.push({ html: `<p style="${P}">${escapeHtml(o.words.chatOnly)}</p>`, text: o.words.chatOnly });
    parts.push(buttonLink(o.overviewUrl, o.words.overview));
  }
  const signOff = o.words.signOff(o.senderName);
  parts.push({ html: `<p style="${P}">${escapeHtml(signOff)}</p>`, text: signOff });

  const body = parts.map((p) => p.html).join("\n");
  const html =
    `<!doctype html>\n<html lang="${o.locale}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(subject)}</title></head>\n` +
    `<body style="margin:0;padding:0;background:#f4f5f7">\n` +
    `<div role="article" aria-label="${escapeHtml(subject)}" lang="${o.locale}" ` +
    `style="max-width:36rem;margin:0 auto;padding:24px 16px;background:#ffffff;${FONT}">\n${body}\n</div>\n` +
    `</body></html>\n`;
  return { subject, text: `${parts.map((p) => p.text).join("\n\n")}\n`, html };
}
