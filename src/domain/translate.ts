/** A fragment that is already HTML and must not be escaped again when put into a translation. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type TemplateValue = string | number | Html;

/** A translation in one language: the key's text with `{name}` placeholders filled (HTML-escaped unless Html). */
export type Translate = (key: string, data?: Record<string, TemplateValue>) => string;
