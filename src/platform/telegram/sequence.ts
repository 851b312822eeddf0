import type { Context, Middleware, MiddlewareFn, NextFunction } from "grammy";

/**
 * Middleware run in order, each calling the next through `next`, as `new Composer(...middleware)`
 * runs them — without the two async functions grammY wraps around each one, which stay alive,
 * with their promises, for as long as the update waits on the Bot API (many updates in flight
 * keep the garbage collector busy with them). A composer's routes are read when an update comes,
 * as grammY does, so routes added to it later count.
 */
export function sequence<C extends Context>(...middleware: Middleware<C>[]): MiddlewareFn<C> {
  // One function for every update and step: closures made per update (and, under tsx, named per
  // update) would cost as much as the frames saved.
  const step = (ctx: C, next: NextFunction, i: number): Promise<void> => {
    if (i === middleware.length) return next();
    const m = middleware[i]!;
    try {
      const fn = typeof m === "function" ? m : m.middleware();
      return Promise.resolve(fn(ctx, () => step(ctx, next, i + 1))) as Promise<void>;
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return (ctx, next) => step(ctx, next, 0);
}
