package dev.intake.template;

import java.util.List;

/**
 * Templates from somewhere other than the application's own schema, such as the remote targets' APIs. The catalog
 * lists them after the application's own, each named by its provider ({@code crm.createPerson}).
 */
public interface TemplateProvider {

    List<ImportTemplate> templates();
}
