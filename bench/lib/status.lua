-- GET of one fixture message's status with a valid user-token.
-- The path comes from the URL given to wrk; the token from BENCH_TOKEN.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then wrk.headers["user-token"] = token end
wrk.method = "GET"
done = report.done
