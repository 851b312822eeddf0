import { defineConfig } from "vitest/config";

/**
 * The suites that matter, run again on PostgreSQL (TEST_DIALECT=postgres makes their databases
 * there): registrations under concurrency, conversations across a restart, the outbox's crash
 * bound, reminders exactly once, the webhook's inbox, and the flows that write the most.
 */
const ON_POSTGRES = [
  "test/e2e/signup-concurrency.test.ts",
  "test/modules/registrations/registrations-concurrency.test.ts",
  "test/e2e/signup-restart.test.ts",
  "test/e2e/signup.test.ts",
  "test/e2e/signup-review.test.ts",
  "test/e2e/staff-decisions.test.ts",
  "test/e2e/broadcast-crash.test.ts",
  "test/e2e/broadcast-delivery.test.ts",
  "test/platform/outbox/crash.test.ts",
  "test/platform/outbox/sender.test.ts",
  "test/e2e/reminders.test.ts",
  "test/modules/reminders/reminders.job.test.ts",
  "test/e2e/subscriptions.test.ts",
  "test/e2e/webhook.test.ts",
  "test/platform/telegram/webhook-inbox.test.ts",
  "test/e2e/staff.test.ts",
  "test/e2e/questions.test.ts",
  "test/platform/db/postgres.test.ts",
];
/** What only PostgreSQL has: several instances on one database. */
const POSTGRES_ONLY = ["test/e2e/fleet.test.ts", "test/platform/db/postgres.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    globalSetup: ["test/global-setup.ts"],
    projects: [
      { extends: true, test: { name: "sqlite", include: ["test/**/*.test.ts"], exclude: POSTGRES_ONLY } },
      {
        extends: true,
        test: {
          name: "postgres",
          include: [...ON_POSTGRES, ...POSTGRES_ONLY],
          env: { TEST_DIALECT: "postgres" },
          // A process starting on PostgreSQL connects and checks its migrations over the network.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
