import { useRef } from 'react';

export interface LineError {
  line: number;
  message: string;
}

/** A plain-text YAML editor with line numbers; lines with errors are marked and named. */
export function YamlEditor({
  value,
  onChange,
  errors,
}: {
  value: string;
  onChange: (v: string) => void;
  errors: LineError[];
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split('\n').length;
  const bad = new Map<number, string>();
  for (const e of errors) bad.set(e.line, bad.has(e.line) ? `${bad.get(e.line)}; ${e.message}` : e.message);
  return (
    <div className="tributary-editor">
      <div className="tributary-gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className={bad.has(i + 1) ? 'tributary-gutter-error' : undefined} title={bad.get(i + 1)}>
            {bad.has(i + 1) ? '● ' : ''}
            {i + 1}
          </div>
        ))}
      </div>
      <textarea
        aria-label="Pipeline document (YAML)"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
        onKeyDown={(e) => {
          // Tab indents with two spaces; Escape then Tab leaves the editor (keyboard users).
          if (e.key === 'Tab' && !e.shiftKey && !e.currentTarget.dataset.leaving) {
            e.preventDefault();
            const t = e.currentTarget;
            const start = t.selectionStart;
            const next = `${value.slice(0, start)}  ${value.slice(t.selectionEnd)}`;
            onChange(next);
            requestAnimationFrame(() => t.setSelectionRange(start + 2, start + 2));
          }
          if (e.key === 'Escape') e.currentTarget.dataset.leaving = 'true';
        }}
        onBlur={(e) => delete e.currentTarget.dataset.leaving}
      />
    </div>
  );
}
