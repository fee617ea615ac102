// Lesson links: `#lesson=<id>&step=<n>` (n counts from 1, as a teacher says "step 4"). Read
// here, as text only; whether the lesson exists is the caller's question.

export type LessonLink = { id: string; step: number | null };

/** Null when the fragment is not a lesson link; else its id and step (null: none or unreadable). */
export function parseLessonFragment(fragment: string): LessonLink | null {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!/^lesson(=|$|&)/.test(f)) return null;
  const params = new URLSearchParams(f);
  const id = (params.get('lesson') ?? '').slice(0, 200);
  const stepText = params.get('step');
  const step = stepText !== null && /^\d{1,3}$/.test(stepText) ? Number(stepText) : null;
  return { id, step };
}

export function lessonFragment(id: string, step: number): string {
  return `#lesson=${encodeURIComponent(id)}&step=${step}`;
}
