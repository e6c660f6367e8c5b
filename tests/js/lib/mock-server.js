// Runs backendless-mock as a child process on a free port, for tests that
// drive it over HTTP.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { mockBinaryPath } from './mock-binary.js';

// The start-up line the binary prints on stdout once it accepts connections.
const kListeningLine = /listening on (http:\/\/127\.0\.0\.1:(\d+))/;

// Children still running. They are killed if this process exits first, so an
// aborted test never leaves a server behind.
const running = new Set();

function killAll() {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    // Die of the same signal, as if nobody had listened for it.
    process.kill(process.pid, signal);
  });
}

// Starts `backendless-mock --port 0 --fixtures <fixtures> ...args` and resolves,
// once it prints its `listening on` line, to:
//   url    "http://127.0.0.1:<port>", no trailing slash
//   port   the port the server bound
//   output() everything it has printed so far (stdout and stderr)
//   stop() sends SIGTERM, awaits the exit and asserts exit code 0
// Rejects if the binary exits or fails to start before it is listening.
export async function startMockServer({ fixtures, args = [] }) {
  const child = spawn(mockBinaryPath(),
    ['--port', '0', '--fixtures', fixtures, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  // 'close' rather than 'exit': it comes after the pipes are drained, so
  // `output` is complete by then.
  const exited = new Promise((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  // Both pipes are read to the end, so a chatty server never blocks on a full
  // pipe; the text is kept for failure messages.
  let output = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => { output += text; });
  const stdout = createInterface({ input: child.stdout });

  const url = await new Promise((resolve, reject) => {
    let listening = false;
    stdout.on('line', (line) => {
      output += `${line}\n`;
      const match = !listening && kListeningLine.exec(line);
      if (match) {
        listening = true;
        resolve(match[1]);
      }
    });
    child.on('error', (error) => {  // e.g. the binary does not exist
      running.delete(child);
      output += `${error.message}\n`;
      reject(error);
    });
    exited.then(({ code, signal }) => reject(new Error(
      `backendless-mock exited (code ${code}, signal ${signal}) before ` +
        `listening; its output:\n${output}`)));
  });

  return {
    url,
    port: Number(new URL(url).port),
    output: () => output,
    async stop() {
      if (running.has(child)) child.kill('SIGTERM');
      const { code, signal } = await exited;
      assert.deepEqual({ code, signal }, { code: 0, signal: null },
        `backendless-mock did not exit cleanly on SIGTERM; its output:\n${output}`);
    },
  };
}
