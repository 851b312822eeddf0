import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/process.js";

const depcruise = (cwd: string) =>
  spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs"),
      "src",
      "--config",
      path.join(ROOT, ".dependency-cruiser.cjs"),
    ],
    {
      cwd,
      encoding: "utf8",
    },
  );

describe("the dependency rules (npm run lint)", () => {
  it("refuse platform code importing a module, a module importing another's view, and the domain importing the platform", () => {
    const result = depcruise(path.join(ROOT, "test/fixtures/boundaries"));
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain(
      "platform-imports-only-domain: src/platform/db/upward.ts → src/modules/catalog/catalog.service.ts",
    );
    expect(result.stdout).toContain(
      "modules-use-each-others-services-only: src/modules/reminders/sideways.ts → src/modules/catalog/fair.views.ts",
    );
    expect(result.stdout).toContain("domain-is-pure: src/domain/impure.ts → src/platform/db/upward.ts");
    // Another module's service is allowed.
    expect(result.stdout).not.toContain("sideways.ts → src/modules/catalog/catalog.service.ts");
  });

  it("hold for the bot's own source", () => {
    const result = depcruise(ROOT);
    expect(result.stdout).toContain("no dependency violations found");
    expect(result.status).toBe(0);
  });
});
