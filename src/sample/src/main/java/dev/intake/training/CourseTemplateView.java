package dev.intake.training;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.intake.id.GlobalId;

/** A course template as GraphQL clients read it. */
@Type("CourseTemplate")
@Description("A course the company teaches")
public record CourseTemplateView(@Id @NonNull String id, @NonNull String code, @NonNull String title, String description) {

    static final String TYPE = "CourseTemplate";

    static CourseTemplateView of(CourseTemplate template) {
        return new CourseTemplateView(GlobalId.encode(TYPE, template.id), template.code, template.title,
                template.description);
    }
}
