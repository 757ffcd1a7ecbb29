package dev.tributary.localstack.kafka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Shares one {@link KafkaBroker} among all test classes of a test JVM that use this extension. The
 * broker starts before the first such class and stops when JUnit finishes (it lives in the root
 * context's store, which closes it).
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class PipelineRunnerIT {
 *   @Test
 *   void runsPipeline(KafkaBroker kafka) {
 *     String bootstrapServers = kafka.bootstrapServers();
 *   }
 * }
 * }</pre>
 *
 * <p>{@link KafkaBroker} parameters are resolved in constructors, lifecycle methods and test
 * methods.
 *
 * <p>With the system property {@value #SECURED} set to {@code true} the broker is {@linkplain
 * KafkaBroker.Builder#secured() secured}: clients then connect with {@link
 * KafkaBroker#adminClientProperties()}.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

  public static final String SECURED = "tributary.test.kafka.secured";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

  /** The shared broker, started on first use. */
  public static KafkaBroker broker(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            KafkaBroker.class,
            key ->
                Boolean.getBoolean(SECURED)
                    ? KafkaBroker.builder().secured().start()
                    : KafkaBroker.start(),
            KafkaBroker.class);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    broker(context);
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return broker(extensionContext);
  }
}
