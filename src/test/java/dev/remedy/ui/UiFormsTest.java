package dev.remedy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every state-changing UI endpoint takes the CSRF token, so a new form cannot forget it. */
class UiFormsTest {

  private static final List<Class<?>> PAGES =
      List.of(
          RunsPage.class,
          ApprovalsPage.class,
          WorkflowsPage.class,
          AuditPage.class,
          AutomationPage.class,
          LoginPage.class);

  @Test
  void everyPostTakesTheCsrfToken() {
    List<Method> posts =
        PAGES.stream()
            .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
            .filter(m -> m.isAnnotationPresent(POST.class))
            .toList();
    assertThat(posts).hasSizeGreaterThanOrEqualTo(6);
    for (Method post : posts) {
      assertThat(Arrays.stream(post.getParameters()).anyMatch(UiFormsTest::isCsrf))
          .as(post.getDeclaringClass().getSimpleName() + "." + post.getName())
          .isTrue();
    }
  }

  private static boolean isCsrf(Parameter p) {
    FormParam form = p.getAnnotation(FormParam.class);
    return form != null && form.value().equals("csrf");
  }
}
