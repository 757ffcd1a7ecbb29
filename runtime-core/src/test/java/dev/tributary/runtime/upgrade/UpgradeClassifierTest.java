package dev.tributary.runtime.upgrade;

import static dev.tributary.runtime.upgrade.StateChange.Outcome.ADDED;
import static dev.tributary.runtime.upgrade.StateChange.Outcome.EXTENDED;
import static dev.tributary.runtime.upgrade.StateChange.Outcome.INCOMPATIBLE;
import static dev.tributary.runtime.upgrade.StateChange.Outcome.REMOVED;
import static dev.tributary.runtime.upgrade.StateChange.Outcome.UNCHANGED;
import static dev.tributary.runtime.upgrade.UpgradeClassification.Kind.STATELESS_ONLY;
import static dev.tributary.runtime.upgrade.UpgradeClassification.Kind.STATE_COMPATIBLE;
import static dev.tributary.runtime.upgrade.UpgradeClassification.Kind.STATE_INCOMPATIBLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.rollout.UpdateStrategy;
import dev.tributary.runtime.testing.TestPipelines;
import dev.tributary.runtime.upgrade.StateChange.Outcome;
import dev.tributary.runtime.upgrade.UpgradeClassification.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classifier over pairs of documents: a running pipeline with every kind of state the worker
 * keeps (a deduplication, a windowed and an unwindowed aggregate, a stream-table, a stream-stream
 * and a table-table join, two tables), and one change to it per case.
 */
class UpgradeClassifierTest {

  static final String RUNNING =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: shop, team: bank}
      spec:
        sources:
          - name: payments
            topic: bank.payments
            key: {field: account}
            fields: {account: string, merchant: string, amount: int, txId: string, at: timestamp}
            eventTime: {field: at, allowedLateness: 1m}
          - name: refunds
            topic: bank.refunds
            key: {field: account}
            fields: {account: string, refund: int, refundedAt: timestamp}
            eventTime: {field: refundedAt, allowedLateness: 1m}
        tables:
          - name: accounts
            topic: bank.accounts
            key: {field: account}
            fields: {account: string, owner: string}
          - name: branches
            topic: bank.branches
            key: {field: account}
            fields: {account: string, branch: string}
        steps:
          - name: unique
            input: payments
            deduplicate: {key: txId, within: 10m}
          - name: per-minute
            input: unique
            aggregate:
              window: {type: tumbling, size: 1m, grace: 1m}
              aggregates:
                count: {fn: count}
                total: {fn: sum, of: amount}
          - name: totals
            input: unique
            aggregate:
              groupBy: {account: account}
              aggregates:
                count: {fn: count}
                largest: {fn: max, of: amount}
          - name: owned
            input: unique
            join: {with: accounts, type: left, key: account}
          - name: refunded
            input: unique
            join: {with: refunds, key: account, within: 1h, grace: 1m}
          - name: located
            input: accounts
            join: {with: branches}
          - name: large
            input: unique
            filter: amount > 100
        sinks:
          - {name: per-minute, input: per-minute, topic: bank.per-minute}
          - {name: totals, input: totals, topic: bank.totals}
          - {name: owned, input: owned, topic: bank.owned}
          - {name: refunded, input: refunded, topic: bank.refunded}
          - {name: located, input: located, topic: bank.located}
          - {name: large, input: large, topic: bank.large}
        runtime:
          commitInterval: 100ms
          replicas: {min: 1, max: 2}
      """;

  /**
   * One change to {@link #RUNNING}: the expected kind and rollout, the outcome of the parts it
   * touches (every other part must be unchanged), and words the reason of the first of them says.
   */
  record Case(
      String change,
      UnaryOperator<String> edit,
      Kind kind,
      UpdateStrategy rollout,
      Map<String, Outcome> outcomes,
      String reason) {

    @Override
    public String toString() {
      return change;
    }
  }

  static Case stateless(String change, UnaryOperator<String> edit, UpdateStrategy rollout) {
    return new Case(change, edit, STATELESS_ONLY, rollout, Map.of(), null);
  }

  static Case compatible(
      String change, UnaryOperator<String> edit, String reason, Object... parts) {
    return new Case(
        change, edit, STATE_COMPATIBLE, UpdateStrategy.RECREATE, outcomes(parts), reason);
  }

  static Case incompatible(
      String change, UnaryOperator<String> edit, String reason, Object... parts) {
    return new Case(
        change, edit, STATE_INCOMPATIBLE, UpdateStrategy.RECREATE, outcomes(parts), reason);
  }

  static Map<String, Outcome> outcomes(Object... parts) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i += 2) {
      outcomes.put((String) parts[i], (Outcome) parts[i + 1]);
    }
    return outcomes;
  }

  /** Replaces text that must occur in the document, so a case cannot silently change nothing. */
  static UnaryOperator<String> replace(String text, String replacement) {
    return document -> {
      assertThat(document).contains(text);
      return document.replace(text, replacement);
    };
  }

  static UnaryOperator<String> replace(String text, String replacement, String more, String with) {
    return document -> replace(more, with).apply(replace(text, replacement).apply(document));
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // Nothing stateful changes.
    cases.add(stateless("the same document", UnaryOperator.identity(), UpdateStrategy.ROLLING));
    cases.add(
        stateless(
            "a filter's expression",
            replace("amount > 100", "amount > 500"),
            UpdateStrategy.ROLLING));
    cases.add(
        stateless(
            "the replicas",
            replace("replicas: {min: 1, max: 2}", "replicas: {min: 2, max: 4}"),
            UpdateStrategy.ROLLING));
    cases.add(
        stateless(
            "the commit interval",
            replace("commitInterval: 100ms", "commitInterval: 1s"),
            UpdateStrategy.ROLLING));
    cases.add(
        stateless(
            "a stateless step added",
            replace(
                "    - name: large\n",
                "    - name: small\n      input: unique\n      filter: amount < 5\n"
                    + "    - name: large\n"),
            UpdateStrategy.RECREATE));
    cases.add(
        stateless(
            "a sink added",
            replace(
                "    - {name: large, input: large, topic: bank.large}\n",
                "    - {name: large, input: large, topic: bank.large}\n"
                    + "    - {name: again, input: large, topic: bank.large-again}\n"),
            UpdateStrategy.RECREATE));
    cases.add(
        stateless(
            "a sink's topic",
            replace("topic: bank.large}", "topic: bank.very-large}"),
            UpdateStrategy.RECREATE));
    cases.add(
        stateless(
            "a stateless step removed with its sink",
            replace(
                "    - name: large\n      input: unique\n      filter: amount > 100\n",
                "",
                "    - {name: large, input: large, topic: bank.large}\n",
                ""),
            UpdateStrategy.RECREATE));

    // Aggregates.
    cases.add(
        compatible(
            "an aggregate added to an unwindowed aggregate",
            replace(
                "largest: {fn: max, of: amount}",
                "largest: {fn: max, of: amount}\n          average: {fn: avg, of: amount}"),
            "aggregate average added: the stored states are read forward and it starts empty",
            "totals",
            EXTENDED));
    cases.add(
        compatible(
            "an aggregate added to a windowed aggregate",
            replace(
                "total: {fn: sum, of: amount}",
                "total: {fn: sum, of: amount}\n          smallest: {fn: min, of: amount}"),
            "only records processed after it",
            "per-minute",
            EXTENDED));
    cases.add(
        compatible(
            "two aggregates added",
            replace(
                "largest: {fn: max, of: amount}",
                "largest: {fn: max, of: amount}\n          first: {fn: first, of: merchant}"
                    + "\n          last: {fn: last, of: merchant}"),
            "aggregate first, last added: the stored states are read forward and they start empty",
            "totals",
            EXTENDED));
    cases.add(
        incompatible(
            "a collect aggregate added",
            replace(
                "largest: {fn: max, of: amount}",
                "largest: {fn: max, of: amount}\n          merchants: {fn: collect, of: merchant}"),
            "written as JSON, and the JSON reader cannot read the binary states",
            "totals",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "an aggregate removed",
            replace("\n          largest: {fn: max, of: amount}", ""),
            "aggregate largest was removed",
            "totals",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "an aggregate's function",
            replace("largest: {fn: max, of: amount}", "largest: {fn: min, of: amount}"),
            "aggregate largest changed from max of amount to min of amount",
            "totals",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "an aggregate's expression",
            replace("total: {fn: sum, of: amount}", "total: {fn: sum, of: amount * 2}"),
            "aggregate total changed from sum of amount to sum of amount * 2",
            "per-minute",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "an aggregate renamed",
            replace("largest: {fn: max, of: amount}", "biggest: {fn: max, of: amount}"),
            "aggregate largest was removed",
            "totals",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "the group key",
            replace("groupBy: {account: account}", "groupBy: {merchant: merchant}"),
            "the group changed from {account=account} to {merchant=merchant}",
            "totals",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "a group by a field instead of the record key",
            replace(
                "window: {type: tumbling, size: 1m, grace: 1m}",
                "groupBy: {account: account}\n        window: {type: tumbling, size: 1m, grace:"
                    + " 1m}"),
            "the group changed from the record key to {account=account}",
            "per-minute",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "the record key an aggregate groups by",
            replace(
                "    - name: per-minute\n      input: unique\n",
                "    - name: by-merchant\n      input: unique\n      rekey: merchant\n"
                    + "    - name: per-minute\n      input: by-merchant\n"),
            "record key, which changed from account to merchant",
            "per-minute",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "the window size",
            replace("size: 1m, grace: 1m", "size: 5m, grace: 1m"),
            "the window changed from tumbling 1m to tumbling 5m",
            "per-minute",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "the window type",
            replace("type: tumbling, size: 1m,", "type: hopping, size: 1m, advance: 30s,"),
            "the window changed from tumbling to hopping",
            "per-minute",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "the window's grace",
            replace("size: 1m, grace: 1m", "size: 1m, grace: 2m"),
            "grace changed from 1m to 2m",
            "per-minute",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "a window removed",
            replace("        window: {type: tumbling, size: 1m, grace: 1m}\n", ""),
            "the window was removed",
            "per-minute",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "a window added",
            replace(
                "groupBy: {account: account}\n",
                "groupBy: {account: account}\n        window: {type: session, gap: 5m, grace:"
                    + " 1m}\n"),
            "a session window was added",
            "totals",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "emit final to changes",
            replace("size: 1m, grace: 1m}\n", "size: 1m, grace: 1m}\n        emit: changes\n"),
            "emit changed from final to changes",
            "per-minute",
            INCOMPATIBLE));
    cases.add(
        compatible(
            "the default emit written out",
            replace("size: 1m, grace: 1m}\n", "size: 1m, grace: 1m}\n        emit: final\n"),
            "written differently",
            "per-minute",
            EXTENDED));
    cases.add(
        compatible(
            "an aggregate's input rewired",
            replace(
                "    - name: totals\n      input: unique\n",
                "    - name: totals\n      input: payments\n"),
            "the input changed from unique to payments",
            "totals",
            EXTENDED));
    cases.add(
        incompatible(
            "the type of a field an aggregate reads",
            replace("amount: int, txId", "amount: double, txId"),
            "amount changed type from int to double",
            "per-minute",
            INCOMPATIBLE,
            "totals",
            INCOMPATIBLE,
            "refunded",
            INCOMPATIBLE));

    // Stateful steps added, removed, renamed.
    cases.add(
        compatible(
            "a stateful step renamed",
            replace(
                "    - name: totals\n",
                "    - name: account-totals\n",
                "{name: totals, input: totals,",
                "{name: totals, input: account-totals,"),
            "new step: its stores start empty",
            "account-totals",
            ADDED,
            "totals",
            REMOVED));
    cases.add(
        compatible(
            "a stateful step removed with its sink",
            replace(
                "    - name: refunded\n      input: unique\n      join: {with: refunds, key:"
                    + " account, within: 1h, grace: 1m}\n",
                "",
                "    - {name: refunded, input: refunded, topic: bank.refunded}\n",
                ""),
            "step removed: nothing reads its stores any more",
            "refunded",
            REMOVED));
    cases.add(
        compatible(
            "a stateful step added",
            replace(
                "    - name: large\n",
                "    - name: one-per-merchant\n      input: unique\n"
                    + "      deduplicate: {key: merchant, within: 1h}\n    - name: large\n"),
            "new step: its stores start empty",
            "one-per-merchant",
            ADDED));
    cases.add(
        compatible(
            "a deduplication replaced by a filter of the same name",
            replace("deduplicate: {key: txId, within: 10m}", "filter: amount > 0"),
            "step removed",
            "unique",
            REMOVED));

    // Deduplication.
    cases.add(
        incompatible(
            "the deduplication key",
            replace(
                "deduplicate: {key: txId, within: 10m}",
                "deduplicate: {key: merchant, within: 10m}"),
            "the identity changed from txId to merchant",
            "unique",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "a deduplication by the record key instead of a field",
            replace("deduplicate: {key: txId, within: 10m}", "deduplicate: {within: 10m}"),
            "the identity changed from txId to the record key",
            "unique",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "how long a deduplication remembers",
            replace("within: 10m}", "within: 30m}"),
            "within changed from 10m to 30m",
            "unique",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "the sources' largest allowed lateness",
            replace(
                "eventTime: {field: at, allowedLateness: 1m}",
                "eventTime: {field: at, allowedLateness: 30s}",
                "eventTime: {field: refundedAt, allowedLateness: 1m}",
                "eventTime: {field: refundedAt, allowedLateness: 30s}"),
            "retention from 11m to 630s",
            "unique",
            INCOMPATIBLE));

    // Joins.
    cases.add(
        compatible(
            "a stream-table join's type",
            replace(
                "join: {with: accounts, type: left, key: account}",
                "join: {with: accounts, key: account}"),
            "keeps no store of its own",
            "owned",
            EXTENDED));
    cases.add(
        incompatible(
            "the table a stream joins",
            replace(
                "join: {with: accounts, type: left, key: account}",
                "join: {with: branches, type: left, key: account}"),
            "the join's sides changed from unique and accounts to unique and branches",
            "owned",
            INCOMPATIBLE));
    cases.add(
        compatible(
            "a select added to a stream-stream join",
            replace(
                "join: {with: refunds, key: account, within: 1h, grace: 1m}",
                "join: {with: refunds, key: account, within: 1h, grace: 1m, select: {account:"
                    + " account, refund: refund}}"),
            "comes after the join's stores",
            "refunded",
            EXTENDED));
    cases.add(
        incompatible(
            "a stream-stream join's window",
            replace("within: 1h, grace: 1m", "within: 2h, grace: 1m"),
            "within or grace changed (from 1h and 1m to 2h and 1m)",
            "refunded",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "a stream-stream join's grace",
            replace("within: 1h, grace: 1m", "within: 1h, grace: 5m"),
            "within or grace changed",
            "refunded",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "a stream-stream join made left",
            replace("join: {with: refunds, key:", "join: {with: refunds, type: left, key:"),
            "the join type changed from inner to left",
            "refunded",
            INCOMPATIBLE));
    cases.add(
        compatible(
            "a field added to a stream-stream join's side",
            replace(
                "fields: {account: string, refund: int, refundedAt: timestamp}",
                "fields: {account: string, refund: int, refundedAt: timestamp, reason: string}"),
            "read forward",
            "refunded",
            EXTENDED));
    cases.add(
        incompatible(
            "a field of a stream-stream join's side retyped",
            replace("refund: int, refundedAt", "refund: double, refundedAt"),
            "the fields of refunds changed (refund changed type from int to double)",
            "refunded",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "a table-table join made left",
            replace("join: {with: branches}", "join: {with: branches, type: left}"),
            "the join type changed from inner to left",
            "located",
            INCOMPATIBLE));

    // Tables.
    cases.add(
        incompatible(
            "a table's topic",
            replace("topic: bank.accounts\n", "topic: bank.accounts-v2\n"),
            "the table reads bank.accounts-v2 instead of bank.accounts",
            "accounts",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "a table's fields",
            replace(
                "fields: {account: string, branch: string}",
                "fields: {account: string, branch: string, city: string}"),
            "the table's fields, key or format changed",
            "branches",
            INCOMPATIBLE,
            "located",
            INCOMPATIBLE));
    cases.add(
        incompatible(
            "a table made versioned",
            replace(
                "fields: {account: string, owner: string}\n",
                "fields: {account: string, owner: string}\n      versioned: {history: 1d}\n"),
            "the table became versioned",
            "accounts",
            INCOMPATIBLE,
            "owned",
            INCOMPATIBLE));
    cases.add(
        compatible(
            "a table added",
            replace(
                "    - name: branches\n",
                "    - name: regions\n      topic: bank.regions\n      key: {field: account}\n"
                    + "      fields: {account: string, region: string}\n    - name: branches\n"),
            "new table: its store is filled from topic bank.regions",
            "regions",
            ADDED));
    return cases.stream();
  }

  @Test
  void theTableHoldsAtLeastFortyPairs() {
    assertThat(cases().count()).isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void classifiesEveryChange(Case change) {
    ValidatedPipeline before = TestPipelines.validate(RUNNING);
    ValidatedPipeline after = TestPipelines.validate(change.edit().apply(RUNNING));

    UpgradeClassification classification = UpgradeClassifier.classify(before, after);

    assertThat(classification.kind()).isEqualTo(change.kind());
    assertThat(classification.rollout()).isEqualTo(change.rollout());
    assertThat(UpdateStrategy.between(before, after)).isEqualTo(change.rollout());
    for (StateChange part : classification.changes()) {
      Outcome expected = change.outcomes().getOrDefault(part.name(), UNCHANGED);
      assertThat(part.outcome()).as(part.name() + ": " + part.reason()).isEqualTo(expected);
      assertThat(part.reason()).isNotBlank();
    }
    assertThat(classification.changes())
        .extracting(StateChange::name)
        .containsAll(change.outcomes().keySet());
    if (change.reason() != null) {
      String first = change.outcomes().keySet().iterator().next();
      assertThat(classification.changes())
          .filteredOn(part -> part.name().equals(first))
          .singleElement()
          .extracting(StateChange::reason)
          .asString()
          .contains(change.reason());
    }
    assertThat(classification.keepsState()).isEqualTo(change.kind() != STATE_INCOMPATIBLE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void equalFingerprintsMeanTheStateIsUntouched(Case change) {
    ValidatedPipeline before = TestPipelines.validate(RUNNING);
    ValidatedPipeline after = TestPipelines.validate(change.edit().apply(RUNNING));

    UpdateStrategy byFingerprint =
        UpdateStrategy.between(
            UpdateStrategy.fingerprint(before.spec()), UpdateStrategy.fingerprint(after.spec()));

    assertThat(byFingerprint).isEqualTo(change.rollout());
  }

  @Test
  void everyStatefulPartIsListedWithTheStoresTheWorkerNamesAfterIt() {
    ValidatedPipeline running = TestPipelines.validate(RUNNING);

    UpgradeClassification classification = UpgradeClassifier.classify(running, running);

    assertThat(classification.changes())
        .extracting(StateChange::name, StateChange::kind, StateChange::stores)
        .containsExactly(
            tuple("accounts", "table", List.of("accounts.store")),
            tuple("branches", "table", List.of("branches.store")),
            tuple("unique", "deduplicate", List.of("unique.seen")),
            tuple(
                "per-minute", "aggregate", List.of("per-minute.store", "per-minute.until-closed")),
            tuple("totals", "aggregate", List.of("totals.store")),
            tuple("owned", "join", List.of()),
            tuple("refunded", "join", List.of("refunded.join-store")),
            tuple("located", "join", List.of("located.store")));
    assertThat(classification.kind()).isEqualTo(STATELESS_ONLY);
  }
}
