import { createHmac } from "node:crypto";

/** Signs a request body exactly as Slack does: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}"). */
function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function signedPost(
  url: string,
  secret: string,
  body: string,
  opts: { timestamp?: number; signature?: string | null; contentType?: string; headers?: Record<string, string> } = {},
) {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": opts.contentType ?? "application/x-www-form-urlencoded",
    ...opts.headers,
  };
  if (opts.signature !== null) {
    headers["x-slack-request-timestamp"] = String(ts);
    headers["x-slack-signature"] = opts.signature ?? slackSignature(secret, ts, body);
  }
  return fetch(url, { method: "POST", headers, body });
}
