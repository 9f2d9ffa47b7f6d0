import { createHash } from "node:crypto";
import { encodeAction } from "../../src/bot/actions";
import type { Block, BotMessage, Button, Field } from "../../src/bot/message";

/** Everything that reaches HTML goes through here: comments and names are plain text. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

export interface RenderTarget {
  /** Where buttons post to; null renders them inert (history, preview). */
  postTo: string | null;
  messageId: number;
}

function button(b: Button, target: RenderTarget, extraClass = ""): string {
  const cls = `btn ${b.style === "primary" ? "primary" : ""} ${extraClass}`.trim();
  if (target.postTo === null) return `<button class="${cls}" disabled>${escapeHtml(b.label)}</button>`;
  const value = escapeHtml(encodeAction(b.action));
  return `<button class="${cls}" name="action" value="${value}">${escapeHtml(b.label)}</button>`;
}

function form(inner: string, target: RenderTarget): string {
  if (target.postTo === null) return `<div class="actions">${inner}</div>`;
  const message = `<input type="hidden" name="message" value="${target.messageId}">`;
  return `<form method="post" action="${escapeHtml(target.postTo)}" class="actions">${message}${inner}</form>`;
}

/** One input of a form, its label and what is wrong with it; names are the fields' ids (parse.ts reads them back). */
function field(f: Field, n: number): string {
  const id = `f${n}-${escapeHtml(f.id)}`;
  const name = escapeHtml(f.id);
  const error = f.error === undefined ? "" : `<span class="error" id="${id}-e">${escapeHtml(f.error)}</span>`;
  const invalid = f.error === undefined ? "" : ` aria-invalid="true" aria-describedby="${id}-e"`;
  const label = `<label for="${id}">${escapeHtml(f.label)}</label>`;
  const option = (value: string, text: string, on: boolean) =>
    `<option value="${escapeHtml(value)}"${on ? " selected" : ""}>${escapeHtml(text)}</option>`;
  switch (f.kind) {
    case "label":
      return `<h3>${escapeHtml(f.label)}</h3>`;
    case "text":
      return (
        `${label}<input id="${id}" name="${name}" maxlength="${f.maxLength}" value="${escapeHtml(f.value)}"` +
        ` placeholder="${escapeHtml(f.placeholder)}"${invalid}>${error}`
      );
    case "date":
      return (
        `${label}<input id="${id}" type="date" name="${name}"` +
        ` value="${escapeHtml(f.value ?? "")}"${invalid}>${error}`
      );
    case "choice": {
      if (f.max === 1) {
        const options = [
          option("", f.placeholder, f.chosen.length === 0),
          ...f.options.map((o) => option(o.value, o.label, f.chosen.includes(o.value))),
        ];
        return `${label}<select id="${id}" name="${name}"${invalid}>${options.join("")}</select>${error}`;
      }
      const boxes = f.options.map(
        (o, i) =>
          `<label class="check"><input type="checkbox" id="${id}-${i}" name="${name}" value="${escapeHtml(o.value)}"` +
          `${f.chosen.includes(o.value) ? " checked" : ""}> ${escapeHtml(o.label)}</label>`,
      );
      return `<fieldset${invalid}><legend>${escapeHtml(f.label)}</legend>${boxes.join("")}${error}</fieldset>`;
    }
    case "person": {
      // No script on these pages: the search is a field and a button that shows the form again with the matches.
      const found = f.chosen !== null && !f.matches.some((m) => m.value === f.chosen?.value) ? [f.chosen] : [];
      const options = [
        option("", f.placeholder, f.chosen === null),
        ...[...found, ...f.matches].map((o) => option(o.value, o.label, o.value === f.chosen?.value)),
      ];
      return (
        `${label}<input class="search" type="search" name="q:${name}" aria-label="${escapeHtml(f.placeholder)}"` +
        ` placeholder="${escapeHtml(f.placeholder)}">` +
        `<select id="${id}" name="${name}"${invalid}>${options.join("")}</select>${error}`
      );
    }
    case "toggle":
      return (
        `<label class="check"><input type="checkbox" id="${id}" name="${name}" value="on"` +
        `${f.on ? " checked" : ""}> ${escapeHtml(f.label)}</label>`
      );
    default: {
      const never: never = f;
      return never;
    }
  }
}

/** One exhaustive switch: every block kind of the neutral model has its HTML. */
function block(b: Block, target: RenderTarget): string {
  switch (b.type) {
    case "header":
      return `<h2>${escapeHtml(b.text)}</h2>`;
    case "text":
      return `<p>${escapeHtml(b.text)}</p>`;
    case "context":
      return `<p class="context">${escapeHtml(b.text)}</p>`;
    case "likert": {
      const scale = b.answers
        .slice(0, 5)
        .map((a) => button(a, target, "scale"))
        .join("");
      const answers = `<div class="likert">${scale}</div>${button(b.answers[5], target, "skip")}`;
      return `<p class="statement">${escapeHtml(b.statement)}</p>${form(answers, target)}`;
    }
    case "buttons":
      return form(b.buttons.map((x) => button(x, target)).join(""), target);
    case "link":
      return (
        `<p><a class="btn primary" href="${escapeHtml(b.url)}" target="_blank" rel="noopener">` +
        `${escapeHtml(b.label)}</a></p>`
      );
    case "table": {
      const head = b.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
      const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("");
      return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    case "form": {
      const attrs = `name="comment" maxlength="${b.field.maxLength}" placeholder="${escapeHtml(b.field.placeholder)}"`;
      const field = b.field.multiline ? `<textarea ${attrs} rows="4"></textarea>` : `<input ${attrs}>`;
      const buttons = `${button(b.submit, target)}${b.skip ? button(b.skip, target) : ""}`;
      return form(`<label>${escapeHtml(b.field.label)}${field}</label>${buttons}`, target);
    }
    case "inputs": {
      const fields = b.fields.map((f, i) => field(f, i)).join("");
      return form(`<div class="fields">${fields}</div>${button(b.search, target)}${button(b.submit, target)}`, target);
    }
    default: {
      const never: never = b;
      return never;
    }
  }
}

export function renderMessage(m: BotMessage, target: RenderTarget): string {
  const blocks = m.blocks.map((b) => block(b, target)).join("");
  return `<article class="msg" id="m${target.messageId}" aria-label="${escapeHtml(m.summary)}">${blocks}</article>`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1d1f23;
overflow-wrap:anywhere}h1{font-size:1.4rem}
main{max-width:36rem;margin:0 auto;padding:1rem}
header.top{background:#16324f;color:#fff;padding:.75rem 1rem}header.top a{color:#cfe3ff}
.msg{background:#fff;border-radius:12px;padding:.75rem 1rem;margin:.75rem 0;box-shadow:0 1px 2px #0002}
.msg h2{font-size:1.05rem;margin:.25rem 0}.context{color:#5b6270;font-size:.85rem}
.statement{font-size:1.1rem;font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start}
.likert{display:flex;flex-wrap:wrap;gap:.4rem;width:100%}
.btn{border:1px solid #767d89;background:#fff;color:#1d1f23;border-radius:8px;padding:.55rem .8rem;font-size:1rem;
cursor:pointer;min-height:44px;min-width:44px;font-family:inherit}
.btn:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #16324f;outline-offset:2px}
.btn.scale{flex:1 1 5.5rem}.btn.primary{background:#1a5fcc;color:#fff;border-color:#1a5fcc}
.btn.skip{background:#f4f5f7}
.btn[disabled]{opacity:.6;cursor:default}
label{display:block;width:100%}
textarea,input{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;margin:.4rem 0;border-radius:8px;
border:1px solid #767d89}
ul.people{list-style:none;padding:0}ul.people li{margin:.3rem 0}.unit{color:#5b6270;font-size:.85rem}
.note{background:#fff8e1;border-radius:8px;padding:.5rem .75rem}
.fields{width:100%}.fields h3{font-size:1rem;margin:1rem 0 .25rem}.error{color:#a3161b;display:block}
select{width:100%;font:inherit;padding:.5rem;margin:.4rem 0;border-radius:8px;border:1px solid #767d89}
fieldset{border:1px solid #767d89;border-radius:8px;margin:.4rem 0}label.check input{width:auto;margin-right:.4rem}
`;

/**
 * For pages that send a Content-Security-Policy: nothing loads, nothing runs, only the page's own style
 * (by its hash) and forms posted back here.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

/** A whole page: `lang` is the language of its text (a screen reader reads it in that voice). */
export function page(title: string, body: string, nav = "", lang = "nb"): string {
  const head =
    `<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style>`;
  const top = `<header class="top"><strong>Pulsen</strong> ${nav}</header>`;
  const html = `<html lang="${escapeHtml(lang)}"><head>${head}</head>`;
  return `<!doctype html>${html}<body>${top}<main>${body}</main></body></html>`;
}
