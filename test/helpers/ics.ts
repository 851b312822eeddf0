import { DateTime } from "luxon";

/** One property of an iCalendar component: its parameters and its (unescaped) value. */
export interface IcsProperty {
  params: Record<string, string>;
  value: string;
}

export interface IcsComponent {
  type: string;
  props: Map<string, IcsProperty[]>;
  children: IcsComponent[];
}

/**
 * A strict reader of the iCalendar (RFC 5545) subset calendar apps rely on: CRLF lines of at most
 * 75 octets, folding, BEGIN/END nesting, parameters, text escapes. Throws on anything malformed,
 * so "it parses" means something.
 */
export function parseIcs(text: string): IcsComponent {
  if (!text.endsWith("\r\n") || /[^\r]\n/.test(text)) throw new Error("lines must end with CRLF");
  const physical = text.slice(0, -2).split("\r\n");
  for (const line of physical) if (Buffer.byteLength(line) > 75) throw new Error(`line longer than 75 octets: ${line}`);
  const lines: string[] = [];
  for (const line of physical) {
    if (/^[ \t]/.test(line)) {
      if (lines.length === 0) throw new Error("continuation line first");
      lines[lines.length - 1] += line.slice(1);
    } else lines.push(line);
  }
  const stack: IcsComponent[] = [];
  let root: IcsComponent | undefined;
  for (const line of lines) {
    const match = /^([A-Z0-9-]+)((?:;[A-Z0-9-]+=(?:"[^"]*"|[^;:"]*))*):(.*)$/.exec(line);
    if (!match) throw new Error(`malformed line: ${line}`);
    const [, name, rawParams, rawValue] = match as unknown as [string, string, string, string];
    if (name === "BEGIN") {
      const component: IcsComponent = { type: rawValue, props: new Map(), children: [] };
      if (stack.length === 0) {
        if (root) throw new Error("more than one top-level component");
        root = component;
      } else stack.at(-1)!.children.push(component);
      stack.push(component);
      continue;
    }
    if (name === "END") {
      if (stack.pop()?.type !== rawValue) throw new Error(`END:${rawValue} does not close the open component`);
      continue;
    }
    const current = stack.at(-1);
    if (!current) throw new Error(`property outside a component: ${line}`);
    const params: Record<string, string> = {};
    for (const [, key, value] of rawParams.matchAll(/;([A-Z0-9-]+)=("[^"]*"|[^;:"]*)/g))
      params[key!] = value!.replace(/^"|"$/g, "");
    const value = rawValue.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
    current.props.set(name, [...(current.props.get(name) ?? []), { params, value }]);
  }
  if (!root || stack.length > 0 || root.type !== "VCALENDAR") throw new Error("not one complete VCALENDAR");
  return root;
}

export const prop = (component: IcsComponent, name: string): IcsProperty | undefined => component.props.get(name)?.[0];
export const childrenOf = (component: IcsComponent, type: string) => component.children.filter((c) => c.type === type);

/**
 * The moment a DATE-TIME property denotes: UTC ("Z"), or local time in a TZID whose VTIMEZONE is in
 * the file (its offset read from there, not from a time-zone library); a DATE is returned as is.
 */
export function instantOf(calendar: IcsComponent, property: IcsProperty): string {
  if (property.params.VALUE === "DATE")
    return `${property.value.slice(0, 4)}-${property.value.slice(4, 6)}-${property.value.slice(6, 8)}`;
  const local = DateTime.fromFormat(property.value.replace(/Z$/, ""), "yyyyMMdd'T'HHmmss", { zone: "utc" });
  if (!local.isValid) throw new Error(`bad date-time ${property.value}`);
  if (property.value.endsWith("Z")) return local.toISO()!;
  const tzid = property.params.TZID;
  if (!tzid) throw new Error(`floating time ${property.value}`);
  const zone = childrenOf(calendar, "VTIMEZONE").find((z) => prop(z, "TZID")?.value === tzid);
  if (!zone) throw new Error(`no VTIMEZONE for ${tzid}`);
  const offset = prop(childrenOf(zone, "STANDARD")[0]!, "TZOFFSETTO")!.value;
  const minutes = (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5))) * (offset.startsWith("-") ? -1 : 1);
  return local.minus({ minutes }).toISO()!;
}
