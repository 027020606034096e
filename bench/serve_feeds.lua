-- bench/serve_feeds.lua - wrk script: every connection walks the feed
-- paths in $FEEDS (one a line) from its own starting point; the first fetch
-- of a path is unconditional, every later one sends the ETag it got
-- (If-None-Match), as a calendar client re-fetching does.  One connection
-- per thread (wrk -t N -c N), so request() and response() pair up.
local threads = {}

function setup(thread)
	thread:set("id", #threads)
	table.insert(threads, thread)
end

function init(args)
	paths = {}
	for line in io.lines(os.getenv("FEEDS")) do
		table.insert(paths, line)
	end
	etags = {}
	i = (id * 97) % #paths
	n200, n304, nother, first, refetch = 0, 0, 0, 0, 0
end

function request()
	i = i % #paths + 1
	current = paths[i]
	local tag = etags[current]
	if tag then
		refetch = refetch + 1
		return wrk.format("GET", current, {["If-None-Match"] = tag})
	end
	first = first + 1
	return wrk.format("GET", current)
end

function response(status, headers, body)
	if status == 200 then
		n200 = n200 + 1
		etags[current] = headers["ETag"]
	elseif status == 304 then
		n304 = n304 + 1
	else
		nother = nother + 1
	end
end

function done(summary, latency, requests)
	local s = {n200 = 0, n304 = 0, nother = 0, first = 0, refetch = 0}
	for _, t in ipairs(threads) do
		for k, _ in pairs(s) do
			s[k] = s[k] + t:get(k)
		end
	end
	local secs = summary.duration / 1e6
	io.write(string.format(
		"RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f " ..
		"max_ms=%.2f status200=%d status304=%d other=%d errors=%d " ..
		"first=%d refetch=%d share304_refetch=%.3f\n",
		summary.requests, secs, summary.requests / secs,
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		latency.max / 1000, s.n200, s.n304, s.nother,
		summary.errors.connect + summary.errors.read + summary.errors.write +
		summary.errors.status + summary.errors.timeout,
		s.first, s.refetch, s.refetch > 0 and s.n304 / s.refetch or 0))
end
