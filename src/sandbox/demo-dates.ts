/** How many demo fairs should still be ahead, so the sandbox has something to show and sign up for. */
const FAIRS_AHEAD = 3;
// Only the years the demo data uses: its phone numbers hold 4-digit groups such as 2001.
const YEAR = /\b20[23]\d\b/g;

/**
 * The demo data describes fairs of 2026–27 as seen from November 2026, and the sandbox runs on the
 * real clock: from mid-2027 it would have no fair left to show. It is moved forward by whole
 * years — every year in the file: dates, deadlines, names, aliases, ids alike, so they still agree —
 * until at least three fairs start after `today` (YYYY-MM-DD). As of November 2026 it is unchanged.
 */
export function demoDatasetFor(raw: string, today: string): unknown {
  for (let years = 0; years <= 100; years++) {
    const data = JSON.parse(years === 0 ? raw : raw.replace(YEAR, (year) => String(Number(year) + years))) as {
      fairs: Array<{ starts_on: string }>;
    };
    if (data.fairs.filter((fair) => fair.starts_on > today).length >= FAIRS_AHEAD) return data;
  }
  return JSON.parse(raw);
}
