export { readArrow } from './arrow';
export { readCsv } from './csv';
export { readJson, toJsonRows } from './json';
export { locateInFile } from './value-in-file';
export type { FileTable } from './file-table';
export { FileFormatError, FileValueError, formatFileLocation, type FileFormat, type FileLocation, type FileProblem } from './io-errors';
export * from './adapters';
