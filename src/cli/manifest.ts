import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Argument, type Command, Option } from "commander";
import { loadConfig } from "../config";
import { packagePath } from "../package-root";
import type { CliContext } from "./context";

const MANIFESTS = packagePath("manifests");

/** A platform manifest with PUBLIC_URL filled in, ready to paste into the platform's app settings. */
export function renderManifest(platform: "slack", publicUrl: string): unknown {
  const template = readFileSync(join(MANIFESTS, platform, "manifest.json"), "utf8");
  return JSON.parse(template.replaceAll("{{PUBLIC_URL}}", publicUrl.replace(/\/+$/, "")));
}

export function registerManifest(program: Command, ctx: CliContext): void {
  program
    .command("manifest")
    .description("print a chat platform's app manifest with PUBLIC_URL filled in")
    .addArgument(new Argument("<platform>", "the platform").choices(["slack"]))
    .addOption(new Option("--json", "machine-readable output (the manifest is JSON either way)"))
    .action((platform: "slack") => {
      ctx.json(renderManifest(platform, loadConfig(ctx.io.env).publicUrl));
    });
}
