package dev.tributary.pipeline.expr;

import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_TOO_COSTLY;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_PATTERN;

import com.google.protobuf.ByteString;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelOptions;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelStandardFunctions.StandardFunction.Overload.Arithmetic;
import dev.cel.runtime.CelStandardFunctions.StandardFunction.Overload.StringMatchers;
import dev.cel.runtime.CelStandardFunctions.StandardOverload;
import dev.cel.runtime.RuntimeEquality;
import dev.cel.runtime.RuntimeHelpers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one evaluation of an expression may cost, and the CEL runtime that enforces it.
 *
 * <p>The checks at validation bound an expression's size, not what it does with a record: {@code
 * [merchant].map(a, a + a + a + a)} chained a dozen times makes a text 4<sup>12</sup> times the
 * field's, and comprehensions nested four deep multiply their iterations. So each evaluation has a
 * budget: CEL counts the iterations of every comprehension in it together, and the operators that
 * build values ({@code +} on strings, bytes and lists) charge what they build against it and refuse
 * a value over the size limit. An evaluation over budget fails with a {@link
 * CelEvaluationException} that says which limit it met; the worker sends that record to the dead
 * letters.
 *
 * <p>{@code matches} runs RE2 (linear in the text, no back-references); the patterns of an
 * expression are compiled once and kept, and a pattern whose compiled program is larger than {@link
 * #MAX_PATTERN_PROGRAM} is refused, at validation for a literal and at run time for one taken from
 * a record.
 */
final class RunBudget {

  /** Characters of a string, bytes of a bytes value, items of a list, that one value may hold. */
  static final int MAX_VALUE_SIZE = 1_048_576;

  /**
   * Characters, bytes and list items that the operators of one evaluation may build in all: ten
   * values at the largest size.
   */
  static final long MAX_BUILT_PER_EVALUATION = 10L * MAX_VALUE_SIZE;

  /** The size of a regular expression's compiled RE2 program. */
  static final int MAX_PATTERN_PROGRAM = 5_000;

  /** How many distinct patterns the runtime keeps compiled; patterns from records may vary. */
  private static final int MAX_CACHED_PATTERNS = 512;

  private static final ThreadLocal<long[]> BUILT = ThreadLocal.withInitial(() -> new long[1]);

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private static final java.util.regex.Pattern BACK_REFERENCE =
      java.util.regex.Pattern.compile("\\\\[1-9]|\\\\k<");
  private static final java.util.regex.Pattern LOOK_AROUND =
      java.util.regex.Pattern.compile("\\(\\?<?[=!]");

  private RunBudget() {}

  /** CEL's standard runtime, with the value-building operators and {@code matches} metered. */
  static CelRuntime runtime(CelOptions options) {
    RuntimeEquality equality = RuntimeEquality.create(RuntimeHelpers.create(), options);
    List<CelFunctionBinding> metered = new ArrayList<>();
    for (StandardOverload overload :
        List.of(Arithmetic.ADD_STRING, Arithmetic.ADD_BYTES, Arithmetic.ADD_LIST)) {
      CelFunctionBinding standard = overload.newFunctionBinding(options, equality);
      metered.add(
          CelFunctionBinding.from(
              standard.getOverloadId(),
              standard.getArgTypes(),
              args -> {
                charge(size(args[0]) + size(args[1]));
                return standard.getDefinition().apply(args);
              }));
    }
    boolean partial = options.enableRegexPartialMatch();
    metered.add(
        CelFunctionBinding.from(
            "matches", String.class, String.class, (text, regex) -> matches(text, regex, partial)));
    metered.add(
        CelFunctionBinding.from(
            "matches_string",
            String.class,
            String.class,
            (text, regex) -> matches(text, regex, partial)));
    CelStandardFunctions standard =
        CelStandardFunctions.newBuilder()
            .filterFunctions(
                (function, overload) ->
                    overload != Arithmetic.ADD_STRING
                        && overload != Arithmetic.ADD_BYTES
                        && overload != Arithmetic.ADD_LIST
                        && overload != StringMatchers.MATCHES
                        && overload != StringMatchers.MATCHES_STRING)
            .build();
    return CelRuntimeFactory.standardCelRuntimeBuilder()
        .setOptions(options)
        .setStandardEnvironmentEnabled(false)
        .setStandardFunctions(standard)
        .addFunctionBindings(metered)
        .build();
  }

  /** Starts an evaluation on this thread with the whole budget. */
  static void start() {
    BUILT.get()[0] = 0;
  }

  /**
   * Why a pattern cannot run, in the words of RE2's syntax, or null when it compiles within the
   * size limit.
   */
  static ExpressionCheck.Problem patternProblem(String regex) {
    try {
      Pattern pattern = Pattern.compile(regex);
      if (pattern.programSize() > MAX_PATTERN_PROGRAM) {
        return new ExpressionCheck.Problem(
            EXPRESSION_TOO_COSTLY,
            "the regular expression compiles to "
                + pattern.programSize()
                + " instructions; the limit is "
                + MAX_PATTERN_PROGRAM
                + " (repetition counts such as {100} multiply)");
      }
      return null;
    } catch (PatternSyntaxException e) {
      String hint =
          BACK_REFERENCE.matcher(regex).find()
              ? " (back-references are not supported: patterns are RE2, which runs in linear time)"
              : LOOK_AROUND.matcher(regex).find()
                  ? " (look-around is not supported: patterns are RE2, which runs in linear time)"
                  : "";
      return new ExpressionCheck.Problem(
          INVALID_PATTERN, "invalid regular expression: " + e.getMessage() + hint);
    }
  }

  private static boolean matches(String text, String regex, boolean partial)
      throws CelEvaluationException {
    Pattern pattern = PATTERNS.get(regex);
    if (pattern == null) {
      ExpressionCheck.Problem problem = patternProblem(regex);
      if (problem != null) {
        throw new CelEvaluationException(problem.message() + " in '" + regex + "'");
      }
      pattern = Pattern.compile(regex);
      if (PATTERNS.size() >= MAX_CACHED_PATTERNS) {
        PATTERNS.clear();
      }
      PATTERNS.put(regex, pattern);
    }
    return partial ? pattern.matcher(text).find() : pattern.matcher(text).matches();
  }

  private static void charge(long size) throws CelEvaluationException {
    if (size > MAX_VALUE_SIZE) {
      throw new CelEvaluationException(
          "'+' would build a value of "
              + size
              + " characters, bytes or items; the limit is "
              + MAX_VALUE_SIZE);
    }
    long[] built = BUILT.get();
    built[0] += size;
    if (built[0] > MAX_BUILT_PER_EVALUATION) {
      throw new CelEvaluationException(
          "the expression built more than "
              + MAX_BUILT_PER_EVALUATION
              + " characters, bytes or list items for one record (the limit per record)");
    }
  }

  private static long size(Object value) {
    return switch (value) {
      case String s -> s.length();
      case List<?> l -> l.size();
      case ByteString b -> b.size();
      case CelByteString b -> b.size();
      case null, default -> 0;
    };
  }
}
