// What the lesson player's buttons and a lesson link do: enter a step (load its experiment or
// lab race, open what it points at, put the step in the address bar), reset it, close the
// lesson. Opening a lesson never discards work: an edited experiment is set aside first, as a
// link would (openLink.ts), and stays one "Return to it" away.
import type { ExperimentSpec } from '../../engine/spec/schema';
import { newRunId } from '../store/runRecord';
import { useAppStore } from '../store/store';
import { loadCurrentSpec, reset } from '../train/runActions';
import { findLesson } from './content/index';
import { lessonFragment, parseLessonFragment } from './lessonLink';
import type { Lesson, LessonTarget, StepAction, StepState } from './lessonSchema';
import { resolveLabState, resolveStepSpec } from './lessonState';

/** Where each target is on the page (existing elements, found by their test ids or classes). */
const TARGETS: Record<LessonTarget, string> = {
  editor: '[data-testid="editor-panel"]',
  runControls: '[data-testid="control-train"]',
  hyperParameters: 'section.hyper-parameters',
  dataPanel: '[data-testid="data-panel"]',
  charts: 'section.charts-panel',
  toyView: '[data-testid="toy-view"]',
  backprop: '[data-testid="backprop-panel"]',
  runs: '[data-testid="runs-panel"]',
  landscape: '[data-testid="landscape-panel"]',
  insights: '[data-testid="insights"]',
  lab: '[data-testid="loss-lab"]',
  representations: '[data-testid="insight-representations"]',
  wordsRun: 'section.words-run',
  neighbours: 'section[aria-label="Nearest neighbours"]',
  analogy: 'section[aria-label="Analogy"]',
  wordsMap: 'section.words-map',
};

const sameSpec = (a: ExperimentSpec, b: ExperimentSpec) => JSON.stringify(a) === JSON.stringify(b);

function bringIntoView(target: LessonTarget): void {
  // What the step just loaded may take a moment to appear (a toy set's view, once the data is
  // in): look for it on the next frames, for up to about three seconds.
  let tries = 180;
  const look = () => {
    const el = document.querySelector(TARGETS[target]);
    if (!(el instanceof HTMLElement) || el.offsetHeight === 0) {
      if (--tries > 0) requestAnimationFrame(look);
      return;
    }
    // A folded panel (an insight such as Representations) is opened.
    const fold = el.querySelector(':scope > header > button[aria-expanded="false"]');
    if (fold instanceof HTMLButtonElement) fold.click();
    el.scrollIntoView({ block: 'start', behavior: 'smooth' });
    el.classList.add('lesson-spotlight');
    window.setTimeout(() => el.classList.remove('lesson-spotlight'), 2400);
  };
  requestAnimationFrame(look);
}

function runAction(action: StepAction): void {
  const store = useAppStore.getState();
  switch (action.kind) {
    case 'showPage':
      store.showPage(action.page);
      break;
    case 'highlightNode':
      store.setSelection({ nodes: [action.nodeId] });
      break;
    case 'scrollTo':
      bringIntoView(action.target);
      break;
  }
}

function showInAddressBar(lesson: Lesson, step: number): void {
  const { pathname, search } = window.location;
  window.history.replaceState(
    window.history.state,
    '',
    `${pathname}${search}${lessonFragment(lesson.id, step + 1)}`,
  );
}

/**
 * The state a step shows: its own or, for a step without one, the latest whole state before it
 * (so a step reached by a link or by Back looks as it did when reached by Next).
 */
function effectiveState(lesson: Lesson, index: number): StepState | undefined {
  const own = lesson.steps[index].state;
  if (own !== undefined) return own;
  for (let i = index - 1; i >= 0; i--) {
    const s = lesson.steps[i].state;
    if (s !== undefined && s.kind !== 'patch') return s;
  }
  return undefined;
}

/**
 * Shows step `index` and loads its state. `force`: load it even when the same experiment is
 * open (Reset), so the run starts over. `load`: send a new experiment to the worker (start-up
 * loads it itself, once).
 */
export async function enterStep(
  lesson: Lesson,
  index: number,
  { force = false, load = true, notice = null as string | null } = {},
): Promise<void> {
  const store = useAppStore.getState();
  const step = lesson.steps[index];
  store.showLessonStep(lesson.id, index, notice);
  showInAddressBar(lesson, index);
  const state = effectiveState(lesson, index);
  if (state?.kind === 'lab') {
    // A step that only goes on with the race before it leaves the student's settings alone.
    const inherited = step.state === undefined && store.lab.surfaceId === state.surface;
    if (force || !inherited) store.loadLab(resolveLabState(state));
    store.showPage('lossSurfaces');
  } else if (state !== undefined) {
    store.showPage('playground');
    const resolved = resolveStepSpec(state, store.spec);
    if (!resolved.ok) {
      store.showLessonStep(
        lesson.id,
        index,
        `This step’s experiment could not be loaded (${resolved.errors.join('; ')}); the open one is unchanged.`,
      );
    } else if (!sameSpec(resolved.spec, store.spec)) {
      store.replaceSpec(resolved.spec, `lesson: ${step.title}`, resolved.templateName);
      if (load) await loadCurrentSpec();
    } else if (force && load) {
      await reset();
    }
  } else if (store.page === 'learn') {
    store.showPage('playground');
  }
  for (const action of step.actions) runAction(action);
}

/** Keeps edited work among the set-aside experiments before a lesson replaces it. */
function setAsideEditedWork(): void {
  const { spec, templateName, setAsideWork } = useAppStore.getState();
  if (templateName !== null) return;
  setAsideWork({ id: newRunId(), spec, templateName, savedAt: Date.now() });
}

export async function openLesson(
  lesson: Lesson,
  index = 0,
  options: { load?: boolean; notice?: string | null } = {},
): Promise<void> {
  const touchesSpec = lesson.steps.some((s) => s.state !== undefined && s.state.kind !== 'lab');
  if (touchesSpec && useAppStore.getState().lesson?.id !== lesson.id) setAsideEditedWork();
  await enterStep(lesson, index, options);
}

export async function goToStep(index: number): Promise<void> {
  const open = useAppStore.getState().lesson;
  const lesson = open && findLesson(open.id);
  if (!lesson || index < 0 || index >= lesson.steps.length) return;
  await enterStep(lesson, index);
}

export async function resetStep(): Promise<void> {
  const open = useAppStore.getState().lesson;
  const lesson = open && findLesson(open.id);
  if (!lesson || !open) return;
  await enterStep(lesson, open.step, { force: true });
}

export function closeLesson(): void {
  if (parseLessonFragment(window.location.hash) !== null) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
  }
  useAppStore.getState().closeLesson();
}

/**
 * Opens the lesson in `fragment` (location.hash), if it is a lesson link. An unknown lesson is
 * refused with a notice and changes nothing; a step that is not there opens step 1 and says so.
 */
export function openLessonLink(fragment: string, options: { load?: boolean } = {}): boolean {
  const link = parseLessonFragment(fragment);
  if (link === null) return false;
  const lesson = findLesson(link.id);
  if (!lesson) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
    useAppStore.getState().showLinkNotice({
      kind: 'refused',
      title: 'This lesson link could not be opened',
      message: `There is no lesson called “${link.id.slice(0, 64)}” in this LayerCake. The lessons are listed on the Learn page. Your current experiment is unchanged.`,
      details: [],
      returnTo: null,
    });
    return true;
  }
  const n = lesson.steps.length;
  const asked = new URLSearchParams(fragment.replace(/^#/, '')).get('step');
  const valid = link.step !== null && link.step >= 1 && link.step <= n;
  const notice =
    valid || asked === null
      ? null
      : `The link asked for step “${asked.slice(0, 12)}”, but this lesson has steps 1 to ${n}; here is step 1.`;
  void openLesson(lesson, valid ? link.step! - 1 : 0, { ...options, notice });
  return true;
}
