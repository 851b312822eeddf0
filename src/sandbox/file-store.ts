import { mimeFromName, type UploadedFile } from "./bot-api-request.js";

/** A file the server holds: sent by the bot (upload) or by a user of the chat page. */
export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  /** The path of Bot API's getFile, served under /file/bot<token>/<path>. */
  filePath: string;
  fileName: string;
  mimeType: string;
  data: Buffer;
  width?: number;
  height?: number;
}

/** Width and height of a PNG or JPEG, read from its header; undefined for anything else. */
export function imageSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length > 24 && data.readUInt32BE(0) === 0x89504e47)
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  for (let pos = 2; pos + 9 < data.length; ) {
    if (data[pos] !== 0xff) return undefined;
    const marker = data[pos + 1]!;
    const length = data.readUInt16BE(pos + 2);
    // SOF0–SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: data.readUInt16BE(pos + 5), width: data.readUInt16BE(pos + 7) };
    }
    pos += 2 + length;
  }
  return undefined;
}

/**
 * Files by file_id and by path, in memory: the sandbox is a playground, not an archive. Past
 * `maxBytes` in all, the oldest files are forgotten (their ids answer "not found" from then on).
 */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;
  private bytes = 0;

  constructor(readonly maxBytes = Number.POSITIVE_INFINITY) {}

  /** The bytes of every file held. */
  get size(): number {
    return this.bytes;
  }

  add(upload: UploadedFile, kind: "documents" | "photos"): StoredFile {
    const n = ++this.counter;
    const extension = /\.([A-Za-z0-9]{1,8})$/.exec(upload.fileName)?.[1] ?? (kind === "photos" ? "jpg" : "bin");
    const mimeType =
      upload.mimeType === "application/octet-stream" ? (mimeFromName(upload.fileName) ?? upload.mimeType) : upload.mimeType;
    const file: StoredFile = {
      fileId: `file-${n}`,
      fileUniqueId: `unique-${n}`,
      filePath: `${kind}/file_${n}.${extension}`,
      fileName: upload.fileName || `file_${n}.${extension}`,
      mimeType,
      data: upload.data,
      ...(kind === "photos" ? imageSize(upload.data) : {}),
    };
    this.byId.set(file.fileId, file);
    this.byPath.set(file.filePath, file);
    this.bytes += file.data.length;
    for (const [id, oldest] of this.byId) {
      if (this.bytes <= this.maxBytes || oldest === file) break;
      this.byId.delete(id);
      this.byPath.delete(oldest.filePath);
      this.bytes -= oldest.data.length;
    }
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  atPath(filePath: string): StoredFile | undefined {
    return this.byPath.get(filePath);
  }
}
