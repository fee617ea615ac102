// Where data set files come from, abstracted so the engine needs neither fetch nor fs: the
// browser worker passes a function over fetch('/datasets/' + path), Node code one over
// fs.readFile('public/datasets/' + path).

/** The bytes of a file under public/datasets/, by its path there ("mnist/manifest.json"). */
export type FetchBytes = (path: string) => Promise<Uint8Array>;

/** Loading progress: fraction in [0, 1] and what is being done, in words. */
export type LoadProgress = (fraction: number, message: string) => void;
