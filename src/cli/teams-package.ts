import { readFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import { PulsenError } from "../core/errors";
import { packagePath } from "../package-root";

const DIR = packagePath("manifests/teams");
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Teams manifest with the app id and PUBLIC_URL filled in. */
export function renderTeamsManifest(appId: string, publicUrl: string): Record<string, unknown> {
  if (!GUID.test(appId))
    throw new PulsenError(
      "config_invalid",
      "MICROSOFT_APP_ID must be the bot's app id (a GUID) to build the Teams package",
    );
  const url = new URL(publicUrl);
  if (url.protocol !== "https:") throw new PulsenError("config_invalid", "PUBLIC_URL must be https:// for Teams");
  const base = publicUrl.replace(/\/+$/, "");
  const text = readFileSync(join(DIR, "manifest.json"), "utf8")
    .replaceAll("{{APP_ID}}", appId)
    .replaceAll("{{PUBLIC_URL}}", base)
    .replaceAll("{{HOST}}", url.host);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The uploadable app package: manifest.json and the two icons, zipped. */
export function teamsPackage(appId: string, publicUrl: string): Uint8Array {
  const manifest = new TextEncoder().encode(JSON.stringify(renderTeamsManifest(appId, publicUrl), null, 2));
  return zipSync({
    "manifest.json": manifest,
    "color.png": readFileSync(join(DIR, "color.png")),
    "outline.png": readFileSync(join(DIR, "outline.png")),
  });
}
