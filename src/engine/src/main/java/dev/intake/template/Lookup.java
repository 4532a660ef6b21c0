package dev.intake.template;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Directive;
import io.smallrye.graphql.api.DirectiveLocation;

/**
 * Marks an input field as a reference to another record, given by one of its fields or by its ID. Shown in
 * the schema as {@code @lookup(entity: "categories", field: "name")}; templates show it as a Lookup column.
 */
@Directive(on = DirectiveLocation.INPUT_FIELD_DEFINITION)
@Description("The field refers to another record: by the named field first, then by the record's ID")
@Retention(RUNTIME)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT })
public @interface Lookup {

    @NonNull
    @Description("The records referred to, such as categories")
    String entity();

    @NonNull
    @Description("The field they are matched on, such as name")
    String field();
}
