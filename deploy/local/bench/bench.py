#!/usr/bin/env python3
"""./shop bench: load the local stack with a realistic catalogue and users, then drive fixed-concurrency read and
write scenarios over loopback (wrk; checkout with a closed-loop asyncio client), sampling CPU and RSS of every process,
and write bench/results/<timestamp>/.

Standard library only. See docs/performance.md for how to run it and how to read the figures.
"""

import argparse
import concurrent.futures
import datetime
import html
import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

import writes

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
LUA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "paths.lua")
HOST = "127.0.0.1"
GATEWAY, AUTH, CATALOG, CART = 8080, 8081, 8082, 8083
CATALOG_MANAGEMENT = 9082
ADMIN_PHONE, ADMIN_PASSWORD = "+919000000001", "Admin#2026demo"
# A benchmark stack: the optimising compiler on (the launcher's default stops at the quick one, for a faster start),
# the gateway's baseline answer on, and rate limits far above what one machine can send (every request of the load
# generator comes from one address).
BENCH_ENV = {
    "SHOP_JIT": "full",
    "SHOP_GATEWAY_BASELINE_ENABLED": "true",
    "SHOP_GATEWAY_RATE_LIMITS_BROWSE_CAPACITY": "1000000000",
    "SHOP_GATEWAY_RATE_LIMITS_ANONYMOUS_CAPACITY": "1000000000",
    "SHOP_GATEWAY_RATE_LIMITS_AUTHENTICATED_CAPACITY": "1000000000",
}
WORDS = ["brake", "pad", "disc", "filter", "oil", "air", "cabin", "spark", "plug", "clutch", "kit", "chain", "sprocket",
         "battery", "horn", "mirror", "lamp", "wiper", "blade", "belt", "radiator", "hose", "gasket", "bearing",
         "shock", "absorber", "tyre", "tube", "cable", "switch", "sensor", "pump", "seal", "bulb", "grille"]
ADJECTIVES = ["front", "rear", "premium", "heavy duty", "sport", "standard", "ceramic", "sintered", "OEM", "long life"]


def log(message):
    print("bench: " + message, flush=True)


def die(message):
    print("bench: " + message, file=sys.stderr, flush=True)
    sys.exit(1)


# ---------------------------------------------------------------------------------------------------------- HTTP


class Client:
    """One keep-alive connection per thread and port."""

    local = threading.local()

    @classmethod
    def call(cls, port, method, path, body=None, token=None, timeout=30):
        conns = getattr(cls.local, "conns", None)
        if conns is None:
            conns = cls.local.conns = {}
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        for attempt in range(2):
            conn = conns.get(port)
            if conn is None:
                conn = conns[port] = http.client.HTTPConnection(HOST, port, timeout=timeout)
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                raw = response.read()
                text = raw.decode("utf-8", "replace")
                try:
                    parsed = json.loads(text) if text else None
                except ValueError:
                    parsed = None
                return response.status, parsed, text
            except (OSError, http.client.HTTPException):
                conn.close()
                conns.pop(port, None)
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")


def status_of(port, path):
    try:
        return Client.call(port, "GET", path, timeout=3)[0]
    except OSError:
        return None


def listening(port):
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((HOST, port)) == 0


def wait_for(what, check, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    die("timed out waiting for " + what)


# ---------------------------------------------------------------------------------------------------------- stack


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing: installing it with apt-get (Debian package wrk)")
        if subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False).returncode != 0:
            # No package lists yet (a fresh container): fetch them once and try again.
            subprocess.run(["apt-get", "update", "-q"], check=False)
            subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False)
        if shutil.which("wrk"):
            return shutil.which("wrk")
    die("wrk is not installed and could not be installed here; install it (Debian/Ubuntu: sudo apt-get install wrk, "
        "macOS: brew install wrk) and run ./shop bench again")


def ensure_stack(args):
    """Returns True when this run started the stack (and so stops it at the end unless --keep)."""
    if status_of(GATEWAY, "/baseline") == 200:
        log("reusing the running benchmark stack")
        return False
    if listening(GATEWAY):
        if not args.reuse:
            die("something already listens on port %d without the benchmark settings (probably a stack started with "
                "./shop start, whose rate limits would answer 429 under load). Stop it with ./shop stop, or pass "
                "--reuse to measure it as it runs (then the baseline scenario is skipped)." % GATEWAY)
        log("reusing the running stack as it is (--reuse)")
        return False
    log("starting the stack with the benchmark settings (./shop start -d)")
    env = dict(os.environ)
    env.update(BENCH_ENV)
    if subprocess.run([os.path.join(ROOT, "shop"), "start", "-d"], cwd=ROOT, env=env).returncode != 0:
        die("./shop start -d failed; see ./shop logs <component>")
    return True


def stop_stack():
    log("stopping the stack this run started (./shop stop)")
    subprocess.run([os.path.join(ROOT, "shop"), "stop"], cwd=ROOT)


def stack_pids():
    run = os.path.join(ROOT, "data", "run")
    pids = {}
    if os.path.isdir(run):
        for name in sorted(os.listdir(run)):
            if name.endswith(".pid"):
                try:
                    pid = int(open(os.path.join(run, name)).read().split()[0])
                except (ValueError, IndexError, OSError):
                    continue
                if os.path.exists("/proc/%d" % pid):
                    pids[name[:-4]] = pid
    return pids


# ---------------------------------------------------------------------------------------------------------- data


def admin_token():
    def attempt():
        try:
            code, body, _ = Client.call(AUTH, "POST", "/api/v1/auth/login",
                                        {"phoneNumber": ADMIN_PHONE, "password": ADMIN_PASSWORD})
        except OSError:
            return None
        return body.get("accessToken") if code == 200 and body else None

    return wait_for("the demo admin account", attempt, 60)


def catalogue_total():
    code, body, _ = Client.call(CATALOG, "GET", "/api/v1/products?size=1")
    return body["total"] if code == 200 else 0


def wait_until_settled(minimum, timeout=300):
    """Waits until the catalogue holds at least minimum products and the count stopped moving."""
    deadline = time.monotonic() + timeout
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        total = catalogue_total()
        if total != last:
            last, since = total, time.monotonic()
        elif total >= minimum and time.monotonic() - since >= 3:
            return total
        time.sleep(1)
    return last


def taxonomy(token):
    _, brands, _ = Client.call(CATALOG, "GET", "/api/v1/brands?size=100")
    brand_codes = [b["code"] for b in brands["items"]]
    models = {}
    for code in brand_codes:
        _, page, _ = Client.call(CATALOG, "GET", "/api/v1/brands/%s/models?size=100" % code)
        models[code] = [m["code"] for m in (page or {}).get("items", [])]
    _, categories, _ = Client.call(CATALOG, "GET", "/api/v1/categories")
    flat = []

    def walk(nodes):
        for node in nodes:
            flat.append(node)
            walk(node.get("children") or [])

    walk(categories if isinstance(categories, list) else categories.get("items", []))
    return brand_codes, models, flat


def load_products(target, token, seed):
    have = wait_until_settled(1, timeout=180)
    if have >= target:
        log("catalogue holds %d products (>= %d)" % (have, target))
        return have
    brands, models, categories = taxonomy(token)
    if not brands or not categories:
        die("the catalogue has no brands or categories to build products on")
    leaf = [c["id"] for c in categories if not c.get("children")] or [c["id"] for c in categories]
    rng = random.Random(seed)
    run = "%05d" % rng.randrange(100000)
    missing = target - have
    log("loading %d products through catalog-service's admin API (%d there already)" % (missing, have))
    now = datetime.datetime.now(datetime.timezone.utc)

    def body(i):
        r = random.Random(seed * 1_000_003 + i)
        brand = r.choice(brands)
        fits = r.sample(models.get(brand, []), min(len(models.get(brand, [])), r.randint(0, 3)))
        noun = " ".join(r.sample(WORDS, 2))
        product = {
            "sku": "BN-%s-%06d" % (run, i),
            "name": "%s %s %s" % (brand.title(), r.choice(ADJECTIVES), noun),
            "description": "Bench part %d: %s for %s, %s." % (i, noun, brand.lower(), r.choice(ADJECTIVES)),
            "brand": brand,
            "models": [{"brand": brand, "model": m} for m in fits],
            "categoryId": r.choice(leaf),
            "attributes": {"warranty": "%d months" % r.choice([6, 12, 24]), "material": r.choice(
                ["steel", "rubber", "ceramic", "aluminium"]), "position": r.choice(["front", "rear", "both"])},
            "price": {"amount": r.randrange(9_900, 2_500_000, 100), "currency": "INR"},
            "status": "active",
            "stock": r.choice([0, 2, 5, 10, 25, 100, 250]),
        }
        if r.random() < 0.15:
            product["offer"] = {"percent": r.choice([5, 10, 15, 20, 30]), "validFrom": (now - datetime.timedelta(
                days=1)).isoformat().replace("+00:00", "Z"), "validTo": (now + datetime.timedelta(
                    days=30)).isoformat().replace("+00:00", "Z"), "label": "Sale"}
        return product

    failures = []
    started = time.monotonic()

    def create(i):
        code, _, text = Client.call(CATALOG, "POST", "/api/v1/products", body(i), token)
        if code != 201:
            failures.append("%d %s" % (code, text[:200]))

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for n, _ in enumerate(pool.map(create, range(missing)), 1):
            if n % 1000 == 0:
                log("  %d/%d products (%.0f/s)" % (n, missing, n / (time.monotonic() - started)))
    if failures:
        die("%d product writes failed, e.g. %s" % (len(failures), failures[0]))
    total = wait_until_settled(target)
    log("catalogue holds %d products (%.0f s to load)" % (total, time.monotonic() - started))
    return total


def load_users(count):
    """Signs up (or signs in) count customers by OTP against auth-service and writes their access tokens."""
    cache = os.path.join(ROOT, "data", "bench-tokens.txt")
    if os.path.exists(cache) and time.time() - os.path.getmtime(cache) < 600:
        kept = open(cache).read().split()
        if len(kept) >= count:
            log("reusing %d user tokens signed in less than 10 minutes ago" % len(kept))
            return cache
    otp_log = os.path.join(ROOT, "data", "dev-otp.log")
    # Each number in a block of its own: auth-service budgets codes per block of 1,000 numbers.
    phones = ["+91987%04d000" % i for i in range(count)]
    started = time.monotonic()

    def request(phone):
        for _ in range(20):
            code, _, _ = Client.call(AUTH, "POST", "/api/v1/auth/otp/request", {"phoneNumber": phone})
            if code == 202:
                return True
            time.sleep(1)
        return False

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        sent = sum(pool.map(request, phones))
    codes = {}
    if os.path.exists(otp_log):
        for line in open(otp_log, encoding="utf-8", errors="replace"):
            parts = line.split()
            if len(parts) >= 2:
                codes[parts[0]] = parts[1]

    def verify(phone):
        if phone not in codes:
            return None
        code, body, _ = Client.call(AUTH, "POST", "/api/v1/auth/otp/verify",
                                    {"phoneNumber": phone, "otp": codes[phone], "fullName": "Bench " + phone[-4:]})
        return body.get("accessToken") if code == 200 and body else None

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        tokens = [t for t in pool.map(verify, phones) if t]
    path = cache
    with open(path, "w") as out:
        out.write("\n".join(tokens) + "\n")
    log("%d of %d users signed in by OTP (%d codes sent, %.0f s)" % (len(tokens), count, sent,
                                                                    time.monotonic() - started))
    return path if tokens else None


def stock_products(token, count=50):
    """Products with a deep stock for the write scenarios, created once and remembered in data/bench-stock.json."""
    path = os.path.join(ROOT, "data", "bench-stock.json")
    if os.path.exists(path):
        ids = json.load(open(path))
        healthy = [i for i in ids if (lambda r: r[0] == 200 and r[1]["stock"] > writes.STOCK // 2)(
            Client.call(CATALOG, "GET", "/api/v1/products/" + i))]
        if len(healthy) == len(ids) == count:
            return ids
    _, brands, _ = Client.call(CATALOG, "GET", "/api/v1/brands?size=1")
    _, categories, _ = Client.call(CATALOG, "GET", "/api/v1/categories")
    leaf = categories if isinstance(categories, list) else categories.get("items", [])
    while leaf and leaf[0].get("children"):
        leaf = leaf[0]["children"]
    run = "%05d" % random.randrange(100000)
    ids = []
    for i in range(count):
        code, body, text = Client.call(CATALOG, "POST", "/api/v1/products", {
            "sku": "BS-%s-%03d" % (run, i), "name": "Bench stock part %d" % i,
            "description": "A part with a deep stock for the write-path benchmark.",
            "brand": brands["items"][0]["code"], "categoryId": leaf[0]["id"],
            "price": {"amount": 19_900 + 100 * i, "currency": "INR"}, "status": "active", "stock": writes.STOCK}, token)
        if code != 201:
            die("could not create a stock product: %d %s" % (code, text[:200]))
        ids.append(body["id"])
    with open(path, "w") as out:
        json.dump(ids, out)
    log("created %d products with %d units each for the write scenarios" % (count, writes.STOCK))
    return ids


def stock_levels(ids):
    levels = {}
    for i in ids:
        code, body, _ = Client.call(CATALOG, "GET", "/api/v1/products/" + i)
        if code == 200:
            levels[i] = (body["stock"], body.get("soldCount", 0))
    return levels


def empty_carts(tokens):
    def empty(token):
        return Client.call(GATEWAY, "DELETE", "/api/v1/cart", token=token)[0]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return sum(1 for code in pool.map(empty, tokens) if code == 204)


def fill_carts(tokens, products, lines=3):
    """Gives every user's cart `lines` lines (the cart-read scenario reads real carts, not empty ones); returns the
    number of carts that hold them."""
    def fill(indexed):
        index, token = indexed
        Client.call(GATEWAY, "DELETE", "/api/v1/cart", token=token)
        codes = [Client.call(GATEWAY, "POST", "/api/v1/cart/items", token=token,
                             body={"productId": products[(index + n) % len(products)], "quantity": 1})[0]
                 for n in range(lines)]
        return all(code in (200, 201) for code in codes)

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return sum(1 for ok in pool.map(fill, enumerate(tokens)) if ok)


def settle(pids, threshold=25.0, timeout=240):
    """Waits until the stack is quiet (all its processes together below `threshold` % of one core over 5 s): after a
    data load the consumers and outbox relays of every service are still catching up, and that would be measured."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        sampler = Sampler(dict(pids))
        sampler.start()
        time.sleep(5)
        usage = sampler.finish()
        total = sum(u["cpu_percent"] or 0 for u in usage.values())
        if total < threshold:
            log("stack quiet (%.0f%% of a core in total) after %.0f s" % (total, time.monotonic() - started))
            return
    log("stack still busy (%.0f%% of a core) after %d s; measuring anyway" % (total, timeout))


def product_ids():
    ids, page = [], 0
    while True:
        _, body, _ = Client.call(CATALOG, "GET", "/api/v1/products?size=100&page=%d" % page)
        items = body["items"]
        ids += [p["id"] for p in items]
        if len(items) < 100:
            return ids
        page += 1


def write_paths(results_dir, ids, categories, brands, seed):
    rng = random.Random(seed)
    sorts = [None, "price", "-price", "newest", "rating", "popular"]
    lists = []
    for _ in range(2000):
        q = {}
        roll = rng.random()
        if roll < 0.35:
            q["category"] = rng.choice(categories)
        elif roll < 0.55:
            q["brand"] = rng.choice(brands)
        if rng.random() < 0.25:
            q["inStock"] = "true"
        if rng.random() < 0.1:
            q["onSale"] = "true"
        if rng.random() < 0.15:
            low = rng.choice([10_000, 50_000, 100_000])
            q["minPrice"], q["maxPrice"] = str(low), str(low * rng.choice([5, 10, 20]))
        sort = rng.choice(sorts)
        if sort:
            q["sort"] = sort
        q["page"] = str(min(int(rng.expovariate(0.7)), 9))
        q["size"] = "20"
        lists.append("/api/v1/products?" + urllib.parse.urlencode(q))
    details = ["/api/v1/products/" + i for i in ids]
    searches = []
    for _ in range(2000):
        words = rng.sample(WORDS, rng.choice([1, 1, 2]))
        q = {"q": " ".join(words)}
        if rng.random() < 0.3:
            q["sort"] = rng.choice(["price", "-price", "rating"])
        if rng.random() < 0.2:
            q["page"] = "1"
        searches.append("/api/v1/products?" + urllib.parse.urlencode(q))
    files = {}
    for name, paths in (("list", lists), ("detail", details), ("search", searches), ("baseline", ["/baseline"])):
        files[name] = os.path.join(results_dir, "paths-%s.txt" % name)
        with open(files[name], "w") as out:
            out.write("\n".join(paths) + "\n")
    return files


# ---------------------------------------------------------------------------------------------------------- run


class Sampler(threading.Thread):
    """CPU (user+system) and RSS of each process, read from /proc once a second."""

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids = pids
        self.ticks = os.sysconf("SC_CLK_TCK")
        self.stop_event = threading.Event()
        self.rss = {name: [] for name in pids}
        self.start_cpu = {}
        self.end_cpu = {}
        self.end_at = {}

    @staticmethod
    def cpu(pid):
        try:
            fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            return None

    @staticmethod
    def rss_mb(pid):
        try:
            for line in open("/proc/%d/status" % pid):
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def run(self):
        self.started = time.monotonic()
        self.start_cpu = {n: self.cpu(p) for n, p in self.pids.items()}
        while not self.stop_event.wait(1.0):
            self.sample()

    def sample(self):
        """RSS now, and the CPU time so far (the last value read stays when the process has ended since)."""
        for name, pid in self.pids.items():
            value = self.rss_mb(pid)
            if value is not None:
                self.rss[name].append(value)
            cpu = self.cpu(pid)
            if cpu is not None:
                self.end_cpu[name] = cpu
                self.end_at[name] = time.monotonic()

    def finish(self):
        self.sample()
        elapsed = time.monotonic() - self.started
        self.stop_event.set()
        self.join()
        out = {}
        for name in self.pids:
            a, b = self.start_cpu.get(name), self.end_cpu.get(name)
            # A process that ended early (wrk, at the end of its run) is measured up to its last sample.
            span = elapsed if name != "wrk" else max(1.0, self.end_at.get(name, self.started) - self.started)
            cpu = None if a is None or b is None else 100.0 * (b - a) / self.ticks / span
            rss = self.rss[name]
            out[name] = {"cpu_percent": cpu, "rss_mb_max": max(rss) if rss else None}
        return out


def heap_mb():
    try:
        conn = http.client.HTTPConnection(HOST, CATALOG_MANAGEMENT, timeout=3)
        conn.request("GET", "/q/metrics")
        text = conn.getresponse().read().decode()
    except OSError:
        return None
    used = 0.0
    for line in text.splitlines():
        if line.startswith("jvm_memory_used_bytes") and 'area="heap"' in line:
            used += float(line.rsplit(" ", 1)[1])
    return used / 1024 / 1024 if used else None


def cpu_pressure():
    """The share of the last 10 s in which some runnable task waited for a CPU (Linux PSI), or None."""
    try:
        for line in open("/proc/pressure/cpu"):
            if line.startswith("some"):
                return float(line.split("avg10=")[1].split()[0])
    except (OSError, IndexError, ValueError):
        return None
    return None


def run_wrk(wrk, port, paths, tokens, seconds, args, out_file, bypass=False):
    env = dict(os.environ, BENCH_PATHS=paths, BENCH_OUT=out_file, BENCH_TOKENS=tokens or "",
               BENCH_BYPASS_CACHE="1" if bypass else "0")
    command = [wrk, "-t%d" % args.threads, "-c%d" % args.connections, "-d%ds" % seconds, "--timeout", "10s",
               "-s", LUA, "http://%s:%d" % (HOST, port)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def scenario(wrk, name, via, port, paths, tokens, args, results_dir, pids):
    label = "%s-%s" % (name, via)
    log("%-18s warm-up %ds, then %ds at %d connections" % (label, args.warmup, args.duration, args.connections))
    bypass = via == "gateway-miss"
    if args.warmup > 0:
        run_wrk(wrk, port, paths, tokens, args.warmup, args, os.path.join(results_dir, label + "-warmup.json"),
                bypass).wait()
    load = open("/proc/loadavg").read().split()[0]
    pressure = cpu_pressure()
    out_file = os.path.join(results_dir, label + ".json")
    process = run_wrk(wrk, port, paths, tokens, args.duration, args, out_file, bypass)
    sampler = Sampler(dict(pids, wrk=process.pid))
    sampler.start()
    _, err = process.communicate()
    usage = sampler.finish()
    if process.returncode != 0 or not os.path.exists(out_file):
        die("wrk failed for %s: %s" % (label, err.decode(errors="replace")[-500:]))
    figures = json.load(open(out_file))
    seconds = figures["duration_us"] / 1e6
    errors = sum(figures["errors"].values())
    return {
        "scenario": name, "via": via, "rps": figures["requests"] / seconds, "requests": figures["requests"],
        "p50": figures["latency_us"]["p50"] / 1000, "p90": figures["latency_us"]["p90"] / 1000,
        "p99": figures["latency_us"]["p99"] / 1000, "max": figures["latency_us"]["max"] / 1000,
        "errors": errors, "error_detail": figures["errors"],
        "bytes_per_request": figures["bytes"] / max(1, figures["requests"]), "usage": usage,
        "load_before": float(load), "cpu_pressure_before": pressure, "catalog_heap_mb": heap_mb(),
    }


def idle(pids, seconds=10):
    """What the stack burns with no load at all (polling outboxes, view refreshes, consumers): the floor under every
    CPU figure of the scenarios."""
    log("idle               %ds without load (the stack's own background work)" % seconds)
    load, pressure = float(open("/proc/loadavg").read().split()[0]), cpu_pressure()
    sampler = Sampler(dict(pids))
    sampler.start()
    time.sleep(seconds)
    usage = sampler.finish()
    return {"scenario": "idle", "via": "-", "rps": 0.0, "requests": 0, "p50": None, "p90": None, "p99": None,
            "max": None, "errors": 0, "error_detail": {}, "bytes_per_request": 0, "usage": usage,
            "load_before": load, "cpu_pressure_before": pressure, "catalog_heap_mb": heap_mb()}


# ---------------------------------------------------------------------------------------------------------- report


def fmt(value, digits=1):
    return "-" if value is None else ("{:,.%df}" % digits).format(value)


def markdown(rows, meta):
    names = sorted({n for r in rows for n in r["usage"]}, key=lambda n: (n == "wrk", n))
    shown = [n for n in names if n in ("gateway", "catalog", "infra", "wrk")] or names
    head = ["scenario", "via", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "KB/req"]
    head += ["CPU %% %s" % n for n in shown] + ["RSS MB gateway", "RSS MB catalog", "catalog heap MB", "load1",
             "CPU pressure %"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r["scenario"], r["via"], fmt(r["rps"], 0), fmt(r["p50"], 2), fmt(r["p90"], 2), fmt(r["p99"], 2),
                 fmt(r["max"], 1), str(r["errors"]), fmt(r["bytes_per_request"] / 1024, 1)]
        cells += [fmt(r["usage"].get(n, {}).get("cpu_percent"), 0) for n in shown]
        cells += [fmt(r["usage"].get(n, {}).get("rss_mb_max"), 0) for n in ("gateway", "catalog")]
        cells += [fmt(r["catalog_heap_mb"], 0), fmt(r["load_before"], 2), fmt(r.get("cpu_pressure_before"), 0)]
        lines.append("| " + " | ".join(cells) + " |")
    by = {(r["scenario"], r["via"]): r for r in rows}
    baseline = by.get(("baseline", "gateway"))
    ratio_lines = ["", "| scenario | gateway / direct | gateway-miss / direct | gateway / baseline |",
                   "|---|---|---|---|"]
    for name in ("list", "detail", "detail-auth", "search", "cart-add", "cart-read"):
        g, m, d = by.get((name, "gateway")), by.get((name, "gateway-miss")), by.get((name, "direct"))
        if g:
            ratio_lines.append("| %s | %s | %s | %s |" % (
                name, fmt(g["rps"] / d["rps"], 2) if d else "-", fmt(m["rps"] / d["rps"], 2) if m and d else "-",
                fmt(g["rps"] / baseline["rps"], 2) if baseline else "-"))
    for r in rows:
        c = r.get("checkout")
        if not c:
            continue
        other = sum(n for state, n in c["final"].items() if state not in ("CONFIRMED", "REJECTED"))
        ratio_lines += ["", "Checkout (%d buyers through the gateway, %.0f s): every order is filled into the cart, "
                        "placed with a fresh Idempotency-Key and followed until final (%s); one in fifty is "
                        "placed twice with its key (a client retry), which must answer the same order." % (
                            r.get("buyers", 0), c["seconds"],
                            "reads that wait for a change: If-None-Match + Prefer: wait=5" if r.get("follow") == "wait"
                            else "a read every 20 ms"), "",
                        "| placed | orders/s | CONFIRMED | REJECTED | other final | refused | unfinished | lost | "
                        "duplicated | replays (mismatched) | place p50 / p99 ms | to CONFIRMED p50 / p90 / p99 / max ms "
                        "| server PENDING→CONFIRMED p50 / p99 ms | units: stock taken / sold counted / confirmed |",
                        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
                        "| %d | %s | %d | %d | %d | %s | %d | %d | %d | %d (%d) | %s / %s | %s / %s / %s / %s | %s / %s | "
                        "%s / %s / %s |" % (
                            c["placed"], fmt(c["orders_per_s"], 0), c["final"].get("CONFIRMED", 0),
                            c["final"].get("REJECTED", 0), other,
                            ", ".join("%s: %d" % kv for kv in sorted(c["refused"].items())) or "0", c["unfinished"],
                            c["audit"]["lost"], c["audit"]["duplicated"], c["replays"], c["replay_mismatch"],
                            fmt(c["place_p50"], 0), fmt(c["place_p99"], 0), fmt(c["confirmed_p50"], 0),
                            fmt(c["confirmed_p90"], 0), fmt(c["confirmed_p99"], 0), fmt(c["confirmed_max"], 0),
                            fmt(c["server_confirmed_p50"], 0), fmt(c["server_confirmed_p99"], 0),
                            c["stock"]["stock_taken"], c["stock"]["sold_counted"], c["stock"]["confirmed_units"])]
    header = ["# ./shop bench, %s" % meta["started"], "",
              "%(products)d products, %(users)s users with tokens; wrk -t%(threads)d -c%(connections)d, %(warmup)d s "
              "warm-up and %(duration)d s measured per scenario, over loopback; %(cpus)d CPUs; git %(commit)s." % meta,
              "For checkout, req/s is placed orders per second and the latencies are the time from sending the order to "
              "seeing it CONFIRMED. CPU % is of one core (200 = both cores of a 2-core machine); load1 is the machine's load average just "
              "before the measured run and CPU pressure the share of the 10 s before it in which runnable work waited for a "
              "core (Linux PSI): with other work on the machine every figure is depressed, and a chain of processes "
              "(client, gateway, service) more than one process alone.", ""]
    return "\n".join(header + lines + ratio_lines) + "\n"


def svg(rows):
    rows = [r for r in rows if r["scenario"] != "idle"]
    width, bar_h, gap, left = 760, 18, 8, 170
    top = 40
    peak = max([r["rps"] for r in rows] + [1])
    height = top + len(rows) * (bar_h + gap) + 30
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
             'font-size="12">' % (width, height),
             '<text x="10" y="20" font-size="14" font-weight="bold">Throughput (req/s) and p99 per scenario</text>']
    for i, r in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = (width - left - 150) * r["rps"] / peak
        color = {"gateway": "#3b6ea5", "gateway-miss": "#8fb3d9", "direct": "#7fb069"}.get(r["via"], "#999")
        parts.append('<text x="10" y="%d">%s</text>' % (y + 13, html.escape("%s (%s)" % (r["scenario"], r["via"]))))
        parts.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>' % (left, y, w, bar_h, color))
        parts.append('<text x="%.1f" y="%d">%s req/s, p99 %s ms</text>' % (left + w + 6, y + 13, fmt(r["rps"], 0),
                                                                          fmt(r["p99"], 1)))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------------------------------------------------- main


SCENARIOS = ["baseline", "list", "detail", "search", "detail-auth", "cart-add", "cart-read", "checkout"]
WRITES = ("cart-add", "cart-read", "checkout")


def checkout_scenario(tokens_file, stock_ids, args, pids):
    tokens = open(tokens_file).read().split()
    warmup = args.checkout_warmup
    log("checkout           %d buyers for %ds: cart, order with a fresh Idempotency-Key, poll until final (warm-up "
        "%ds)" % (args.buyers, args.duration, warmup))
    if warmup > 0:
        writes.run_checkout(HOST, GATEWAY, tokens, stock_ids, warmup, args.buyers, args.seed + 1, args.follow)
    settle(pids)
    before = stock_levels(stock_ids)
    load, pressure = float(open("/proc/loadavg").read().split()[0]), cpu_pressure()
    sampler = Sampler(dict(pids))
    sampler.start()
    stats = writes.run_checkout(HOST, GATEWAY, tokens, stock_ids, args.duration, args.buyers, args.seed, args.follow)
    usage = sampler.finish()
    audit = writes.run_audit(HOST, GATEWAY, stats)
    # The stock taken and the units counted sold must both equal the units of the confirmed orders. The catalogue
    # counts sold units when it consumes the confirmations, so give it a moment to catch up.
    drift = None
    for _ in range(30):
        after = stock_levels(stock_ids)
        taken = sum(before[i][0] - after[i][0] for i in stock_ids if i in before and i in after)
        sold = sum(after[i][1] - before[i][1] for i in stock_ids if i in before and i in after)
        confirmed = stats["confirmed_units"]
        drift = {"stock_taken": taken, "sold_counted": sold, "confirmed_units": confirmed}
        if taken == confirmed and sold == confirmed:
            break
        time.sleep(1)
    summary = writes.summarize(stats, audit, drift)
    return {
        "scenario": "checkout", "via": "gateway", "rps": summary["orders_per_s"], "requests": stats["placed"],
        "p50": summary["confirmed_p50"], "p90": summary["confirmed_p90"], "p99": summary["confirmed_p99"],
        "max": summary["confirmed_max"], "errors": sum(stats["refused"].values()) + summary["unfinished"],
        "error_detail": stats["refused"], "bytes_per_request": 0, "usage": usage, "load_before": load,
        "cpu_pressure_before": pressure, "catalog_heap_mb": heap_mb(), "checkout": summary, "buyers": args.buyers,
        "follow": args.follow,
    }


def main():
    parser = argparse.ArgumentParser(prog="./shop bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=5000, help="products the catalogue holds at least (5000)")
    parser.add_argument("--users", type=int, default=500, help="customers signed in by OTP, tokens kept (500)")
    parser.add_argument("--duration", type=int, default=20, help="measured seconds per scenario (20)")
    parser.add_argument("--warmup", type=int, default=10, help="warm-up seconds before each scenario (10)")
    parser.add_argument("--connections", type=int, default=32, help="open connections (32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS),
                        help="comma-separated subset of " + ",".join(SCENARIOS))
    parser.add_argument("--checkout-warmup", type=int, default=60,
                        help="seconds of checkout before it is measured (60): the services' optimising compiler is "
                             "still busy with the write path for about a minute")
    parser.add_argument("--follow", choices=("wait", "poll"), default="wait",
                        help="how a checkout buyer follows the order to its final state: reads that wait for a change "
                             "(If-None-Match + Prefer: wait=5, the default) or a read every 20 ms")
    parser.add_argument("--buyers", type=int, default=64, help="concurrent buyers of the checkout scenario (64)")
    parser.add_argument("--via", default="direct,gateway,gateway-miss",
                        help="comma-separated subset of direct, gateway (its micro-cache answering what it may) and "
                        "gateway-miss (every request bypassing the micro-cache): all three by default")
    parser.add_argument("--reuse", action="store_true", help="measure a running stack started without the "
                        "benchmark settings")
    parser.add_argument("--keep", action="store_true", help="leave a stack this run started running")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--label", default="", help="appended to the results folder name")
    args = parser.parse_args()

    wrk = ensure_wrk()
    started_stack = ensure_stack(args)
    try:
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        results_dir = os.path.join(ROOT, "bench", "results", stamp + ("-" + args.label if args.label else ""))
        os.makedirs(results_dir, exist_ok=True)
        token = admin_token()
        products = load_products(args.products, token, args.seed)
        scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
        unknown = [s for s in scenarios if s not in SCENARIOS]
        if unknown:
            die("unknown scenario(s) %s; choose from %s" % (", ".join(unknown), ", ".join(SCENARIOS)))
        authenticated = "detail-auth" in scenarios or any(s in WRITES for s in scenarios)
        tokens = load_users(args.users) if args.users > 0 and authenticated else None
        stock_ids = stock_products(token) if any(s in WRITES for s in scenarios) else []
        ids = product_ids()
        brands, _, categories = taxonomy(token)
        files = write_paths(results_dir, ids, [c["slug"] for c in categories], brands, args.seed)
        pids = stack_pids()
        log("processes sampled: " + ", ".join("%s=%d" % kv for kv in pids.items()))
        # Direct first: its warm-up fills catalog-service's caches, so both runs of a scenario meet the same caches.
        via = sorted((v.strip() for v in args.via.split(",")), key=lambda v: v != "direct")
        settle(pids)
        rows = [idle(pids)]
        for name in scenarios:
            if name == "baseline":
                if status_of(GATEWAY, "/baseline") != 200:
                    log("baseline skipped: the gateway was started without SHOP_GATEWAY_BASELINE_ENABLED=true")
                    continue
                rows.append(scenario(wrk, name, "gateway", GATEWAY, files["baseline"], None, args, results_dir,
                                     pids))
                continue
            if name == "detail-auth":
                if tokens:
                    rows.append(scenario(wrk, name, "gateway", GATEWAY, files["detail"], tokens, args, results_dir,
                                         pids))
                continue
            if name in WRITES:
                if not tokens:
                    log("%s skipped: no user tokens (--users 0)" % name)
                    continue
                tokens = load_users(args.users)  # signed in again if the run has outlived the tokens' freshness
                if name == "checkout":
                    empty_carts(open(tokens).read().split())
                    rows.append(checkout_scenario(tokens, stock_ids, args, pids))
                    continue
                if name == "cart-add":
                    emptied = empty_carts(open(tokens).read().split())
                    log("emptied %d carts" % emptied)
                else:
                    filled = fill_carts(open(tokens).read().split(), stock_ids)
                    log("filled %d carts with 3 lines each" % filled)
                    settle(pids)
                paths = (writes.cart_add_paths(results_dir, stock_ids) if name == "cart-add"
                         else writes.cart_read_paths(results_dir))
                for v in (v for v in via if v != "gateway-miss"):  # authenticated: never cached anyway
                    rows.append(scenario(wrk, name, v, CART if v == "direct" else GATEWAY, paths, tokens, args,
                                         results_dir, pids))
                continue
            for v in via:
                rows.append(scenario(wrk, name, v, CATALOG if v == "direct" else GATEWAY, files[name], None, args,
                                     results_dir, pids))
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip() or "?"
        meta = {"started": stamp, "products": products, "users": len(open(tokens).read().split()) if tokens else 0,
                "threads": args.threads, "connections": args.connections, "warmup": args.warmup,
                "duration": args.duration, "cpus": os.cpu_count(), "commit": commit}
        summary = markdown(rows, meta)
        with open(os.path.join(results_dir, "summary.md"), "w") as out:
            out.write(summary + "\n![throughput](chart.svg)\n")
        with open(os.path.join(results_dir, "chart.svg"), "w") as out:
            out.write(svg(rows))
        with open(os.path.join(results_dir, "results.json"), "w") as out:
            json.dump({"meta": meta, "rows": rows}, out, indent=2)
        print()
        print(summary)
        log("results in " + os.path.relpath(results_dir, ROOT))
    finally:
        if started_stack and not args.keep:
            stop_stack()


if __name__ == "__main__":
    main()
