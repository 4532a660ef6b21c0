package dev.intake.template;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;

import io.smallrye.graphql.api.Directive;
import io.smallrye.graphql.api.DirectiveLocation;

/**
 * Overrides what a mutation's template is called, keeps a mutation out of the templates, or names the mutation that
 * undoes its rows when an import is rolled back (with the query that reads its records, the update that restores
 * an upsert's updated records, and the field that clears a field). Without it, the entity and action come from the mutation's name, and
 * the imports cannot be rolled back.
 */
@Directive(on = DirectiveLocation.FIELD_DEFINITION)
@Description("How imports name this mutation's template; importable: false keeps it out of the templates")
@Retention(RUNTIME)
@Target(METHOD)
public @interface ImportAction {

    @Description("The entity the rows are, such as Event")
    String entity() default "";

    @Description("What each row does, such as addPrices")
    String action() default "";

    /** With a default in the schema, so that a directive naming only its undo needs no value for it. */
    @DefaultValue("true")
    @Description("Whether the mutation has a template at all; it has when not said")
    boolean importable() default true;

    @Description("The mutation that undoes a row: one that deletes the record the row created by its ID, such as"
            + " deleteProduct, or an update that sets the record the row changed back to its values before")
    String undo() default "";

    @Description("The query that reads a record by its ID, such as product: for its values before and after a row,"
            + " so that a rollback restores updates and keeps records changed since")
    String read() default "";

    @Description("For a mutation whose rows create or update (an upsert): the update that sets the records its rows"
            + " updated back to their values before, while undo deletes the records they created")
    String restore() default "";

    @Description("The field of the restoring update's input that lists the fields to set empty, such as clear: a field"
            + " that was empty before the import is set back to empty through it")
    String clear() default "";
}
