/**
 * The error a section template raises (missing file, syntax error, a helper
 * that throws), in a module of its own so that code which only needs to
 * recognise it (the CLI's error printer, the batch summary) does not load the
 * template engine.
 */
export class TemplateError extends Error {}
