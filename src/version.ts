// The package version, sent in the User-Agent header; spec/version.spec.ts keeps it equal to package.json.

/** The version of mistral-batch-rx. */
export const VERSION = '0.1.0'
