/** One thing wrong with an import: which record, which field, what is wrong. */
export interface ImportProblem {
  record: string;
  field: string;
  /** In English, for operators; */
  message: string;
  /** the same for staff in their language, for the problems they can fix without the README. */
  translation?: { key: string; values: Record<string, string | number> };
}
