package dev.tributary.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldTypeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "string",
        "int",
        "double",
        "bool",
        "timestamp",
        "bytes",
        "any",
        "list<string>",
        "map<string,int>",
        "list<map<string,list<double>>>"
      })
  void everyTypeOfTheLanguageParsesToItsOwnName(String declared) {
    assertThat(FieldType.parse(declared))
        .hasValueSatisfying(t -> assertThat(t.name()).isEqualTo(declared));
  }

  @Test
  void timestampIsAnIntOfEpochMillisecondsInExpressions() {
    FieldType timestamp = FieldType.parse("timestamp").orElseThrow();

    assertThat(timestamp.celType()).isEqualTo(SimpleType.INT);
    assertThat(timestamp.isNumeric()).isTrue();
  }

  @Test
  void spacesInsideATypeAreIgnored() {
    assertThat(FieldType.parse("map< string , list< int > >"))
        .hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("map<string,list<int>>"));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "decimal",
        "Timestamp",
        "list<>",
        "list<int",
        "map<int,string>",
        "map<string>",
        "set<int>"
      })
  void textThatIsNotATypeParsesToNothing(String declared) {
    assertThat(FieldType.parse(declared)).isEmpty();
  }

  @Test
  void typesNestingDeeperThanTheLimitAreRefused() {
    String deepest =
        "list<".repeat(FieldType.MAX_NESTING) + "int" + ">".repeat(FieldType.MAX_NESTING);
    String tooDeep = "list<" + deepest + ">";

    assertThat(FieldType.parse(deepest)).isPresent();
    assertThat(FieldType.parse(tooDeep)).isEmpty();
    assertThat(FieldType.parse("list<".repeat(100_000) + "int" + ">".repeat(100_000))).isEmpty();
  }

  @Test
  void typeOfAnExpressionResultIsNamedLikeADeclaration() {
    FieldType list = FieldType.of(ListType.create(SimpleType.STRING));

    assertThat(list.name()).isEqualTo("list<string>");
    assertThat(list.celType().kind()).isEqualTo(CelKind.LIST);
    assertThat(FieldType.of(SimpleType.DYN).name()).isEqualTo("any");
  }
}
