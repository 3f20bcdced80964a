/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const checkDestructive: (a: number, b: number) => [number, number, number, number];
export const checkMigrations: (a: number, b: number) => [number, number, number, number];
export const checkSql: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const engineStatements: (a: number, b: number) => [number, number, number, number];
export const explain: (a: number, b: number) => [number, number, number, number];
export const failsAt: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const formats: () => [number, number, number, number];
export const mergeReports: (a: number, b: number) => [number, number, number, number];
export const parseConfig: (a: number, b: number) => [number, number, number, number];
export const render: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number, number];
export const replaySchema: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const rules: () => [number, number, number, number];
export const runFolders: (a: number, b: number) => [number, number, number, number];
export const runVerified: (a: number, b: number) => [number, number, number, number];
export const schemaFormats: () => [number, number, number, number];
export const takePanic: () => [number, number, number, number];
export const thresholds: () => [number, number, number, number];
export const validateName: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const verifyOrder: (a: number, b: number) => [number, number, number, number];
export const verifyPlan: (a: number, b: number) => [number, number, number, number];
export const verifyReport: (a: number, b: number) => [number, number, number, number];
export const __wbindgen_externrefs: WebAssembly.Table;
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
