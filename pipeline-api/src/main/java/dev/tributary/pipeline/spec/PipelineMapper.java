package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/** The Jackson mappers for pipeline documents, in JSON and YAML. */
public final class PipelineMapper {

  private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
  private static final ObjectMapper YAML =
      configure(
          new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .stringQuotingChecker(new FaithfulQuoting())
                  .build()));

  private PipelineMapper() {}

  public static ObjectMapper json() {
    return JSON;
  }

  public static ObjectMapper yaml() {
    return YAML;
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
  }

  /**
   * Quotes every text that a YAML reader could take for something else. Jackson's own checker
   * leaves {@code 4711}, {@code 0x10}, {@code 1_000} and {@code .inf} bare, which read back as
   * numbers: a label {@code cost-center: "4711"} written that way comes back as a number, and the
   * validator refuses the document it wrote itself. Text that starts like a number is quoted, and
   * so are keys that read as booleans or null.
   */
  private static final class FaithfulQuoting extends StringQuotingChecker.Default {

    @Override
    public boolean needToQuoteName(String name) {
      return super.needToQuoteName(name) || startsLikeANumber(name) || isReservedKeyword(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || startsLikeANumber(value);
    }

    private static boolean startsLikeANumber(String text) {
      return !text.isEmpty() && "0123456789+-.".indexOf(text.charAt(0)) >= 0;
    }
  }
}
