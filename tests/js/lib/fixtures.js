// Where the fixture files are, and how to read one the way the loader does.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import stripJsonComments from 'strip-json-comments';

// The repository root (this file is tests/js/lib/fixtures.js).
export const kRepoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// The fixtures shipped with the binary.
export const kBundledFixtures = join(kRepoRoot, 'fixtures');
// Fixture sets used by the tests, one directory each.
export const kTestFixtures = join(kRepoRoot, 'tests', 'fixtures');
// Documents that each hold one mistake.
export const kInvalidFixtures = join(kTestFixtures, 'invalid');
// The JSON Schema of one fixture document.
export const kSchemaFile = join(kBundledFixtures, 'schema.json');

// Every *.json file below dir, recursively, sorted.
export function listJsonFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

// file relative to the repository root, for test names and messages.
export function repoPath(file) {
  return relative(kRepoRoot, file);
}

// Parses fixture text as the loader does: JSON with // and /* */ comments
// and an optional UTF-8 byte order mark. Throws a SyntaxError if it is not.
export function parseFixtureText(text) {
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return JSON.parse(stripJsonComments(withoutBom));
}

// Reads and parses one fixture file; see parseFixtureText. Like the loader it
// rejects ill-formed UTF-8 (a TypeError) instead of replacing it with U+FFFD.
export function readFixture(file) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return parseFixtureText(decoder.decode(readFileSync(file)));
}
