import { systemClock } from "../core/clock";
import { runCli } from "./main";

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  clock: systemClock,
  cwd: process.cwd(),
});
process.exitCode = code;
