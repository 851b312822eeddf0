import type { Api } from "grammy";
import { type LicenceFileKind, licenceFileKind } from "../../domain/file-kind.js";
import type { Logger } from "../../logger.js";
import { storeFile } from "../../platform/files/stored-files.js";
import { downloadTelegramFile, TooBigError } from "../../platform/telegram/download.js";

/** A licence larger than this is refused: a scan or a photo of one page is far smaller (Telegram lets bots download up to 20 MB). */
export const MAX_LICENCE_BYTES = 10 * 1024 * 1024;
/** A licence that takes longer to download is given up on, and the user asked to send it again. */
const DOWNLOAD_TIMEOUT_MS = 60_000;
/** Where licences are kept under DATA_DIR/files. */
export const LICENCE_FOLDER = "licences";

export type ReceivedLicence =
  | { kind: "stored"; path: string; type: LicenceFileKind }
  | { kind: "too_big" }
  | { kind: "wrong_type" }
  /** The download or the write failed: nothing about the file is known yet, so the user sends it again. */
  | { kind: "failed" };

const EXTENSIONS: Record<LicenceFileKind, string> = { pdf: "pdf", jpeg: "jpg", png: "png", webp: "webp" };

/**
 * Downloads a licence a user sent and keeps the bot's own copy under DATA_DIR, once its first
 * bytes show a PDF or an image: the declared name and MIME type are the sender's word, the bytes
 * are not. Telegram's file_size is optional, so the size limit is also enforced while reading.
 */
export async function receiveLicence(
  api: Api,
  deps: { config: { telegramApiRoot: string; dataDir: string }; logger: Logger },
  fileId: string,
): Promise<ReceivedLicence> {
  let bytes: Uint8Array;
  try {
    bytes = await downloadTelegramFile(api, deps.config.telegramApiRoot, fileId, {
      maxBytes: MAX_LICENCE_BYTES,
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof TooBigError) return { kind: "too_big" };
    deps.logger.warn({ err: error }, "licence: could not download the file");
    return { kind: "failed" };
  }
  const type = licenceFileKind(bytes);
  if (!type) return { kind: "wrong_type" };
  try {
    return { kind: "stored", path: storeFile(deps.config.dataDir, LICENCE_FOLDER, bytes, EXTENSIONS[type]), type };
  } catch (error) {
    // A full disk or a folder the bot may not write is the operator's to fix; the user may try again.
    deps.logger.error({ err: error, dataDir: deps.config.dataDir }, "licence: could not store the file under DATA_DIR");
    return { kind: "failed" };
  }
}
