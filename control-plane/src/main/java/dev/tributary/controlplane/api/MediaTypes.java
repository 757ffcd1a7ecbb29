package dev.tributary.controlplane.api;

/** Media types of the API beyond those in {@code jakarta.ws.rs.core.MediaType}. */
public final class MediaTypes {

  public static final String YAML = "application/yaml";
  public static final String YAML_LEGACY = "application/x-yaml";
  public static final String YAML_TEXT = "text/yaml";

  private MediaTypes() {}
}
