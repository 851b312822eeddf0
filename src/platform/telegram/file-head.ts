import type { Api } from "grammy";

/**
 * The first `bytes` bytes of a file a user sent, downloaded through the Bot API (getFile, then
 * the file path); the rest of the file is not fetched.
 */
export async function downloadHead(api: Api, apiRoot: string, fileId: string, bytes: number): Promise<Uint8Array> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new Error("getFile gave no file path");
  const response = await fetch(`${apiRoot}/file/bot${api.token}/${file.file_path}`);
  if (!response.ok || !response.body) throw new Error(`download answered ${response.status}`);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < bytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}
