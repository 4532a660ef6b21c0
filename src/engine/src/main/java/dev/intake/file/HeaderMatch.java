package dev.intake.file;

import java.util.List;

/** The result of matching a file's header against a template: a layout, or the problems that stop the import. */
public record HeaderMatch(FileLayout layout, List<String> problems) {

    public HeaderMatch {
        problems = List.copyOf(problems);
    }

    public boolean matches() {
        return problems.isEmpty();
    }
}
