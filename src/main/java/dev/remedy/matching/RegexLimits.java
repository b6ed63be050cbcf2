package dev.remedy.matching;

import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's limits on what a regex may expand to, which RE2/J does not check: without them a short regex
 * such as {@code ((a{1000}){1000}){1000}} expands to 10⁹ instructions and exhausts the heap while
 * compiling, and deep nesting overflows the stack. Checked on the text before RE2/J compiles it, by
 * a scan that only needs to understand valid regexes (RE2/J reports the invalid ones):
 *
 * <ul>
 *   <li>nested counted repetitions multiply to at most {@value #MAX_REPEAT}, as in Go ({@code
 *       invalid repeat count});
 *   <li>at most {@value #MAX_NESTING} nested groups ({@code expression nests too deeply}; Go's
 *       limit is on the height of the parsed tree, which is usually reached first);
 *   <li>at most {@value #MAX_SIZE} characters once counted repetitions are expanded ({@code x{3}}
 *       counts 3, an escape or a character class 1): {@code expression too large}. Go's limit is
 *       higher (about 3 million instructions), but no real matcher comes near this one, and it
 *       bounds what a workflow file can make the service allocate.
 * </ul>
 */
final class RegexLimits {

  static final int MAX_REPEAT = 1000;
  static final int MAX_NESTING = 1000;
  static final int MAX_SIZE = 100_000;

  static final String TOO_DEEP = "expression nests too deeply";
  static final String TOO_LARGE = "expression too large";
  private static final String BAD_REPEAT = "invalid repeat count";

  private RegexLimits() {}

  /** The group being read: its size so far and the largest repetition product inside it. */
  private static final class Group {
    long size;
    long repeat = 1;
  }

  /** The limit {@code regex} exceeds, as the syntax error Go reports, or null. */
  static PatternSyntaxException check(String regex) {
    Deque<Group> open = new ArrayDeque<>();
    Group group = new Group();
    // what a repetition operator would repeat: the last atom or group, or nothing (-1)
    long lastSize = -1;
    long lastRepeat = 1;
    int n = regex.length();
    int i = 0;
    while (i < n) {
      char c = regex.charAt(i);
      int end;
      switch (c) {
        case '\\' -> {
          boolean quote = regex.startsWith("\\Q", i);
          end = quote ? quoteEnd(regex, i) : escapeEnd(regex, i);
          group.size += quote ? Math.max(end - i - 4, 1) : 1;
          lastSize = 1;
          lastRepeat = 1;
        }
        case '[' -> {
          end = classEnd(regex, i);
          group.size += 1;
          lastSize = 1;
          lastRepeat = 1;
        }
        case '(' -> {
          end = groupStart(regex, i);
          if (end < 0) { // (?flags): not a group
            end = -end;
          } else {
            open.push(group);
            if (open.size() > MAX_NESTING) {
              return new PatternSyntaxException(TOO_DEEP, regex);
            }
            group = new Group();
          }
          lastSize = -1;
        }
        case ')' -> {
          end = i + 1;
          if (!open.isEmpty()) {
            Group inner = group;
            group = open.pop();
            group.size += inner.size;
            group.repeat = Math.max(group.repeat, inner.repeat);
            lastSize = inner.size;
            lastRepeat = inner.repeat;
          }
        }
        case '|', '*', '+', '?' -> {
          end = i + 1;
          lastSize = -1;
        }
        case '{' -> {
          long[] repeat = repeat(regex, i);
          if (repeat == null) { // a literal {
            end = i + 1;
            group.size += 1;
            lastSize = 1;
            lastRepeat = 1;
            break;
          }
          end = (int) repeat[2];
          long min = repeat[0];
          long max = repeat[1];
          if (lastSize >= 0 && min <= MAX_REPEAT && max <= MAX_REPEAT) { // else RE2/J refuses it
            long counted = max >= 0 ? max : min; // Go's rule
            long product = lastRepeat * Math.max(counted, 1);
            if (product > MAX_REPEAT) {
              return new PatternSyntaxException(BAD_REPEAT, regex.substring(i, end));
            }
            long copies = max >= 0 ? max : Math.max(min, 1);
            group.size += lastSize * (copies - 1);
            group.repeat = Math.max(group.repeat, product);
          }
          lastSize = -1;
        }
        default -> {
          end = i + Character.charCount(regex.codePointAt(i));
          group.size += 1;
          lastSize = 1;
          lastRepeat = 1;
        }
      }
      i = end;
    }
    long size = group.size;
    for (Group outer : open) {
      size += outer.size;
    }
    return size > MAX_SIZE ? new PatternSyntaxException(TOO_LARGE, regex) : null;
  }

  /**
   * The end of the escape at {@code i}: {@code \d}, {@code \pL}, {@code \p{Greek}}, {@code \x{41}}.
   */
  private static int escapeEnd(String regex, int i) {
    int n = regex.length();
    if (i + 1 >= n) {
      return n;
    }
    char c = regex.charAt(i + 1);
    if ((c == 'p' || c == 'P' || c == 'x') && i + 2 < n && regex.charAt(i + 2) == '{') {
      int close = regex.indexOf('}', i + 3);
      return close < 0 ? n : close + 1;
    }
    return i + 1 + Character.charCount(regex.codePointAt(i + 1));
  }

  /** The end of {@code \Q…\E} at {@code i} (to the end of the regex without {@code \E}). */
  private static int quoteEnd(String regex, int i) {
    int close = regex.indexOf("\\E", i + 2);
    return close < 0 ? regex.length() : close + 2;
  }

  /** The end of the character class at {@code i}: {@code [^]a-z[:digit:]\]]}. */
  private static int classEnd(String regex, int i) {
    int n = regex.length();
    int j = i + 1;
    if (j < n && regex.charAt(j) == '^') {
      j++;
    }
    boolean first = true;
    while (j < n) {
      char c = regex.charAt(j);
      if (c == ']' && !first) {
        return j + 1;
      }
      first = false;
      if (regex.startsWith("[:", j) && regex.indexOf(":]", j + 2) >= 0) {
        j = regex.indexOf(":]", j + 2) + 2;
      } else if (c == '\\') {
        j = escapeEnd(regex, j);
      } else {
        j++;
      }
    }
    return n;
  }

  /**
   * The end of the opening of the group at {@code i}: {@code (}, {@code (?:}, {@code (?i:}, {@code
   * (?P<name>}, {@code (?<name>}; negative for flags alone, {@code (?i)}, which open no group.
   */
  private static int groupStart(String regex, int i) {
    int n = regex.length();
    if (!regex.startsWith("(?", i)) {
      return i + 1;
    }
    if (regex.startsWith("(?P<", i) || regex.startsWith("(?<", i)) {
      int close = regex.indexOf('>', i);
      return close < 0 ? n : close + 1;
    }
    int j = i + 2;
    while (j < n && "imsU-".indexOf(regex.charAt(j)) >= 0) {
      j++;
    }
    if (j < n && regex.charAt(j) == ')') {
      return -(j + 1);
    }
    return j < n && regex.charAt(j) == ':' ? j + 1 : i + 2; // anything else: RE2/J refuses it
  }

  /**
   * The counted repetition at {@code i} ({@code {n}}, {@code {n,}}, {@code {n,m}}) as min, max (-1
   * for none) and end, or null when the brace is a literal.
   */
  private static long[] repeat(String regex, int i) {
    int n = regex.length();
    int j = i + 1;
    int start = j;
    while (j < n && isDigit(regex.charAt(j))) {
      j++;
    }
    if (j == start || j >= n) {
      return null;
    }
    long min = number(regex, start, j);
    long max = min;
    if (regex.charAt(j) == ',') {
      j++;
      start = j;
      while (j < n && isDigit(regex.charAt(j))) {
        j++;
      }
      max = j == start ? -1 : number(regex, start, j);
    }
    if (j >= n || regex.charAt(j) != '}') {
      return null;
    }
    return new long[] {min, max, j + 1};
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** A decimal number, capped above {@link #MAX_REPEAT} so that it cannot overflow. */
  private static long number(String regex, int start, int end) {
    return end - start > 6 ? MAX_REPEAT + 1 : Long.parseLong(regex, start, end, 10);
  }
}
