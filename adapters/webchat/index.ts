import type { Adapter, AdapterContext } from "../../src/server/adapter";
import { webchatRouter } from "./routes";
import { WebchatSender } from "./sender";

/** The local web chat: a sender while no Slack or Teams is configured, and the /chat pages (demo or preview). */
export function webchatAdapter(ctx: AdapterContext): Adapter {
  return {
    senders: ctx.platforms.has("webchat") ? { webchat: new WebchatSender(ctx.chat, ctx.webchat) } : {},
    mount: (app) => app.use(webchatRouter(ctx)),
  };
}
