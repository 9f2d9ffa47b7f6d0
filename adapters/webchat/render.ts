import { encodeAction } from "../../src/bot/actions";
import type { Block, BotMessage, Button } from "../../src/bot/message";

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
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1d1f23}
main{max-width:36rem;margin:0 auto;padding:1rem}
header.top{background:#16324f;color:#fff;padding:.75rem 1rem}header.top a{color:#cfe3ff}
.msg{background:#fff;border-radius:12px;padding:.75rem 1rem;margin:.75rem 0;box-shadow:0 1px 2px #0002}
.msg h2{font-size:1.05rem;margin:.25rem 0}.context{color:#5b6270;font-size:.85rem}
.statement{font-size:1.1rem;font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start}
.likert{display:flex;flex-wrap:wrap;gap:.4rem;width:100%}
.btn{border:1px solid #c4cad4;background:#fff;border-radius:8px;padding:.55rem .8rem;font-size:.95rem;cursor:pointer;
min-height:44px}
.btn.scale{flex:1 1 5.5rem}.btn.primary{background:#1f6feb;color:#fff;border-color:#1f6feb}
.btn.skip{background:#f4f5f7}
.btn[disabled]{opacity:.6;cursor:default}
label{display:block;width:100%}
textarea,input{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;margin:.4rem 0;border-radius:8px;border:1px solid #c4cad4}
ul.people{list-style:none;padding:0}ul.people li{margin:.3rem 0}.unit{color:#5b6270;font-size:.85rem}
.note{background:#fff8e1;border-radius:8px;padding:.5rem .75rem}
`;

export function page(title: string, body: string, nav = ""): string {
  const head =
    `<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style>`;
  const top = `<header class="top"><strong>Pulsen</strong> ${nav}</header>`;
  return `<!doctype html><html lang="nb"><head>${head}</head><body>${top}<main>${body}</main></body></html>`;
}
