import { datasetFromCsv } from "./csv-dataset.js";
import { ImportError } from "./dataset-import.service.js";

/** Reads a data file into the dataset format: JSON as it is, CSV through the staff column layout. */
export function readDatasetFile(fileName: string, text: string, timezone: string): unknown {
  if (fileName.toLowerCase().endsWith(".csv")) return datasetFromCsv(text, timezone);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportError([{ record: "(file)", field: "json", message: (error as Error).message }]);
  }
}

/** Whether a file name is one the import understands. */
export const isDatasetFileName = (fileName: string): boolean => /\.(json|csv)$/i.test(fileName);
