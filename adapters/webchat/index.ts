import type { Adapter, AdapterContext } from "../../src/server/adapter";
import { linkRouter } from "./link-routes";
import { webchatRouter } from "./routes";
import { WebchatSender } from "./sender";

/**
 * The web surface: a sender while no Slack or Teams is configured, the /chat pages (demo or preview), and
 * the pages personal links open (/l), which serve real people whatever else is configured.
 */
export function webchatAdapter(ctx: AdapterContext): Adapter {
  return {
    senders: ctx.platforms.has("webchat") ? { webchat: new WebchatSender(ctx.chat, ctx.webchat) } : {},
    mount: (app) => {
      app.use(webchatRouter(ctx));
      app.use(linkRouter(ctx));
    },
  };
}
