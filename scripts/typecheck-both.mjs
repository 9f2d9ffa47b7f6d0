// The server's and the dashboard's type checks at once (two cores, two independent programs): npm test
// waits for the slower one instead of both in turn. Fails if either fails, with both outputs shown.
import { spawn } from "node:child_process";

const run = (args) =>
  new Promise((resolve) => {
    const p = spawn(process.execPath, ["node_modules/typescript/bin/tsc", ...args], { stdio: "inherit" });
    p.on("exit", (code) => resolve(code ?? 1));
  });
const codes = await Promise.all([run(["--noEmit"]), run(["-p", "tsconfig.web.json"])]);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
