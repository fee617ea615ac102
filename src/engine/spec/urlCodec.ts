// An experiment as a link: the whole ExperimentSpec, as JSON, deflated and written in
// base64url into the URL's fragment, `#experiment=<format>.<data>`. The fragment never
// reaches a server, so a link shares an experiment without uploading it anywhere.
//
// Decoding treats the link as what it is, data from a stranger. Each stage bounds the work of
// the next: the fragment's length, then the inflated size (streamed in small pieces, so a
// deflate bomb stops within a few hundred kilobytes), then the JSON's depth, value count and
// keys, then the schema (after migrating an older version), then the graph itself. Every
// failure is a LinkError with a kind and a message a person can act on; nothing throws.
import { deflateSync, Inflate } from 'fflate';
import { decodeBase64url, encodeBase64url } from './base64url';
import { inferShapes } from './inferShapes';
import { parseExperimentSpec } from './parse';
import { MAX_NODES, SPEC_VERSION, type ExperimentSpec } from './schema';
import { checkUntrustedJson } from './untrustedJson';

/** The fragment's key: `#experiment=...`. */
export const LINK_KEY = 'experiment';
/** How the data after the key is packed. Bump it (and keep reading the old one) to change that. */
export const LINK_FORMAT = 1;
/** The longest fragment decoded at all: 64 KiB. A 256-node model's link is about a tenth of it. */
export const MAX_FRAGMENT_CHARS = 64 * 1024;
/** The most JSON a link may inflate to. */
export const MAX_JSON_BYTES = 512 * 1024;
/** Inflate this much compressed data at a time: deflate expands at most ~1032×, so ≤ 530 KB a piece. */
const INFLATE_PIECE = 512;

export type LinkErrorKind =
  | 'too-long'
  | 'malformed'
  | 'unknown-format'
  | 'corrupt'
  | 'too-large'
  | 'not-json'
  | 'forbidden-key'
  | 'newer-version'
  | 'invalid-spec'
  | 'invalid-model';

export interface LinkError {
  kind: LinkErrorKind;
  /** One sentence for the person who opened the link. */
  message: string;
  /** The problems behind it, by path or node ("model.nodes.3.params.units: ..."), at most 20. */
  details: string[];
}

export type LinkResult =
  | {
      ok: true;
      spec: ExperimentSpec;
      /** The spec version the link was written in, when older than this LayerCake's. */
      migratedFrom: number | null;
    }
  | { ok: false; error: LinkError };

const fail = (kind: LinkErrorKind, message: string, details: string[] = []): LinkResult => ({
  ok: false,
  error: { kind, message, details: details.slice(0, 20) },
});

/** `experiment=1.<data>` for a JSON text: the packing alone, without validation (tests use it to build hostile links). */
export function packFragment(json: string): string {
  const bytes = deflateSync(new TextEncoder().encode(json), { level: 9 });
  return `${LINK_KEY}=${LINK_FORMAT}.${encodeBase64url(bytes)}`;
}

/** The fragment (without '#') that opens `spec`. */
export function encodeExperimentFragment(spec: ExperimentSpec): string {
  return packFragment(JSON.stringify(spec));
}

/** A full link to `spec`: `base` (the app's address) with the experiment as its fragment. */
export function experimentLink(base: string, spec: ExperimentSpec): string {
  const hash = base.indexOf('#');
  return `${hash >= 0 ? base.slice(0, hash) : base}#${encodeExperimentFragment(spec)}`;
}

/** Whether a fragment (with or without '#') is meant to be an experiment link. */
export function isExperimentFragment(fragment: string): boolean {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  return f === LINK_KEY || f.startsWith(`${LINK_KEY}=`) || f.startsWith(`${LINK_KEY}%3D`);
}

type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; result: LinkResult };

/** Inflates raw deflate data, giving up as soon as the output passes `limit` bytes. */
function inflateBounded(data: Uint8Array, limit: number): Inflated {
  const pieces: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  let tooLarge = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) {
      tooLarge = true;
      throw new RangeError('inflated past the limit');
    }
    pieces.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_PIECE) {
      const end = Math.min(data.length, at + INFLATE_PIECE);
      inflater.push(data.subarray(at, end), end === data.length);
    }
  } catch (error) {
    if (tooLarge)
      return {
        ok: false,
        result: fail(
          'too-large',
          `This link unpacks to more than ${MAX_JSON_BYTES / 1024} KiB; no experiment is that large, so it was not opened.`,
        ),
      };
    const truncated = error instanceof Error && /unexpected EOF/i.test(error.message);
    return {
      ok: false,
      result: fail(
        'corrupt',
        truncated
          ? 'This link was cut short: its data ends in the middle. Copy the whole link again.'
          : 'This link is damaged: its data does not unpack. Copy the whole link again.',
        error instanceof Error ? [error.message] : [],
      ),
    };
  }
  if (!ended)
    return {
      ok: false,
      result: fail(
        'corrupt',
        'This link was cut short: its data ends in the middle. Copy the whole link again.',
      ),
    };
  const bytes = new Uint8Array(total);
  let o = 0;
  for (const p of pieces) {
    bytes.set(p, o);
    o += p.length;
  }
  return { ok: true, bytes };
}

/** The spec version a document claims, if it claims one. */
function claimedVersion(json: unknown): number | null {
  if (typeof json !== 'object' || json === null) return null;
  const v = (json as { version?: unknown }).version;
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

/**
 * Reads an experiment out of a URL fragment (with or without '#'). Null when the fragment is
 * not an experiment link at all (empty, or some other anchor); otherwise a spec or a LinkError.
 */
export function decodeExperimentFragment(fragment: string): LinkResult | null {
  if (fragment.length > MAX_FRAGMENT_CHARS + 1)
    return fail(
      'too-long',
      `This link is ${fragment.length.toLocaleString('en')} characters long; LayerCake opens links of up to ${MAX_FRAGMENT_CHARS.toLocaleString('en')}, so it was not read.`,
    );
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!isExperimentFragment(f)) return null;
  const value = f.replace(/^experiment(=|%3D)?/, '');
  const dot = value.indexOf('.');
  if (value === '' || dot < 0)
    return fail(
      'malformed',
      'This link has no experiment in it: the part after "#experiment=" is missing.',
    );
  const format = value.slice(0, dot);
  if (!/^[0-9]{1,4}$/.test(format))
    return fail(
      'malformed',
      'This link is not a LayerCake experiment link: its format number is missing.',
    );
  if (Number(format) !== LINK_FORMAT)
    return fail(
      'unknown-format',
      Number(format) > LINK_FORMAT
        ? `This link was made by a newer LayerCake (link format ${Number(format)}); this one reads format ${LINK_FORMAT}.`
        : `This link uses link format ${Number(format)}, which no LayerCake wrote.`,
    );
  const data = value.slice(dot + 1);
  if (data === '')
    return fail('malformed', 'This link has no experiment data after its format number.');
  const decoded = decodeBase64url(data);
  if (!decoded.ok)
    return decoded.reason === 'length'
      ? fail(
          'corrupt',
          'This link was cut short: its data ends in the middle. Copy the whole link again.',
        )
      : fail(
          'malformed',
          `This link contains a character a LayerCake link never has ("${data[decoded.index]}" at position ${decoded.index + 1} of its data). Was something added to it?`,
        );
  const inflated = inflateBounded(decoded.bytes, MAX_JSON_BYTES);
  if (!inflated.ok) return inflated.result;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return fail('corrupt', 'This link is damaged: its data is not text.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(
      'not-json',
      'This link is damaged: its data is not a readable experiment.',
      error instanceof Error ? [error.message] : [],
    );
  }
  return decodeExperimentJson(json);
}

/** Validates an untrusted experiment document (from a link or a file) all the way to a trainable-shaped spec. */
export function decodeExperimentJson(json: unknown): LinkResult {
  const problem = checkUntrustedJson(json, { maxDepth: 16, maxValues: 50_000 });
  if (problem?.kind === 'forbidden-key')
    return fail(
      'forbidden-key',
      `This link was refused: it contains the key "${problem.key}", which no experiment has and which could tamper with the page.`,
      [`at ${problem.path}`],
    );
  if (problem?.kind === 'too-deep')
    return fail('invalid-spec', 'This link’s data is nested far deeper than any experiment.', [
      `at ${problem.path}`,
    ]);
  if (problem?.kind === 'too-many-values')
    return fail(
      'too-large',
      'This link holds far more values than any experiment; it was not opened.',
    );
  // Say "too many nodes" plainly, before the schema lists 10,000 other complaints.
  const nodes = (json as { model?: { nodes?: unknown } } | null)?.model?.nodes;
  if (Array.isArray(nodes) && nodes.length > MAX_NODES)
    return fail(
      'invalid-model',
      `This link’s model has ${nodes.length.toLocaleString('en')} nodes; LayerCake opens models of up to ${MAX_NODES}.`,
    );
  const version = claimedVersion(json);
  if (version !== null && version > SPEC_VERSION)
    return fail(
      'newer-version',
      `This experiment was made by a newer LayerCake (spec version ${version}); this one reads versions up to ${SPEC_VERSION}. Open it in the newer version.`,
    );
  const parsed = parseExperimentSpec(json);
  if (!parsed.ok)
    return fail(
      'invalid-spec',
      'This link’s experiment is not valid, so it was not opened.',
      parsed.errors,
    );
  const report = inferShapes(parsed.spec.model);
  const refused = report.problems.filter((p) => p.cause !== undefined);
  if (refused.length > 0)
    return fail(
      'invalid-model',
      refused[0].cause === 'size'
        ? 'This link’s model is far too large to build in a browser, so it was not opened.'
        : 'This link’s model is not a proper graph (a cycle, a repeated id or an edge to nowhere), so it was not opened.',
      refused.map((p) => p.message),
    );
  return {
    ok: true,
    spec: parsed.spec,
    migratedFrom: version !== null && version < SPEC_VERSION ? version : null,
  };
}
