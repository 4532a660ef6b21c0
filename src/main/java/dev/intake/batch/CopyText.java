package dev.intake.batch;

/** Encodes values in PostgreSQL's COPY text format. */
final class CopyText {

    static final String NULL = "\\N";

    private CopyText() {
    }

    /** A text value as one COPY field. */
    static void appendText(StringBuilder out, String value) {
        if (value == null) {
            out.append(NULL);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
    }
}
