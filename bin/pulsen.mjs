#!/usr/bin/env node
// The `pulsen` command: runs the TypeScript CLI through tsx, so `npm ci` is the only set-up.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/bin.ts");
