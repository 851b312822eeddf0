import { type BotApiServer, startBotApiServer } from "../../src/sandbox/bot-api-server.js";

// The tests talk to the sandbox's own Bot API server, under the names they have always used.
export type { ApiCall, FakeResponse, MethodHandler, SandboxUser as FakeUser, UploadedFile, WaitOptions } from "../../src/sandbox/bot-api-server.js";
export type FakeBotApi = BotApiServer;

/** Starts a Bot API server on 127.0.0.1 with a free port. */
export function startFakeBotApi(options: { token?: string; botUsername?: string } = {}): Promise<FakeBotApi> {
  return startBotApiServer(options);
}
