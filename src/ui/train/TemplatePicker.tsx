// The ready-made experiments a person starts from.
import { templates, type TemplateName } from '../../engine/spec/templates';
import { useAppStore } from '../store/store';
import { chooseTemplate } from './runActions';

const names = Object.keys(templates) as TemplateName[];

export function TemplatePicker() {
  const selected = useAppStore((s) => s.templateName);
  return (
    <div className="template-picker" role="radiogroup" aria-label="Model template">
      {names.map((name) => (
        <button
          key={name}
          type="button"
          role="radio"
          aria-checked={selected === name}
          className={selected === name ? 'template-card selected' : 'template-card'}
          data-testid={`template-${name}`}
          onClick={() => void chooseTemplate(name)}
        >
          <span className="template-title">{templates[name].title}</span>
          <span className="template-description">{templates[name].description}</span>
        </button>
      ))}
    </div>
  );
}
