package dev.intake.sample.hibernate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.Calendar;
import java.util.UUID;

import org.postgresql.util.PGobject;

import io.quarkus.runtime.annotations.RegisterForProxy;

/**
 * A statement that Hibernate's binders set one row's parameters on, which keeps each value as the text PostgreSQL
 * reads it from instead of sending it. Only values whose text is unambiguous are kept: strings, numbers, booleans,
 * UUIDs and PostgreSQL objects (such as JSON). Any other value, or a setter with a calendar, makes the row
 * {@link #unsupported()}, and the caller sends it as Hibernate would have.
 */
@RegisterForProxy(targets = PreparedStatement.class)
final class CapturedParameters implements InvocationHandler {

    /** Thrown into a binder that asked for anything but a parameter's setter; the caller catches it. */
    static final class Unsupported extends RuntimeException {
        private Unsupported(String method) {
            super("A binder called " + method + " on a captured statement", null, false, false);
        }
    }

    private final String[] text;
    private final PreparedStatement statement;
    private boolean unsupported;

    CapturedParameters(int parameters) {
        this.text = new String[parameters];
        this.statement = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] { PreparedStatement.class }, this);
    }

    /** The statement to bind to; the values set on it replace those of the row before. */
    PreparedStatement statement() {
        return statement;
    }

    /** Forgets the row before. */
    void clear() {
        Arrays.fill(text, null);
        unsupported = false;
    }

    boolean unsupported() {
        return unsupported;
    }

    /** The text of parameter {@code index} (from 1); null for SQL NULL. */
    String text(int index) {
        return text[index - 1];
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) {
        String name = method.getName();
        if (name.startsWith("set") && arguments != null && arguments.length >= 2 && arguments[0] instanceof Integer index
                && index >= 1 && index <= text.length) {
            if (arguments.length == 3 && arguments[2] instanceof Calendar) {
                unsupported = true;
            } else if (name.equals("setNull") || arguments[1] == null) {
                text[index - 1] = null;
            } else if (arguments[1] instanceof PGobject object) {
                text[index - 1] = object.getValue();
            } else {
                String value = textOf(arguments[1]);
                unsupported |= value == null;
                text[index - 1] = value;
            }
            return null;
        }
        return switch (name) {
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            case "toString" -> "captured parameters";
            default -> {
                unsupported = true;
                throw new Unsupported(name);
            }
        };
    }

    /** The text PostgreSQL reads the value from, or null for a value this class does not take. */
    private static String textOf(Object value) {
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof BigInteger
                || value instanceof Boolean || value instanceof UUID || value instanceof Double || value instanceof Float) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return null;
    }
}
