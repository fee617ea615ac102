// The Learn page: where a newcomer begins. The lessons (title, summary, length, a thumbnail of
// what each opens, and its link for a teacher to share), then the ready-made templates.
import { templates, templateSpec, type TemplateName } from '../../engine/spec/templates';
import { useAppStore } from '../store/store';
import { chooseTemplate } from '../train/runActions';
import { LESSONS } from './content/index';
import { openLesson } from './lessonActions';
import { lessonFragment } from './lessonLink';
import { LessonThumb, Thumb } from './LessonThumb';
import './lessons.css';

const TEMPLATE_NAMES = Object.keys(templates) as TemplateName[];

export function LessonGallery() {
  const openId = useAppStore((s) => s.lesson?.id ?? null);
  return (
    <main className="learn-page" data-testid="learn-page">
      <section className="learn-intro">
        <h1>Learn</h1>
        <p>
          Each lesson tells one idea of deep learning on the live playground, step by step: it loads
          the experiment, says what to try, and waits until you have seen it happen. Your own
          experiment is kept aside, never lost. Every step has a link: the address bar shows it
          while you follow a lesson.
        </p>
      </section>
      <section aria-labelledby="learn-lessons">
        <h2 id="learn-lessons" className="learn-heading">
          Lessons
        </h2>
        <ul className="learn-grid">
          {LESSONS.map((lesson) => (
            <li key={lesson.id} className="learn-card" data-testid={`lesson-card-${lesson.id}`}>
              <LessonThumb lesson={lesson} />
              <div className="learn-card-body">
                <h3>{lesson.title}</h3>
                <p>{lesson.summary}</p>
                <div className="learn-card-foot">
                  <span className="learn-meta">{lesson.steps.length} steps</span>
                  <a className="learn-link" href={lessonFragment(lesson.id, 1)}>
                    Link
                  </a>
                  <button
                    type="button"
                    className="button primary"
                    data-testid={`lesson-start-${lesson.id}`}
                    onClick={() => void openLesson(lesson, 0)}
                  >
                    {openId === lesson.id ? 'Start over' : 'Start'}
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="learn-templates">
        <h2 id="learn-templates" className="learn-heading">
          Or start from a template
        </h2>
        <ul className="learn-grid">
          {TEMPLATE_NAMES.map((name) => (
            <li key={name} className="learn-card">
              <Thumb
                state={templateSpec(name)}
                label={`${templates[name].title}: its model graph`}
              />
              <div className="learn-card-body">
                <h3>{templates[name].title}</h3>
                <p>{templates[name].description}</p>
                <div className="learn-card-foot">
                  <button
                    type="button"
                    className="button"
                    data-testid={`learn-template-${name}`}
                    onClick={() => {
                      useAppStore.getState().showPage('playground');
                      void chooseTemplate(name);
                    }}
                  >
                    Open
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
