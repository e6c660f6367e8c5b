// The docker-compose example's client: the official Backendless JS SDK
// (backendless 8.0.0) against backendless-mock serving its bundled fixtures.
// It reads the docs' example message, publishes a message and polls its
// status until the mock delivers it. One line per check, then
// "N passed, M failed"; exits 1 on any failure.
//
//   MOCK_URL   where the mock listens (default http://mock:8080, the compose
//              service name)
//   DEADLINE_MS  how long to wait for the mock to answer at all, and for the
//              published message to be delivered (default 30000)
import assert from 'node:assert/strict';
import http from 'node:http';

import Backendless from 'backendless';

const kMockUrl = (process.env.MOCK_URL || 'http://mock:8080').replace(/\/+$/, '');
const kDeadlineMs = Number(process.env.DEADLINE_MS || 30000);
// Bundled in fixtures/messages.json as "published".
const kDocsMessageId = 'message:6052643A-F96C-4253-BCF0-F606A4BBB794';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Resolves once the mock answers any HTTP request, so the client also works
// without compose's `condition: service_healthy`.
async function waitForMock() {
  const deadline = Date.now() + kDeadlineMs;
  for (;;) {
    const answered = await new Promise((resolve) => {
      const request = http.get(`${kMockUrl}/__admin/health`, (response) => {
        response.resume();
        resolve(true);
      });
      request.setTimeout(2000, () => request.destroy());
      request.on('error', () => resolve(false));
    });
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`no answer from ${kMockUrl} in ${kDeadlineMs} ms`);
    await sleep(250);
  }
}

let passed = 0;
let failed = 0;
async function check(name, body) {
  try {
    const detail = await body();
    passed += 1;
    console.log(`ok - ${name}${detail ? ` (${detail})` : ''}`);
    return true;
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}: ${error.message.split('\n').join(' ')}`);
    return false;
  }
}

const mockUp = await check(`the mock answers at ${kMockUrl}`, waitForMock);
if (mockUp) {
  // The /api form (initApp(domain)) works whatever apps the fixtures declare.
  Backendless.initApp(kMockUrl);

  await check(`the bundled ${kDocsMessageId} is published`, async () => {
    const answer = await Backendless.Messaging.getMessageStatus(kDocsMessageId);
    assert.deepEqual({ ...answer },
      { status: 'published', messageId: kDocsMessageId, errorMessage: null });
  });

  let messageId = null;
  await check('publish to "default" is scheduled', async () => {
    const answer = await Backendless.Messaging.publish('default', 'hello from the compose client');
    assert.equal(answer.status, 'scheduled');
    assert.match(answer.messageId, /^message:/);
    messageId = answer.messageId;
    return messageId;
  });

  if (messageId) {
    await check('the published message turns published', async () => {
      const start = Date.now();
      for (;;) {
        const answer = await Backendless.Messaging.getMessageStatus(messageId);
        if (answer.status === 'published') {
          assert.deepEqual({ ...answer }, { status: 'published', messageId, errorMessage: null });
          return `after ${Date.now() - start} ms`;
        }
        assert.equal(answer.status, 'scheduled', `status ${JSON.stringify(answer)}`);
        if (Date.now() - start > kDeadlineMs) throw new Error(`still scheduled after ${kDeadlineMs} ms`);
        await sleep(200);
      }
    });
  }
}

console.log(`${passed} passed, ${failed} failed`);
// Exit now rather than wait on anything the SDK may keep open.
process.exit(failed === 0 ? 0 : 1);
