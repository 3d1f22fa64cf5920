/**
 * How deeply a request nests, measured without recursion, so that a hostile body (an input nested 5,000 deep)
 * gets a clear refusal before anything recursive (JSON.stringify, EJSON parsing, the SDK's signer) touches it.
 */

/**
 * True when the JSON text opens more than `max` objects/arrays inside one another. Reads the text once, keeping
 * only a counter: brackets inside strings (and escaped quotes) do not count. Works on any text: invalid JSON is
 * the parser's business afterwards.
 */
export function jsonNestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * The nesting depth of a value in plain objects and arrays (a scalar, a Date or an ObjectId is 0, `{}` and `[]`
 * are 1, `{ a: [1] }` is 2), found with an explicit stack; stops counting past `max` and returns max + 1.
 */
export function valueDepth(value: unknown, max: number): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const item = stack.pop()!;
    if (!isContainer(item.value)) continue;
    const depth = item.depth + 1;
    if (depth > max) return max + 1;
    deepest = Math.max(deepest, depth);
    const children = Array.isArray(item.value) ? item.value : Object.values(item.value);
    for (const child of children) stack.push({ value: child, depth });
  }
  return deepest;
}

function isContainer(v: unknown): v is object {
  if (Array.isArray(v)) return true;
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
