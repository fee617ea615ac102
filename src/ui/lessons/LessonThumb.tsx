// A lesson's (or a template's) thumbnail, drawn from its own state with no network: the model
// graph of the experiment it opens (one box per node, coloured by kind, at the editor's
// positions), or the loss surface its lab step shows (a coarse heat map of the toy surface).
import { interpolateViridis } from 'd3';
import { parseExperimentSpec } from '../../engine/spec/parse';
import type { ExperimentSpec } from '../../engine/spec/schema';
import { templateSpec } from '../../engine/spec/templates';
import { toySurface } from '../../engine/analysis/surfaces/index';
import { colorPosition, sampleSurface } from '../lab/surfaceGrid';
import type { Lesson, StepState } from './lessonSchema';
import { mergePatch } from './lessonState';

const W = 160;
const H = 100;

const KIND_COLORS: Record<string, string> = {
  input: '#94a3b8',
  dense: '#2563eb',
  conv2d: '#0c8599',
  maxpool2d: '#5c940d',
  avgpool2d: '#5c940d',
  batchnorm: '#b08800',
  dropout: '#b08800',
  softmaxCrossEntropy: '#c92a2a',
  meanSquaredError: '#c92a2a',
  hinge: '#c92a2a',
};
const ACTIVATION = '#7048e8';

function GraphThumb({ spec }: { spec: ExperimentSpec }) {
  const nodes = spec.model.nodes;
  const at = new Map(nodes.map((n, i) => [n.id, n.position ?? { x: 0, y: i * 100 }]));
  const xs = [...at.values()].map((p) => p.x);
  const ys = [...at.values()].map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((W - 40) / Math.max(x1 - x0, 1), (H - 16) / Math.max(y1 - y0, 1), 0.3);
  const cx = (W - (x1 - x0) * scale) / 2;
  const cy = (H - (y1 - y0) * scale) / 2;
  const place = (id: string) => {
    const p = at.get(id) ?? { x: 0, y: 0 };
    return { x: cx + (p.x - x0) * scale, y: cy + (p.y - y0) * scale };
  };
  return (
    <g>
      {spec.model.edges.map((e, i) => {
        const a = place(e.from);
        const b = place(e.to);
        return (
          <line key={i} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#c3cad5" strokeWidth={1.5} />
        );
      })}
      {nodes.map((n) => {
        const p = place(n.id);
        return (
          <rect
            key={n.id}
            x={p.x - 14}
            y={p.y - 5}
            width={28}
            height={10}
            rx={3}
            fill={KIND_COLORS[n.op] ?? ACTIVATION}
          />
        );
      })}
    </g>
  );
}

function SurfaceThumb({ surfaceId }: { surfaceId: Parameters<typeof toySurface>[0] }) {
  const n = 20;
  const grid = sampleSurface(toySurface(surfaceId), n);
  const cw = W / n;
  const ch = H / n;
  const cells = [];
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      cells.push(
        <rect
          key={r * n + c}
          x={c * cw}
          y={H - (r + 1) * ch}
          width={cw + 0.5}
          height={ch + 0.5}
          fill={interpolateViridis(colorPosition(grid, grid.values[r * n + c]))}
        />,
      );
    }
  return <g>{cells}</g>;
}

/**
 * A lesson on the Words page loads no experiment: it is drawn as the word its neighbours check
 * asks about, with the words that check accepts around it.
 */
function NeighboursThumb({ word, around }: { word: string; around: readonly string[] }) {
  const shown = around.slice(0, 8);
  return (
    <g fontSize={10} textAnchor="middle" fontFamily="sans-serif">
      {shown.map((w, i) => {
        const a = (2 * Math.PI * i) / shown.length;
        const x = W / 2 + 56 * Math.cos(a);
        const y = H / 2 + 34 * Math.sin(a) + 3;
        return (
          <g key={w}>
            <line x1={W / 2} y1={H / 2} x2={x} y2={y - 3} stroke="#c5cbd6" />
            <text x={x} y={y} fill="#2563eb">
              {w}
            </text>
          </g>
        );
      })}
      <text x={W / 2} y={H / 2 + 4} fontSize={13} fontWeight="bold" fill="#1f2937">
        {word}
      </text>
    </g>
  );
}

function neighboursCheck(lesson: Lesson) {
  for (const step of lesson.steps)
    for (const c of step.checks) if (c.name === 'neighboursInclude') return c;
  return null;
}

/** The first state a lesson loads, as something to draw. */
function firstDrawable(lesson: Lesson): StepState | null {
  return lesson.steps.find((s) => s.state !== undefined)?.state ?? null;
}

function specOf(state: StepState): ExperimentSpec | null {
  if (state.kind === 'template') {
    if (!state.patch) return templateSpec(state.template);
    const r = parseExperimentSpec(mergePatch(templateSpec(state.template), state.patch));
    return r.ok ? r.spec : null;
  }
  if (state.kind === 'spec') {
    const r = parseExperimentSpec(structuredClone(state.spec));
    return r.ok ? r.spec : null;
  }
  return null;
}

export function Thumb({
  state,
  label,
}: {
  state: StepState | ExperimentSpec | null;
  label: string;
}) {
  let body = null;
  if (state !== null && 'model' in state) body = <GraphThumb spec={state} />;
  else if (state?.kind === 'lab') body = <SurfaceThumb surfaceId={state.surface} />;
  else if (state !== null) {
    const spec = specOf(state);
    if (spec) body = <GraphThumb spec={spec} />;
  }
  return (
    <svg
      className="lesson-thumb"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={label}
    >
      <rect width={W} height={H} fill="#f8f9fb" />
      {body}
    </svg>
  );
}

export function LessonThumb({ lesson }: { lesson: Lesson }) {
  const state = firstDrawable(lesson);
  const words = state === null ? neighboursCheck(lesson) : null;
  if (words !== null)
    return (
      <svg
        className="lesson-thumb"
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-label={`${lesson.title}: the word “${words.word}” and its neighbours`}
      >
        <rect width={W} height={H} fill="#f8f9fb" />
        <NeighboursThumb word={words.word} around={words.anyOf} />
      </svg>
    );
  const what = state?.kind === 'lab' ? 'its loss surface' : 'its model graph';
  return <Thumb state={state} label={`${lesson.title}: ${what}`} />;
}
