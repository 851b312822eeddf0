type Frame = { kind: "object"; path: string; keys: Set<string>; key?: string } | { kind: "array"; path: string; index: number };

/**
 * Keys that appear twice in one object of a JSON text, each with its path (`fairs[2].name.en`):
 * JSON.parse keeps the last silently, so an edit made to the first copy would be lost unseen.
 * The text must be valid JSON (parse it first).
 */
export function duplicateKeys(json: string): string[] {
  const found: string[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  const childPath = (): string => {
    const top = stack.at(-1);
    if (!top) return "";
    if (top.kind === "array") return `${top.path}[${top.index}]`;
    return top.path ? `${top.path}.${top.key}` : (top.key ?? "");
  };
  for (let i = 0; i < json.length; i++) {
    const char = json[i]!;
    if (char === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === "\\" ? 2 : 1;
      const top = stack.at(-1);
      if (top?.kind === "object" && expectKey) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (top.keys.has(key)) found.push(top.path ? `${top.path}.${key}` : key);
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = end;
    } else if (char === "{") {
      stack.push({ kind: "object", path: childPath(), keys: new Set() });
      expectKey = true;
    } else if (char === "[") {
      stack.push({ kind: "array", path: childPath(), index: 0 });
    } else if (char === "}" || char === "]") {
      stack.pop();
      expectKey = false;
    } else if (char === ",") {
      const top = stack.at(-1);
      if (top?.kind === "array") top.index++;
      else expectKey = true;
    }
  }
  return found;
}
