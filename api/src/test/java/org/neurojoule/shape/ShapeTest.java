package org.neurojoule.shape;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import org.junit.jupiter.api.Test;

class ShapeTest {

  @Test
  void of_keepsDimensionsInOrder() {
    Shape s = Shape.of(28, 27, 1);

    assertThat(s.rank()).isEqualTo(3);
    assertThat(s.toArray()).asList().containsExactly(28, 27, 1).inOrder();
    assertThat(s.get(0)).isEqualTo(28);
    assertThat(s.get(1)).isEqualTo(27);
    assertThat(s.get(-1)).isEqualTo(1);
  }

  @Test
  void of_noDimensions_isRankZero() {
    assertThat(Shape.of().rank()).isEqualTo(0);
    assertThat(Shape.of().elementCount()).hasValue(1L);
  }

  @Test
  void of_copiesItsArgument() {
    int[] dims = {4, 5};
    Shape s = Shape.of(dims);
    dims[0] = 99;

    assertThat(s).isEqualTo(Shape.of(4, 5));
  }

  @Test
  void toArray_returnsACopy() {
    Shape s = Shape.of(4, 5);
    s.toArray()[0] = 99;

    assertThat(s.get(0)).isEqualTo(4);
  }

  @Test
  void of_zeroDimension_isRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> Shape.of(28, 0, 1));

    assertThat(e).hasMessageThat().isEqualTo("dimension 1 of a shape must be > 0 or NONE, was 0");
  }

  @Test
  void of_negativeDimensionOtherThanNone_isRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> Shape.of(-2));

    assertThat(e).hasMessageThat().isEqualTo("dimension 0 of a shape must be > 0 or NONE, was -2");
    assertThrows(IllegalArgumentException.class, () -> Shape.of(3, Integer.MIN_VALUE));
  }

  @Test
  void none_isMinusOne_andMarksAnUndefinedDimension() {
    assertThat(NONE).isEqualTo(-1);
    Shape s = Shape.of(NONE, 28);

    assertThat(s.isDefined(0)).isFalse();
    assertThat(s.isDefined(1)).isTrue();
    assertThat(s.isDefined(-1)).isTrue();
    assertThat(s.isDefined(-2)).isFalse();
    assertThat(s.dimension(0)).isEmpty();
    assertThat(s.dimension(1)).hasValue(28);
    assertThat(s.get(0)).isEqualTo(NONE);
  }

  @Test
  void axisOutOfRange_throwsIndexOutOfBounds() {
    Shape s = Shape.of(2, 3);

    var e = assertThrows(IndexOutOfBoundsException.class, () -> s.get(2));
    assertThat(e).hasMessageThat().isEqualTo("axis 2 of shape 2x3");
    assertThrows(IndexOutOfBoundsException.class, () -> s.isDefined(-3));
    assertThrows(IndexOutOfBoundsException.class, () -> Shape.of().dimension(0));
  }

  @Test
  void isFullyDefined_isFalseWithAnyUndefinedDimension() {
    assertThat(Shape.of(28, 28, 1).isFullyDefined()).isTrue();
    assertThat(Shape.of().isFullyDefined()).isTrue();
    assertThat(Shape.of(28, NONE, 1).isFullyDefined()).isFalse();
  }

  @Test
  void hasLeadingTime_onlyForAnUndefinedFirstDimension() {
    assertThat(Shape.of(NONE, 28).hasLeadingTime()).isTrue();
    assertThat(Shape.of(NONE).hasLeadingTime()).isTrue();
    assertThat(Shape.of(28, NONE).hasLeadingTime()).isFalse();
    assertThat(Shape.of(5, 28).hasLeadingTime()).isFalse();
    assertThat(Shape.of().hasLeadingTime()).isFalse();
  }

  @Test
  void elementCount_isTheProductOfTheDimensions() {
    assertThat(Shape.of(28, 28, 1).elementCount()).hasValue(784L);
    assertThat(Shape.of(22, 22, 2).elementCount()).hasValue(968L);
    assertThat(Shape.of(7).elementCount()).hasValue(7L);
  }

  @Test
  void elementCount_withUndefinedDimension_isEmpty() {
    assertThat(Shape.of(NONE, 28).elementCount()).isEmpty();
    assertThat(Shape.of(28, NONE).elementCount()).isEmpty();
  }

  @Test
  void elementCount_beyondIntRange_isExact() {
    // 65536 * 65536 = 2^32, one more than fits an unsigned int.
    assertThat(Shape.of(65536, 65536).elementCount()).hasValue(4_294_967_296L);
  }

  @Test
  void elementCount_beyondLongRange_throws() {
    int max = Integer.MAX_VALUE;
    // (2^31 - 1)^3 ~ 2^93.
    assertThrows(ArithmeticException.class, () -> Shape.of(max, max, max).elementCount());
  }

  @Test
  void toString_joinsWithX_andPrintsUndefinedAsQuestionMark() {
    assertThat(Shape.of(28, 28, 1).toString()).isEqualTo("28x28x1");
    assertThat(Shape.of(NONE, 28).toString()).isEqualTo("?x28");
    assertThat(Shape.of(968).toString()).isEqualTo("968");
    assertThat(Shape.of().toString()).isEqualTo("scalar");
  }

  @Test
  void toKerasString_prependsTheBatch() {
    assertThat(Shape.of(28, 28, 1).toKerasString()).isEqualTo("(None, 28, 28, 1)");
    assertThat(Shape.of(NONE, 968).toKerasString()).isEqualTo("(None, None, 968)");
    assertThat(Shape.of(10).toKerasString()).isEqualTo("(None, 10)");
  }

  @Test
  void toKerasString_rankZero_isATupleOfOne() {
    assertThat(Shape.of().toKerasString()).isEqualTo("(None,)");
  }

  @Test
  void equality_isByDimensions() {
    assertThat(Shape.of(28, 28, 1)).isEqualTo(Shape.of(28, 28, 1));
    assertThat(Shape.of(28, 28, 1).hashCode()).isEqualTo(Shape.of(28, 28, 1).hashCode());
    assertThat(Shape.of(NONE, 4)).isEqualTo(Shape.of(NONE, 4));
    assertThat(Shape.of(28, 28, 1)).isNotEqualTo(Shape.of(28, 28));
    assertThat(Shape.of(28, 28, 1)).isNotEqualTo(Shape.of(1, 28, 28));
    assertThat(Shape.of(NONE, 4)).isNotEqualTo(Shape.of(1, 4));
    assertThat(Shape.of(4)).isNotEqualTo("4");
  }

  @Test
  void slicing_andEditing_makeNewShapes() {
    Shape s = Shape.of(NONE, 28, 28, 1);

    assertThat(s.dropFirst(1)).isEqualTo(Shape.of(28, 28, 1));
    assertThat(s.slice(1, 3)).isEqualTo(Shape.of(28, 28));
    assertThat(s.slice(2, 2)).isEqualTo(Shape.of());
    assertThat(Shape.of(28, 1).prepend(NONE)).isEqualTo(Shape.of(NONE, 28, 1));
    assertThat(Shape.of(28, 1).withLast(16)).isEqualTo(Shape.of(28, 16));
    assertThat(s).isEqualTo(Shape.of(NONE, 28, 28, 1));
  }

  @Test
  void prependAndWithLast_validateTheNewDimension() {
    assertThrows(IllegalArgumentException.class, () -> Shape.of(2).prepend(0));
    assertThrows(IllegalArgumentException.class, () -> Shape.of(2).withLast(-5));
  }
}
