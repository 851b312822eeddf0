import type http from "node:http";

/** A file received in a multipart upload, stored in the payload under its field name. */
export type UploadedFile = { fileName: string; mimeType: string; data: Buffer };
export type Payload = Record<string, unknown>;

/** A Bot API error: answered as `{ ok: false, error_code: status, description }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    description: string,
  ) {
    super(description);
  }
}

const NUMERIC_FIELDS = new Set([
  "chat_id",
  "from_chat_id",
  "message_id",
  "offset",
  "limit",
  "timeout",
  "reply_to_message_id",
  "message_thread_id",
]);
// Free text may legitimately look like JSON or a boolean, so it is never coerced.
const TEXT_FIELDS = new Set(["text", "caption", "query", "description", "short_description", "name", "title"]);
const MIME: Record<string, string> = {
  csv: "text/csv",
  txt: "text/plain",
  json: "application/json",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  ics: "text/calendar",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export const isUpload = (v: unknown): v is UploadedFile =>
  typeof v === "object" && v !== null && Buffer.isBuffer((v as UploadedFile).data);

/** The MIME type for a file name's extension, if it is a common one. */
export const mimeFromName = (fileName: string): string | undefined => MIME[fileName.split(".").pop()?.toLowerCase() ?? ""];

/** Lenient coercion for transports that only carry strings (query, urlencoded, multipart). */
function coerceFields(raw: Iterable<[string, string]>): Payload {
  const out: Payload = {};
  for (const [key, value] of raw) {
    if (TEXT_FIELDS.has(key)) out[key] = value;
    else if (NUMERIC_FIELDS.has(key) && /^-?\d+$/.test(value)) out[key] = Number(value);
    else if (value === "true" || value === "false") out[key] = value === "true";
    else if (/^\s*[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
      } catch {
        out[key] = value;
      }
    } else out[key] = value;
  }
  return out;
}

/**
 * Hand-rolled because Node 20's `Response#formData()` (undici 6) rejects grammY's
 * part headers (`content-disposition:form-data;name="x"`, unquoted `filename=`).
 */
function parseMultipart(body: Buffer, contentType: string): Payload {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new ApiError(400, "Bad Request: multipart boundary is missing");
  const fields: Array<[string, string]> = [];
  const files = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // A leading CRLF lets the first delimiter match the same pattern as the others.
  const buf = Buffer.concat([Buffer.from("\r\n"), body]);
  for (let pos = buf.indexOf(delimiter); pos !== -1; ) {
    const start = pos + delimiter.length;
    const next = buf.indexOf(delimiter, start);
    if (buf.toString("latin1", start, start + 2) === "--" || next === -1) break;
    const part = buf.subarray(start + 2, next);
    const headerEnd = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, headerEnd).toString("utf8");
    const name = /;\s*name=(?:"([^"]*)"|([^;\s]+))/i.exec(head);
    const file = /;\s*filename=(?:"([^"]*)"|([^\r\n]*))/i.exec(head);
    const data = part.subarray(headerEnd + 4);
    const key = name?.[1] ?? name?.[2] ?? "";
    if (file) {
      const fileName = (file[1] ?? file[2] ?? "").trim();
      const partType = /^content-type:\s*([^\r\n;]+)/im.exec(head)?.[1]?.trim();
      const mimeType =
        partType && partType !== "application/octet-stream" ? partType : (mimeFromName(fileName) ?? "application/octet-stream");
      files.set(key, { fileName, mimeType, data: Buffer.from(data) });
    } else fields.push([key, data.toString("utf8")]);
    pos = next;
  }
  // grammY sends `document: "attach://<id>"` plus a file part named `<id>`; fold them back together.
  const used = new Set<string>();
  const resolve = (v: unknown): unknown => {
    if (typeof v === "string" && v.startsWith("attach://") && files.has(v.slice(9))) {
      used.add(v.slice(9));
      return files.get(v.slice(9));
    }
    if (Array.isArray(v)) return v.map(resolve);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    return v;
  };
  const payload = resolve(coerceFields(fields)) as Payload;
  for (const [key, file] of files) if (!used.has(key)) payload[key] = file;
  return payload;
}

/** The whole request body, refused past `limit` bytes. */
export async function readBody(req: http.IncomingMessage, limit = 50 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError(413, "Request Entity Too Large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A Bot API request's parameters, from the query string and a JSON, urlencoded or multipart body. */
export async function readPayload(req: http.IncomingMessage, url: URL): Promise<Payload> {
  const body = await readBody(req);
  const type = req.headers["content-type"] ?? "";
  const query = coerceFields(url.searchParams);
  if (body.length === 0) return query;
  if (type.includes("application/json")) {
    try {
      return { ...query, ...(JSON.parse(body.toString("utf8")) as Payload) };
    } catch {
      throw new ApiError(400, "Bad Request: can't parse JSON");
    }
  }
  if (type.includes("multipart/form-data")) return { ...query, ...parseMultipart(body, type) };
  return { ...query, ...coerceFields(new URLSearchParams(body.toString("utf8"))) };
}

export function sendJson(res: http.ServerResponse, status: number, body: object): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
