-- Publish-then-status: requests alternate POST /api/messaging/default with
-- {"message":"hi"} and GET /api/messaging/<id>, where <id> is the messageId
-- parsed from the latest publish response (before the first one arrives:
-- the fixture id in BENCH_STATUS_PATH). With wrk -t1 all connections share
-- this script's state, so "latest" is across connections.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

local token = os.getenv("BENCH_TOKEN")
local status_path = os.getenv("BENCH_STATUS_PATH")
local headers = {["Content-Type"] = "application/json"}
if token and token ~= "" then headers["user-token"] = token end
local get_headers = {}
if token and token ~= "" then get_headers["user-token"] = token end

local publish = wrk.format("POST", "/api/messaging/default", headers,
                           '{"message":"hi"}')
local last_id_path = status_path
local next_is_post = true
local limit = tonumber(os.getenv("BENCH_COUNT") or "0")  -- bench/profile
local seen = 0

function request()
  next_is_post = not next_is_post
  if not next_is_post then return publish end
  return wrk.format("GET", last_id_path, get_headers)
end

function response(status, headers, body)
  local id = body and body:match('"messageId":"(message:[^"]+)"')
  if id and status == 200 and body:find('"scheduled"', 1, true) then
    last_id_path = "/api/messaging/" .. id
  end
  seen = seen + 1
  if limit > 0 and seen >= limit then wrk.thread:stop() end
end

done = report.done
