/** A loop that runs until stopped: stop() aborts its signal and waits for the round in hand to end. */
export function backgroundLoop(loop: (signal: AbortSignal) => Promise<void>) {
  let controller: AbortController | undefined;
  let running: Promise<void> | undefined;
  return {
    get running(): boolean {
      return running !== undefined;
    },
    start(): void {
      if (running) return;
      controller = new AbortController();
      running = loop(controller.signal);
    },
    async stop(): Promise<void> {
      controller?.abort();
      await running;
      running = undefined;
    },
  };
}
