package dev.remedy.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Stores a label or annotation map as a JSON object in a text column. Text rather than a JSON
 * column type because H2 and PostgreSQL disagree on JSON types and the same migrations must run on
 * both; nothing queries inside the maps.
 */
@Converter
public class LabelsJsonConverter implements AttributeConverter<SortedMap<String, String>, String> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

  @Override
  public String convertToDatabaseColumn(SortedMap<String, String> labels) {
    return json(labels == null ? new TreeMap<>() : labels);
  }

  /**
   * The column's text for {@code labels}, for rows written without Hibernate ({@link IngestRows}).
   */
  static String json(SortedMap<String, String> labels) {
    try {
      return JSON.writeValueAsString(labels);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  @Override
  public SortedMap<String, String> convertToEntityAttribute(String json) {
    try {
      return json == null ? new TreeMap<>() : JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored labels are not a JSON object of strings", e);
    }
  }
}
