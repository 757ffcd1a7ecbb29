package dev.tributary.pipeline.expr;

import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_EMPTY;
import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_SYNTAX;
import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_TOO_COSTLY;
import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_TYPE;
import static dev.tributary.pipeline.validation.ValidationCode.UNKNOWN_FIELD;
import static dev.tributary.pipeline.validation.ValidationCode.UNKNOWN_FUNCTION;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.tributary.pipeline.validation.ValidationCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type-checks and compiles CEL expressions over records. Every field of the input record is a
 * variable of its declared type; the standard functions and macros ({@code has}, {@code all},
 * {@code exists}, {@code exists_one}, {@code map}, {@code filter}) are available. Cost is bounded
 * four ways: the length of the source, how deeply it nests, the number of nodes in the checked AST,
 * and the iterations of each comprehension at run time.
 */
public final class Expressions {

  public static final int MAX_SOURCE_LENGTH = 1_000;
  public static final int MAX_NODES = 250;
  public static final int MAX_COMPREHENSION_ITERATIONS = 10_000;
  public static final int MAX_NESTING = 32;

  /** Compilers are cached per record type; bounded, because record types come from users. */
  private static final int MAX_CACHED_COMPILERS = 256;

  /**
   * Checks are cached per expression and record type: CEL builds its checker's environment of
   * standard functions anew for every check, a few milliseconds each, and the same documents are
   * validated again and again (by the API, the operator, the worker).
   */
  private static final int MAX_CACHED_CHECKS = 4_096;

  /** CEL's standard functions, for "did you mean" hints on unknown functions. */
  static final Set<String> FUNCTIONS =
      Set.of(
          "size",
          "contains",
          "startsWith",
          "endsWith",
          "matches",
          "int",
          "uint",
          "double",
          "string",
          "bool",
          "bytes",
          "dyn",
          "type",
          "timestamp",
          "duration",
          "has",
          "all",
          "exists",
          "exists_one",
          "map",
          "filter",
          "getFullYear",
          "getMonth",
          "getDayOfYear",
          "getDayOfMonth",
          "getDate",
          "getDayOfWeek",
          "getHours",
          "getMinutes",
          "getSeconds",
          "getMilliseconds");

  /** What people coming from other languages reach for, and CEL's name for it. */
  private static final Map<String, String> FUNCTION_ALIASES =
      Map.of(
          "length",
          "size",
          "len",
          "size",
          "count",
          "size",
          "includes",
          "contains",
          "match",
          "matches",
          "str",
          "string",
          "float",
          "double");

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .maxExpressionCodePointSize(MAX_SOURCE_LENGTH)
          .maxParseRecursionDepth(MAX_NESTING)
          .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
          .maxRegexProgramSize(RunBudget.MAX_PATTERN_PROGRAM)
          .enableHeterogeneousNumericComparisons(true)
          .build();

  private static final CelRuntime RUNTIME = RunBudget.runtime(OPTIONS);

  private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'");
  private static final Pattern NO_OVERLOAD =
      Pattern.compile(
          "found no matching overload for '([^']+)' applied to '(.*?)'( \\(candidates.*)?$");
  private static final Pattern MISMATCHED =
      Pattern.compile("^(?:mismatched|extraneous) input '(.*)' expecting.*$");
  private static final Pattern TOKEN = Pattern.compile("^token recognition error at: '(.*)'$");
  private static final Pattern NO_VIABLE =
      Pattern.compile("^no viable alternative at input '(.*)'$");
  private static final Map<String, String> OPERATORS =
      Map.ofEntries(
          Map.entry("_+_", "+"),
          Map.entry("_-_", "-"),
          Map.entry("_*_", "*"),
          Map.entry("_/_", "/"),
          Map.entry("_%_", "%"),
          Map.entry("_<_", "<"),
          Map.entry("_<=_", "<="),
          Map.entry("_>_", ">"),
          Map.entry("_>=_", ">="),
          Map.entry("_==_", "=="),
          Map.entry("_!=_", "!="),
          Map.entry("_&&_", "&&"),
          Map.entry("_||_", "||"),
          Map.entry("!_", "!"),
          Map.entry("-_", "-"),
          Map.entry("@in", "in"));

  private static final Map<RecordType, CelCompiler> COMPILERS = lruCache(MAX_CACHED_COMPILERS);

  private record CheckKey(String source, RecordType input) {}

  private static final Map<CheckKey, ExpressionCheck> CHECKS = lruCache(MAX_CACHED_CHECKS);

  private Expressions() {}

  /** Checks {@code source} against the fields of {@code input}. Never throws. */
  public static ExpressionCheck check(String source, RecordType input) {
    if (source == null || source.length() > MAX_SOURCE_LENGTH * 2) {
      return uncachedCheck(source, input);
    }
    CheckKey key = new CheckKey(source, input);
    ExpressionCheck cached = CHECKS.get(key);
    if (cached != null) {
      return cached;
    }
    ExpressionCheck checked = uncachedCheck(source, input);
    CHECKS.put(key, checked);
    return checked;
  }

  private static ExpressionCheck uncachedCheck(String source, RecordType input) {
    if (source == null || source.isBlank()) {
      return failed(source, EXPRESSION_EMPTY, "expression is empty");
    }
    int length = source.codePointCount(0, source.length());
    if (length > MAX_SOURCE_LENGTH) {
      return failed(
          source,
          EXPRESSION_TOO_COSTLY,
          "expression has "
              + length
              + " characters; the limit is "
              + MAX_SOURCE_LENGTH
              + " (split it into several steps)");
    }
    CelAbstractSyntaxTree ast;
    try {
      CelValidationResult result = compiler(input).compile(source);
      if (result.hasError()) {
        return new ExpressionCheck(
            source, null, null, List.copyOf(problems(source, result.getErrors(), input)));
      }
      ast = result.getAst();
    } catch (Exception | StackOverflowError e) {
      // CEL guards deep nesting with exceptions in some versions; report, never throw.
      return describe(e).contains("recursion limit exceeded")
          ? failed(
              source,
              EXPRESSION_TOO_COSTLY,
              "expression nests more than "
                  + MAX_NESTING
                  + " levels deep; split it into several steps")
          : failed(source, EXPRESSION_SYNTAX, "syntax error: " + describe(e));
    }
    long nodes = CelNavigableAst.fromAst(ast).getRoot().allNodes().count();
    if (nodes > MAX_NODES) {
      return failed(
          source,
          EXPRESSION_TOO_COSTLY,
          "expression has "
              + nodes
              + " nodes; the limit is "
              + MAX_NODES
              + " (split it into several steps)");
    }
    List<ExpressionCheck.Problem> patterns = patternProblems(ast);
    if (!patterns.isEmpty()) {
      return new ExpressionCheck(source, null, null, patterns);
    }
    return new ExpressionCheck(source, ast, FieldType.of(ast.getResultType()), List.of());
  }

  /**
   * The literal patterns of {@code matches} calls, compiled now so that a pattern RE2 cannot run (a
   * back-reference, a look-around, a syntax error, a program over the size limit) is refused with
   * the document rather than failing every record. A pattern taken from a record's fields is
   * checked the same way when the record is evaluated.
   */
  private static List<ExpressionCheck.Problem> patternProblems(CelAbstractSyntaxTree ast) {
    List<ExpressionCheck.Problem> problems = new ArrayList<>();
    CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .map(CelNavigableExpr::expr)
        .filter(e -> e.getKind() == CelExpr.ExprKind.Kind.CALL)
        .map(CelExpr::call)
        .filter(call -> call.function().equals("matches") && !call.args().isEmpty())
        .map(call -> call.args().get(call.args().size() - 1))
        .filter(pattern -> pattern.getKind() == CelExpr.ExprKind.Kind.CONSTANT)
        .filter(pattern -> pattern.constant().getKind() == CelConstant.Kind.STRING_VALUE)
        .map(pattern -> pattern.constant().stringValue())
        .distinct()
        .forEach(
            regex -> {
              ExpressionCheck.Problem problem = RunBudget.patternProblem(regex);
              if (problem != null) {
                problems.add(
                    new ExpressionCheck.Problem(
                        problem.code(), problem.message() + " in '" + regex + "'"));
              }
            });
    return problems;
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
    CelCompiler cached = COMPILERS.get(input);
    if (cached != null) {
      return cached;
    }
    // Built outside the cache's lock: two threads may build the same compiler once, but no
    // thread waits for another's.
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
    input.fields().forEach((name, fieldType) -> builder.addVar(name, fieldType.celType()));
    CelCompiler compiler = builder.build();
    COMPILERS.put(input, compiler);
    return compiler;
  }

  private static List<ExpressionCheck.Problem> problems(
      String source, List<CelIssue> issues, RecordType input) {
    List<ExpressionCheck.Problem> problems = new ArrayList<>();
    boolean syntax = false;
    for (CelIssue issue : issues) {
      if (issue.getMessage().contains("*error*") && issues.size() > 1) {
        // A type error about an operand that already has an error of its own.
        continue;
      }
      ExpressionCheck.Problem problem = problem(source, issue, input);
      // One syntax error usually drags others after it; the first is the one to fix.
      if (problem.code() == EXPRESSION_SYNTAX) {
        if (syntax) {
          continue;
        }
        syntax = true;
      }
      problems.add(problem);
    }
    return problems;
  }

  private static ExpressionCheck.Problem problem(String source, CelIssue issue, RecordType input) {
    String message = issue.getMessage();
    String at = at(issue);
    Matcher undeclared = UNDECLARED.matcher(message);
    if (undeclared.find()) {
      String name = undeclared.group(1);
      if (isCall(source, issue)) {
        Set<String> known = new HashSet<>(FUNCTIONS);
        known.addAll(FUNCTION_ALIASES.keySet());
        String hint =
            Suggestions.closest(name, known)
                .map(s -> FUNCTION_ALIASES.getOrDefault(s, s))
                .or(() -> Optional.ofNullable(FUNCTION_ALIASES.get(name)))
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("");
        // CEL points at the call's parenthesis; the reader looks for the function's name.
        return new ExpressionCheck.Problem(
            UNKNOWN_FUNCTION, "unknown function '" + name + "'" + hint + at(issue, name.length()));
      }
      return new ExpressionCheck.Problem(
          UNKNOWN_FIELD, "unknown field '" + name + "'" + hint(name, input.names()) + at);
    }
    if (message.contains("recursion limit exceeded")) {
      return new ExpressionCheck.Problem(
          EXPRESSION_TOO_COSTLY,
          "expression nests more than "
              + MAX_NESTING
              + " levels deep (a long chain of operators"
              + " nests too); split it into several steps"
              + at);
    }
    Matcher overload = NO_OVERLOAD.matcher(message);
    if (overload.find()) {
      return new ExpressionCheck.Problem(
          EXPRESSION_TYPE, overload(overload.group(1), overload.group(2)) + at);
    }
    Matcher mismatched = MISMATCHED.matcher(message);
    if (mismatched.matches()) {
      String token = mismatched.group(1);
      return new ExpressionCheck.Problem(
          EXPRESSION_SYNTAX,
          token.equals("<EOF>")
              ? "syntax error: the expression ends too early" + at
              : "syntax error: unexpected '" + token + "'" + at);
    }
    Matcher unreadable = TOKEN.matcher(message);
    if (unreadable.matches()) {
      return new ExpressionCheck.Problem(
          EXPRESSION_SYNTAX, "syntax error: cannot read '" + unreadable.group(1) + "'" + at);
    }
    Matcher noViable = NO_VIABLE.matcher(message);
    if (noViable.matches()) {
      return new ExpressionCheck.Problem(
          EXPRESSION_SYNTAX, "syntax error: cannot read '" + noViable.group(1) + "'" + at);
    }
    if (issue.getExprId() <= 0 || message.startsWith("Syntax error")) {
      // Issues without an expression come from the parser.
      return new ExpressionCheck.Problem(EXPRESSION_SYNTAX, "syntax error: " + message + at);
    }
    return new ExpressionCheck.Problem(EXPRESSION_TYPE, message + at);
  }

  /** "found no matching overload" in the words of the expression rather than of CEL's internals. */
  private static String overload(String function, String arguments) {
    String args = typeNames(arguments);
    String operator = OPERATORS.get(function);
    if (operator != null) {
      String operands = strip(args).replace(", ", " and ");
      String message = "operator '" + operator + "' cannot be applied to " + operands;
      if ((operator.equals("==") || operator.equals("!="))
          && operands.contains("int")
          && operands.contains("double")) {
        message += "; convert one side with double(…) or int(…)";
      }
      return message;
    }
    return switch (function) {
      case "_[_]" -> "cannot index " + strip(args).replaceFirst(", ", " with ");
      case "_?_:_" ->
          "a conditional needs a bool condition and two branches of the same type, got "
              + strip(args);
      default -> {
        int dot = args.indexOf(".(");
        yield dot > 0
            ? "function '"
                + function
                + "' of "
                + args.substring(0, dot)
                + " cannot take "
                + describeArgs(strip(args.substring(dot + 1)))
            : "function '" + function + "' cannot take " + describeArgs(strip(args));
      }
    };
  }

  private static String describeArgs(String args) {
    return args.isEmpty() ? "no arguments" : args;
  }

  private static String strip(String parenthesized) {
    return parenthesized.startsWith("(") && parenthesized.endsWith(")")
        ? parenthesized.substring(1, parenthesized.length() - 1)
        : parenthesized;
  }

  /** CEL's type names ({@code list(string)}, {@code dyn}) as the language writes them. */
  static String typeNames(String cel) {
    StringBuilder out = new StringBuilder();
    List<Boolean> generic = new ArrayList<>();
    int i = 0;
    while (i < cel.length()) {
      if (cel.startsWith("list(", i) || cel.startsWith("map(", i)) {
        int open = cel.indexOf('(', i);
        out.append(cel, i, open).append('<');
        generic.add(true);
        i = open + 1;
      } else if (cel.charAt(i) == '(') {
        out.append('(');
        generic.add(false);
        i++;
      } else if (cel.charAt(i) == ')') {
        boolean closesGeneric = !generic.isEmpty() && generic.remove(generic.size() - 1);
        out.append(closesGeneric ? '>' : ')');
        i++;
      } else if (cel.startsWith("dyn", i) && !Character.isLetterOrDigit(after(cel, i + 3))) {
        out.append("any");
        i += 3;
      } else {
        out.append(cel.charAt(i));
        i++;
      }
    }
    return out.toString().replace("map<string, ", "map<string,");
  }

  private static char after(String text, int index) {
    return index < text.length() ? text.charAt(index) : ' ';
  }

  /** CEL points at the opening parenthesis of a call. */
  private static boolean isCall(String source, CelIssue issue) {
    int offset = offset(source, issue);
    return offset >= 0 && offset < source.length() && source.charAt(offset) == '(';
  }

  private static int offset(String source, CelIssue issue) {
    int line = issue.getSourceLocation().getLine();
    int column = issue.getSourceLocation().getColumn();
    if (line < 1 || column < 0) {
      return -1;
    }
    int offset = 0;
    for (int l = 1; l < line; l++) {
      int newline = source.indexOf('\n', offset);
      if (newline < 0) {
        return -1;
      }
      offset = newline + 1;
    }
    return source.offsetByCodePoints(
        offset, Math.min(column, source.codePointCount(offset, source.length())));
  }

  private static String hint(String name, Set<String> known) {
    return Suggestions.closest(name, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  private static String at(CelIssue issue) {
    return at(issue, 0);
  }

  private static String at(CelIssue issue, int back) {
    int line = issue.getSourceLocation().getLine();
    int column = Math.max(0, issue.getSourceLocation().getColumn() - back);
    if (issue.getSourceLocation().getColumn() < 0) {
      return "";
    }
    return line > 1
        ? " at line " + line + ", column " + (column + 1)
        : " at column " + (column + 1);
  }

  private static <K, V> Map<K, V> lruCache(int capacity) {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        });
  }

  private static ExpressionCheck failed(String source, ValidationCode code, String message) {
    return new ExpressionCheck(
        source, null, null, List.of(new ExpressionCheck.Problem(code, message)));
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
