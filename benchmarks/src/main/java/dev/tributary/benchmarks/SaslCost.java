package dev.tributary.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The worker measured in pairs: on the plain broker and on the broker with SASL/SCRAM and ACLs,
 * round by round.
 */
record SaslCost(Results plain, Results sasl) {

  Results of(boolean secured) {
    return secured ? sasl : plain;
  }

  List<String> wrongOutputs() {
    List<String> wrong = new ArrayList<>();
    plain.wrongOutputs().forEach(w -> wrong.add("plain broker, " + w));
    sasl.wrongOutputs().forEach(w -> wrong.add("SASL/SCRAM broker, " + w));
    return wrong;
  }
}
