// JSON from a stranger (a link, a file), checked before anything reads its fields: how deep it
// nests, how many values it holds, and no key that could reach an object's prototype. The walk
// is iterative, so a hostile nesting depth cannot overflow the stack.

/** Keys that mean something to JavaScript objects themselves; no LayerCake document uses them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonLimits {
  /** Containers inside containers: an ExperimentSpec nests 6 deep. */
  maxDepth: number;
  /** Values of any kind, containers included. */
  maxValues: number;
}

export type JsonProblem =
  | { kind: 'forbidden-key'; key: string; path: string }
  | { kind: 'too-deep'; path: string }
  | { kind: 'too-many-values'; count: number };

/** The first problem with `root`, or null when it is within the limits. */
export function checkUntrustedJson(root: unknown, limits: JsonLimits): JsonProblem | null {
  const stack: { value: unknown; depth: number; path: string }[] = [
    { value: root, depth: 0, path: '' },
  ];
  let count = 0;
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (++count > limits.maxValues) return { kind: 'too-many-values', count };
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limits.maxDepth) return { kind: 'too-deep', path: path || '(top)' };
    if (Array.isArray(value)) {
      if (count + stack.length + value.length > limits.maxValues)
        return { kind: 'too-many-values', count: count + stack.length + value.length };
      for (let i = 0; i < value.length; i++)
        stack.push({ value: value[i], depth: depth + 1, path: `${path}[${i}]` });
      continue;
    }
    // JSON.parse makes "__proto__" an own key, so Object.keys sees it.
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbidden-key', key, path: at };
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: at });
    }
  }
  return null;
}
