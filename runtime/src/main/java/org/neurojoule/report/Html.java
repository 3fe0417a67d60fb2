package org.neurojoule.report;

import java.util.Objects;

/**
 * Builds XHTML that is also valid HTML: every text and attribute value escaped, every element
 * closed, void elements self-closed. Names come from users and model files, so nothing given is
 * ever written raw except through {@link #raw}.
 */
public final class Html {
  private final StringBuilder out = new StringBuilder();

  /**
   * {@return {@code s} safe as XML text or a quoted attribute value} The five XML specials become
   * entities; characters XML 1.0 forbids (most controls, lone surrogates) become U+FFFD.
   *
   * @param s any text
   */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(++i));
          } else if (allowed(c)) {
            b.append(c);
          } else {
            b.append('\uFFFD');
          }
        }
      }
    }
    return b.toString();
  }

  private static boolean allowed(char c) {
    return c == '\t'
        || c == '\n'
        || c == '\r'
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD);
  }

  /**
   * Opens an element.
   *
   * @param tag the element name, a constant of the caller
   * @param attributes name, value pairs; a {@code null} value leaves the attribute out
   * @return this
   */
  public Html open(String tag, String... attributes) {
    out.append('<').append(tag);
    attributes(attributes);
    out.append('>');
    return this;
  }

  /**
   * Closes an element.
   *
   * @param tag the element name
   * @return this
   */
  public Html close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /**
   * Writes an element with escaped text in it.
   *
   * @param tag the element name
   * @param text its content, escaped
   * @param attributes name, value pairs
   * @return this
   */
  public Html element(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /**
   * Writes a self-closed element: a void HTML element ({@code meta}) or an empty SVG one.
   *
   * @param tag the element name
   * @param attributes name, value pairs
   * @return this
   */
  public Html empty(String tag, String... attributes) {
    out.append('<').append(tag);
    attributes(attributes);
    out.append("/>");
    return this;
  }

  /**
   * Writes escaped text.
   *
   * @param text any text
   * @return this
   */
  public Html text(String text) {
    out.append(escape(Objects.requireNonNull(text, "text == null")));
    return this;
  }

  /**
   * Writes markup as it is: only for markup this package built, never for given names.
   *
   * @param markup well-formed markup
   * @return this
   */
  public Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /**
   * Starts a new line, to keep the file readable.
   *
   * @return this
   */
  public Html newline() {
    out.append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void attributes(String[] attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        out.append(' ')
            .append(attributes[i])
            .append("=\"")
            .append(escape(attributes[i + 1]))
            .append('"');
      }
    }
  }
}
