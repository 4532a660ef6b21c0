package dev.intake.template;

import static dev.intake.support.Templates.aTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TemplateChoiceTest {

    private static final List<ImportTemplate> SCHEMA = List.of(aTemplate("createBook").build(),
            aTemplate("createMember").build(), aTemplate("lendBook").build());

    @Test
    void with_no_choice_every_template_of_the_schema_is_offered() {
        assertEquals(List.of("createBook", "createMember", "lendBook"),
                names(new TemplateChoice(Optional.empty(), Optional.empty()).apply(SCHEMA)));
    }

    @Test
    void an_include_list_offers_those_alone_and_an_exclude_list_takes_its_names_away() {
        assertEquals(List.of("createBook", "lendBook"), names(new TemplateChoice(
                Optional.of(List.of("createBook", "lendBook")), Optional.empty()).apply(SCHEMA)));
        assertEquals(List.of("createBook"), names(new TemplateChoice(
                Optional.of(List.of("createBook", "lendBook")), Optional.of(List.of("lendBook"))).apply(SCHEMA)));
        assertEquals(List.of("createBook", "createMember"), names(new TemplateChoice(
                Optional.empty(), Optional.of(List.of("lendBook"))).apply(SCHEMA)));
    }

    @Test
    void a_name_that_no_template_has_is_reported_with_the_setting_and_the_templates_there_are() {
        List<String> problems = new TemplateChoice(Optional.of(List.of("createBook", "createBok")), Optional.empty())
                .unknownNames(SCHEMA);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("intake.templates.include names 'createBok'"), problems.get(0));
        assertTrue(problems.get(0).endsWith("templates: createBook, createMember, lendBook"), problems.get(0));
    }

    private static List<String> names(List<ImportTemplate> templates) {
        return templates.stream().map(ImportTemplate::name).toList();
    }
}
