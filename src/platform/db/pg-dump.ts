/** A command to run, with the environment it needs and how to show it to an operator. */
export interface DumpCommand {
  command: string;
  args: string[];
  /** PGPASSWORD, taken out of the URL so it appears in no process list or printed line. */
  env: Record<string, string>;
  /** The command as an operator would type it, the password left to PGPASSWORD or ~/.pgpass. */
  printable: string;
}

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

function withoutPassword(databaseUrl: string): { url: string; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { url: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/**
 * pg_dump of a PostgreSQL database into one file in its custom format (compressed, and what
 * pg_restore reads, table by table). pg_dump takes a consistent snapshot while the bot runs.
 */
export function pgDumpCommand(databaseUrl: string, file: string): DumpCommand {
  const { url, env } = withoutPassword(databaseUrl);
  const args = ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${url}`];
  return { command: "pg_dump", args, env, printable: ["pg_dump", ...args].map(quote).join(" ") };
}

/** pg_restore of such a file into the database, replacing the tables it holds. */
export function pgRestoreCommand(databaseUrl: string, file: string): DumpCommand {
  const { url, env } = withoutPassword(databaseUrl);
  const args = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", `--dbname=${url}`, file];
  return { command: "pg_restore", args, env, printable: ["pg_restore", ...args].map(quote).join(" ") };
}
