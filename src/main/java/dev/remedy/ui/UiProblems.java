package dev.remedy.ui;

import dev.remedy.api.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A problem on a UI page (an unknown run or workflow) as a page rather than problem+json. Each page
 * class maps {@link ProblemException} here with a class-local {@code @ServerExceptionMapper}, so
 * the API keeps its own mapper.
 */
final class UiProblems {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance problem(int status, String title, String detail);
  }

  private UiProblems() {}

  /** A {@link ProblemException} as its status and detail; a refused role as 403. */
  static Response page(RuntimeException e) {
    if (e instanceof ProblemException p) {
      return page(p.problem().status(), p.problem().title(), p.problem().detail());
    }
    return page(403, "Not allowed", "Your role does not allow this. Nothing was done.");
  }

  private static Response page(int status, String title, String detail) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(Templates.problem(status, title, detail).render())
        .build();
  }
}
