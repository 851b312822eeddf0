import { fairStartPayload, startLink } from "../../bot/deep-links.js";

/** The link printed on a fair's posters: it opens the bot at the fair's card. */
export const fairBotLink = (botUsername: string, fairId: string): string => startLink(botUsername, fairStartPayload(fairId));

// Medium error correction survives a crease or a smudge on a printed poster.
const OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

// Loaded by the first code drawn (an event page, a poster) rather than at start-up, which it would slow.
const qrcode = async () => (await import("qrcode")).default;

/** The link as an inline SVG QR code, scaled by its viewBox (fits any width). */
export async function qrSvg(link: string): Promise<string> {
  const svg = await (await qrcode()).toString(link, { ...OPTIONS, type: "svg" });
  return svg.replace("<svg ", '<svg role="img" ').trim();
}

/** The link as a PNG QR code big enough for a poster (about 10 cm at 300 dpi). */
export const qrPng = async (link: string): Promise<Buffer> =>
  (await qrcode()).toBuffer(link, { ...OPTIONS, type: "png", width: 1200 });
