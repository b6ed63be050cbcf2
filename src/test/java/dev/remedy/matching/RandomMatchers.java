package dev.remedy.matching;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Random;

/** Random matchers and label values for property-style tests (always with a fixed seed). */
final class RandomMatchers {

  private static final List<String> NAMES =
      List.of(
          "alertname",
          "severity",
          "namespace",
          "team",
          "job",
          "a:b",
          "_x",
          "Service Name",
          "service.name",
          "1st",
          "🙂",
          "quote\"name",
          "back\\slash",
          "new\nline");

  private static final String CHARACTERS = "abcXYZ019 _-.,:;={}!~|*+?()[]^$\\\"'`\n\tüΣ🙂";

  private RandomMatchers() {}

  static Matcher anyMatcher(Random random) {
    String name = NAMES.get(random.nextInt(NAMES.size()));
    MatchType type = MatchType.values()[random.nextInt(MatchType.values().length)];
    String text = text(random, 8);
    String value =
        switch (type) {
          case EQUAL, NOT_EQUAL -> text;
          case REGEX, NOT_REGEX ->
              random.nextBoolean() ? Pattern.quote(text) : text.replaceAll("[^a-z0-9]", "") + ".*";
        };
    return Matcher.of(name, type, value);
  }

  static String text(Random random, int maxLength) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    int[] codePoints = CHARACTERS.codePoints().toArray();
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
    }
    return text.toString();
  }
}
