// The official JS SDK's browser bundle (backendless 8.0.0,
// dist/backendless.js) in headless Chromium, driven through playwright-core,
// against the mock on ANOTHER origin: the page comes from a small Node server
// on one port, the mock listens on another. So every SDK call is a
// cross-origin XMLHttpRequest, and the ones carrying user-token or
// Content-Type: application/json are preceded by a CORS preflight. This is
// the end-to-end proof that the mock's CORS answers let a web app work.
//
// The page (browser/index.html, browser/page.js) sets the SDK up in the init
// form named in its query and exposes the SDK calls as window.mockCheck; the
// test calls them one by one and moves the mock's manual clock in between.
//
// Needs Debian's Chromium at /usr/bin/chromium (`bash .ci/install-deps --test`
// installs it). Only when that file is missing is this test skipped; if it is
// there, failing to start it fails the test.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { advanceClock, clockNowMs } from './lib/admin-clock.js';
import { kRepoRoot, kTestFixtures } from './lib/fixtures.js';
import { startMockServer } from './lib/mock-server.js';
import { startStaticServer } from './lib/static-server.js';

const kChromium = '/usr/bin/chromium';
// Flags known to work on these machines: no sandbox (root), no GPU, and no
// background traffic to Google's hosts, which the closed network refuses.
const kChromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const kSkip = existsSync(kChromium) ? false :
  `${kChromium} is missing: run \`bash .ci/install-deps --test\` (it installs Debian's chromium)`;

const kJsDir = join(kRepoRoot, 'tests', 'js');
const kPageRoutes = {
  '/index.html': join(kJsDir, 'browser', 'index.html'),
  '/page.js': join(kJsDir, 'browser', 'page.js'),
  // The file package.json's "browser" field names.
  '/backendless.js': join(kJsDir, 'node_modules', 'backendless', 'dist', 'backendless.js'),
};

const kDeliveryDelayMs = 1000;
const kMessageIdPattern =
  /^message:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const kUuidPattern =
  /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

const kInitForms = [
  { form: 'native', root: '/browser-app/browser-key' },
  { form: 'domain', root: '/api' },
];

function status(messageId, statusName, errorMessage = null) {
  return { errorMessage, messageId, status: statusName };
}

function scheduledId(answer) {
  assert.match(answer?.messageId ?? '', kMessageIdPattern,
    `not a fresh message id: ${JSON.stringify(answer)}`);
  assert.deepStrictEqual(answer, status(answer.messageId, 'scheduled'));
  return answer.messageId;
}

// Skipped, the runner prints "# SKIP <reason>" (and ctest, matching it, reports
// the test as skipped): a test of its own, so that the run counts one skipped.
if (kSkip) test('the JS SDK in headless Chromium, across origins', { skip: kSkip });
else describe('the JS SDK in headless Chromium, across origins', () => {
  let mock;
  let pages;
  let browser;
  let profileDir;

  before(async () => {
    // Imported here, so that a skipped run needs nothing but Node.
    const { chromium } = await import('playwright-core');
    mock = await startMockServer({
      fixtures: join(kTestFixtures, 'lifecycle'),
      args: ['--clock', 'manual'],
    });
    pages = await startStaticServer(kPageRoutes);
    assert.notEqual(new URL(pages.url).origin, new URL(mock.url).origin);
    // Playwright gives the browser an empty profile of its own; this one only
    // keeps Chromium's other state (crash dumps, caches) out of $HOME.
    profileDir = mkdtempSync(join(tmpdir(), 'backendless-mock-chromium-'));
    browser = await chromium.launch({
      executablePath: kChromium,
      args: kChromiumArgs,
      env: { ...process.env, HOME: profileDir, XDG_CONFIG_HOME: profileDir,
        XDG_CACHE_HOME: profileDir },
      timeout: 60_000,
    });
  });

  after(async () => {
    await browser?.close();
    await pages?.stop();
    await mock?.stop();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  for (const { form, root } of kInitForms) {
    describe(`init form "${form}"`, () => {
      let context;
      let page;
      // What the page printed to its console at error level, uncaught errors
      // and failed requests: a CORS refusal shows up here. Chromium's
      // "Failed to load resource" lines for answers that are HTTP errors are
      // left out: httpErrors lists those answers instead.
      const problems = [];
      const httpErrors = [];
      let cancelledId;
      const call = (name, ...args) =>
        page.evaluate(([n, a]) => window.mockCheck[n](...a), [name, args]);

      before(async () => {
        context = await browser.newContext();
        page = await context.newPage();
        page.on('console', (message) => {
          if (message.type() === 'error' &&
              !/^Failed to load resource: the server responded with a status of \d+/
                .test(message.text())) {
            problems.push(`console: ${message.text()}`);
          }
        });
        page.on('response', (response) => {
          if (response.status() >= 400) {
            const { pathname } = new URL(response.url());
            httpErrors.push(`${response.request().method()} ${pathname} ${response.status()}`);
          }
        });
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
        page.on('requestfailed', (request) => problems.push(
          `request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
        const query = new URLSearchParams({ mock: mock.url, form });
        await page.goto(`${pages.url}/index.html?${query}`);
        await page.waitForFunction(() => window.mockCheck !== undefined);
      });

      after(async () => {
        await context?.close();
      });

      test('the page is served from one origin and the SDK aims at the other', async () => {
        assert.equal(new URL(page.url()).origin, pages.url);
        assert.equal(await call('appPath'), `${mock.url}${root}`);
        const info = await call('appInfo');
        assert.equal(info?.emulator, 'backendless-mock', JSON.stringify(info));
      });

      test('login, then isValidLogin is true', async () => {
        const { userToken, objectId } = await call('login', 'one@example.com', 'pw-1');
        assert.equal(objectId, 'u-1');
        assert.match(userToken, kUuidPattern);
        assert.equal(await call('currentUserToken'), userToken);
        assert.equal(await call('isValidLogin'), true);
      });

      test('publish: scheduled; after the delivery delay: published', async () => {
        const id = scheduledId(await call('publish', 'default', 'hello from a browser'));
        assert.deepStrictEqual(await call('status', id), status(id, 'scheduled'));
        await advanceClock(mock.url, kDeliveryDelayMs);
        assert.deepStrictEqual(await call('status', id), status(id, 'published'));
      });

      test('publish with publishAt, cancel: cancelled; a second cancel reads 5040',
        async () => {
          const publishAt = await clockNowMs(mock.url) + 60_000;
          const id = scheduledId(
            await call('publish', 'default', { text: 'later' }, { publishAt }));
          await advanceClock(mock.url, kDeliveryDelayMs);
          assert.deepStrictEqual(await call('status', id), status(id, 'scheduled'));
          assert.deepStrictEqual(await call('cancel', id), { messageId: id, status: 'cancelled' });
          assert.deepStrictEqual(await call('status', id), status(id, 'cancelled'));
          cancelledId = id;
          // An error answer is readable across origins too.
          assert.deepStrictEqual(await call('cancel', id), {
            error: {
              status: 400,
              code: 5040,
              message: "Can't cancel message. Already cancelled or there is no such message",
            },
          });
        });

      test('pushWithTemplate with values: scheduled, then published', async () => {
        const id = scheduledId(await call('pushWithTemplate', 'welcome', { name: 'Ann' }));
        await advanceClock(mock.url, kDeliveryDelayMs);
        assert.deepStrictEqual(await call('status', id), status(id, 'published'));
      });

      test('logout: isValidLogin is false and anonymous publishing on "locked" reads 5007',
        async () => {
          assert.equal(await call('logout'), null);
          assert.equal(await call('currentUserToken'), null);
          assert.equal(await call('isValidLogin'), false);
          assert.deepStrictEqual(await call('publish', 'locked', 'hi'), {
            error: { status: 400, code: 5007, message: 'User has no permission to publish message' },
          });
        });

      test('the browser sent CORS preflights and met no errors but the two expected',
        async () => {
          // Preflights do not show as page requests; the mock's access log
          // names them. POST with Content-Type: application/json needs one.
          const preflight = `OPTIONS ${root}/messaging/default 204`;
          assert.ok(mock.output().includes(preflight),
            `no "${preflight}" in the mock's log:\n${mock.output()}`);
          assert.deepStrictEqual(problems, []);
          assert.deepStrictEqual(httpErrors, [
            `DELETE ${root}/messaging/${cancelledId} 400`,
            `POST ${root}/messaging/locked 400`,
          ]);
        });
    });
  }
});
