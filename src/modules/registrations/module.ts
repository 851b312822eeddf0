import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { BotModule } from "../../bot/module.js";
import { EDIT_CONTACT, editContact } from "./edit-contact.conversation.js";
import { licenceFilesJob } from "./licence-files.job.js";
import { myRegistrationsComposer } from "./my-registrations.composer.js";
import { offerExpiryJob } from "./offers.job.js";
import { REGISTER, register } from "./register.conversation.js";
import { REJECT, reject } from "./reject.conversation.js";
import { reviewComposer } from "./review.composer.js";
import { signupComposer } from "./signup.composer.js";
import { staffRegistrationsComposer } from "./staff-registrations.composer.js";

const composer = new Composer<BotContext>();
composer.use(signupComposer, reviewComposer, myRegistrationsComposer, staffRegistrationsComposer);

/** Exhibitors sign up for fairs; staff review them; the waitlist gets freed booths. */
export const registrationsModule: BotModule = {
  name: "registrations",
  composer,
  conversations: [
    { id: REGISTER, builder: register },
    { id: EDIT_CONTACT, builder: editContact },
    { id: REJECT, builder: reject },
  ],
  commands: {
    public: [
      { command: "register", description: "commands.register" },
      { command: "myregistrations", description: "commands.myregistrations" },
      { command: "cancel", description: "commands.cancel" },
    ],
    staff: [{ command: "registrations", description: "staff.commands.registrations" }],
  },
  jobs: [offerExpiryJob, licenceFilesJob],
};
