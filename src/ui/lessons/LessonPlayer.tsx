// The lesson player: a side panel beside the playground or the lab (both stay usable). It
// shows where the student is (step k of n), the step's text and "try this" prompts, how each
// of the step's checks stands on live state (announced politely when one passes), and
// Back / Reset this step / Next / Close. Buttons only, so everything works from the keyboard;
// entering a step moves focus to its title.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/store';
import { evaluateCheck } from './checks';
import { findLesson } from './content/index';
import { closeLesson, goToStep, resetStep } from './lessonActions';
import { LessonInline, LessonText } from './LessonText';
import { useLiveState } from './useLiveState';
import './lessons.css';

export function LessonPlayer() {
  const open = useAppStore((s) => s.lesson);
  const token = useAppStore((s) => s.lessonStepToken);
  const markCheckPassed = useAppStore((s) => s.markCheckPassed);
  const live = useLiveState();
  const heading = useRef<HTMLHeadingElement>(null);
  const lesson = open ? findLesson(open.id) : undefined;
  const step = lesson && open ? lesson.steps[open.step] : undefined;
  const statuses = step ? step.checks.map((c) => evaluateCheck(c, live)) : [];
  const passed = statuses.map((s, i) => s.passed || open?.passed[i] === true);

  useEffect(() => {
    statuses.forEach((s, i) => {
      if (s.passed && !open?.passed[i]) markCheckPassed(i);
    });
  });

  useEffect(() => {
    heading.current?.focus();
  }, [token]);

  if (!lesson || !open || !step) return null;
  const n = lesson.steps.length;
  const k = open.step;
  const allPassed = passed.every(Boolean);
  return (
    <aside
      className="lesson-player"
      aria-label={`Lesson: ${lesson.title}`}
      data-testid="lesson-player"
    >
      <div className="lesson-head">
        <div className="lesson-kicker">
          Lesson
          <button
            type="button"
            className="button lesson-close"
            onClick={closeLesson}
            aria-label="Close the lesson"
            data-testid="lesson-close"
          >
            Close
          </button>
        </div>
        <div className="lesson-title" data-testid="lesson-title">
          {lesson.title}
        </div>
        <div className="lesson-progress">
          <span data-testid="lesson-progress">
            Step {k + 1} of {n}
          </span>
          <span
            className="lesson-progress-bar"
            role="progressbar"
            aria-label="Lesson progress"
            aria-valuemin={1}
            aria-valuemax={n}
            aria-valuenow={k + 1}
          >
            <span style={{ width: `${((k + 1) / n) * 100}%` }} />
          </span>
        </div>
      </div>
      <div className="lesson-body">
        <h2
          className="lesson-step-title"
          tabIndex={-1}
          ref={heading}
          data-testid="lesson-step-title"
        >
          {step.title}
        </h2>
        {open.notice && (
          <p className="lesson-notice" role="status" data-testid="lesson-notice">
            {open.notice}
          </p>
        )}
        <LessonText text={step.text} />
        {step.tryThis.length > 0 && (
          <section className="lesson-try" aria-label="Try this">
            <h3>Try this</h3>
            <ul>
              {step.tryThis.map((t, i) => (
                <li key={i}>
                  <LessonInline text={t} />
                </li>
              ))}
            </ul>
          </section>
        )}
        {statuses.length > 0 && (
          <section className="lesson-checks" aria-label="Checks" data-testid="lesson-checks">
            <h3>{allPassed ? 'Done' : 'Waiting for'}</h3>
            <ul>
              {statuses.map((s, i) => (
                <li
                  key={i}
                  className={passed[i] ? 'lesson-check passed' : 'lesson-check'}
                  data-testid="lesson-check"
                  data-passed={passed[i]}
                >
                  <span className="lesson-check-mark" aria-hidden="true">
                    {passed[i] ? '✓' : '○'}
                  </span>
                  <span>
                    {s.goal}
                    <span className="visually-hidden">{passed[i] ? ': passed' : ': waiting'}</span>
                    <span className="lesson-check-now"> — {s.now}</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {/* Announced when a check passes, not at every live number (the list above changes often). */}
        <p className="visually-hidden" aria-live="polite" data-testid="lesson-announcement">
          {statuses.length === 0
            ? ''
            : allPassed
              ? `All checks passed: ${statuses.map((s) => s.goal).join('; ')}.`
              : passed.some(Boolean)
                ? `Passed: ${statuses
                    .filter((_, i) => passed[i])
                    .map((s) => s.goal)
                    .join('; ')}.`
                : ''}
        </p>
      </div>
      <div className="lesson-nav">
        <button
          type="button"
          className="button"
          disabled={k === 0}
          onClick={() => void goToStep(k - 1)}
          data-testid="lesson-back"
        >
          Back
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void resetStep()}
          data-testid="lesson-reset"
          title="Load this step’s experiment again and start its run over"
        >
          Reset this step
        </button>
        {k + 1 < n ? (
          <button
            type="button"
            className={allPassed ? 'button primary' : 'button'}
            onClick={() => void goToStep(k + 1)}
            data-testid="lesson-next"
          >
            Next
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              closeLesson();
              useAppStore.getState().showPage('learn');
            }}
            data-testid="lesson-finish"
          >
            Finish
          </button>
        )}
      </div>
    </aside>
  );
}
