package dev.intake.template;

import java.util.List;

import dev.intake.error.NotFoundException;

/** No template has the name; the details suggest close names when there are any. */
public class UnknownTemplateException extends NotFoundException {

    private final transient List<String> close;

    public UnknownTemplateException(String name, List<String> close) {
        super("name", "There is no template named '" + name + "'");
        this.close = List.copyOf(close);
    }

    @Override
    public String details() {
        return close.isEmpty() ? "The importTemplates query lists them" : "Did you mean " + String.join(" or ", close) + "?";
    }
}
