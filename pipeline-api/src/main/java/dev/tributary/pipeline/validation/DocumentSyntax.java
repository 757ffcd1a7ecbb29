package dev.tributary.pipeline.validation;

/**
 * Which parser reads a document's text. A caller that knows the text's media type says so; a text
 * declared as JSON is never read as YAML (which would accept more than JSON does).
 */
public enum DocumentSyntax {
  /** Strict JSON (RFC 8259): {@code application/json}. */
  JSON,
  /** YAML 1.1 as the YAML parser reads it: {@code application/yaml}. */
  YAML,
  /** JSON when the first character that is not blank opens an object or array, YAML otherwise. */
  DETECT
}
