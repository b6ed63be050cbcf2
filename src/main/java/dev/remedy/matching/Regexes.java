package dev.remedy.matching;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compiles the regexes users write (matcher values, param patterns) with RE2/J: Go's syntax, the
 * one Alertmanager reads ({@code [[:digit:]]}, {@code \pL}, {@code (?i)}; no lookaround, no
 * backreferences), and matching in time linear in the value, so no regex can make an
 * attacker-controlled label value take exponential time ({@code (a+)+$}). Match a whole value with
 * {@link Pattern#matches(String)}: the same as Alertmanager's {@code ^(?:re)$}.
 *
 * <p>RE2/J lacks some of Go's limits on what a regex may expand to, so they are checked first (see
 * {@link RegexLimits}); a regex nested deeply enough to overflow the stack while compiling is
 * compiled again on a thread with a larger one.
 */
public final class Regexes {

  /** The stack of the thread that compiles a regex too deep for the caller's stack. */
  private static final long DEEP_STACK_BYTES = 64L << 20;

  private Regexes() {}

  /**
   * Compiles a regex.
   *
   * @throws InvalidRegexException with the message {@code invalid regex "…": …}
   */
  public static Pattern compile(String regex) {
    PatternSyntaxException tooLarge = RegexLimits.check(regex);
    if (tooLarge != null) {
      throw invalid(regex, tooLarge);
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw invalid(regex, e);
    } catch (StackOverflowError e) {
      return compileOnDeepStack(regex);
    }
  }

  private static Pattern compileOnDeepStack(String regex) {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread thread =
        Thread.ofPlatform()
            .name("remedy-regex-compile")
            .daemon()
            .stackSize(DEEP_STACK_BYTES)
            .unstarted(
                () -> {
                  try {
                    outcome.set(Pattern.compile(regex));
                  } catch (PatternSyntaxException | StackOverflowError e) {
                    outcome.set(e);
                  }
                });
    thread.start();
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return switch (outcome.get()) {
      case Pattern pattern -> pattern;
      case PatternSyntaxException e -> throw invalid(regex, e);
      case StackOverflowError e ->
          throw invalid(regex, new PatternSyntaxException(RegexLimits.TOO_DEEP, regex));
      default -> throw new IllegalStateException("regex compilation failed: " + regex);
    };
  }

  private static InvalidRegexException invalid(String regex, PatternSyntaxException e) {
    String description = e.getDescription();
    String part = e.getPattern();
    String hint = "";
    if (description.equals("regexp/syntax: internal error") && part.equals("stack underflow")) {
      // RE2/J's only internal error: a ")" without "(", which Go calls "unexpected )"
      description = "unexpected )";
      part = "";
    } else if (description.equals("invalid named capture")
        && (part.startsWith("(?<=") || part.startsWith("(?<!"))) {
      // Go before 1.22 (Alertmanager 0.25) reads (?< as unsupported Perl syntax, as here
      description = "invalid or unsupported Perl syntax";
      part = part.substring(0, 4);
    }
    if (description.equals("invalid or unsupported Perl syntax")
        && (part.equals("(?=") || part.equals("(?!") || part.startsWith("(?<"))) {
      hint = " (lookahead and lookbehind are not supported, as in Alertmanager)";
    } else if (description.equals("invalid escape sequence")
        && part.length() == 2
        && part.charAt(1) >= '1'
        && part.charAt(1) <= '9') {
      hint = " (backreferences are not supported, as in Alertmanager)";
    }
    int index =
        description.equals("trailing backslash at end of expression")
            ? regex.length() - 1
            : part.isEmpty() ? 0 : Math.max(regex.indexOf(part), 0);
    boolean showPart =
        !part.isEmpty()
            && !description.startsWith("missing closing ")
            && !description.equals(RegexLimits.TOO_DEEP)
            && !description.equals(RegexLimits.TOO_LARGE);
    String reason = description + (showPart ? " " + part : "") + hint;
    return new InvalidRegexException(regex, reason, index, e);
  }
}
