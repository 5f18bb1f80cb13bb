// The globals that the per-line code calls, looked up once. Inside jest (a node:vm context) each
// global lookup goes through a slow interceptor, about 40 times slower, and the emulator's own tests
// run whole jobs in jest.

/** `Math` functions, bound at load. */
export const { imul, floor, round, ceil, min, max, sqrt } = Math

/** `Array.isArray`, bound at load. */
export const { isArray } = Array

/** `Number.isInteger`, bound at load. */
export const { isInteger } = Number

/** `Object.keys`, bound at load. */
export const objectKeys = Object.keys

/** `JSON.stringify`, bound at load. */
export const jsonStringify = JSON.stringify
