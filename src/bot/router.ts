import {
  type CallbackQueryContext,
  type ChatTypeContext,
  type CommandContext,
  Context,
  type Filter,
  type FilterQuery,
  type Middleware,
  type MiddlewareFn,
  type MiddlewareObj,
  type NextFunction,
} from "grammy";
import type { Chat } from "grammy/types";

type Test = (ctx: Context) => boolean;

interface Route<C extends Context> {
  /** Decides whether the route runs (and sets ctx.match, like grammY); none means always. */
  test: Test | undefined;
  handle: MiddlewareFn<C>;
  /** A Feature used inside this one (directly or through chatType): its routes join this one's. */
  feature?: Feature<C>;
}

const both = (outer: Test | undefined, inner: Test | undefined): Test | undefined =>
  outer && inner ? (ctx) => outer(ctx) && inner(ctx) : (outer ?? inner);

/**
 * The part of grammY's Composer that our features use, run as one middleware per feature.
 *
 * grammY runs every `.command`, `.callbackQuery`, `.on` and `.chatType` through filter → branch →
 * lazy, which builds a Composer and several async closures per update and per handler; those stay
 * alive while a handler awaits the Bot API, and the garbage collector then takes a quarter of the
 * bot's CPU. Here the tests are grammY's own predicates (`Context.has.*`, built once at
 * registration, so ctx.match is set exactly as grammY sets it), checked in registration order by
 * a plain loop; a closure is made only for the route that runs, as its `next`. Calling `next`
 * goes on with the routes after it, then with the middleware after the feature.
 *
 * Features used inside a feature (the bot's feature list, a chatType scope) are flattened into
 * one list of routes at the first update, a scope's test joined to each of its routes: an update
 * passes the features it does not concern without a closure or a promise for each. Routes cannot
 * be added once a feature has handled an update (it throws), since the flat list would miss them.
 */
export class Feature<C extends Context> implements MiddlewareObj<C> {
  readonly #routes: Route<C>[] = [];
  #flat: Route<C>[] | undefined;
  /** Set once the routes were read into a flat list (here or by a feature using this one). */
  #sealed = false;
  readonly #middleware: MiddlewareFn<C> = (ctx, next) => this.#dispatch((this.#flat ??= this.#flatten(undefined)), ctx, next, 0);

  middleware(): MiddlewareFn<C> {
    return this.#middleware;
  }

  /** Plain middleware (a conversation, a Composer, another Feature), always run at this point. */
  use(...middleware: Middleware<C>[]): void {
    for (const m of middleware) {
      if (m instanceof Feature) this.#push({ test: undefined, handle: m.middleware(), feature: m });
      else this.#push({ test: undefined, handle: typeof m === "function" ? m : (ctx, next) => m.middleware()(ctx, next) });
    }
  }

  /** `/command` or `/command@thisbot` at the start of a message; ctx.match is the rest of the text. */
  command(command: string | string[], handler: MiddlewareFn<CommandContext<C>>): void {
    this.#add(Context.has.command(command), handler);
  }

  /** A button's callback data equal to a string or matching a RegExp; ctx.match as in grammY. */
  callbackQuery(trigger: string | RegExp | (string | RegExp)[], handler: MiddlewareFn<CallbackQueryContext<C>>): void {
    this.#add(Context.has.callbackQuery(trigger), handler);
  }

  /** Updates matching a grammY filter query such as "message:text" or "my_chat_member". */
  on<Q extends FilterQuery>(query: Q | Q[], handler: MiddlewareFn<Filter<C, Q>>): void {
    this.#add(Context.has.filterQuery(query), handler);
  }

  /** Routes that run only in chats of this type, checked here in the feature's order. */
  chatType<T extends Chat["type"]>(type: T | T[]): Feature<ChatTypeContext<C, T>> {
    const scoped = new Feature<ChatTypeContext<C, T>>();
    this.#push({ test: Context.has.chatType(type), handle: scoped.middleware() as MiddlewareFn<C>, feature: scoped as unknown as Feature<C> });
    return scoped;
  }

  /** The test narrows the context: the handler is typed for what the test guarantees. */
  #add<D extends C>(test: Test, handle: MiddlewareFn<D>): void {
    this.#push({ test, handle: handle as MiddlewareFn<C> });
  }

  #push(route: Route<C>): void {
    if (this.#sealed) throw new Error("Feature: a route was added after the feature handled an update");
    this.#routes.push(route);
  }

  #flatten(outer: Test | undefined): Route<C>[] {
    this.#sealed = true; // from now on adding a route throws, here and in every nested feature
    return this.#routes.flatMap((route) =>
      route.feature ? route.feature.#flatten(both(outer, route.test)) : [{ test: both(outer, route.test), handle: route.handle }],
    );
  }

  #dispatch(routes: Route<C>[], ctx: C, next: NextFunction, from: number): Promise<void> {
    for (let i = from; i < routes.length; i++) {
      const route = routes[i]!;
      if (route.test !== undefined && !route.test(ctx)) continue;
      let called = false;
      try {
        // Passed inline, not kept in a named const: tsx (keepNames) would rename it on every call.
        return Promise.resolve(
          route.handle(ctx, () => {
            if (called) throw new Error("`next` already called before!");
            called = true;
            return this.#dispatch(routes, ctx, next, i + 1);
          }),
        ) as Promise<void>;
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return next();
  }
}
