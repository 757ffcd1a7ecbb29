package dev.tributary.runtime.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineCleanupTest {

  @Test
  void changelogAndRepartitionTopicsOfThePipelineAreInternal() {
    assertThat(
            PipelineCleanup.isInternalTopic(
                "bank.orders-totals.store-changelog", "bank.orders", Set.of()))
        .isTrue();
    assertThat(
            PipelineCleanup.isInternalTopic(
                "bank.orders-rekey-repartition", "bank.orders", Set.of()))
        .isTrue();
    assertThat(
            PipelineCleanup.isInternalTopic(
                "bank.orders-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic",
                "bank.orders",
                Set.of()))
        .isTrue();
  }

  @Test
  void aSinkNamedAfterThePipelineIsNotInternal() {
    assertThat(PipelineCleanup.isInternalTopic("bank.orders-totals", "bank.orders", Set.of()))
        .isFalse();
    assertThat(PipelineCleanup.isInternalTopic("bank.orders.dead-letter", "bank.orders", Set.of()))
        .isFalse();
  }

  @Test
  void internalTopicsOfAPipelineWithALongerNameAreItsOwn() {
    assertThat(
            PipelineCleanup.isInternalTopic(
                "bank.orders-eu-totals.store-changelog", "bank.orders", Set.of("bank.orders-eu")))
        .isFalse();
    assertThat(
            PipelineCleanup.isInternalTopic(
                "bank.orders-totals.store-changelog", "bank.orders", Set.of("bank.orders-eu")))
        .isTrue();
  }

  @Test
  void internalTopicsOfAnyGenerationOfAPipelineWithALongerNameAreItsOwn() {
    assertThat(
            PipelineCleanup.isInternalTopic(
                "bank.orders-eu.2-totals.store-changelog", "bank.orders", Set.of("bank.orders-eu")))
        .isFalse();
    assertThat(
            PipelineCleanup.isInternalTopic(
                "bank.orders-eu.x-totals.store-changelog", "bank.orders", Set.of("bank.orders-eu")))
        .isTrue();
  }

  @Test
  void aLaterGenerationsInternalTopicsAreNotTheFirstGenerations() {
    assertThat(
            PipelineCleanup.isInternalTopic(
                "bank.orders.2-totals.store-changelog", "bank.orders", Set.of()))
        .isFalse();
    assertThat(
            PipelineCleanup.isInternalTopic(
                "bank.orders.2-totals.store-changelog", "bank.orders.2", Set.of()))
        .isTrue();
  }
}
