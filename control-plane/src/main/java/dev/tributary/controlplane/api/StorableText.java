package dev.tributary.controlplane.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text that a {@code varchar(max)} column of the catalog holds exactly as sent: at most {@code max}
 * characters (PostgreSQL counts code points, not UTF-16 units), no NUL character (U+0000), which
 * PostgreSQL refuses, and no unpaired UTF-16 surrogate (a JSON escape such as {@code \ud800}),
 * which has no UTF-8 form and which the database driver would store as '?'. Null is valid.
 */
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Constraint(validatedBy = StorableText.Check.class)
public @interface StorableText {

  /** Characters (code points) the column holds. */
  int max();

  String message() default "must be text the catalog can store";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks a value against {@link StorableText}. */
  class Check implements ConstraintValidator<StorableText, String> {

    private int max;

    @Override
    public void initialize(StorableText annotation) {
      max = annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      String problem = value == null ? null : problem(value, max);
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
      return false;
    }

    /** Why the catalog cannot store {@code text} in a column of {@code max} characters, or null. */
    public static String problem(String text, int max) {
      int characters = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        characters++;
        if (c == '\0') {
          return "holds a NUL character (U+0000) at character " + characters + "; remove it";
        }
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return "holds an unpaired UTF-16 surrogate (U+%04X) at character %d, which is no character"
              .formatted((int) c, characters);
        }
      }
      if (characters > max) {
        return "has " + characters + " characters; at most " + max + " are allowed";
      }
      return null;
    }
  }
}
