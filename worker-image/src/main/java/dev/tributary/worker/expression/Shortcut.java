package dev.tributary.worker.expression;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.worker.record.Projection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The common, well-typed case of a simple expression, computed in Java without CEL: a field
 * reference ({@code amount}), a comparison of a field with a literal or another field ({@code
 * amount >= 50.0}, {@code country != homeCountry}), and {@code &&}, {@code ||} and {@code !} of
 * those. A shortcut answers only when every value it reads is a plain string, int, double or bool
 * for which its result is certainly CEL's; for anything else (a null or absent field, a NaN, a zero
 * whose sign CEL might weigh, values of different kinds) it says {@link #UNDECIDED}, and the caller
 * asks CEL. So the two paths cannot disagree; {@code ShortcutTest} runs both over the same records
 * to show it.
 */
abstract sealed class Shortcut {

  /** The shortcut cannot tell; CEL must evaluate the expression. */
  static final Object UNDECIDED = new Object();

  /** 2^53: the longs of at most this magnitude are exact as doubles. */
  private static final long EXACT_AS_DOUBLE = 1L << 53;

  /** The expression's value for this record, or {@link #UNDECIDED}. */
  abstract Object apply(Map<String, Object> record);

  /** The shortcut of an expression, if it has one. */
  static Optional<Shortcut> of(CelExpr expr, RecordType scope) {
    return Optional.ofNullable(shortcut(expr, scope));
  }

  private static Shortcut shortcut(CelExpr expr, RecordType scope) {
    return switch (expr.getKind()) {
      case IDENT -> scope.has(expr.ident().name()) ? new Field(expr.ident().name()) : null;
      case CALL -> call(expr.call(), scope);
      default -> null;
    };
  }

  private static Shortcut call(CelExpr.CelCall call, RecordType scope) {
    if (call.target().isPresent()) {
      return null;
    }
    List<CelExpr> args = call.args();
    String function = call.function();
    if (function.equals("!_") && args.size() == 1) {
      Shortcut operand = shortcut(args.get(0), scope);
      return operand == null ? null : new Not(operand);
    }
    if (args.size() != 2) {
      return null;
    }
    if (function.equals("_&&_") || function.equals("_||_")) {
      Shortcut left = shortcut(args.get(0), scope);
      Shortcut right = shortcut(args.get(1), scope);
      if (left == null || right == null) {
        return null;
      }
      return function.equals("_&&_") ? new And(left, right) : new Or(left, right);
    }
    Comparison.Operator operator = Comparison.Operator.of(function);
    Operand left = operand(args.get(0), scope);
    Operand right = operand(args.get(1), scope);
    if (operator == null || left == null || right == null) {
      return null;
    }
    return new Comparison(operator, left, right);
  }

  /** A field, or a literal string, int, double or bool. */
  private static Operand operand(CelExpr expr, RecordType scope) {
    if (expr.getKind() == CelExpr.ExprKind.Kind.IDENT && scope.has(expr.ident().name())) {
      Projection.Field field = new Projection.Field(expr.ident().name());
      return field::get;
    }
    if (expr.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
      return null;
    }
    CelConstant constant = expr.constant();
    Object value =
        switch (constant.getKind()) {
          case STRING_VALUE -> constant.stringValue();
          case INT64_VALUE -> constant.int64Value();
          case DOUBLE_VALUE -> constant.doubleValue();
          case BOOLEAN_VALUE -> constant.booleanValue();
          default -> null;
        };
    return value == null ? null : record -> value;
  }

  @FunctionalInterface
  private interface Operand {
    Object value(Map<String, Object> record);
  }

  private static boolean isPlain(Object value) {
    return value instanceof String
        || value instanceof Long
        || value instanceof Double
        || value instanceof Boolean;
  }

  /** A field's value as CEL would give it back, when that value is plain. */
  static final class Field extends Shortcut {
    private final Projection.Field field;

    Field(String name) {
      this.field = new Projection.Field(name);
    }

    @Override
    Object apply(Map<String, Object> record) {
      Object value = field.get(record);
      return isPlain(value) ? value : UNDECIDED;
    }
  }

  /** {@code ==}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}. */
  static final class Comparison extends Shortcut {

    enum Operator {
      EQ,
      NE,
      LT,
      LE,
      GT,
      GE;

      static Operator of(String function) {
        return switch (function) {
          case "_==_" -> EQ;
          case "_!=_" -> NE;
          case "_<_" -> LT;
          case "_<=_" -> LE;
          case "_>_" -> GT;
          case "_>=_" -> GE;
          default -> null;
        };
      }

      boolean isEquality() {
        return this == EQ || this == NE;
      }

      boolean holds(int comparison) {
        return switch (this) {
          case EQ -> comparison == 0;
          case NE -> comparison != 0;
          case LT -> comparison < 0;
          case LE -> comparison <= 0;
          case GT -> comparison > 0;
          case GE -> comparison >= 0;
        };
      }
    }

    private final Operator operator;
    private final Operand left;
    private final Operand right;

    Comparison(Operator operator, Operand left, Operand right) {
      this.operator = operator;
      this.left = left;
      this.right = right;
    }

    @Override
    Object apply(Map<String, Object> record) {
      Object a = left.value(record);
      Object b = right.value(record);
      return switch (a) {
        case String s when b instanceof String t && operator.isEquality() ->
            operator.holds(s.equals(t) ? 0 : 1);
        case Boolean x when b instanceof Boolean y && operator.isEquality() ->
            operator.holds(x.equals(y) ? 0 : 1);
        case Long x when b instanceof Long y -> operator.holds(Long.compare(x, y));
        case Double x when b instanceof Double y && ordinary(x) && ordinary(y) ->
            operator.holds(Double.compare(x, y));
        // int and double compare by value in CEL (heterogeneous comparisons); exactly so here
        // when the int is exact as a double. Equality of the two is CEL's to decide.
        case Double x
            when b instanceof Long y && !operator.isEquality() && ordinary(x) && exact(y) ->
            operator.holds(Double.compare(x, (double) y));
        case Long x
            when b instanceof Double y && !operator.isEquality() && ordinary(y) && exact(x) ->
            operator.holds(Double.compare((double) x, y));
        case null, default -> UNDECIDED;
      };
    }

    /** Neither NaN nor a zero, whose sign Java's comparison would weigh and CEL's might not. */
    private static boolean ordinary(double d) {
      return d == d && d != 0.0;
    }

    private static boolean exact(long l) {
      return l <= EXACT_AS_DOUBLE && l >= -EXACT_AS_DOUBLE;
    }
  }

  /**
   * {@code &&} of two bools. CEL's {@code &&} is also false when one side is false and the other an
   * error or unknown, but it fails when a side is some other value (a string in a field of type
   * any): those cases are CEL's to decide.
   */
  static final class And extends Shortcut {
    private final Shortcut left;
    private final Shortcut right;

    And(Shortcut left, Shortcut right) {
      this.left = left;
      this.right = right;
    }

    @Override
    Object apply(Map<String, Object> record) {
      if (left.apply(record) instanceof Boolean a && right.apply(record) instanceof Boolean b) {
        return a && b;
      }
      return UNDECIDED;
    }
  }

  /** {@code ||} of two bools; as for {@code &&}, anything else is CEL's to decide. */
  static final class Or extends Shortcut {
    private final Shortcut left;
    private final Shortcut right;

    Or(Shortcut left, Shortcut right) {
      this.left = left;
      this.right = right;
    }

    @Override
    Object apply(Map<String, Object> record) {
      if (left.apply(record) instanceof Boolean a && right.apply(record) instanceof Boolean b) {
        return a || b;
      }
      return UNDECIDED;
    }
  }

  static final class Not extends Shortcut {
    private final Shortcut operand;

    Not(Shortcut operand) {
      this.operand = operand;
    }

    @Override
    Object apply(Map<String, Object> record) {
      Object value = operand.apply(record);
      return value instanceof Boolean b ? !b : UNDECIDED;
    }
  }

  /** An expression that reads no field: its value, computed once by CEL. */
  static final class Constant extends Shortcut {
    private final Object value;

    Constant(Object value) {
      this.value = value;
    }

    @Override
    Object apply(Map<String, Object> record) {
      return value;
    }
  }
}
