package dev.tributary.pipeline.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type-checks and compiles CEL expressions over records. Every field of the input record is a
 * variable of its declared type. Cost is bounded three ways: the length of the source, the
 * number of nodes in the checked AST, and the iterations of comprehensions at run time.
 */
public final class Expressions {

  public static final int MAX_SOURCE_LENGTH = 1_000;
  public static final int MAX_NODES = 250;
  public static final int MAX_COMPREHENSION_ITERATIONS = 10_000;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .maxExpressionCodePointSize(MAX_SOURCE_LENGTH)
          .maxParseRecursionDepth(32)
          .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
          .enableHeterogeneousNumericComparisons(true)
          .build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

  private static final Pattern UNDECLARED =
      Pattern.compile("undeclared reference to '([^']+)'");

  private static final Map<RecordType, CelCompiler> COMPILERS = new ConcurrentHashMap<>();

  private Expressions() {}

  /** Checks {@code source} against the fields of {@code input}. Never throws. */
  public static ExpressionCheck check(String source, RecordType input) {
    List<ExpressionCheck.Problem> problems = new ArrayList<>();
    if (source == null || source.isBlank()) {
      problems.add(new ExpressionCheck.Problem("expression-empty", "expression is empty"));
      return new ExpressionCheck(source, null, null, problems);
    }
    if (source.codePointCount(0, source.length()) > MAX_SOURCE_LENGTH) {
      problems.add(
          new ExpressionCheck.Problem(
              "expression-too-costly",
              "expression is longer than " + MAX_SOURCE_LENGTH + " characters"));
      return new ExpressionCheck(source, null, null, problems);
    }
    CelValidationResult result;
    try {
      result = compiler(input).compile(source);
    } catch (RuntimeException e) {
      // CEL's parser guards deep nesting with exceptions in some versions; report, never throw.
      problems.add(new ExpressionCheck.Problem("expression-syntax", describe(e)));
      return new ExpressionCheck(source, null, null, problems);
    }
    if (result.hasError()) {
      for (CelIssue issue : result.getErrors()) {
        problems.add(problem(issue, input));
      }
      return new ExpressionCheck(source, null, null, problems);
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = result.getAst();
    } catch (Exception e) {
      problems.add(new ExpressionCheck.Problem("expression-syntax", describe(e)));
      return new ExpressionCheck(source, null, null, problems);
    }
    long nodes = CelNavigableAst.fromAst(ast).getRoot().allNodes().count();
    if (nodes > MAX_NODES) {
      problems.add(
          new ExpressionCheck.Problem(
              "expression-too-costly",
              "expression has " + nodes + " nodes; the limit is " + MAX_NODES
                  + " (split it into several steps)"));
      return new ExpressionCheck(source, null, null, problems);
    }
    return new ExpressionCheck(source, ast, FieldType.of(ast.getResultType()), problems);
  }

  /** Makes a program of a checked expression. */
  public static CompiledExpression compile(ExpressionCheck checked) {
    if (!checked.ok()) {
      throw new IllegalArgumentException(
          "expression '" + checked.source() + "' has problems: " + checked.problems());
    }
    try {
      return new CompiledExpression(
          checked.source(), RUNTIME.createProgram(checked.ast()), checked.resultType());
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("a checked expression did not compile: " + e, e);
    }
  }

  /** Checks and compiles; for callers that hold a validated pipeline. */
  public static CompiledExpression compile(String source, RecordType input) {
    return compile(check(source, input));
  }

  private static CelCompiler compiler(RecordType input) {
    return COMPILERS.computeIfAbsent(
        input,
        type -> {
          CelCompilerBuilder builder =
              CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS);
          type.fields().forEach((name, fieldType) -> builder.addVar(name, fieldType.celType()));
          return builder.build();
        });
  }

  private static ExpressionCheck.Problem problem(CelIssue issue, RecordType input) {
    String message = issue.getMessage();
    Matcher undeclared = UNDECLARED.matcher(message);
    if (undeclared.find()) {
      String name = undeclared.group(1);
      String hint = Suggestions.closest(name, input.names()).map(s -> " (did you mean '" + s + "'?)")
          .orElse("");
      return new ExpressionCheck.Problem(
          "unknown-field", "unknown field '" + name + "'" + hint + at(issue));
    }
    String code = message.contains("found no matching overload") ? "expression-type"
        : message.startsWith("Syntax error") || message.contains("mismatched input")
            || message.contains("extraneous input") || message.contains("token recognition")
            ? "expression-syntax"
            : "expression-type";
    return new ExpressionCheck.Problem(code, message + at(issue));
  }

  private static String at(CelIssue issue) {
    int column = issue.getSourceLocation().getColumn();
    return column >= 0 ? " at column " + (column + 1) : "";
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
