// The ready-made experiments a person starts from: a compact grid of names, with the chosen
// one's description beneath (and every description on hover).
import { templates, type TemplateName } from '../../engine/spec/templates';
import { useAppStore } from '../store/store';
import { chooseTemplate } from './runActions';
import './templatePicker.css';

const names = Object.keys(templates) as TemplateName[];

export function TemplatePicker() {
  const selected = useAppStore((s) => s.templateName);
  return (
    <div className="template-list">
      <div className="template-grid" role="radiogroup" aria-label="Model template">
        {names.map((name) => (
          <button
            key={name}
            type="button"
            role="radio"
            aria-checked={selected === name}
            className={selected === name ? 'template-option selected' : 'template-option'}
            data-testid={`template-${name}`}
            onClick={() => void chooseTemplate(name)}
            title={templates[name].description}
          >
            {templates[name].title}
          </button>
        ))}
      </div>
      <p className="template-note" data-testid="template-note">
        {selected
          ? templates[selected].description
          : 'Your own model. Pick a template to start again from one.'}
      </p>
    </div>
  );
}
