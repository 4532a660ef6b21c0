package dev.intake.template;

import java.util.List;

import dev.intake.error.NotFoundException;

/** No template has the name; the details suggest close names when there are any. */
public class UnknownTemplateException extends NotFoundException {

    /** Why a server may have no template at all, said wherever one is asked for. */
    public static final String NONE = "this server has no templates: the schema it imports into has no mutation that "
            + "takes an input object";

    private final transient List<String> close;

    public UnknownTemplateException(String name, List<String> close, boolean anyTemplate) {
        super("name", message(name, anyTemplate));
        this.close = List.copyOf(close);
    }

    /** The message for a name no template has, on a server with templates or without. */
    public static String message(String name, boolean anyTemplate) {
        return "There is no template named '" + name + "'" + (anyTemplate ? "" : "; " + NONE);
    }

    @Override
    public String details() {
        return close.isEmpty() ? "The importTemplates query lists them" : "Did you mean " + String.join(" or ", close) + "?";
    }
}
