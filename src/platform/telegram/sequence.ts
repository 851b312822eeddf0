import type { Context, Middleware, MiddlewareFn } from "grammy";

/**
 * Middleware run in order, each calling the next through `next`, as `new Composer(...middleware)`
 * runs them — without the two async functions grammY wraps around each one, which stay alive,
 * with their promises, for as long as the update waits on the Bot API (many updates in flight
 * keep the garbage collector busy with them). A composer's routes are read when an update comes,
 * as grammY does, so routes added to it later count.
 */
export function sequence<C extends Context>(...middleware: Middleware<C>[]): MiddlewareFn<C> {
  return (ctx, next) => {
    const step = (i: number): Promise<void> => {
      if (i === middleware.length) return next();
      const m = middleware[i]!;
      const proceed = () => step(i + 1);
      try {
        return Promise.resolve(typeof m === "function" ? m(ctx, proceed) : m.middleware()(ctx, proceed)) as Promise<void>;
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return step(0);
  };
}
