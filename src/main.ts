import { type Config, loadConfig } from "./config";
import { systemClock } from "./core/clock";
import { isPulsenError } from "./core/errors";
import { getOrganization } from "./db/org-store";
import { createLogger } from "./log";
import { startServer } from "./server/start";
import { emailAdapter } from "../adapters/email";
import { slackAdapter } from "../adapters/slack";
import { smsAdapter } from "../adapters/sms";
import { teamsAdapter } from "../adapters/teams";
import { webchatAdapter } from "../adapters/webchat";

/** `npm start`: the composition root. Only this file wires adapters to the core. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (isPulsenError(e)) {
      process.stderr.write(`pulsen: configuration error: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  if (config.teams?.auth === "none") {
    logger.warn("TEAMS_UNAUTHENTICATED=1: /api/messages accepts unauthenticated requests. For local testing only.");
  }
  const running = await startServer(config, logger, systemClock, {
    adapters: [webchatAdapter, slackAdapter, teamsAdapter, emailAdapter, smsAdapter],
    seedDemo: true,
  });
  // The picker is the demo organization's only, from this machine (DESIGN.md rule 9); anyone else: HR's preview.
  const demo = getOrganization(running.database.db)?.demo === true;
  const chat = demo
    ? "(demo, from this machine: pick a person and answer the survey)"
    : "(HR's survey preview, signed in)";
  process.stdout.write(
    `\nPulsen is running.\n` +
      `  web chat:  ${running.url}/chat   ${chat}\n` +
      (config.slack?.mode === "http"
        ? `  slack:     ${config.publicUrl}/slack/events   (events, interactivity)\n`
        : "") +
      `  health:    ${running.url}/healthz\n\n`,
  );
  const shutdown = (signal: string) => {
    logger.info({ signal }, "stopping");
    void running.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((e: unknown) => {
  process.stderr.write(`pulsen: could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
