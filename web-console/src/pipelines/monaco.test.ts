import { describe, expect, it, vi } from 'vitest';
import { EDITOR_THEME, EDITOR_THEME_DATA, yamlOptions } from './yamlSupport';

// Monaco does not run in jsdom: its modules are stand-ins, so the test sees how the console sets
// Monaco up — the bundled module for @monaco-editor/react, its workers, monaco-yaml's schema.
const calls = vi.hoisted(() => ({ config: [] as unknown[], yaml: [] as unknown[][], themes: [] as unknown[][] }));
vi.mock('monaco-editor/esm/vs/editor/edcore.main', () => ({}));
vi.mock('monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution', () => ({}));
vi.mock('monaco-editor/esm/vs/editor/editor.api', () => ({
  editor: { defineTheme: (...args: unknown[]) => calls.themes.push(args) },
  languages: {},
}));
vi.mock('monaco-editor/esm/vs/editor/editor.worker?worker', () => ({ default: class EditorWorker {} }));
vi.mock('monaco-yaml/yaml.worker?worker', () => ({ default: class YamlWorker {} }));
vi.mock('@monaco-editor/react', () => ({ loader: { config: (c: unknown) => calls.config.push(c) } }));
vi.mock('monaco-yaml', () => ({ configureMonacoYaml: (...args: unknown[]) => calls.yaml.push(args) }));

describe('the Monaco set-up', () => {
  it('hands the bundled Monaco to the React wrapper, starts its workers from the bundle and gives monaco-yaml the schema', async () => {
    const { monaco } = await import('./monaco');
    const bundled = await import('monaco-editor/esm/vs/editor/editor.api');
    expect(monaco).toBe(bundled);
    expect(calls.config).toEqual([{ monaco: bundled }]);
    expect(calls.yaml).toEqual([[bundled, yamlOptions()]]);
    expect(calls.themes).toEqual([[EDITOR_THEME, EDITOR_THEME_DATA]]);
    const environment = self.MonacoEnvironment!;
    expect(environment.getWorker!('', 'yaml').constructor.name).toBe('YamlWorker');
    expect(environment.getWorker!('', 'editorWorkerService').constructor.name).toBe('EditorWorker');
    expect(window.monaco).toBe(bundled);
  });
});
