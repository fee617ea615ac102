import { describe, expect, it } from 'vitest';
import { lessonFragment, parseLessonFragment } from './lessonLink';

describe('lesson links', () => {
  it('reads the id and the 1-based step', () => {
    expect(parseLessonFragment('#lesson=why-relu&step=4')).toEqual({ id: 'why-relu', step: 4 });
    expect(parseLessonFragment('lesson=why-relu')).toEqual({ id: 'why-relu', step: null });
    expect(parseLessonFragment(lessonFragment('a-b', 2))).toEqual({ id: 'a-b', step: 2 });
  });

  it('is not a lesson link for other fragments', () => {
    expect(parseLessonFragment('#experiment=1.abc')).toBeNull();
    expect(parseLessonFragment('')).toBeNull();
    expect(parseLessonFragment('#lessons')).toBeNull();
  });

  it('gives no step for one that is not a small whole number', () => {
    expect(parseLessonFragment('#lesson=x&step=-1')?.step).toBeNull();
    expect(parseLessonFragment('#lesson=x&step=2.5')?.step).toBeNull();
    expect(parseLessonFragment('#lesson=x&step=<script>')?.step).toBeNull();
    expect(parseLessonFragment('#lesson=')).toEqual({ id: '', step: null });
  });
});
