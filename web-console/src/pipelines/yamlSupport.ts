// What the YAML editor gives Monaco, kept apart from Monaco itself so that it can be tested
// without a browser: the pipeline JSON Schema for monaco-yaml and the server's errors as markers.
import type { JSONSchema, MonacoYamlOptions } from 'monaco-yaml';
// The schema the platform publishes; built into the bundle, never fetched.
import schemaText from '../../../pipeline-api/src/main/resources/dev/tributary/pipeline/pipeline-v1alpha1.schema.json?raw';

export interface LineError {
  line: number;
  message: string;
}

export const PIPELINE_SCHEMA = JSON.parse(schemaText) as JSONSchema & { $id: string; $defs: Record<string, JSONSchema> };

/** The editor's one model; the schema applies to it alone. */
export const DOCUMENT_URI = 'file:///tributary/pipeline.yaml';

export const EDITOR_LABEL = 'Pipeline document (YAML)';

/** monaco-yaml's options: completion, hover and checks from the pipeline schema, set inline. */
export function yamlOptions(): MonacoYamlOptions {
  return {
    enableSchemaRequest: false,
    completion: true,
    hover: true,
    validate: true,
    format: { enable: false },
    schemas: [{ uri: PIPELINE_SCHEMA.$id, fileMatch: [DOCUMENT_URI], schema: PIPELINE_SCHEMA }],
  };
}

/**
 * The editor's colours: PatternFly's light code editor theme, with the darker shades of its
 * palette where PatternFly's own read at less than 4.5:1 on white (keys, strings, numbers).
 */
export const EDITOR_THEME = 'tributary-light';
export const EDITOR_THEME_DATA = {
  base: 'vs' as const,
  inherit: true,
  colors: {
    'editor.background': '#ffffff',
    'editor.foreground': '#151515',
    'editorLineNumber.foreground': '#4d4d4d',
    'editorLineNumber.activeForeground': '#151515',
  },
  rules: [
    { token: '', foreground: '151515', background: 'ffffff' },
    { token: 'type', foreground: '96640f' }, // keys: yellow 60
    { token: 'string', foreground: '3d7317' }, // green 60
    { token: 'string.yaml', foreground: '3d7317' }, // (Monaco's own light theme makes YAML strings blue)
    { token: 'number', foreground: '9e4a06' }, // orange 60
    { token: 'keyword', foreground: '5e40be' }, // true, false, null: purple 50
    { token: 'comment', foreground: '4d4d4d', fontStyle: 'italic' }, // gray 60
    { token: 'operators', foreground: '151515' },
    { token: 'tag', foreground: 'a60000' }, // red 60
    { token: 'namespace', foreground: '004d99' }, // anchors and aliases: blue 60
  ],
};

/** The part of a Monaco text model that markers are placed with. */
export interface LinesOfModel {
  getLineCount(): number;
  getLineFirstNonWhitespaceColumn(line: number): number;
  getLineMaxColumn(line: number): number;
}

export interface LineMarker {
  severity: number;
  message: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * One marker per error, over the text of its line (from its first non-blank character to its
 * end); a line past the end of the text is the last line.
 */
export function markersFor(errors: LineError[], model: LinesOfModel, severity: number): LineMarker[] {
  const count = model.getLineCount();
  return errors.map((e) => {
    const line = Math.min(Math.max(1, e.line), count);
    const end = model.getLineMaxColumn(line);
    const first = model.getLineFirstNonWhitespaceColumn(line); // 0 on a blank line
    return {
      severity,
      message: e.message,
      source: 'Tributary',
      startLineNumber: line,
      startColumn: first > 0 ? first : 1,
      endLineNumber: line,
      endColumn: end,
    };
  });
}
