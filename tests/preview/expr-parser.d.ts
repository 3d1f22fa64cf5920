/** The renderer's expression parser (j-component's dependency), as the preview tests use it. */
declare module 'expr-parser' {
  export default class Expression {
    constructor(content: string);
    parse(): (data: Record<string, unknown>) => unknown;
  }
}
