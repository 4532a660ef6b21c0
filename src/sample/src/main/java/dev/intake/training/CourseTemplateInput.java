package dev.intake.training;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** What a client sends to create a course template. */
@Input("CourseTemplateInput")
@Description("A new course template")
public record CourseTemplateInput(
        @NotBlank @Size(max = 40) @Description("A short code, unique across course templates, such as JAVA-101") String code,
        @NotBlank @Size(max = 200) @Description("The course's title") String title,
        @Size(max = 4000) @Description("What the course covers") String description) {
}
