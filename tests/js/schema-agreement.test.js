// fixtures/schema.json and the fixture loader (`backendless-mock --check`)
// accept the same documents: every fixture file in the repository, and the
// documents in tests/fixtures/invalid that each hold one mistake, is either
// accepted by both or rejected by both. The only errors the schema cannot see
// are cross-reference ones (reason "duplicate ..."), which are ignored here.
import assert from 'node:assert/strict';
import {
  copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';

import Ajv from 'ajv';

import {
  kBundledFixtures, kInvalidFixtures, kSchemaFile, kTestFixtures,
  listJsonFiles, readFixture, repoPath,
} from './lib/fixtures.js';
import { runCheck } from './lib/mock-binary.js';

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(kSchemaFile, 'utf8')));

const scratch = mkdtempSync(join(tmpdir(), 'schema-agreement-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// What the schema says of file: {valid, errors}, where a file that does not
// parse is invalid with the parse error as its only error.
function schemaVerdict(file) {
  let document;
  try {
    document = readFixture(file);
  } catch (error) {
    return { valid: false, errors: [`not JSON: ${error.message}`] };
  }
  const valid = validate(document);
  const errors = (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  return { valid, errors };
}

let checkCount = 0;

// What the loader says of file alone: {valid, lines}, from --check on a fresh
// directory holding only a copy of it. Duplicate-id errors do not count.
async function loaderVerdict(file) {
  const dir = join(scratch, String(checkCount++));
  mkdirSync(dir);  // one per call, so no file from another case is seen
  const copy = join(dir, basename(file));
  copyFileSync(file, copy);
  const { code, errorLines } = await runCheck(dir);
  assert.ok(code === 0 || code === 2,
    `--check on ${repoPath(file)} exited ${code}:\n${errorLines.join('\n')}`);
  // Error lines read "<file>: <json-pointer>: <reason>"; the closing summary
  // line does not start with the file.
  const errors = errorLines.filter((line) => line.startsWith(`${copy}: `))
    .map((line) => line.slice(copy.length + 2));
  assert.equal(code === 0, errors.length === 0,
    `--check exit code ${code} does not match its error lines:\n` +
      errorLines.join('\n'));
  const counted = errors.filter((rest) => !rest.includes(': duplicate '));
  return { valid: counted.length === 0, lines: errorLines };
}

function describeVerdicts(file, schema, loader) {
  return [
    `${repoPath(file)}: the schema says ${schema.valid ? 'valid' : 'invalid'}, ` +
      `the loader says ${loader.valid ? 'valid' : 'invalid'}`,
    'ajv errors:', ...schema.errors.map((e) => `  ${e}`),
    'loader lines:', ...loader.lines.map((l) => `  ${l}`),
  ].join('\n');
}

// Files found below the fixture roots; schema.json describes documents
// rather than being one.
const fixtureFiles = [
  ...listJsonFiles(kBundledFixtures).filter((f) => f !== kSchemaFile),
  ...listJsonFiles(kTestFixtures),
];

describe('the schema and the loader agree on every fixture file', () => {
  for (const file of fixtureFiles) {
    test(`${repoPath(file)} is judged alike by the schema and the loader`,
      async () => {
        const schema = schemaVerdict(file);
        const loader = await loaderVerdict(file);
        assert.equal(schema.valid, loader.valid,
          describeVerdicts(file, schema, loader));
      });
  }
});

describe('each document in tests/fixtures/invalid is rejected by both', () => {
  const invalidFiles = listJsonFiles(kInvalidFixtures);

  test('tests/fixtures/invalid holds the set of one-mistake documents', () => {
    assert.ok(invalidFiles.length >= 15,
      `only ${invalidFiles.length} files in ${repoPath(kInvalidFixtures)}`);
  });

  for (const file of invalidFiles) {
    test(`${repoPath(file)} is rejected by the schema and the loader`,
      async () => {
        const schema = schemaVerdict(file);
        const loader = await loaderVerdict(file);
        const verdicts = describeVerdicts(file, schema, loader);
        assert.equal(schema.valid, false, verdicts);
        assert.equal(loader.valid, false, verdicts);
      });
  }
});
