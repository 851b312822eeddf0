import type { Locale } from "../../src/domain/locale.js";
import { createI18n } from "../../src/platform/telegram/i18n.js";
import { buttonsOf } from "./app.js";
import type { ApiCall, FakeBotApi, FakeUser } from "./fake-bot-api.js";

const i18n = createI18n("vi");
/** The first bytes of a PDF and of a JPEG: what the bot checks a licence by. */
export const TINY_PDF = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "latin1");
export const TINY_JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from("JFIF\0"),
  Buffer.alloc(32),
]);
const REPLIES = new Set(["sendMessage", "sendDocument", "sendPhoto", "editMessageText"]);

/** The fixed start of a translation (up to its first placeholder): what a test looks for in a reply. */
export function says(locale: Locale, key: string): string {
  const fixed = i18n.t(locale, key).split("{")[0]!.slice(0, 60);
  if (fixed.trim().length < 3) throw new Error(`says(${locale}, ${key}): the translation starts with a placeholder`);
  return fixed;
}

export const textOf = (call: ApiCall) => String(call.payload.text ?? call.payload.caption ?? "");

/** One user's private chat with the bot, driven step by step. */
export class Chat {
  constructor(
    readonly api: FakeBotApi,
    readonly user: FakeUser,
  ) {}

  /** Does `act`, then waits for a message to this chat containing `expected`; returns it. */
  async expect(act: () => unknown, expected: string | RegExp, timeoutMs = 5000): Promise<ApiCall> {
    const since = this.api.calls.length;
    act();
    const matches = (text: string) => (typeof expected === "string" ? text.includes(expected) : expected.test(text));
    return this.api.waitFor(
      (c) => REPLIES.has(c.method) && String(c.payload.chat_id) === String(this.user.id) && matches(textOf(c)),
      { since, timeoutMs },
    );
  }

  say(text: string, expected: string | RegExp): Promise<ApiCall> {
    return this.expect(() => this.api.sendText(this.user, text), expected);
  }

  press(data: string, expected: string | RegExp): Promise<ApiCall> {
    return this.expect(() => this.api.pressButton(this.user, data), expected);
  }

  /** Presses a button and waits for the short alert it is answered with (no new message). */
  async alert(data: string, expected: string): Promise<ApiCall> {
    const since = this.api.calls.length;
    this.api.pressButton(this.user, data);
    return this.api.waitFor((c) => c.method === "answerCallbackQuery" && textOf(c).includes(expected), { since });
  }

  /** Presses a toggle button and waits for the bot to redraw the keyboard. */
  async toggle(data: string): Promise<ApiCall> {
    const since = this.api.calls.length;
    this.api.pressButton(this.user, data);
    return this.api.waitFor((c) => c.method === "editMessageReplyMarkup" && String(c.payload.chat_id) === String(this.user.id), {
      since,
    });
  }

  /**
   * Sends a file as the user: a document, or a photo when `photo` is set. Either is uploaded to the
   * fake Bot API with `data` (by default a few bytes of a real PDF, or of a JPEG for a photo), so
   * the bot can download it.
   */
  send(
    file: { fileName: string; mimeType: string; photo?: boolean; data?: Buffer },
    expected: string | RegExp,
  ): Promise<ApiCall> {
    const data = file.data ?? (file.photo ? TINY_JPEG : TINY_PDF);
    return this.expect(
      () =>
        this.api.sendFile(
          this.user,
          { fileName: file.fileName, mimeType: file.mimeType, data },
          { asPhoto: file.photo === true },
        ),
      expected,
    );
  }
}

export const buttonData = (call: ApiCall) => buttonsOf(call.payload).map((b) => b.data);
