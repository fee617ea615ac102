// The latest nearest-neighbours answer on the Words page, for readers outside its panel (a
// lesson's checks): the word asked about and the words the worker answered, in order. Each
// answer is published with the word it answers, so a list is never shown under another word.

export interface NeighboursLive {
  word: string;
  neighbours: readonly string[];
}

let current: NeighboursLive | null = null;
const listeners = new Set<() => void>();

export function publishNeighbours(answer: NeighboursLive | null): void {
  current = answer;
  for (const l of listeners) l();
}

export function subscribeNeighboursLive(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const getNeighboursLive = (): NeighboursLive | null => current;
