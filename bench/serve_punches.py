"""bench/serve_punches.py - N terminals post batches of B punches to rota
serve as fast as they can for S seconds (loopback only, bounded in time).

usage: serve_punches.py PORT KEYFILE EMPLOYEES SECONDS BATCH OUT.json
Terminal k owns every employee whose index is k modulo N and clocks them
in and out alternately, a minute apart, so every punch is valid; every
10th request resends the terminal's previous batch, which must come back
all "duplicate".  Writes counts and latencies to OUT.json.
"""
import http.client
import json
import sys
import threading
import time

port = int(sys.argv[1])
keys = [k.strip() for k in open(sys.argv[2]) if k.strip()]
employees = [e.strip() for e in open(sys.argv[3]) if e.strip()]
seconds, batch = float(sys.argv[4]), int(sys.argv[5])
out = sys.argv[6]
start_at = int(sys.argv[7])          # first punch instant (UTC seconds)
lock = threading.Lock()
stats = {"requests": 0, "stored": 0, "duplicate": 0, "refused": 0,
         "status": {}, "latency_ms": [], "resend_not_duplicate": 0,
         "errors": 0}


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def terminal(k, deadline):
    mine = employees[k::len(keys)]
    state = {e: 0 for e in mine}       # punches so far per employee
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    head = {"Authorization": "Bearer " + keys[k],
            "Content-Type": "application/json"}
    prev, n = None, 0
    local = {"requests": 0, "stored": 0, "duplicate": 0, "refused": 0,
             "status": {}, "latency_ms": [], "resend_not_duplicate": 0,
             "errors": 0}
    j = 0
    while time.time() < deadline:
        n += 1
        resend = prev is not None and n % 10 == 0
        if resend:
            body = prev
        else:
            items = []
            for _ in range(batch):
                e = mine[j % len(mine)]
                j += 1
                c = state[e]
                state[e] = c + 1
                items.append({"employee": e, "time": iso(start_at + c * 60),
                              "kind": "in" if c % 2 == 0 else "out"})
            body = json.dumps({"punches": items})
            prev = body
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/api/v1/punches", body, head)
            r = conn.getresponse()
            data = r.read()
        except (OSError, http.client.HTTPException):
            local["errors"] += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        local["latency_ms"].append((time.perf_counter() - t0) * 1000)
        local["requests"] += 1
        local["status"][r.status] = local["status"].get(r.status, 0) + 1
        if r.status == 200:
            res = json.loads(data)["results"]
            for x in res:
                local[x["status"]] += 1
            if resend and any(x["status"] != "duplicate" for x in res):
                local["resend_not_duplicate"] += 1
    conn.close()
    with lock:
        for key in ("requests", "stored", "duplicate", "refused", "errors",
                    "resend_not_duplicate"):
            stats[key] += local[key]
        for s, c in local["status"].items():
            stats["status"][s] = stats["status"].get(s, 0) + c
        stats["latency_ms"] += local["latency_ms"]


deadline = time.time() + seconds
threads = [threading.Thread(target=terminal, args=(k, deadline))
           for k in range(len(keys))]
t0 = time.time()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.time() - t0
lat = sorted(stats.pop("latency_ms"))


def pct(p):
    return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else 0


stats.update(seconds=round(elapsed, 1), p50_ms=round(pct(50), 1),
             p99_ms=round(pct(99), 1), max_ms=round(lat[-1], 1) if lat else 0,
             punches_per_s=round((stats["stored"] + stats["duplicate"]) /
                                 elapsed))
json.dump(stats, open(out, "w"))
print(json.dumps(stats))
