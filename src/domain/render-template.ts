/**
 * Says a template of `content/templates/` with its variables: the text of a message. Domain rules
 * and dialogs decide what to say through it; the infrastructure (nunjucks) implements it.
 */
export type RenderTemplate = (name: string, vars?: Record<string, unknown>) => string;
