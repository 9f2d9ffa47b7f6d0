/**
 * The house rules of DESIGN.md, checked on every `npm test`:
 * the domain stays pure, and adapters stay thin translators that never
 * reach into each other.
 */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      severity: "error",
      comment: "src/core is plain domain code: no adapter, database, jobs, web, bot, CLI, platform SDK or I/O module.",
      from: { path: "^src/core/" },
      to: {
        path: [
          "^adapters/",
          "^src/(db|jobs|web|bot|cli|server|org|instruments|demo)/",
          "^src/(config|log|main)\\.ts$",
          "node_modules/(@slack|botbuilder|botframework|@microsoft|better-sqlite3|drizzle-orm|drizzle-kit|express|pino|node-cron|csv-parse|commander)",
        ],
      },
    },
    {
      name: "core-no-io-builtins",
      severity: "error",
      comment: "src/core does no I/O: no fs, net, http, child processes or crypto randomness (pass it in).",
      from: { path: "^src/core/" },
      to: {
        dependencyTypes: ["core"],
        path: "^(node:)?(fs|fs/promises|net|http|https|http2|child_process|crypto|os|dgram|dns|tls|worker_threads|cluster)$",
      },
    },
    {
      name: "adapters-do-not-import-each-other",
      severity: "error",
      comment: "Each platform adapter stands alone on the core and bot layers.",
      from: { path: "^adapters/([^/]+)/" },
      to: { path: "^adapters/", pathNot: "^adapters/$1/" },
    },
    {
      name: "adapters-do-not-touch-db",
      severity: "error",
      comment:
        "An adapter translates: it reaches stored data only through the bot's port (src/bot/port.ts), never src/db, drizzle or SQLite.",
      from: { path: "^adapters/" },
      to: { path: ["^src/db/", "node_modules/(drizzle-orm|better-sqlite3)"] },
    },
    {
      name: "adapters-go-through-the-port",
      severity: "error",
      comment:
        "Besides the domain's types, an adapter knows the port, the neutral message and what the server hands it; no survey, round or plan rule.",
      from: { path: "^adapters/" },
      to: {
        path: "^src/",
        pathNot: [
          "^src/core/",
          "^src/bot/(port|message|actions|reply-order|survey-messages)\\.ts$",
          "^src/jobs/sender\\.ts$",
          "^src/server/adapter\\.ts$",
          "^src/(config|log)\\.ts$",
          "^src/db/",
        ],
      },
    },
    {
      name: "only-the-composition-root-wires-adapters",
      severity: "error",
      comment: "src/ never depends on an adapter, except src/main.ts which wires them together.",
      from: { path: "^src/", pathNot: "^src/main\\.ts$" },
      to: { path: "^adapters/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".json"],
    },
  },
};
