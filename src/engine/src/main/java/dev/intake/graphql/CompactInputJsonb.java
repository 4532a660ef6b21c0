package dev.intake.graphql;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

/**
 * The JSON-B that SmallRye GraphQL binds one input class with, made cheaper on the way in.
 * <p>
 * SmallRye turns the map graphql-java coerced an input object into a JSON text, then binds that text to the input
 * class. The binding is the input class's own JSON-B ({@code delegate}) and stays so; only the first half changes.
 * A map that holds nothing but strings, numbers, booleans, nulls, lists and maps (as an imported row's input does) is
 * written with JSON-P's streaming generator instead of being serialised through JSON-B, which looked up a serialiser
 * for every value and pretty-printed the text. Any other value in the map (a date SmallRye has already parsed, for
 * one) hands the whole map to the delegate, as before.
 */
final class CompactInputJsonb implements Jsonb {

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private final Jsonb delegate;

    CompactInputJsonb(Jsonb delegate) {
        this.delegate = delegate;
    }

    @Override
    public String toJson(Object object) {
        if (!(object instanceof Map<?, ?> map) || !plain(map)) {
            return delegate.toJson(object);
        }
        StringWriter text = new StringWriter(256);
        try (JsonGenerator generator = GENERATORS.createGenerator(text)) {
            writeObject(generator, map);
        }
        return text.toString();
    }

    private static boolean plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof BigDecimal
                || value instanceof BigInteger) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !plain(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Collection<?> values) {
            for (Object element : values) {
                if (!plain(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static void writeObject(JsonGenerator generator, Map<?, ?> map) {
        generator.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            generator.writeKey((String) entry.getKey());
            writeValue(generator, entry.getValue());
        }
        generator.writeEnd();
    }

    /** Only for the values {@link #plain} accepts. */
    private static void writeValue(JsonGenerator generator, Object value) {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.write(text);
        } else if (value instanceof Boolean bool) {
            generator.write(bool);
        } else if (value instanceof Integer number) {
            generator.write(number);
        } else if (value instanceof Long number) {
            generator.write(number);
        } else if (value instanceof Double number) {
            generator.write(number);
        } else if (value instanceof BigDecimal number) {
            generator.write(number);
        } else if (value instanceof BigInteger number) {
            generator.write(number);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(generator, map);
        } else {
            generator.writeStartArray();
            for (Object element : (Collection<?>) value) {
                writeValue(generator, element);
            }
            generator.writeEnd();
        }
    }

    @Override
    public String toJson(Object object, Type runtimeType) {
        return delegate.toJson(object, runtimeType);
    }

    @Override
    public void toJson(Object object, Writer writer) {
        delegate.toJson(object, writer);
    }

    @Override
    public void toJson(Object object, Type runtimeType, Writer writer) {
        delegate.toJson(object, runtimeType, writer);
    }

    @Override
    public void toJson(Object object, OutputStream stream) {
        delegate.toJson(object, stream);
    }

    @Override
    public void toJson(Object object, Type runtimeType, OutputStream stream) {
        delegate.toJson(object, runtimeType, stream);
    }

    @Override
    public <T> T fromJson(String text, Class<T> type) {
        return delegate.fromJson(text, type);
    }

    @Override
    public <T> T fromJson(String text, Type runtimeType) {
        return delegate.fromJson(text, runtimeType);
    }

    @Override
    public <T> T fromJson(Reader reader, Class<T> type) {
        return delegate.fromJson(reader, type);
    }

    @Override
    public <T> T fromJson(Reader reader, Type runtimeType) {
        return delegate.fromJson(reader, runtimeType);
    }

    @Override
    public <T> T fromJson(InputStream stream, Class<T> type) {
        return delegate.fromJson(stream, type);
    }

    @Override
    public <T> T fromJson(InputStream stream, Type runtimeType) {
        return delegate.fromJson(stream, runtimeType);
    }

    /** The delegate is SmallRye's, shared with other input classes: it stays open. */
    @Override
    public void close() {
    }
}
