package dev.intake.batch;

import java.util.List;

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

    /** A {@code text[]} value as one COPY field: the array literal, then escaped as text. */
    static void appendTextArray(StringBuilder out, List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            String value = values.get(i);
            for (int j = 0; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        appendText(out, literal.append('}').toString());
    }
}
