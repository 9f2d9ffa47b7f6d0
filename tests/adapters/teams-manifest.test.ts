import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderTeamsManifest, teamsPackage } from "../../src/cli/teams-package";
import { tempDir } from "../helpers/tmp";

const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04") as new (
  o: object,
) => { compile(s: unknown): ((d: unknown) => boolean) & { errors?: unknown[] } };
const addFormats = require("ajv-formats") as (ajv: unknown) => void;
const schema = JSON.parse(
  readFileSync(
    join(
      process.cwd(),
      "node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.23/MicrosoftTeams.schema.json",
    ),
    "utf8",
  ),
);

const APP = "4c2b5a9e-1f0d-4d3a-9b7e-2a6c8e1f3b5d";

describe("the Teams app manifest", () => {
  it("validates against Microsoft's schema, with the app id and PUBLIC_URL filled in", () => {
    const manifest = renderTeamsManifest(APP, "https://pulsen.example.no/");
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
    expect(manifest).toMatchObject({
      id: APP,
      bots: [{ botId: APP, scopes: ["personal", "team"] }],
      staticTabs: [{ contentUrl: "https://pulsen.example.no/?inTeams=1" }],
      configurableTabs: [{ configurationUrl: "https://pulsen.example.no/teams/configure" }],
      validDomains: ["pulsen.example.no"],
      webApplicationInfo: { id: APP, resource: `api://pulsen.example.no/${APP}` },
    });
  });

  it("packages manifest and icons into the zip Teams uploads", () => {
    const files = unzipSync(teamsPackage(APP, "https://pulsen.example.no"));
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const png = (b: Uint8Array) => ({
      w: (b[16]! << 24) | (b[17]! << 16) | (b[18]! << 8) | b[19]!,
      h: (b[20]! << 24) | (b[21]! << 16) | (b[22]! << 8) | b[23]!,
    });
    expect(png(files["color.png"]!)).toEqual({ w: 192, h: 192 });
    expect(png(files["outline.png"]!)).toEqual({ w: 32, h: 32 });
  });

  it("refuses a package without a proper app id or an https address", () => {
    expect(() => renderTeamsManifest("not-a-guid", "https://x.example")).toThrow(/MICROSOFT_APP_ID/);
    expect(() => renderTeamsManifest(APP, "http://localhost:3000")).toThrow(/https/);
  });

  it("is built by npm run teams:package from the app id and PUBLIC_URL alone, as the README says", async () => {
    const out = join(tempDir(), "pulsen-teams.zip");
    // Only what the README sets: no password, no tenant, no type (CONTRACT.md: a command asks only for what it needs).
    const env = { PATH: process.env.PATH ?? "", MICROSOFT_APP_ID: APP, PUBLIC_URL: "https://pulsen.example.no" };
    const run = await new Promise<{ err: Error | null; stdout: string; stderr: string }>((resolve) =>
      execFile(
        join(process.cwd(), "node_modules/.bin/tsx"),
        ["scripts/teams-package.ts", out],
        { env, encoding: "utf8" },
        (err, stdout, stderr) => resolve({ err, stdout, stderr }),
      ),
    );
    expect(run.stderr).toBe("");
    expect(run.err).toBeNull();
    expect(run.stdout).toContain(`for app ${APP} at https://pulsen.example.no`);
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(out))["manifest.json"]));
    expect(manifest).toMatchObject({ id: APP, bots: [{ botId: APP }] });
  });
});
