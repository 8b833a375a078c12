export { readArrow } from './arrow';
export { readCsv } from './csv';
export { readJson } from './json';
export { FileFormatError, formatLocation, type FileFormat, type FileLocation, type FileProblem } from './io-errors';
