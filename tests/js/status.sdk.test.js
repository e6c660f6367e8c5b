// Backendless.Messaging.getMessageStatus, called through the official JS SDK
// (backendless 8.0.0), against the mock serving the bundled fixtures, in both
// ways the SDK can be pointed at a server.
//
// initApp fires a GET <appPath>/info it does not wait for. Should that fail,
// the SDK only logs "could not load backendless app info" to the console:
// noise in the output, not a test failure.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';

import Backendless from 'backendless';

import { kBundledFixtures } from './lib/fixtures.js';
import { startMockServer } from './lib/mock-server.js';

const server = await startMockServer({ fixtures: kBundledFixtures });
after(() => server.stop());

// One message per status in fixtures/messages.json, answered whole.
const kFixtureStatuses = [
  {
    status: 'published',
    messageId: 'message:6052643A-F96C-4253-BCF0-F606A4BBB794',
    errorMessage: null,
  },
  {
    status: 'failed',
    messageId: 'message:FA11ED00-0000-4000-8000-000000000001',
    errorMessage: 'Push notification failed: device token is not registered',
  },
  {
    status: 'scheduled',
    messageId: 'message:5CEDD1ED-0000-4000-8000-000000000002',
    errorMessage: null,
  },
  {
    status: 'cancelled',
    messageId: 'message:CA1CE11E-0000-4000-8000-000000000003',
    errorMessage: null,
  },
  {
    status: 'unknown',
    messageId: 'message:0000000D-0000-4000-8000-000000000004',
    errorMessage: null,
  },
];

// alice (fixtures/users.json) holds this token from start-up; only she may
// read statuses on the ops-alerts channel.
const kAliceToken = '2807A065-BF75-7024-FFBD-2D00CA840300';
const kOpsAlertsMessageId = 'message:0A5A1E27-0000-4000-8000-000000000005';

// Each init form returns the SDK instance it set up and names the appPath that
// instance must use. The first two set up the global instance, the others a
// standalone one of their own. serverURL is set BEFORE initApp: initApp sends
// its /info request to the serverURL in effect at that moment.
const kInitForms = [
  {
    name: 'serverURL, then initApp(appId, apiKey)',
    standalone: false,
    init() {
      Backendless.serverURL = server.url;
      return Backendless.initApp('demo-app', 'demo-js-key');
    },
    appPath: () => `${server.url}/demo-app/demo-js-key`,
  },
  {
    name: 'initApp(domain)',
    standalone: false,
    init: () => Backendless.initApp(server.url),
    appPath: () => `${server.url}/api`,
  },
  {
    name: 'initApp({appId, apiKey, serverURL, standalone})',
    standalone: true,
    init: () => Backendless.initApp({
      appId: 'demo-app', apiKey: 'demo-rest-key', serverURL: server.url, standalone: true,
    }),
    appPath: () => `${server.url}/demo-app/demo-rest-key`,
  },
  {
    name: 'initApp({domain, standalone})',
    standalone: true,
    init: () => Backendless.initApp({ domain: server.url, standalone: true }),
    appPath: () => `${server.url}/api`,
  },
];

// Runs body with app's current user set to one holding token, then signs
// that user out locally again (no request is sent either way).
async function withUserToken(app, token, body) {
  app.UserService.setCurrentUser({ 'user-token': token, objectId: 'sdk-test-user' });
  try {
    assert.equal(app.getCurrentUserToken(), token);
    await body();
  } finally {
    app.UserService.setCurrentUser(null);
  }
}

// Forms that share the global instance must not overlap: node:test runs these
// suites one after the other.
for (const form of kInitForms) {
  describe(`getMessageStatus after ${form.name}`, () => {
    let app;

    test('the SDK builds request URLs on the mock', () => {
      app = form.init();
      assert.equal(app === Backendless, !form.standalone);
      assert.equal(app.appPath, form.appPath());
    });

    for (const expected of kFixtureStatuses) {
      test(`the "${expected.status}" fixture message resolves to its whole status object`,
        async () => {
          const answer = await app.Messaging.getMessageStatus(expected.messageId);
          assert.deepStrictEqual(answer, expected);
        });
    }

    test('an id no fixture knows resolves to status "unknown"', async () => {
      const answer = await app.Messaging.getMessageStatus('message:NO-SUCH-MESSAGE');
      assert.deepStrictEqual(answer, {
        status: 'unknown',
        messageId: 'message:NO-SUCH-MESSAGE',
        errorMessage: null,
      });
    });

    test('a fixture user\'s token is accepted on a restricted channel',
      async () => {
        await withUserToken(app, kAliceToken, async () => {
          const answer = await app.Messaging.getMessageStatus(kOpsAlertsMessageId);
          assert.deepStrictEqual(answer, {
            status: 'published',
            messageId: kOpsAlertsMessageId,
            errorMessage: null,
          });
        });
      });

    test('a stale user token rejects with 400 and code 3064', async () => {
      await withUserToken(app, 'stale', async () => {
        await assert.rejects(
          app.Messaging.getMessageStatus(kFixtureStatuses[0].messageId),
          (error) => {
            assert.deepStrictEqual(
              { status: error.status, code: error.code, message: error.message },
              {
                status: 400,
                code: 3064,
                message: 'Not existing user token - stale. ' +
                  'Relogin user to update your user token',
              });
            return true;
          });
      });
    });
  });
}
