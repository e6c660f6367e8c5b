// Finds the backendless-mock binary and runs its one-shot commands.
import { execFile } from 'node:child_process';

// The path ctest passes in BACKENDLESS_MOCK_BINARY. Throws, saying how to set
// it, when the variable is missing (the tests are meant to run under ctest).
export function mockBinaryPath() {
  const binary = process.env.BACKENDLESS_MOCK_BINARY;
  if (!binary) {
    throw new Error(
      'BACKENDLESS_MOCK_BINARY is not set: run these tests through ctest, or ' +
        'set it to the built backendless-mock binary');
  }
  return binary;
}

// Runs `backendless-mock --check --fixtures dir` and resolves to
// {code, errorLines}: the exit code (0 valid, 2 invalid) and the stderr lines,
// one per fixture error. Rejects only if the binary cannot be started or is
// killed by a signal.
export function runCheck(dir) {
  return new Promise((resolve, reject) => {
    execFile(mockBinaryPath(), ['--check', '--fixtures', dir],
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`backendless-mock --check failed to run: ${error.message}`));
          return;
        }
        const errorLines = stderr.split('\n').filter((line) => line !== '');
        resolve({ code: error ? error.code : 0, errorLines });
      });
  });
}
