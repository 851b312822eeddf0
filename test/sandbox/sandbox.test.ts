import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { listFairs } from "../../src/modules/catalog/fairs.repository.js";
import { listGates } from "../../src/modules/catalog/gates.repository.js";
import { createDatabase } from "../../src/platform/db/connection.js";
import { PERSONAS } from "../../src/sandbox/personas.js";
import { prepareSandboxDatabase, type Sandbox, startSandbox } from "../../src/sandbox/sandbox.js";
import { TEST_NOW } from "../helpers/app.js";
import { countRows } from "../helpers/databases.js";

const dirs: string[] = [];
let sandbox: Sandbox | undefined;
const tempFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-"));
  dirs.push(dir);
  return path.join(dir, "sandbox.sqlite");
};
const persona = (key: string) => PERSONAS.find((p) => p.key === key)!;

afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}): Promise<Sandbox> {
  const config = createConfig({ SANDBOX_PORT: "0", SANDBOX_DATABASE_URL: tempFile(), LOG_LEVEL: "silent", ...env });
  return (sandbox = await startSandbox(config, { clock: fixedClock(TEST_NOW), logger: createLogger("silent") }));
}

const post = (url: string, body: unknown, type = "application/json") =>
  fetch(url, { method: "POST", headers: { "content-type": type }, body: JSON.stringify(body) });

describe("sandbox", () => {
  it("loads the demo data into a new database, and leaves an existing one as it is", async () => {
    const file = tempFile();
    expect(await prepareSandboxDatabase(file, new Date(TEST_NOW))).toBe(true);
    const db = createDatabase(file);
    const count = () => countRows(db, "fairs");
    const demoFairs = await count();
    expect(demoFairs).toBeGreaterThan(5);
    await db
      .deleteFrom("fairs")
      .where("id", "=", (await db.selectFrom("fairs").select("id").executeTakeFirstOrThrow()).id)
      .execute();
    expect(await prepareSandboxDatabase(file, new Date(TEST_NOW))).toBe(false);
    expect(await count()).toBe(demoFairs - 1);
    await db.destroy();
  });

  it("moves the demo fairs to the coming years when the clock has passed them, names and deadlines alike", async () => {
    const file = tempFile();
    expect(await prepareSandboxDatabase(file, new Date("2028-09-01T09:00:00+07:00"))).toBe(true);
    const db = createDatabase(file);
    const fairs = await listFairs(db);
    expect(fairs.filter((f) => f.startsOn > "2028-09-01").length).toBeGreaterThanOrEqual(3);
    const laoCai = fairs.find((f) => f.id === "vn-cn-laocai-2028")!;
    expect(laoCai.name.vi).toContain("Lào Cai 2028");
    expect(laoCai.startsOn).toBe("2028-12-16");
    expect(laoCai.registrationDeadline).toBe("2028-12-05T16:59:00.000Z");
    expect((await listGates(db)).find((g) => g.id === "huu-nghi")?.phone).toBe("+84 205 000 1001");
    await db.destroy();
  });

  it("makes the staff persona an administrator for the run, keeping ADMIN_IDS, and no one else", async () => {
    const { app } = await start({ ADMIN_IDS: "4242" });
    const admins = await app.db.selectFrom("users").select("id").where("role", "=", "admin").orderBy("id").execute();
    expect(admins.map((r) => r.id)).toEqual([4242, persona("staff").id]);
  });

  it("runs the real bot over HTTP: what a persona types on the page reaches it and its answer is stored", async () => {
    const { url, server } = await start();
    expect(await (await post(`${url}/api/send`, { persona: "en", text: "/start" })).json()).toEqual({ ok: true });
    await expect
      .poll(() => server.chats.history(persona("en").id).map((m) => m.text?.split("\n")[0]))
      .toEqual(["/start", "Hello Emma! 👋"]);
  });

  it("turns away what the page never sends: other content types, unknown personas, buttons not on the message", async () => {
    const { url, server } = await start();
    expect((await post(`${url}/api/send`, { persona: "en", text: "hi" }, "text/plain")).status).toBe(415);
    expect(await (await post(`${url}/api/send`, { persona: "fr", text: "hi" })).json()).toEqual({ error: 'no persona "fr"' });
    await post(`${url}/api/send`, { persona: "en", text: "/start" });
    await expect.poll(() => server.chats.history(persona("en").id).length).toBe(2);
    const press = (data: string) => post(`${url}/api/press`, { persona: "en", message_id: 2, data });
    expect((await press("admin:approve:1")).status).toBe(400);
    expect((await (await press("menu:fairs")).json()).query_id).toMatch(/^cbq-/);
  });

  it("answers the page only to requests addressed to 127.0.0.1 or localhost", async () => {
    const { url } = await start();
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get(`${url}/`, { headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          })
          .on("error", reject);
      });
    expect(await status(new URL(url).host)).toBe(200);
    expect(await status(`localhost:${new URL(url).port}`)).toBe(200);
    expect(await status("evil.example:8080")).toBe(403);
  });

  it("serves a user's upload as a download that cannot run in the page's origin, and images inline", async () => {
    const { url } = await start();
    const upload = (name: string, type: string) =>
      fetch(`${url}/api/upload?persona=vi`, {
        method: "POST",
        headers: { "content-type": type, "x-file-name": encodeURIComponent(name) },
        body: "<script>alert(1)</script>",
      });
    await upload("trang.html", "text/html");
    await upload("ảnh.png", "image/png");
    const html = await fetch(`${url}/files/file-1`);
    expect(html.headers.get("content-disposition")).toBe(`attachment; filename="trang.html"; filename*=UTF-8''trang.html`);
    expect(html.headers.get("content-security-policy")).toBe("sandbox");
    const png = await fetch(`${url}/files/file-2`);
    expect(png.headers.get("content-disposition")).toBe(`inline; filename="_nh.png"; filename*=UTF-8''%E1%BA%A3nh.png`);
    expect((await fetch(`${url}/files/file-9`)).status).toBe(404);
  });

  it("refuses a second sandbox on a port in use", async () => {
    const { url } = await start();
    const port = new URL(url).port;
    const config = createConfig({ SANDBOX_PORT: port, SANDBOX_DATABASE_URL: tempFile(), LOG_LEVEL: "silent" });
    await expect(startSandbox(config, { clock: fixedClock(TEST_NOW), logger: createLogger("silent") })).rejects.toMatchObject({
      code: "EADDRINUSE",
    });
  });
});
