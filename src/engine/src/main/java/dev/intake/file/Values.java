package dev.intake.file;

/** Cell values as error messages show them: shortened, so a message never echoes a whole hostile cell. */
public final class Values {

    public static final int SHOWN_LENGTH = 40;

    private Values() {
    }

    public static String shorten(String value) {
        if (value == null) {
            return "";
        }
        String oneLine = value.replace('\r', ' ').replace('\n', ' ');
        if (oneLine.codePointCount(0, oneLine.length()) <= SHOWN_LENGTH) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, SHOWN_LENGTH - 1)) + "…";
    }
}
