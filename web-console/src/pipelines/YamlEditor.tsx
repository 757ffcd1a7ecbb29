import { CodeEditor, Language } from '@patternfly/react-code-editor';
import type { editor as MonacoEditor } from 'monaco-editor';
import { useEffect, useId, useState } from 'react';
import { monaco } from './monaco';
import { keepActiveDescendantsValid } from './monacoAria';
import { DOCUMENT_URI, EDITOR_LABEL, EDITOR_THEME, markersFor, type LineError } from './yamlSupport';

export type { LineError };

/** Owner of the markers of the server's dry run (monaco-yaml's own checks have another). */
export const SERVER_MARKERS = 'tributary-validation';

export const EDITOR_OPTIONS: MonacoEditor.IStandaloneEditorConstructionOptions = {
  ariaLabel: EDITOR_LABEL,
  // The text area itself is the editor's one stop in the Tab order (PatternFly's frame is not).
  tabIndex: 0,
  tabSize: 2,
  insertSpaces: true,
  scrollBeyondLastLine: false,
  fixedOverflowWidgets: true,
  wordBasedSuggestions: 'off',
  quickSuggestions: { other: true, comments: false, strings: true },
  renderValidationDecorations: 'on',
  // Linux's default dims the last line's number below a readable contrast.
  renderFinalNewline: 'on',
};

/**
 * Monaco with the pipeline schema's completion and hover (monaco-yaml); the server's errors are
 * markers at their line, with the message on hover.
 */
export function YamlEditor({
  value,
  onChange,
  errors,
}: {
  value: string;
  onChange: (v: string) => void;
  errors: LineError[];
}) {
  const hint = useId();
  const [editor, setEditor] = useState<MonacoEditor.IStandaloneCodeEditor>();
  const key = JSON.stringify(errors);

  useEffect(() => {
    const model = editor?.getModel();
    if (!model || model.isDisposed()) return;
    monaco.editor.setModelMarkers(model, SERVER_MARKERS, markersFor(errors, model, monaco.MarkerSeverity.Error));
  }, [editor, key]); // errors compared by content, not identity

  return (
    <div>
      <CodeEditor
        code={value}
        onCodeChange={onChange}
        language={Language.yaml}
        height="60vh"
        isLineNumbersVisible
        editorProps={{ path: DOCUMENT_URI, theme: EDITOR_THEME }}
        options={EDITOR_OPTIONS}
        onEditorDidMount={(mounted) => {
          const node = mounted.getDomNode();
          node?.querySelector('textarea')?.setAttribute('aria-describedby', hint);
          // PatternFly's frame around Monaco takes focus by itself; the text area does instead.
          node?.closest('.pf-v6-c-code-editor__code')?.setAttribute('tabindex', '-1');
          if (node) mounted.onDidDispose(keepActiveDescendantsValid(node));
          setEditor(mounted);
        }}
      />
      <p id={hint} className="tributary-hint">
        Ctrl+Space lists the fields the schema allows here; hovering over a field shows its description. Tab
        indents: press Ctrl+M to make Tab and Shift+Tab move out of the editor, and Ctrl+M again to indent.
      </p>
    </div>
  );
}
