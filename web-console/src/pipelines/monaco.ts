// Monaco as the bundle carries it: the editor and its workers come from this build, never from
// a CDN, and the YAML language service knows the pipeline schema.
import { loader } from '@monaco-editor/react';
import 'monaco-editor/esm/vs/editor/edcore.main';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import YamlWorker from 'monaco-yaml/yaml.worker?worker';
import { EDITOR_THEME, EDITOR_THEME_DATA, yamlOptions } from './yamlSupport';

declare global {
  interface Window {
    /** The editor's API, as Monaco's own loader would expose it; the end-to-end test reads the text through it. */
    monaco?: typeof monaco;
  }
}

self.MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

// @monaco-editor/react (under PatternFly's CodeEditor) uses this module instead of loading one.
loader.config({ monaco });
configureMonacoYaml(monaco, yamlOptions());
monaco.editor.defineTheme(EDITOR_THEME, EDITOR_THEME_DATA);
window.monaco = monaco;

export { monaco };
