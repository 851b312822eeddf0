import { duplicateKeys } from "../../platform/files/json-duplicates.js";
import { datasetFromCsv } from "./csv-dataset.js";
import { ImportError, type ImportProblem } from "./dataset-import.service.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A data file's bytes as text. Only UTF-8 is read (with or without a byte-order mark, in CSV and
 * JSON alike): a file saved in a legacy code page (Latin-1, Windows-1258, GBK) would otherwise
 * turn its accents and Chinese into U+FFFD without a word, so it is refused, saying how to save it.
 */
export function decodeDatasetFile(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw notUtf8("UTF-16");
  try {
    // The decoder drops a UTF-8 byte-order mark itself.
    return utf8.decode(bytes);
  } catch {
    throw notUtf8("not UTF-8");
  }
}

function notUtf8(found: string): ImportError {
  const problem: ImportProblem = {
    record: "(file)",
    field: "encoding",
    message: `the file is ${found} (perhaps Latin-1 or Windows-1252); save it as "CSV UTF-8" or UTF-8 text and import it again`,
    translation: { key: "staff.import.problem.not_utf8", values: {} },
  };
  return new ImportError([problem]);
}

/** Reads a data file into the dataset format: JSON as it is, CSV through the staff column layout. */
export function readDatasetFile(fileName: string, text: string, timezone: string): unknown {
  if (fileName.toLowerCase().endsWith(".csv")) return datasetFromCsv(text, timezone);
  const json = text.replace(/^\uFEFF/, "");
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new ImportError([{ record: "(file)", field: "json", message: (error as Error).message }]);
  }
  const duplicates = duplicateKeys(json);
  if (duplicates.length > 0) {
    throw new ImportError(
      duplicates.map((path) => ({
        record: "(file)",
        field: path,
        message: "this key appears twice in the same object; only one can be kept",
        translation: { key: "staff.import.problem.duplicate_key", values: {} },
      })),
    );
  }
  return data;
}

/** Whether a file name is one the import understands. */
export const isDatasetFileName = (fileName: string): boolean => /\.(json|csv)$/i.test(fileName);
