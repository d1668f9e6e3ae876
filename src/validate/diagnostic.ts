/**
 * The Diagnostic type moved to src/diagnostics/diagnostic.ts (a bottom-layer
 * module that io/, fonts/ and render/ can import without validate/); this
 * re-export keeps code written against the old path building.
 */
export * from '../diagnostics/diagnostic.js';
