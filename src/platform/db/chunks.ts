/**
 * Runs `write` over `items` in slices of `size` (SQLite caps the variables of one statement) and
 * adds up the rows each slice reports, e.g. an insert that skips duplicates.
 */
export async function writeInChunks<T>(
  items: T[],
  size: number,
  write: (chunk: T[]) => Promise<bigint | number | undefined>,
): Promise<number> {
  let written = 0;
  for (let i = 0; i < items.length; i += size) written += Number((await write(items.slice(i, i + size))) ?? 0);
  return written;
}
