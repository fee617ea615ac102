// Every lesson file validates, has 4–8 steps, and each step's state loads: walking the steps
// in order from the default experiment, every spec a step loads passes the spec parser, and
// every node a step highlights is in the experiment open at that step.
import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../../engine/spec/templates';
import { INITIAL_LAB } from '../../store/labSlice';
import { DEFAULT_TEMPLATE } from '../../store/specSlice';
import { parseLesson } from '../lessonSchema';
import { resolveLabState, resolveStepSpec } from '../lessonState';
import { LESSON_INPUTS, LESSONS } from './index';

describe('lesson files', () => {
  it('all validate, with distinct ids', () => {
    for (const input of LESSON_INPUTS) {
      const result = parseLesson(input);
      expect(result.ok ? [] : result.errors, input.id).toEqual([]);
    }
    expect(LESSONS).toHaveLength(LESSON_INPUTS.length);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  });

  for (const lesson of LESSONS) {
    it(`${lesson.id}: 4–8 steps, each one's state loads`, () => {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(4);
      expect(lesson.steps.length).toBeLessThanOrEqual(8);
      let spec = templateSpec(DEFAULT_TEMPLATE);
      lesson.steps.forEach((step, i) => {
        const where = `${lesson.id} step ${i + 1}`;
        if (step.state?.kind === 'lab') {
          const lab = { ...INITIAL_LAB, ...resolveLabState(step.state) };
          expect(
            Object.values(lab.optimizers).some((o) => o.enabled),
            where,
          ).toBe(true);
        } else if (step.state !== undefined) {
          const resolved = resolveStepSpec(step.state, spec);
          expect(resolved.ok ? [] : resolved.errors, where).toEqual([]);
          if (resolved.ok) spec = resolved.spec;
        }
        for (const action of step.actions)
          if (action.kind === 'highlightNode')
            expect(
              spec.model.nodes.map((n) => n.id),
              where,
            ).toContain(action.nodeId);
        expect(
          step.tryThis.length + step.checks.length,
          `${where} asks for something`,
        ).toBeGreaterThan(0);
      });
    });
  }
});

describe('lesson schema', () => {
  const base = LESSON_INPUTS[0];
  it('refuses an unknown check, an unknown version and an unknown template', () => {
    const bad = (change: object) => parseLesson({ ...base, ...change });
    expect(bad({ version: 2 }).ok).toBe(false);
    expect(
      bad({ steps: [{ title: 't', text: 'x', checks: [{ name: 'runCode', code: 'alert(1)' }] }] })
        .ok,
    ).toBe(false);
    expect(
      bad({ steps: [{ title: 't', text: 'x', state: { kind: 'template', template: 'nope' } }] }).ok,
    ).toBe(false);
    expect(bad({ id: 'Not An Id' }).ok).toBe(false);
  });
});
