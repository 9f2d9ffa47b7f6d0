/**
 * One server for bench/interactions.ts, in its own process so that its CPU is measured apart from the load:
 * `pulsen-slack` / `pulsen-teams` is Pulsen's real server on a prepared file, `bare-slack` / `bare-teams`
 * the smallest Bolt app / botbuilder bot that answers the same click with the same platform call.
 * It tells the parent its URL over IPC, then answers "cpu" with process.cpuUsage() until "stop".
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, ExpressReceiver, LogLevel } from "@slack/bolt";
import { ActivityTypes, CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import { AuthenticationConstants } from "botframework-connector";
import express from "express";
import { slackAdapter, slackClientOptions } from "../adapters/slack";
import { teamsAdapter } from "../adapters/teams";
import { loadConfig } from "../src/config";
import { systemClock } from "../src/core/clock";
import { createLogger } from "../src/log";
import { startServer } from "../src/server/start";

export type ServerKind = "pulsen-slack" | "bare-slack" | "pulsen-teams" | "bare-teams";
export interface ServerSetup {
  kind: ServerKind;
  databasePath: string;
  signingSecret: string;
  slackApiUrl: string;
  appId: string;
  openIdMetadataUrl: string;
}

/** What the bare apps answer with: the size of a survey step (a statement and six buttons). */
const buttons = [1, 2, 3, 4, 5, "skip"].map((v) => ({ v, title: String(v) }));
const blocks = [
  { type: "section", text: { type: "mrkdwn", text: "*Utsagn 2 av 4*\nJeg har det bra på jobb." } },
  {
    type: "actions",
    block_id: "answer",
    elements: buttons.map((b) => ({
      type: "button",
      action_id: `pulsen:${b.v}`,
      text: { type: "plain_text", text: b.title },
      value: JSON.stringify({ a: "answer", v: b.v }),
    })),
  },
];
const card = {
  type: "AdaptiveCard",
  version: "1.5",
  body: [
    { type: "TextBlock", text: "Utsagn 2 av 4", weight: "Bolder" },
    { type: "TextBlock", text: "Jeg har det bra på jobb.", wrap: true },
    {
      type: "ActionSet",
      actions: buttons.map((b) => ({ type: "Action.Execute", title: b.title, verb: "pulsen", data: { v: b.v } })),
    },
  ],
};

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

async function bareSlack(s: ServerSetup): Promise<Server> {
  const receiver = new ExpressReceiver({
    signingSecret: s.signingSecret,
    endpoints: "/slack/events",
    processBeforeResponse: false,
    logger: quiet,
  });
  const app = new App({
    token: "xoxb-bench",
    receiver,
    logger: quiet,
    clientOptions: slackClientOptions(s.slackApiUrl),
  });
  app.action(/^pulsen:/, async ({ ack, body, client }) => {
    await ack();
    const b = body as { container?: { channel_id?: string; message_ts?: string } };
    const channel = b.container?.channel_id ?? "";
    const ts = b.container?.message_ts ?? "";
    try {
      await client.chat.update({ channel, ts, text: "Utsagn 2 av 4", blocks });
    } catch {
      // The same as Pulsen: a failed update is logged there, dropped here.
    }
  });
  return await new Promise<Server>((resolve) => {
    const server = receiver.app.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function teamsSettings(s: ServerSetup) {
  return { MICROSOFT_APP_ID: s.appId, MICROSOFT_APP_PASSWORD: "secret", MICROSOFT_APP_TYPE: "MultiTenant" };
}

async function bareTeams(s: ServerSetup): Promise<Server> {
  // The same settings Pulsen's adapter builds from the same variables (adapters/teams/index.ts).
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: s.appId,
    MicrosoftAppPassword: "secret",
    MicrosoftAppType: "MultiTenant",
    ToBotFromChannelOpenIdMetadataUrl: s.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  });
  const adapter = new CloudAdapter(auth);
  const app = express();
  app.post("/api/messages", express.json({ limit: "1mb" }), (req, res) => {
    void adapter.process(req, res, async (context) => {
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card } },
      });
    });
  });
  return await new Promise<Server>((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server));
  });
}

async function pulsen(s: ServerSetup): Promise<{ url: string; stop: () => Promise<void> }> {
  const slack = s.kind === "pulsen-slack";
  const env = {
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_PATH: s.databasePath,
    ...(slack
      ? { SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: s.signingSecret, SLACK_API_URL: s.slackApiUrl }
      : { ...teamsSettings(s), BOTFRAMEWORK_OPENID_METADATA_URL: s.openIdMetadataUrl }),
  };
  const running = await startServer(loadConfig(env), createLogger("silent"), systemClock, {
    adapters: [slack ? slackAdapter : teamsAdapter],
    tick: null,
  });
  return { url: running.url, stop: running.stop };
}

async function main(): Promise<void> {
  const setup = JSON.parse(process.argv[2] ?? "{}") as ServerSetup;
  let url: string;
  let stop: () => Promise<void>;
  if (setup.kind === "pulsen-slack" || setup.kind === "pulsen-teams") ({ url, stop } = await pulsen(setup));
  else {
    const server = setup.kind === "bare-slack" ? await bareSlack(setup) : await bareTeams(setup);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
  }
  process.on("message", (m: string) => {
    if (m === "cpu") process.send?.({ cpu: process.cpuUsage() });
    if (m === "stop") void stop().then(() => process.exit(0));
  });
  process.send?.({ url });
}

await main();
