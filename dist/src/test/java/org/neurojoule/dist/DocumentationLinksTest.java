package org.neurojoule.dist;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The documentation's links lead somewhere, and the README stays an overview. */
class DocumentationLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#+ (.*)$");

  @Test
  void everyRelativeLinkNamesAFileAndAHeadingThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : MarkdownBlocks.files()) {
      for (String target : links(page)) {
        if (target.matches("^[a-z]+:.*")) {
          continue;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(linked)) {
          broken.add(Docs.root().relativize(page) + ": no file " + target);
        } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
          broken.add(Docs.root().relativize(page) + ": no heading " + target);
        }
      }
    }
    assertWithMessage(String.join("\n", broken)).that(broken).isEmpty();
  }

  @Test
  void readmeIsAtMostThreeHundredLines() throws IOException {
    List<String> lines = Files.readAllLines(Docs.root().resolve("README.md"));
    assertWithMessage(
            "README.md has %s lines; move the details to a page under docs/", lines.size())
        .that(lines.size())
        .isAtMost(300);
  }

  private static List<String> links(Path page) throws IOException {
    List<String> links = new ArrayList<>();
    boolean code = false;
    for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        code = !code;
        continue;
      }
      if (code) {
        continue;
      }
      Matcher m = LINK.matcher(line);
      while (m.find()) {
        links.add(m.group(1));
      }
    }
    return links;
  }

  /** GitHub's anchors for a Markdown file's headings (lower case, punctuation dropped). */
  private static Set<String> anchors(Path file) throws IOException {
    Set<String> anchors = new HashSet<>();
    if (!file.toString().endsWith(".md")) {
      return anchors;
    }
    boolean code = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        code = !code;
        continue;
      }
      Matcher m = HEADING.matcher(line);
      if (!code && m.matches()) {
        anchors.add(
            m.group(1)
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
  }
}
