// The lesson being followed, if any: which one, at which step, and which of the step's checks
// have passed (a check that passed stays passed on that step, though the live number it read
// moves on). Loading a step's state is done by lessons/lessonActions.ts; this is only where
// the student is. Not saved: a lesson is reopened by its link.
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export interface OpenLesson {
  id: string;
  /** 0-based index of the step shown. */
  step: number;
  passed: boolean[];
  /** Said above the step when it opened other than asked (a link to a step that is not there). */
  notice: string | null;
}

export interface LessonSlice {
  lesson: OpenLesson | null;
  /** Bumped when a step is entered or reset, so the player moves focus to it. */
  lessonStepToken: number;
  showLessonStep: (id: string, step: number, notice?: string | null) => void;
  markCheckPassed: (index: number) => void;
  closeLesson: () => void;
}

export const createLessonSlice: StateCreator<AppState, [], [], LessonSlice> = (set, get) => ({
  lesson: null,
  lessonStepToken: 0,
  showLessonStep: (id, step, notice = null) =>
    set({ lesson: { id, step, passed: [], notice }, lessonStepToken: get().lessonStepToken + 1 }),
  markCheckPassed: (index) => {
    const lesson = get().lesson;
    if (lesson === null || lesson.passed[index]) return;
    const passed = [...lesson.passed];
    passed[index] = true;
    set({ lesson: { ...lesson, passed } });
  },
  closeLesson: () => set({ lesson: null }),
});
