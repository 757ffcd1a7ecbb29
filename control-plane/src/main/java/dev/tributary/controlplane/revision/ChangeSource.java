package dev.tributary.controlplane.revision;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * Where a change came from. Clients say so in the {@code Tributary-Source} header; the API's own
 * default is {@link #API}. {@link #AUTOMATIC} is the control plane's own change (an automatic
 * rollback), which no client can claim.
 */
public enum ChangeSource {
  API("api"),
  CONSOLE("console"),
  KUBECTL("kubectl"),
  AUTOMATIC("automatic");

  public static final String HEADER = "Tributary-Source";

  private final String value;

  ChangeSource(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  /** The source named by the header, or null when the header names none of them. */
  public static ChangeSource fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return API;
    }
    for (ChangeSource source : List.of(API, CONSOLE, KUBECTL)) {
      if (source.value.equalsIgnoreCase(header.strip())) {
        return source;
      }
    }
    return null;
  }
}
