import type { Api } from "grammy";

/** A file past the size limit: reading stopped there. */
export class TooBigError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the file is over ${limitBytes} bytes`);
    this.name = "TooBigError";
  }
}

/**
 * Downloads a file the Bot API serves (/file/bot<token>/<path>), reading at most
 * `maxBytes`: Telegram's file_size is optional, so the size is known only by reading. A
 * download still running after `timeoutMs` is cut off.
 */
export async function downloadBytes(url: string, options: { maxBytes: number; timeoutMs: number }): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
  if (!response.ok || !response.body) throw new Error(`download answered ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > options.maxBytes) {
    await response.body.cancel();
    throw new TooBigError(options.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > options.maxBytes) throw new TooBigError(options.maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * A whole file a user sent, through the Bot API: getFile for its path, then the download from
 * `apiRoot` (Telegram's, or a self-hosted Bot API server's), at most `maxBytes`.
 */
export async function downloadTelegramFile(
  api: Api,
  apiRoot: string,
  fileId: string,
  options: { maxBytes: number; timeoutMs: number },
): Promise<Uint8Array> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new Error("getFile gave no file path");
  return downloadBytes(`${apiRoot}/file/bot${api.token}/${file.file_path}`, options);
}
