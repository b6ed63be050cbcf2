package dev.remedy.packaging;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The application's classes Jackson binds by reflection, derived from the compiled code so that a
 * new JSON shape is checked without anyone listing it:
 *
 * <ul>
 *   <li>what the REST resources take and return (return types, also inside {@code List} or {@code
 *       CompletionStage}, and unannotated entity parameters);
 *   <li>records declared inside a resource class or inside a class of {@code dev.remedy.api} (the
 *       views): the shapes a resource hands to {@code Response.ok(entity)}, invisible in its
 *       signature;
 *   <li>every class {@code @RegisterForReflection} names (a Jackson target outside REST, such as
 *       the webhook payload that {@code ObjectMapper.readValue} reads);
 * </ul>
 *
 * <p>and, from each, the application types of its record components, transitively. The value of
 * each class is how it was reached, for the failure message.
 */
final class JsonBoundTypes {

  private static final String APP = "dev.remedy.";

  private final Map<String, String> found = new TreeMap<>();

  private JsonBoundTypes() {}

  /** Class name to how it was reached, for every class under {@code classes}. */
  static Map<String, String> in(Path classes) {
    JsonBoundTypes types = new JsonBoundTypes();
    for (Class<?> type : load(classes)) {
      types.inspect(type);
    }
    return types.found;
  }

  private void inspect(Class<?> type) {
    boolean resource = type.isAnnotationPresent(jakarta.ws.rs.Path.class);
    if (resource) {
      for (Method method : type.getMethods()) {
        if (isResourceMethod(method)) {
          String where = "resource method " + type.getSimpleName() + "." + method.getName();
          walk(method.getGenericReturnType(), where);
          for (Parameter parameter : method.getParameters()) {
            if (parameter.getAnnotations().length == 0) {
              walk(parameter.getParameterizedType(), where + " (request body)");
            }
          }
        }
      }
    }
    Class<?> outer = type.getDeclaringClass();
    if (type.isRecord()
        && outer != null
        && (outer.isAnnotationPresent(jakarta.ws.rs.Path.class)
            || outer.getPackageName().equals("dev.remedy.api"))) {
      walk(type, "record declared in " + outer.getName());
    }
    RegisterForReflection registration = type.getAnnotation(RegisterForReflection.class);
    if (registration != null) {
      String where = "@RegisterForReflection on " + type.getName();
      if (registration.targets().length == 0 && registration.classNames().length == 0) {
        walk(type, where);
      }
      Arrays.stream(registration.targets()).forEach(target -> walk(target, where));
      Arrays.stream(registration.classNames()).forEach(name -> walk(byName(name), where));
    }
  }

  private static boolean isResourceMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
        return true;
      }
    }
    return false;
  }

  private void walk(Type type, String from) {
    switch (type) {
      case Class<?> c when c.isArray() -> walk(c.getComponentType(), from);
      case Class<?> c when c.getName().startsWith(APP) -> {
        if (found.putIfAbsent(c.getName(), from) == null && c.isRecord()) {
          for (RecordComponent component : c.getRecordComponents()) {
            walk(
                component.getGenericType(),
                "component " + component.getName() + " of " + c.getName());
          }
        }
      }
      case ParameterizedType p -> {
        walk(p.getRawType(), from);
        Arrays.stream(p.getActualTypeArguments()).forEach(argument -> walk(argument, from));
      }
      case WildcardType w -> Arrays.stream(w.getUpperBounds()).forEach(bound -> walk(bound, from));
      case GenericArrayType g -> walk(g.getGenericComponentType(), from);
      default -> {}
    }
  }

  private static List<Class<?>> load(Path classes) {
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(file -> file.toString().endsWith(".class"))
          .map(file -> classes.relativize(file).toString())
          .filter(name -> !name.endsWith("package-info.class"))
          .sorted(Comparator.naturalOrder())
          .<Class<?>>map(name -> byName(name.substring(0, name.length() - 6).replace('/', '.')))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Class<?> byName(String name) {
    try {
      return Class.forName(name, false, JsonBoundTypes.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot load " + name, e);
    }
  }
}
