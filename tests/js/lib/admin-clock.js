// Reads and moves the clock of a mock started with `--clock manual`, through
// its /__admin/clock API. Tests move time with these instead of sleeping.
import assert from 'node:assert/strict';

// Sends one request to <url>/__admin/clock and resolves to the clock it
// answers, {frozen, now, nowMs}. Throws, quoting the answer, unless it is 200.
async function clockRequest(url, init) {
  const response = await fetch(`${url}/__admin/clock`, init);
  const text = await response.text();
  assert.equal(response.status, 200,
    `${init?.method ?? 'GET'} /__admin/clock answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

// The mock's now, in ms since the epoch.
export async function clockNowMs(url) {
  return (await clockRequest(url)).nowMs;
}

// Moves the mock's clock forward by ms; every delivery due by then happens.
// Resolves to the new now, in ms since the epoch.
export async function advanceClock(url, ms) {
  const before = await clockNowMs(url);
  const clock = await clockRequest(url, {
    method: 'POST',
    body: JSON.stringify({ advanceMs: ms }),
  });
  assert.equal(clock.nowMs, before + ms, 'the clock moved by another amount');
  return clock.nowMs;
}
