// What the generated module and the bundler plugin call at run time. The generator itself
// (runtime/codegen/generate.ts) loads the compiler API and is reached through the CLI.
export { registerGeneratedMetadata } from './generated-registry';
export { GeneratedMetadataOutOfDateError, GenerateError } from './codegen-errors';
export type { GeneratedEntry, GeneratedModuleLocation } from './generated-entry';
