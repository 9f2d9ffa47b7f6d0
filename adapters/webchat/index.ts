import type { Adapter, AdapterContext } from "../../src/server/adapter";
import { webchatRouter } from "./routes";
import { WebchatSender } from "./sender";

/** The local web chat: a sender in the demo, and the /chat pages (demo or preview). */
export function webchatAdapter(ctx: AdapterContext): Adapter {
  return {
    senders: ctx.demo ? { webchat: new WebchatSender(ctx.db, ctx.bot, ctx.clock) } : {},
    mount: (app) => app.use(webchatRouter(ctx)),
  };
}
