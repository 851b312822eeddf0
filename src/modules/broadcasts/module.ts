import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { BotModule } from "../../bot/module.js";
import { BROADCAST, broadcast } from "./broadcast.conversation.js";
import { broadcastsComposer } from "./broadcasts.composer.js";
import { composeComposer } from "./compose.composer.js";

const composer = new Composer<BotContext>();
composer.use(composeComposer, broadcastsComposer);

/** Staff write to many users at once: composed in a conversation, sent by the outbox, reported as it goes. */
export const broadcastsModule: BotModule = {
  name: "broadcasts",
  composer,
  conversations: [{ id: BROADCAST, builder: broadcast }],
  commands: {
    staff: [
      { command: "broadcast", description: "staff.commands.broadcast" },
      { command: "broadcasts", description: "staff.commands.broadcasts" },
    ],
  },
};
