// A message's whole life, driven by the official JS SDK (backendless 8.0.0):
// log in, publish, poll, cancel, push with a template, log out; and the
// errors the SDK must be able to read. The mock serves
// tests/fixtures/lifecycle with a manual clock, and the tests move that clock
// through /__admin/clock: nothing here sleeps or waits on real time.
//
// Both init forms run the same tests, one after the other, on the global
// Backendless instance, exactly as an application would set it up:
//   Backendless.serverURL = url; Backendless.initApp(appId, apiKey)
//   Backendless.initApp(url)
// The lifecycle fixtures declare no app, so any app id and API key work.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, describe, test } from 'node:test';

import Backendless from 'backendless';

import { advanceClock, clockNowMs } from './lib/admin-clock.js';
import { kTestFixtures } from './lib/fixtures.js';
import { startMockServer } from './lib/mock-server.js';

const server = await startMockServer({
  fixtures: join(kTestFixtures, 'lifecycle'),
  args: ['--clock', 'manual'],
});
after(() => server.stop());

// The mock's default --delivery-delay: how long a publish stays "scheduled".
const kDeliveryDelayMs = 1000;
// What the mock names the ids it makes up: "message:" and an uppercase UUID.
const kMessageIdPattern =
  /^message:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const kUuidPattern =
  /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

// tests/fixtures/lifecycle/users.json
const kUser = { login: 'one@example.com', password: 'pw-1' };
const kFixtureToken = 'token-1';
const kDisabledUser = { login: 'off@example.com', password: 'pw-off' };

const kInitForms = [
  {
    name: 'serverURL, then initApp(appId, apiKey)',
    init() {
      // Before initApp: initApp sends GET <appPath>/info to the serverURL in
      // effect at that moment.
      Backendless.serverURL = server.url;
      return Backendless.initApp('lifecycle-app', 'lifecycle-key');
    },
    appPath: () => `${server.url}/lifecycle-app/lifecycle-key`,
  },
  {
    name: 'initApp(domain)',
    init: () => Backendless.initApp(server.url),
    appPath: () => `${server.url}/api`,
  },
];

// A status object as the mock answers it, whole.
function status(messageId, statusName, errorMessage = null) {
  return { errorMessage, messageId, status: statusName };
}

// Asserts that promise rejects with the SDK's ResponseError carrying this
// HTTP status, Backendless code and message.
async function assertBackendlessError(promise, expected) {
  await assert.rejects(promise, (error) => {
    assert.deepStrictEqual(
      { status: error.status, code: error.code, message: error.message },
      expected);
    return true;
  });
}

// Asserts that a publish or push answer is a fresh "scheduled" status, and
// returns its message id.
function scheduledId(answer) {
  assert.match(answer?.messageId ?? '', kMessageIdPattern,
    `not a fresh message id: ${JSON.stringify(answer)}`);
  assert.deepStrictEqual(answer, status(answer.messageId, 'scheduled'));
  return answer.messageId;
}

for (const form of kInitForms) {
  describe(`the message lifecycle after ${form.name}`, () => {
    let app;
    const statusOf = (messageId) => app.Messaging.getMessageStatus(messageId);

    afterEach(() => {
      // Signs out locally (no request), so each test starts anonymous.
      app?.UserService.setCurrentUser(null);
    });

    test('the SDK builds request URLs on the mock', () => {
      app = form.init();
      assert.equal(app, Backendless);
      assert.equal(app.appPath, form.appPath());
    });

    test('each fixture message resolves to its whole status object', async () => {
      assert.deepStrictEqual(await statusOf('fx-published'),
        status('fx-published', 'published'));
      assert.deepStrictEqual(await statusOf('fx-failed'),
        status('fx-failed', 'failed', 'boom'));
      assert.deepStrictEqual(await statusOf('fx-scheduled-forever'),
        status('fx-scheduled-forever', 'scheduled'));
      assert.deepStrictEqual(await statusOf('message:NO-SUCH-MESSAGE'),
        status('message:NO-SUCH-MESSAGE', 'unknown'));
    });

    test('a scheduled fixture message without a date stays scheduled', async () => {
      await advanceClock(server.url, 24 * 60 * 60 * 1000);
      assert.deepStrictEqual(await statusOf('fx-scheduled-forever'),
        status('fx-scheduled-forever', 'scheduled'));
    });

    test('login resolves to the fixture user with a fresh user-token', async () => {
      const now = await clockNowMs(server.url);
      const user = await app.UserService.login(kUser.login, kUser.password);
      assert.ok(user instanceof app.User, 'login resolves to a Backendless.User');
      const token = user['user-token'];
      assert.match(token, kUuidPattern);
      assert.notEqual(token, kFixtureToken);
      assert.deepStrictEqual({ ...user }, {
        ___class: 'Users',
        age: 41,
        email: 'one@example.com',
        lastLogin: now,
        name: 'One',
        objectId: 'u-1',
        ownerId: 'u-1',
        'user-token': token,
        userStatus: 'ENABLED',
      });
      assert.equal(app.getCurrentUserToken(), token);
    });

    test('login, publish: scheduled, then published once the delivery delay has passed',
      async () => {
        await app.UserService.login(kUser.login, kUser.password);
        const id = scheduledId(await app.Messaging.publish('default', 'hello'));
        assert.deepStrictEqual(await statusOf(id), status(id, 'scheduled'));
        await advanceClock(server.url, kDeliveryDelayMs - 1);
        assert.deepStrictEqual(await statusOf(id), status(id, 'scheduled'));
        await advanceClock(server.url, 1);
        assert.deepStrictEqual(await statusOf(id), status(id, 'published'));
        // Anyone may read it: the default channel has no rules.
        app.UserService.setCurrentUser(null);
        assert.deepStrictEqual(await statusOf(id), status(id, 'published'));
      });

    test('publish with publishAt (plain objects) is published at publishAt, not before',
      async () => {
        const publishAt = await clockNowMs(server.url) + 5000;
        const id = scheduledId(await app.Messaging.publish('default', { text: 'later' },
          { publisherId: 'sdk-test' }, { publishAt }));
        await advanceClock(server.url, 4999);
        assert.deepStrictEqual(await statusOf(id), status(id, 'scheduled'));
        await advanceClock(server.url, 1);
        assert.deepStrictEqual(await statusOf(id), status(id, 'published'));
      });

    test('publish with publishAt (PublishOptions, DeliveryOptions), cancel: cancelled; ' +
      'a second cancel rejects with 5040', async () => {
      await app.UserService.login(kUser.login, kUser.password);
      const publishAt = await clockNowMs(server.url) + 60_000;
      const id = scheduledId(await app.Messaging.publish('default', 'scheduled hello',
        new app.Messaging.PublishOptions({ publisherId: 'sdk-test', headers: { city: 'Dallas' } }),
        new app.Messaging.DeliveryOptions({ publishAt })));
      await advanceClock(server.url, kDeliveryDelayMs);
      assert.deepStrictEqual(await statusOf(id), status(id, 'scheduled'));

      assert.deepStrictEqual(await app.Messaging.cancel(id),
        { messageId: id, status: 'cancelled' });
      assert.deepStrictEqual(await statusOf(id), status(id, 'cancelled'));
      await assertBackendlessError(app.Messaging.cancel(id), {
        status: 400,
        code: 5040,
        message: "Can't cancel message. Already cancelled or there is no such message",
      });
      // Its publishAt passing changes nothing.
      await advanceClock(server.url, 60_000);
      assert.deepStrictEqual(await statusOf(id), status(id, 'cancelled'));
    });

    test('a published message cannot be cancelled (5040)', async () => {
      await assertBackendlessError(app.Messaging.cancel('fx-published'), {
        status: 400,
        code: 5040,
        message: "Can't cancel message. Already cancelled or there is no such message",
      });
    });

    test('pushWithTemplate, with and without values: scheduled, then published',
      async () => {
        const plain = scheduledId(await app.Messaging.pushWithTemplate('welcome'));
        const withValues = scheduledId(
          await app.Messaging.pushWithTemplate('welcome', { name: 'Ann' }));
        assert.notEqual(plain, withValues);
        assert.deepStrictEqual(await statusOf(plain), status(plain, 'scheduled'));
        assert.deepStrictEqual(await statusOf(withValues), status(withValues, 'scheduled'));
        await advanceClock(server.url, kDeliveryDelayMs);
        assert.deepStrictEqual(await statusOf(plain), status(plain, 'published'));
        assert.deepStrictEqual(await statusOf(withValues), status(withValues, 'published'));
      });

    test('a template with a failing outcome ends failed with its text', async () => {
      const id = scheduledId(await app.Messaging.pushWithTemplate('broken'));
      assert.deepStrictEqual(await statusOf(id), status(id, 'scheduled'));
      await advanceClock(server.url, kDeliveryDelayMs);
      assert.deepStrictEqual(await statusOf(id),
        status(id, 'failed', 'Template has no platform'));
    });

    test('an unknown template rejects with 24003', async () => {
      await assertBackendlessError(app.Messaging.pushWithTemplate('nope'), {
        status: 400,
        code: 24003,
        message: "Push Template with name 'nope' doesn't exist.",
      });
    });

    test('a message on the failing channel ends failed with the channel\'s text',
      async () => {
        const published = scheduledId(await app.Messaging.publish('doomed', 'hi'));
        const pushed = scheduledId(await app.Messaging.pushWithTemplate('to-doomed'));
        await advanceClock(server.url, kDeliveryDelayMs);
        for (const id of [published, pushed]) {
          assert.deepStrictEqual(await statusOf(id),
            status(id, 'failed', 'Simulated APNs rejection'));
        }
      });

    test('the locked channel refuses anonymous publishers (5007) and takes a logged-in one',
      async () => {
        await assertBackendlessError(app.Messaging.publish('locked', 'hi'), {
          status: 400,
          code: 5007,
          message: 'User has no permission to publish message',
        });
        await app.UserService.login(kUser.login, kUser.password);
        scheduledId(await app.Messaging.publish('locked', 'hi'));
      });

    test('isValidLogin: true after login; after logout false, without a request',
      async () => {
        assert.equal(await app.UserService.isValidLogin(), false);
        const user = await app.UserService.login(kUser.login, kUser.password);
        const token = user['user-token'];
        assert.equal(await app.UserService.isValidLogin(), true);

        assert.equal(await app.UserService.logout(), undefined);
        assert.equal(app.getCurrentUserToken(), null);

        // With no token the SDK answers false itself: spy on its requests.
        const sent = [];
        const { request } = app;
        const methods = ['get', 'post', 'put', 'delete'];
        const originals = methods.map((method) => request[method]);
        methods.forEach((method, i) => {
          request[method] = function spy(options) {
            sent.push(`${method.toUpperCase()} ${options?.url}`);
            return originals[i].call(this, options);
          };
        });
        try {
          assert.equal(await app.UserService.isValidLogin(), false);
        } finally {
          methods.forEach((method, i) => { request[method] = originals[i]; });
        }
        assert.deepStrictEqual(sent, []);

        // The mock revoked the token: set back on the SDK, it is refused.
        app.UserService.setCurrentUser({ 'user-token': token, objectId: 'u-1' });
        await assertBackendlessError(statusOf('fx-published'), {
          status: 400,
          code: 3064,
          message: `Not existing user token - ${token}. Relogin user to update your user token`,
        });
        assert.equal(await app.UserService.isValidLogin(), false);
      });

    test('the fixture user\'s start-up token is valid', async () => {
      app.UserService.setCurrentUser({ 'user-token': kFixtureToken, objectId: 'u-1' });
      assert.equal(await app.UserService.isValidLogin(), true);
      assert.deepStrictEqual(await statusOf('fx-failed'),
        status('fx-failed', 'failed', 'boom'));
    });

    test('a made-up user token: getMessageStatus rejects with 400 and 3064', async () => {
      const token = 'MADE-UP-TOKEN';
      app.UserService.setCurrentUser({ 'user-token': token, objectId: 'nobody' });
      assert.equal(app.getCurrentUserToken(), token);
      await assertBackendlessError(statusOf('fx-published'), {
        status: 400,
        code: 3064,
        message: `Not existing user token - ${token}. Relogin user to update your user token`,
      });
      // The SDK keeps the token: only logout and the init-time /info clear it.
      assert.equal(app.getCurrentUserToken(), token);
    });

    test('a wrong password rejects with 3003', async () => {
      await assertBackendlessError(app.UserService.login(kUser.login, 'wrong'), {
        status: 400,
        code: 3003,
        message: 'Invalid login or password',
      });
      assert.equal(app.getCurrentUserToken(), null);
    });

    test('a disabled user\'s login rejects with 3090', async () => {
      await assertBackendlessError(
        app.UserService.login(kDisabledUser.login, kDisabledUser.password), {
          status: 400,
          code: 3090,
          message: 'User account is disabled',
        });
      assert.equal(app.getCurrentUserToken(), null);
    });
  });
}
