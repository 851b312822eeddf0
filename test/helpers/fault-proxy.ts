import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What the proxy does to a call instead of passing it on: answer with a Telegram error, hang (never
 * answer, the connection open), or drop the connection before anything reaches the Bot API.
 */
export type Fault = "conflict" | "webhook-conflict" | "unauthorized" | "bad-gateway" | "hang" | "drop";

const ANSWERS: Record<string, { status: number; description: string }> = {
  conflict: {
    status: 409,
    description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
  },
  "webhook-conflict": {
    status: 409,
    description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  },
  unauthorized: { status: 401, description: "Unauthorized" },
  "bad-gateway": { status: 502, description: "Bad Gateway" },
};

/** A proxy in front of a Bot API server (the fake one) that injects network and Telegram faults on demand. */
export interface FaultProxy {
  /** Root URL for TELEGRAM_API_ROOT / grammY's apiRoot. */
  apiRoot: string;
  /** The next `times` calls of `method` ("*" for any) meet `fault`; Infinity for every call until cleared. */
  inject(method: string, fault: Fault, times?: number): void;
  /** Removes every pending fault; calls hung so far stay hung. */
  clear(): void;
  /** Faults injected so far, by method, in order. */
  readonly injected: Array<{ method: string; fault: Fault }>;
  /** Calls hanging right now. */
  hanging(): number;
  close(): Promise<void>;
}

/** Starts a fault-injecting proxy on 127.0.0.1 in front of `target` (an apiRoot). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const faults: Array<{ method: string; fault: Fault; times: number }> = [];
  const injected: Array<{ method: string; fault: Fault }> = [];
  const hung = new Set<http.ServerResponse>();
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });

  const take = (method: string): Fault | undefined => {
    const index = faults.findIndex((f) => f.method === method || f.method === "*");
    if (index === -1) return undefined;
    const found = faults[index]!;
    if (--found.times <= 0) faults.splice(index, 1);
    injected.push({ method, fault: found.fault });
    return found.fault;
  };

  const server = http.createServer((req, res) => {
    const method = /^\/(?:file\/)?bot[^/]+\/(?:test\/)?([^/?]+)/.exec(req.url ?? "")?.[1] ?? "";
    const fault = take(method);
    if (fault === "drop") return void req.socket.destroy();
    if (fault === "hang") {
      hung.add(res);
      res.on("close", () => hung.delete(res));
      req.resume();
      return;
    }
    if (fault) {
      const { status, description } = ANSWERS[fault]!;
      req.resume();
      res.writeHead(status, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ ok: false, error_code: status, description }));
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => req.socket.destroy());
    res.on("close", () => forward.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    injected,
    inject(method, fault, times = 1) {
      faults.push({ method, fault, times });
    },
    clear() {
      faults.length = 0;
    },
    hanging: () => hung.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
