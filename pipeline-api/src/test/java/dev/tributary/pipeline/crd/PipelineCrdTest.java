package dev.tributary.pipeline.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidationContext;
import dev.tributary.pipeline.validation.ValidationResult;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineCrdTest {

  private static CustomResourceDefinition crd() throws Exception {
    try (InputStream in =
        PipelineCrdTest.class.getResourceAsStream(
            "/META-INF/fabric8/pipelines.tributary.dev-v1.yml")) {
      assertThat(in).as("the CRD is generated at build time").isNotNull();
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }

  @Test
  void crdNamesTheGroupKindAndShortName() throws Exception {
    CustomResourceDefinition crd = crd();
    assertThat(crd.getMetadata().getName()).isEqualTo("pipelines.tributary.dev");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo("Pipeline");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("tpl");
    assertThat(crd.getSpec().getVersions())
        .extracting(CustomResourceDefinitionVersion::getName)
        .containsExactly("v1alpha1");
  }

  @Test
  void crdHasStatusAndScaleSubresources() throws Exception {
    CustomResourceDefinitionVersion version = crd().getSpec().getVersions().get(0);
    assertThat(version.getSubresources().getStatus()).isNotNull();
    assertThat(version.getSubresources().getScale().getSpecReplicasPath())
        .isEqualTo(".spec.runtime.replicas.min");
    assertThat(version.getSubresources().getScale().getStatusReplicasPath())
        .isEqualTo(".status.replicas");
    assertThat(version.getSubresources().getScale().getLabelSelectorPath())
        .isEqualTo(".status.selector");
  }

  @Test
  void crdPrintsPhaseReadinessReplicasLagAndRevision() throws Exception {
    CustomResourceDefinitionVersion version = crd().getSpec().getVersions().get(0);
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(c -> c.getName() + "=" + c.getJsonPath())
        .contains(
            "Phase=.status.phase",
            "Ready=.status.conditions[?(@.type==\"Ready\")].status",
            "Replicas=.status.replicas",
            "Lag=.status.lag.totalRecords",
            "Revision=.status.deployedRevision",
            "Age=.metadata.creationTimestamp");
  }

  @Test
  void replicaBoundsCarryTheirCelRules() throws Exception {
    JSONSchemaProps replicas =
        crd()
            .getSpec()
            .getVersions()
            .get(0)
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("spec")
            .getProperties()
            .get("runtime")
            .getProperties()
            .get("replicas");
    assertThat(replicas.getXKubernetesValidations())
        .extracting(rule -> rule.getRule())
        .containsExactlyInAnyOrder(
            "!has(self.min) || self.min >= 0",
            "!has(self.min) || !has(self.max) || self.min <= self.max");
  }

  @Test
  void durationsAreDescribedAsPlainStrings() throws Exception {
    JSONSchemaProps window =
        crd()
            .getSpec()
            .getVersions()
            .get(0)
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("spec")
            .getProperties()
            .get("steps")
            .getItems()
            .getSchema()
            .getProperties()
            .get("aggregate")
            .getProperties()
            .get("window");
    JSONSchemaProps grace = window.getProperties().get("grace");
    assertThat(grace.getType()).isEqualTo("string");
    assertThat(grace.getFormat()).isNull();
  }

  @Test
  void customResourceReadByFabric8IsTheSamePipelineTheValidatorAccepts() throws Exception {
    Pipeline pipeline;
    try (InputStream in = getClass().getResourceAsStream("/crd/card-fraud-cr.yaml")) {
      pipeline = Serialization.unmarshal(in, Pipeline.class);
    }
    assertThat(pipeline.getSpec().runtime().commitInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(pipeline.getSpec().runtime().replicas().min()).isEqualTo(2);

    ValidationResult result =
        PipelineValidator.validate(
            pipeline.toDocument("payments"), ValidationContext.forTeam("payments"));

    assertThat(result.errors()).isEmpty();
    assertThat(result.orThrow().applicationId()).isEqualTo("payments.card-fraud");
  }

  @Test
  void statusSerializesWithKubernetesConventions() {
    PipelineStatus status =
        new PipelineStatus(
            3L,
            PipelinePhase.RUNNING,
            java.util.List.of(
                new Condition(
                    "Ready",
                    "True",
                    "WorkersRunning",
                    "2 of 2 replicas running",
                    "2026-11-26T04:00:00Z",
                    3L)),
            2,
            2,
            2,
            "app=card-fraud",
            7L);

    String json = Serialization.asJson(status);

    assertThat(json)
        .contains(
            "\"phase\":\"Running\"",
            "\"observedGeneration\":3",
            "\"type\":\"Ready\"",
            "\"status\":\"True\"",
            "\"lastTransitionTime\":\"2026-11-26T04:00:00Z\"");
    assertThat(Serialization.unmarshal(json, PipelineStatus.class)).isEqualTo(status);
  }
}
