package org.neurojoule.energy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps text exactly as CPython's {@code textwrap.fill} does with its default options and a
 * subsequent indent.
 *
 * <p>This is a port of {@code textwrap.TextWrapper} (CPython 3.10 and later) with {@code
 * expand_tabs}, {@code replace_whitespace}, {@code drop_whitespace}, {@code break_long_words} and
 * {@code break_on_hyphens} all on, an empty initial indent and no {@code max_lines}. Lengths are
 * counted in code points, as Python's {@code len} does.
 */
public final class TextWrap {

  /** The characters {@code textwrap} treats as whitespace: ASCII only, by design. */
  private static final String WHITESPACE = "[\\t\\n\\x0B\\x0C\\r ]";

  private static final String NO_WHITESPACE = "[^\\t\\n\\x0B\\x0C\\r ]";

  private static final String WORD_PUNCT = "[\\w!\"'&.,?]";

  private static final String LETTER = "[^\\d\\W]";

  /**
   * {@code TextWrapper.wordsep_re}, transcribed term by term so that hyphenated words split where
   * Python splits them ({@code "non-spiking"} becomes {@code "non-"}, {@code "spiking"}). Unicode
   * classes make {@code \w} and {@code \d} match what they match in a Python str pattern; Python's
   * {@code \Z} is Java's {@code \z}.
   */
  private static final Pattern WORD_SEPARATOR =
      Pattern.compile(
          "("
              // any whitespace
              + WHITESPACE
              + "+"
              // em-dash between words
              + "|(?<="
              + WORD_PUNCT
              + ")-{2,}(?=\\w)"
              // word, possibly hyphenated
              + "|"
              + NO_WHITESPACE
              + "+?(?:"
              // hyphenated word
              + "-(?:(?<="
              + LETTER
              + "{2}-)|(?<="
              + LETTER
              + "-"
              + LETTER
              + "-))(?="
              + LETTER
              + "-?"
              + LETTER
              + ")"
              // end of word
              + "|(?="
              + WHITESPACE
              + "|\\z)"
              // em-dash
              + "|(?<="
              + WORD_PUNCT
              + ")(?=-{2,}\\w)"
              + "))",
          Pattern.UNICODE_CHARACTER_CLASS);

  private static final int TAB_SIZE = 8;

  private TextWrap() {}

  /**
   * Returns Python's {@code textwrap.fill(text, width=width, subsequent_indent=subsequentIndent)}.
   *
   * <p>Lines are filled greedily; a line break may follow any whitespace run or a hyphen inside a
   * hyphenated word; words longer than a line are broken (after their last fitting hyphen if there
   * is one); whitespace at line ends, and at the start of every line but the first, is dropped.
   * Lines are joined by {@code "\n"} with no trailing newline; empty or blank text gives {@code
   * ""}.
   *
   * @param text the text to wrap
   * @param width the maximum line length, indent included; must be positive
   * @param subsequentIndent the prefix of every line after the first
   * @return the wrapped text
   * @throws IllegalArgumentException if {@code width} is not positive
   * @throws NullPointerException if {@code text} or {@code subsequentIndent} is null
   */
  public static String fill(String text, int width, String subsequentIndent) {
    if (text == null || subsequentIndent == null) {
      throw new NullPointerException("text and subsequentIndent must not be null");
    }
    if (width <= 0) {
      throw new IllegalArgumentException("invalid width " + width + " (must be > 0)");
    }
    return String.join("\n", wrapChunks(split(mungeWhitespace(text)), width, subsequentIndent));
  }

  /** Expands tabs to columns of 8 and turns every other whitespace character into a space. */
  private static String mungeWhitespace(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int column = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\t') {
        int spaces = TAB_SIZE - column % TAB_SIZE;
        out.append(" ".repeat(spaces));
        column += spaces;
      } else if (c == '\n' || c == '\r') {
        // str.expandtabs restarts the column count at either line break.
        out.append(' ');
        column = 0;
      } else if (c == 0x0B || c == 0x0C) {
        out.append(' ');
        column++;
      } else {
        out.appendCodePoint(c);
        column++;
      }
    }
    return out.toString();
  }

  /** Mirrors {@code re.split(wordsep_re, text)} with the empty strings dropped. */
  private static List<String> split(String text) {
    List<String> chunks = new ArrayList<>();
    Matcher m = WORD_SEPARATOR.matcher(text);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        chunks.add(text.substring(last, m.start()));
      }
      if (m.end() > m.start()) {
        chunks.add(m.group());
      }
      last = m.end();
    }
    if (last < text.length()) {
      chunks.add(text.substring(last));
    }
    return chunks;
  }

  /** Port of {@code TextWrapper._wrap_chunks} without {@code max_lines}. */
  private static List<String> wrapChunks(List<String> chunkList, int width, String indentAfter) {
    // The head of the deque plays the role of Python's chunks[-1] on the reversed list.
    Deque<String> chunks = new ArrayDeque<>(chunkList);
    List<String> lines = new ArrayList<>();
    while (!chunks.isEmpty()) {
      List<String> line = new ArrayList<>();
      int lineLength = 0;
      String indent = lines.isEmpty() ? "" : indentAfter;
      int available = width - length(indent);

      // Leading whitespace is kept only at the very start of the text.
      if (!lines.isEmpty() && isBlank(chunks.peekFirst())) {
        chunks.removeFirst();
      }
      while (!chunks.isEmpty() && lineLength + length(chunks.peekFirst()) <= available) {
        String chunk = chunks.removeFirst();
        line.add(chunk);
        lineLength += length(chunk);
      }
      if (!chunks.isEmpty() && length(chunks.peekFirst()) > available) {
        handleLongWord(chunks, line, lineLength, available);
      }
      if (!line.isEmpty() && isBlank(line.get(line.size() - 1))) {
        line.remove(line.size() - 1);
      }
      if (!line.isEmpty()) {
        lines.add(indent + String.join("", line));
      }
    }
    return lines;
  }

  /** Port of {@code TextWrapper._handle_long_word} with {@code break_long_words} on. */
  private static void handleLongWord(
      Deque<String> chunks, List<String> line, int lineLength, int available) {
    // At least one code point must move on each pass, even when the indent fills the line.
    int spaceLeft = available < 1 ? 1 : available - lineLength;
    String chunk = chunks.removeFirst();
    int end = spaceLeft;
    if (length(chunk) > spaceLeft) {
      // Break after the last hyphen that fits, but only if something other than hyphens
      // precedes it.
      String head = prefix(chunk, spaceLeft);
      int hyphen = head.lastIndexOf('-');
      if (hyphen > 0 && !head.substring(0, hyphen).chars().allMatch(c -> c == '-')) {
        end = head.codePointCount(0, hyphen) + 1;
      }
    }
    line.add(prefix(chunk, end));
    // Python leaves an empty chunk in place when the whole word fits; it is harmless, so do the
    // same to keep the line-breaking decisions identical.
    chunks.addFirst(chunk.substring(prefix(chunk, end).length()));
  }

  /** The first {@code n} code points of {@code s}, or all of it if shorter. */
  private static String prefix(String s, int n) {
    if (n >= length(s)) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, n));
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Python's {@code s.strip() == ""}, which uses Unicode whitespace (unlike the splitter). */
  private static boolean isBlank(String s) {
    return s.codePoints().allMatch(TextWrap::isPythonSpace);
  }

  private static boolean isPythonSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
  }
}
