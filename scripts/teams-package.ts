// npm run teams:package [FILE] — writes manifests/teams/pulsen-teams.zip (or FILE) for upload in Teams (or the admin centre).
import { writeFileSync } from "node:fs";
import { teamsPackage } from "../src/cli/teams-package";
import { loadTeamsPackageConfig } from "../src/config";
import { isPulsenError } from "../src/core/errors";

try {
  const { appId, publicUrl } = loadTeamsPackageConfig(process.env);
  const out = process.argv[2] ?? "manifests/teams/pulsen-teams.zip";
  writeFileSync(out, teamsPackage(appId, publicUrl));
  process.stdout.write(`Wrote ${out} for app ${appId} at ${publicUrl}.\n`);
} catch (e) {
  process.stderr.write(`pulsen: ${isPulsenError(e) ? e.message : String(e)}\n`);
  process.exit(1);
}
