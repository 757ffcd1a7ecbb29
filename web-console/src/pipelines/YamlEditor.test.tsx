import { act, render, screen } from '@testing-library/react';
import type { ComponentProps } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DOCUMENT_URI,
  EDITOR_LABEL,
  EDITOR_THEME,
  EDITOR_THEME_DATA,
  markersFor,
  PIPELINE_SCHEMA,
  yamlOptions,
  type LinesOfModel,
} from './yamlSupport';

// jsdom cannot run Monaco: PatternFly's CodeEditor is replaced by a stand-in that keeps the props
// it is given and mounts a fake editor, so the test sees what the component hands Monaco.
type EditorProps = ComponentProps<typeof import('@patternfly/react-code-editor').CodeEditor>;
const seen: { props?: EditorProps } = {};
const setModelMarkers = vi.fn();

vi.mock('./monaco', () => ({
  monaco: { editor: { setModelMarkers: (...args: unknown[]) => setModelMarkers(...args) }, MarkerSeverity: { Error: 8 } },
}));

/** The lines of a text as a Monaco model gives them (columns are 1-based). */
function modelOf(text: string): LinesOfModel & { isDisposed(): boolean } {
  const lines = text.split('\n');
  return {
    isDisposed: () => false,
    getLineCount: () => lines.length,
    getLineMaxColumn: (n) => lines[n - 1].length + 1,
    getLineFirstNonWhitespaceColumn: (n) => {
      const i = lines[n - 1].search(/\S/);
      return i < 0 ? 0 : i + 1;
    },
  };
}

vi.mock('@patternfly/react-code-editor', async () => {
  const { useEffect, useRef } = await import('react');
  return {
    Language: { yaml: 'yaml' },
    CodeEditor: (props: EditorProps) => {
      seen.props = props;
      const frame = useRef<HTMLDivElement>(null);
      useEffect(() => {
        const node = frame.current!.querySelector('.monaco-editor') as HTMLElement;
        const model = modelOf(props.code ?? '');
        props.onEditorDidMount?.({ getModel: () => model, getDomNode: () => node, onDidDispose: () => {} } as never, {} as never);
        // mounted once, as Monaco is
      }, []);
      return (
        <div className="pf-v6-c-code-editor__code" tabIndex={0} ref={frame}>
          <div className="monaco-editor">
            <textarea aria-label={props.options?.ariaLabel} tabIndex={props.options?.tabIndex} />
          </div>
        </div>
      );
    },
  };
});

const { YamlEditor, SERVER_MARKERS } = await import('./YamlEditor');

const TEXT = `apiVersion: tributary.dev/v1alpha1
kind: Pipeline
metadata:
  name: large-payments
spec:
  steps:
    - name: large
      filter: amout >= 1000.0
`;

describe('YamlEditor', () => {
  beforeEach(() => {
    setModelMarkers.mockClear();
    seen.props = undefined;
  });

  it('gives Monaco the YAML document, its model path, the accessible name and the keyboard hint', () => {
    const onChange = vi.fn();
    render(<YamlEditor value={TEXT} onChange={onChange} errors={[]} />);
    const props = seen.props!;
    expect(props.code).toBe(TEXT);
    expect(props.language).toBe('yaml');
    expect(props.editorProps?.path).toBe(DOCUMENT_URI);
    expect(props.editorProps?.theme).toBe(EDITOR_THEME);
    expect(props.options?.renderFinalNewline).toBe('on');
    expect(props.options?.ariaLabel).toBe('Pipeline document (YAML)');
    props.onCodeChange?.('kind: Pipeline\n');
    expect(onChange).toHaveBeenCalledWith('kind: Pipeline\n');

    // One stop in the Tab order: the named text area, described by the hint on leaving it.
    const input = screen.getByRole('textbox', { name: EDITOR_LABEL });
    expect(input.getAttribute('tabindex')).toBe('0');
    expect(document.querySelector('.pf-v6-c-code-editor__code')!.getAttribute('tabindex')).toBe('-1');
    const hint = document.getElementById(input.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toMatch(/Ctrl\+M/);
    expect(hint?.textContent).toMatch(/Ctrl\+Space/);
  });

  it("marks the server's errors at their line, as errors, and clears them when there are none", () => {
    const { rerender } = render(
      <YamlEditor
        value={TEXT}
        onChange={() => {}}
        errors={[{ line: 8, message: "spec.steps[0].filter: undeclared reference to 'amout'" }]}
      />,
    );
    expect(setModelMarkers).toHaveBeenLastCalledWith(expect.anything(), SERVER_MARKERS, [
      {
        severity: 8,
        message: "spec.steps[0].filter: undeclared reference to 'amout'",
        source: 'Tributary',
        startLineNumber: 8,
        startColumn: 7,
        endLineNumber: 8,
        endColumn: '      filter: amout >= 1000.0'.length + 1,
      },
    ]);
    const calls = setModelMarkers.mock.calls.length;
    // the same errors again (a new array) change nothing
    rerender(
      <YamlEditor
        value={TEXT}
        onChange={() => {}}
        errors={[{ line: 8, message: "spec.steps[0].filter: undeclared reference to 'amout'" }]}
      />,
    );
    expect(setModelMarkers.mock.calls.length).toBe(calls);
    act(() => rerender(<YamlEditor value={TEXT} onChange={() => {}} errors={[]} />));
    expect(setModelMarkers).toHaveBeenLastCalledWith(expect.anything(), SERVER_MARKERS, []);
  });
});

describe('markersFor', () => {
  it('keeps a marker of a line past the end on the last line, and starts one on a blank line at column 1', () => {
    const markers = markersFor(
      [
        { line: 40, message: 'too far' },
        { line: 2, message: 'blank' },
      ],
      modelOf('a: 1\n\n  b: 2'),
      8,
    );
    expect(markers.map((m) => [m.startLineNumber, m.startColumn, m.endColumn, m.message])).toEqual([
      [3, 3, 7, 'too far'],
      [2, 1, 1, 'blank'],
    ]);
  });
});

describe('yamlOptions', () => {
  it('gives monaco-yaml the published pipeline schema inline, for the editor model only, fetching nothing', () => {
    const options = yamlOptions();
    expect(options.enableSchemaRequest).toBe(false);
    expect(options.completion).toBe(true);
    expect(options.hover).toBe(true);
    expect(options.schemas).toHaveLength(1);
    const [schema] = options.schemas!;
    expect(schema.uri).toBe('https://tributary.dev/schemas/pipeline-v1alpha1.schema.json');
    expect(schema.fileMatch).toEqual([DOCUMENT_URI]);
    expect(schema.schema).toBe(PIPELINE_SCHEMA);
    // the schema file itself, with what completion offers for a step
    expect(Object.keys(PIPELINE_SCHEMA.$defs.StepSpec.properties!)).toEqual(expect.arrayContaining(['filter', 'select', 'aggregate', 'join']));
  });
});

/** WCAG's contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [0, 2, 4].map((i) => parseInt(hex.replace('#', '').slice(i, i + 2), 16) / 255);
    const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('the editor theme', () => {
  it('colours text and line numbers at 4.5:1 or more on its background', () => {
    const background = EDITOR_THEME_DATA.colors['editor.background'];
    const colours = [
      EDITOR_THEME_DATA.colors['editor.foreground'],
      EDITOR_THEME_DATA.colors['editorLineNumber.foreground'],
      ...EDITOR_THEME_DATA.rules.map((r) => `#${r.foreground}`),
    ];
    for (const colour of colours) expect(contrast(colour, background), colour).toBeGreaterThanOrEqual(4.5);
  });
});
