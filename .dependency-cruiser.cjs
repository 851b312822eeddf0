/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycles under src (type-only imports count too).",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "platform-imports-only-domain",
      severity: "error",
      comment: "src/platform may import only src/platform, src/domain, src/clock.ts, src/logger.ts (plus npm packages and node core).",
      from: { path: "^src/platform/" },
      to: {
        path: "^src/",
        pathNot: ["^src/platform/", "^src/domain/", "^src/clock\\.ts$", "^src/logger\\.ts$"],
      },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "src/domain may import only src/domain (plus npm packages and node core).",
      from: { path: "^src/domain/" },
      to: { path: "^src/", pathNot: "^src/domain/" },
    },
    {
      name: "frame-does-not-know-modules",
      severity: "error",
      comment: "The bot frame (src/bot) must not import feature modules (src/modules).",
      from: { path: "^src/bot/" },
      to: { path: "^src/modules/" },
    },
    {
      name: "modules-use-each-others-services-only",
      severity: "error",
      comment: "A module may reach into another module only through its *.service.ts or *.callbacks.ts files.",
      from: { path: "^src/modules/([^/]+)/" },
      to: {
        path: "^src/modules/",
        pathNot: ["^src/modules/$1/", "\\.(service|callbacks)\\.ts$"],
      },
    },
    {
      name: "nothing-imports-the-composition-root",
      severity: "error",
      comment: "domain, platform, bot and modules must not import src/app.ts, src/main.ts, src/sandbox/ or src/cli/.",
      from: { path: "^src/(domain|platform|bot|modules)/" },
      to: { path: ["^src/app\\.ts$", "^src/main\\.ts$", "^src/sandbox/", "^src/cli/"] },
    },
    {
      name: "grammy-stays-out-of-services-and-repositories",
      severity: "error",
      comment: "Services, repositories, domain, platform/db and platform/jobs must not import grammy or @grammyjs/* (type-only imports are fine).",
      from: { path: ["\\.(service|repository)\\.ts$", "^src/domain/", "^src/platform/db/", "^src/platform/jobs/"] },
      to: {
        path: "(^|/)node_modules/(grammy|@grammyjs/[^/]+)/",
        dependencyTypesNot: ["type-only", "type-import"],
      },
    },
    {
      name: "infrastructure-in-platform",
      severity: "error",
      comment: "Only src/platform (and src/sandbox, src/cli) may import better-sqlite3, undici, node-cron, @grammyjs/runner.",
      from: { path: "^src/", pathNot: ["^src/platform/", "^src/sandbox/", "^src/cli/"] },
      to: { path: "(^|/)node_modules/(better-sqlite3|pg|undici|node-cron|@grammyjs/runner)/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "Every import must resolve to a file or an installed package.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    detectProcessBuiltinModuleCalls: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".js", ".json"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
