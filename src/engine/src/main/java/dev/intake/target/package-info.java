/**
 * What the engine needs of the GraphQL API it imports into, its target: where the schema comes from
 * ({@link dev.intake.template.SchemaSource}, with the templates it gives), who the rows run as ({@link dev.intake.target.UploaderIdentity}), how a
 * group of rows runs ({@link dev.intake.target.RowExecutor}), how lookup values find records
 * ({@link dev.intake.target.LookupResolver}), and what a row's errors mean ({@link dev.intake.target.ErrorClassifier}).
 * Each has an in-process implementation, for the schema the application itself serves; the interfaces are shaped so
 * that an API reached over HTTP can implement them too.
 */
package dev.intake.target;
