/** The kinds of file a company may send as its business licence, told by their first bytes. */
export type LicenceFileKind = "pdf" | "jpeg" | "png" | "webp";

/** How many first bytes {@link licenceFileKind} needs. */
export const LICENCE_HEAD_BYTES = 16;

const startsWith = (head: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * What a file is by its own magic bytes, not by the name or MIME type its sender declared (a
 * program renamed licence.pdf.exe declares itself a PDF just as well); undefined for anything else.
 */
export function licenceFileKind(head: Uint8Array): LicenceFileKind | undefined {
  if (startsWith(head, ascii("%PDF-"))) return "pdf";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8)) return "webp";
  return undefined;
}
