/** The Unicode line breaking algorithm (UAX #14), as pdfmake uses it; the package ships no types. */
declare module 'linebreak' {
  export interface Break {
    /** Index in the string (UTF-16 units) where a line may start. */
    position: number;
    /** A mandatory break (after a line feed). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
