package dev.remedy.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps of strings kept as JSON text columns (params, outputs, recorded revert state). */
final class JsonColumns {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> FLAT = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, LinkedHashMap<String, String>>> NESTED =
      new TypeReference<>() {};

  private JsonColumns() {}

  static String write(Map<String, ?> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  static Map<String, String> flat(String json) {
    return read(json, FLAT);
  }

  static Map<String, Map<String, String>> nested(String json) {
    return new LinkedHashMap<>(read(json, NESTED));
  }

  /** A JSON object with string and list-of-string members (an approval's plan). */
  static Map<String, Object> tree(String json) {
    return read(json, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON column is not a map of strings", e);
    }
  }
}
