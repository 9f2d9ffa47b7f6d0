import type { Server } from "node:http";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { type Logger, loggedPath } from "../log";
import { refuseCrossSite } from "./cross-site";
import { securityHeaders } from "./headers";

export interface HttpDeps {
  logger: Logger;
  /** True once the database is open and migrated. */
  healthy: () => boolean;
  /** The address people use: a write from any other origin is refused. */
  publicUrl: string;
}

/**
 * The one HTTP server. Later layers mount here: /slack/events (Slack),
 * /api/messages (Teams), /api (dashboard JSON), / and /chat (pages).
 */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders(deps.publicUrl));
  app.use(refuseCrossSite(deps.publicUrl, deps.logger));
  app.get("/healthz", (_req, res) => {
    if (deps.healthy()) res.json({ ok: true });
    else res.status(503).json({ ok: false });
  });
  return app;
}

/** Last handlers: a JSON 404 and an error handler that never echoes request bodies. */
export function finishHttpApp(app: Express, logger: Logger): void {
  app.use((_req, res) => {
    res.status(404).json({ error: "not_found" });
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    // A body parser's refusal (too large, bad JSON, an unknown charset) is the caller's: its 4xx, one line.
    const status = typeof err === "object" && err !== null && "status" in err ? Number(err.status) : 500;
    if (status >= 400 && status < 500) {
      const kind = typeof err === "object" && err !== null && "type" in err ? String(err.type) : "unknown";
      logger.warn({ path: loggedPath(req.path), status, kind }, "request refused");
      if (!res.headersSent) res.status(status).json({ error: "input_invalid", message: refusal(kind) });
      return;
    }
    logger.error({ path: loggedPath(req.path), err }, "request failed");
    if (!res.headersSent) res.status(500).json({ error: "internal" });
  });
}

/** What the caller did wrong, in words: body-parser's error types (never its message, which may quote the body). */
function refusal(kind: string): string {
  if (kind === "entity.too.large") return "The request body is too large for this endpoint.";
  if (kind === "entity.parse.failed") return "The request body is not valid JSON.";
  if (kind === "charset.unsupported" || kind === "encoding.unsupported")
    return "The request body's charset or encoding is not supported.";
  return "The request body could not be read.";
}

/** Listens on `host` (HOST); an address that is not this machine's fails the start. */
export function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
    server.on("error", reject);
  });
}
