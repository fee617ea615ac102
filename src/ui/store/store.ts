// The one zustand store: plain slices whose actions are the only way to change state.
import { create } from 'zustand';
import { createBoundarySlice, type BoundarySlice } from './boundarySlice';
import { createCurvatureSlice, type CurvatureSlice } from './curvatureSlice';
import { createEditorSlice, type EditorSlice } from './editorSlice';
import { createInsightSlice, type InsightSlice } from './insightSlice';
import { createLabSlice, type LabSlice } from './labSlice';
import { createLessonSlice, type LessonSlice } from './lessonSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createRunsSlice, type RunsSlice } from './runsSlice';
import { createSpecSlice, type SpecSlice } from './specSlice';
import { createWorkSlice, type WorkSlice } from './workSlice';
import { createWordsSlice, type WordsSlice } from './wordsSlice';

export type AppState = SpecSlice &
  RunSlice &
  EditorSlice &
  BoundarySlice &
  InsightSlice &
  RunsSlice &
  WorkSlice &
  WordsSlice &
  LabSlice &
  CurvatureSlice &
  LessonSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createSpecSlice(...a),
  ...createRunSlice(...a),
  ...createEditorSlice(...a),
  ...createBoundarySlice(...a),
  ...createInsightSlice(...a),
  ...createRunsSlice(...a),
  ...createWorkSlice(...a),
  ...createWordsSlice(...a),
  ...createLabSlice(...a),
  ...createCurvatureSlice(...a),
  ...createLessonSlice(...a),
}));
