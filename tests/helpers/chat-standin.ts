import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for a chat platform's message API, in another process's
 * reach: POST /messages records a message under the caller's key (like
 * Slack's message metadata) and answers with an id; GET /messages?key=…
 * finds it again. `onMessage` runs after recording and before answering,
 * so a test can kill the sender right in the middle of a send.
 */
export class ChatStandIn {
  readonly received: { key: string; to: string }[] = [];
  onMessage: ((count: number) => void) | null = null;
  private server: Server | null = null;
  url = "";

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      if (req.method === "POST" && url.pathname === "/messages") {
        const body = JSON.parse(await read(req)) as { key: string; to: string };
        this.received.push(body);
        this.onMessage?.(this.received.length);
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ ok: true, id: `m${this.received.length}` }));
        return;
      }
      if (req.method === "GET" && url.pathname === "/messages") {
        const i = this.received.findIndex((m) => m.key === url.searchParams.get("key"));
        if (i === -1) res.writeHead(404).end(JSON.stringify({ ok: false }));
        else
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, id: `m${i + 1}` }));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (c) => (data += String(c)));
    req.on("end", () => resolve(data));
  });
}
