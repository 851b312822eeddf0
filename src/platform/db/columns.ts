import type { ColumnType } from "kysely";

/** A JSON object of the form {"vi": "...", "zh": "...", "en": "..."} (or another JSON value) stored as TEXT. */
export type Json = string;
export type Timestamp = ColumnType<string, string | undefined, string>;
