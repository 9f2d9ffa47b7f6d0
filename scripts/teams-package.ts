// npm run teams:package — writes manifests/teams/pulsen-teams.zip for upload in Teams (or the admin centre).
import { writeFileSync } from "node:fs";
import { loadConfig } from "../src/config";
import { isPulsenError } from "../src/core/errors";
import { teamsPackage } from "../src/cli/teams-package";

try {
  const config = loadConfig(process.env);
  const appId = process.env.MICROSOFT_APP_ID ?? "";
  const out = "manifests/teams/pulsen-teams.zip";
  writeFileSync(out, teamsPackage(appId, config.publicUrl));
  process.stdout.write(`Wrote ${out} for app ${appId} at ${config.publicUrl}.\n`);
} catch (e) {
  process.stderr.write(`pulsen: ${isPulsenError(e) ? e.message : String(e)}\n`);
  process.exit(1);
}
