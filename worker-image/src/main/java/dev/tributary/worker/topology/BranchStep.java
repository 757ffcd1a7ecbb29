package dev.tributary.worker.topology;

import dev.tributary.pipeline.spec.BranchSpec;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.worker.expression.StepExpression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * {@code branch}: each record goes to the first branch whose condition holds (a branch without one
 * takes the rest); records no branch takes are dropped. Each branch flows on as {@code
 * step.branch}.
 */
final class BranchStep {

  /** A record and the index of the branch that took it. */
  private record Routed(int branch, Map<String, Object> record) {}

  private BranchStep() {}

  /** The flow of each branch, by the name later steps use ({@code step.branch}). */
  static Map<String, Flow> apply(CompileContext context, Flow in, StepSpec step) {
    List<BranchSpec> branches = step.branch();
    StepExpression[] conditions = new StepExpression[branches.size()];
    for (int i = 0; i < conditions.length; i++) {
      String when = branches.get(i).when();
      conditions[i] = when == null ? null : StepExpression.compile(when, in.type());
    }
    String at = step.name() + ".branch";
    KStream<String, Routed> routed =
        in.stream()
            .processValues(
                () ->
                    new EvaluatingProcessor<Routed>(
                        step.name(),
                        at,
                        context.deadLetters(),
                        false,
                        (record, emit) -> {
                          for (int i = 0; i < conditions.length; i++) {
                            if (conditions[i] == null || conditions[i].test(record)) {
                              emit.accept(new Routed(i, record));
                              return;
                            }
                          }
                        }),
                Named.as(at));
    context.deadLetters().attach(routed, at);

    Map<String, Flow> flows = new HashMap<>();
    String prefix = at + ".to-";
    BranchedKStream<String, Routed> split = routed.split(Named.as(prefix));
    for (int i = 0; i < branches.size(); i++) {
      int index = i;
      split.branch((key, value) -> value.branch() == index, Branched.as(branches.get(i).name()));
    }
    Map<String, KStream<String, Routed>> byBranch = split.noDefaultBranch();
    for (BranchSpec branch : branches) {
      KStream<String, Map<String, Object>> records =
          byBranch
              .get(prefix + branch.name())
              .mapValues(Routed::record, Named.as(prefix + branch.name() + ".records"));
      flows.put(step.name() + "." + branch.name(), Flow.of(records, in.type(), in.keyChanged()));
    }
    return flows;
  }
}
