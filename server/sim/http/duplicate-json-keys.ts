/**
 * Keys that appear twice in one JSON object. JSON.parse keeps the last silently; kube-apiserver's
 * strict decoder reports each as `duplicate field "spec.replicas"` (an error with
 * fieldValidation=Strict, a Warning otherwise) — so the text has to be scanned itself.
 */
const SPACE = " \t\n\r";

/** Dotted paths of duplicated keys in `text`, which must already be valid JSON. */
export function duplicateJsonKeys(text: string): string[] {
  let i = 0;
  const found: string[] = [];
  const skipSpace = () => {
    while (i < text.length && SPACE.includes(text[i])) i++;
  };
  const readString = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const readValue = (path: string): void => {
    skipSpace();
    const c = text[i];
    if (c === "{") {
      i++;
      const seen = new Set<string>();
      skipSpace();
      if (text[i] === "}") return void i++;
      for (;;) {
        skipSpace();
        const key = readString();
        const at = path ? `${path}.${key}` : key;
        if (seen.has(key)) found.push(at);
        seen.add(key);
        skipSpace();
        i++; // ':'
        readValue(at);
        skipSpace();
        if (text[i++] === "}") return;
      }
    }
    if (c === "[") {
      i++;
      skipSpace();
      if (text[i] === "]") return void i++;
      for (let n = 0; ; n++) {
        readValue(`${path}[${n}]`);
        skipSpace();
        if (text[i++] === "]") return;
      }
    }
    if (c === '"') return void readString();
    while (i < text.length && !`,}]${SPACE}`.includes(text[i])) i++;
  };
  readValue("");
  return found;
}
