package dev.intake.template;

/** The kinds of value a template column accepts, as named in row 4 of a template. */
public enum FieldType {
    ID("ID"),
    TEXT("Text"),
    FIXED("Fixed"),
    LOOKUP("Lookup"),
    LOCAL_DATE_TIME("LocalDateTime"),
    DATE("Date"),
    ZONED_DATE_TIME("TimeZoned DateTime"),
    TIME_ZONE("TimeZone Name"),
    NUMBER("Number"),
    DECIMAL("Decimal"),
    BOOLEAN("Boolean");

    private final String label;

    FieldType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The type a GraphQL leaf (scalar or enum) maps to. */
    public static FieldType ofScalar(String scalarName) {
        return switch (scalarName) {
            case "ID" -> ID;
            case "Int", "Long", "BigInteger", "Short", "Byte" -> NUMBER;
            case "Float", "BigDecimal" -> DECIMAL;
            case "Boolean" -> BOOLEAN;
            case "DateTime" -> LOCAL_DATE_TIME;
            case "Date" -> DATE;
            case "TimeZonedDateTime" -> ZONED_DATE_TIME;
            case "TimeZoneName" -> TIME_ZONE;
            default -> TEXT;
        };
    }
}
