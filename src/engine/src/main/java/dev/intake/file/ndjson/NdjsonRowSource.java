package dev.intake.file.ndjson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.intake.file.ReadLimits;
import dev.intake.file.RowSource;
import dev.intake.file.SourceRecord;
import dev.intake.file.UnreadableFileException;
import dev.intake.file.Values;
import dev.intake.template.FieldType;
import dev.intake.template.TemplateColumn;

/**
 * Reads an NDJSON file (one JSON object per line, UTF-8), streaming, as records of the template's columns: first a
 * header record of the template's references, then one record per line, numbered by its line. Keys are references
 * ({@code input/emailAddress}), field names ({@code emailAddress}), or nested objects that follow the input type
 * ({@code {"address": {"city": "Leeds"}}} for {@code input/address/city}).
 * <p>
 * A JSON value becomes the cell text the column's type reads: strings as they are, numbers exactly as written,
 * booleans as {@code true} or {@code false}, {@code null} as not given. A value of a JSON type the field cannot
 * take (a boolean for a number, an array anywhere), a key that is no field, or a line that is not a JSON object
 * fails its own line, naming the line, key or position. Blank lines are skipped. Bytes that are not UTF-8 and lines
 * over the length limit stop the file.
 */
public final class NdjsonRowSource implements RowSource {

    private static final ObjectReader JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .readerFor(JsonNode.class);

    private final Reader text;
    private final ReadLimits limits;
    private final List<TemplateColumn> columns;
    private final Map<String, Integer> byKey = new HashMap<>();
    private boolean headerGiven;
    private long line;

    public NdjsonRowSource(InputStream in, ReadLimits limits, List<TemplateColumn> columns) {
        this.text = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
        this.limits = limits;
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) {
            List<String> path = columns.get(i).path();
            byKey.put(columns.get(i).reference(), i);
            byKey.putIfAbsent(String.join("/", path.subList(1, path.size())), i);
        }
    }

    @Override
    public SourceRecord next() {
        if (!headerGiven) {
            headerGiven = true;
            return new SourceRecord(0, columns.stream().map(TemplateColumn::reference).toList());
        }
        String content = nextLine();
        while (content != null && content.isBlank()) {
            content = nextLine();
        }
        return content == null ? null : record(line, content);
    }

    private SourceRecord record(long number, String content) {
        List<String> cells = new ArrayList<>(Collections.nCopies(columns.size(), ""));
        JsonNode object;
        try {
            object = JSON.readValue(content);
        } catch (JsonProcessingException e) {
            long position = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            return new SourceRecord(number, cells, "Line " + number + (position > 0 ? ", position " + position : "")
                    + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!object.isObject()) {
            return new SourceRecord(number, cells, "Line " + number + " is a JSON " + kind(object)
                    + ", not an object; each line must be one JSON object, such as {\"emailAddress\": \"ada@example.com\"}");
        }
        List<String> problems = new ArrayList<>();
        fill(object, "", cells, problems);
        return new SourceRecord(number, cells, problems.isEmpty() ? null
                : "Line " + number + ": " + String.join("; ", problems));
    }

    /** Puts each value of the object, at any depth, into the cell of its column. */
    private void fill(JsonNode object, String prefix, List<String> cells, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            Integer index = byKey.get(key);
            if (index == null && value.isObject()) {
                fill(value, key + "/", cells, problems);
            } else if (index == null) {
                problems.add("'" + Values.shorten(key) + "' is not a field of the template; expected one of "
                        + String.join(", ", columns.stream().map(TemplateColumn::reference).limit(20).toList()));
            } else {
                cell(columns.get(index), key, value, problems).ifPresent(cellText -> cells.set(index, cellText));
            }
        }
    }

    /** The cell text of a value for its column, or a problem when the field cannot take a value of its JSON type. */
    private static java.util.Optional<String> cell(TemplateColumn column, String key, JsonNode value,
            List<String> problems) {
        if (value.isNull()) {
            return java.util.Optional.empty();
        }
        if (value.isTextual()) {
            return java.util.Optional.of(value.textValue());
        }
        FieldType type = column.type();
        if (value.isNumber() && (type == FieldType.NUMBER || type == FieldType.DECIMAL || type == FieldType.TEXT
                || type == FieldType.ID || type == FieldType.LOOKUP)) {
            return java.util.Optional.of(value.isIntegralNumber() ? value.bigIntegerValue().toString()
                    : value.decimalValue().toPlainString());
        }
        if (value.isBoolean() && (type == FieldType.BOOLEAN || type == FieldType.TEXT)) {
            return java.util.Optional.of(String.valueOf(value.booleanValue()));
        }
        problems.add("'" + key + "' (" + column.reference() + ") expects " + expected(column) + ", but the line has "
                + (value.isContainerNode() ? "a JSON " + kind(value) : Values.shorten(value.toString()) + " (a JSON "
                        + kind(value) + ")"));
        return java.util.Optional.empty();
    }

    private static String expected(TemplateColumn column) {
        return switch (column.type()) {
            case NUMBER -> "a whole number";
            case DECIMAL -> "a number";
            case BOOLEAN -> "true or false";
            case FIXED -> "one of " + String.join(", ", column.allowedValues()) + " as a string";
            default -> "a " + column.type().label() + " as a string";
        };
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case STRING -> "string";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The next line without its line end, or {@code null} at the end of the file. */
    private String nextLine() {
        StringBuilder content = new StringBuilder();
        try {
            int c = text.read();
            if (c < 0) {
                return null;
            }
            line++;
            if (line == 1 && c == '\uFEFF') {
                c = text.read();
            }
            while (c >= 0 && c != '\n') {
                if (content.length() >= limits.maxLineLength()) {
                    throw new UnreadableFileException("Line " + line + " of the file is longer than "
                            + limits.maxLineLength() + " characters, the limit (intake.limits.max-line-length)");
                }
                content.append((char) c);
                c = text.read();
            }
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("Line " + line + " of the file is not valid UTF-8 text; save it as UTF-8 "
                    + "and upload it again", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int end = content.length();
        return end > 0 && content.charAt(end - 1) == '\r' ? content.substring(0, end - 1) : content.toString();
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
