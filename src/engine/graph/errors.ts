// A model the compiler refuses, with every reason tied to the node it is about.
import type { Problem } from '../spec/inferShapes';

export class ModelError extends Error {
  constructor(
    readonly kind: 'invalid-model' | 'out-of-memory',
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'ModelError';
  }
}
