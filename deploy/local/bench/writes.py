"""Write-path scenarios of ./shop bench: an authenticated cart read and add (driven by wrk), and checkout — fill the
cart, place a cash-on-delivery order with a fresh Idempotency-Key, poll it until it reaches a final state — driven by a
closed-loop asyncio client, because every iteration depends on the answer to the one before.

Standard library only; see docs/performance.md ("Write path").
"""

import asyncio
import json
import os
import random
import time
import uuid

ADDRESS = {"fullName": "Asha Rao", "phoneNumber": "+919876543210", "line1": "12 MG Road", "city": "Bengaluru",
           "state": "Karnataka", "postalCode": "560001", "country": "IN"}
FINAL = {"CONFIRMED", "REJECTED", "CANCELLED", "AWAITING_PAYMENT", "PAID", "SHIPPED", "DELIVERED"}
STOCK = 1_000_000


class Connection:
    """One HTTP/1.1 keep-alive connection (Content-Length or chunked answers), reopened when the server closes it."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, method, path, body=None, headers=None, timeout=15):
        payload = b"" if body is None else json.dumps(body).encode()
        lines = ["%s %s HTTP/1.1" % (method, path), "Host: %s:%d" % (self.host, self.port), "Accept: application/json"]
        for name, value in (headers or {}).items():
            lines.append("%s: %s" % (name, value))
        if body is not None:
            lines += ["Content-Type: application/json", "Content-Length: %d" % len(payload)]
        elif method in ("POST", "PUT", "PATCH"):
            lines.append("Content-Length: 0")
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + payload
        for attempt in range(2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
                self.writer.write(raw)
                return await asyncio.wait_for(self._answer(), timeout)
            except (OSError, asyncio.IncompleteReadError, ConnectionError, asyncio.TimeoutError):
                self.close()
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    async def _answer(self):
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        if status in (204, 304) or 100 <= status < 200:
            data = b""  # no body, whatever the headers say (a 304 may carry the Transfer-Encoding of the full answer)
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                data = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                chunks.append(data[:-2])
            data = b"".join(chunks)
        else:
            data = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, data

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


def parse_instant(text):
    """Seconds since the epoch of an ISO-8601 UTC instant such as 2026-12-02T05:14:26.590Z."""
    import datetime
    text = text.rstrip("Z")
    if "." in text:
        main, fraction = text.split(".", 1)
        text = main + "." + (fraction + "000000")[:6]
    else:
        text += ".000000"
    moment = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


class Buyer:
    def __init__(self, token):
        self.token = token
        self.dirty = True  # the cart may hold lines from before: empty it before the next order


async def checkout(host, port, tokens, products, seconds, workers, seed, follow="wait"):
    """Runs `workers` closed-loop buyers for `seconds`; every placed order is followed until it is final: with
    `follow` "wait", by reads that wait for a change (If-None-Match + Prefer: wait=5), as a client should; with "poll",
    by a read every 20 ms."""
    rng = random.Random(seed)
    buyers = [Buyer(t) for t in tokens]
    stats = {"placed": 0, "final": {}, "refused": {}, "place_ms": [], "final_ms": [], "confirmed_ms": [],
             "confirmed_units": 0,
             "server_confirmed_ms": [], "orders": [], "replays": 0, "replay_mismatch": 0, "unfinished": []}
    deadline = time.monotonic() + seconds
    started_wall = time.time()

    async def worker(index):
        conn = Connection(host, port)
        own = buyers[index::workers]
        if not own:
            return
        i = 0
        while time.monotonic() < deadline:
            buyer = own[i % len(own)]
            i += 1
            auth = {"Authorization": "Bearer " + buyer.token}
            if buyer.dirty:
                status, _, _ = await conn.request("DELETE", "/api/v1/cart", headers=auth)
                if status != 204:
                    stats["refused"]["cart-empty %d" % status] = stats["refused"].get("cart-empty %d" % status, 0) + 1
                    continue
                buyer.dirty = False
            product = rng.choice(products)
            status, _, body = await conn.request("POST", "/api/v1/cart/items", {"productId": product, "quantity": 1},
                                                 headers=auth)
            if status != 200:
                key = "cart-add %d" % status
                stats["refused"][key] = stats["refused"].get(key, 0) + 1
                buyer.dirty = True
                continue
            key = "bench-" + str(uuid.uuid4())
            order_body = {"shippingAddress": ADDRESS, "paymentMethod": "COD"}
            t0 = time.monotonic()
            status, _, body = await conn.request("POST", "/api/v1/orders", order_body,
                                                 headers=dict(auth, **{"Idempotency-Key": key}))
            placed_ms = (time.monotonic() - t0) * 1000
            if status != 202:
                name = "place %d" % status
                stats["refused"][name] = stats["refused"].get(name, 0) + 1
                buyer.dirty = True
                continue
            order_id = json.loads(body)["id"]
            stats["placed"] += 1
            stats["place_ms"].append(placed_ms)
            stats["orders"].append((buyer.token, order_id, product))
            # One order in fifty is placed a second time with the same key: the same order must come back.
            if rng.random() < 0.02:
                status, _, again = await conn.request("POST", "/api/v1/orders", order_body,
                                                      headers=dict(auth, **{"Idempotency-Key": key}))
                stats["replays"] += 1
                if status not in (200, 202) or json.loads(again).get("id") != order_id:
                    stats["replay_mismatch"] += 1
            order = None
            give_up = time.monotonic() + 60
            tag = None
            if follow == "poll":
                await asyncio.sleep(0.02)
            while time.monotonic() < give_up:
                headers = auth
                if follow == "wait" and tag:
                    # Ask the server to answer when the order changes (or with 304 after 5 s) instead of polling.
                    headers = dict(auth, **{"If-None-Match": tag, "Prefer": "wait=5"})
                status, answer_headers, data = await conn.request("GET", "/api/v1/orders/" + order_id,
                                                                  headers=headers)
                if status == 200:
                    order = json.loads(data)
                    tag = answer_headers.get("etag")
                    if order["status"] in FINAL:
                        break
                elif status == 304:
                    continue
                if follow == "poll" or not tag:
                    await asyncio.sleep(0.02)
            final_ms = (time.monotonic() - t0) * 1000
            state = order["status"] if order else "UNKNOWN"
            if state not in FINAL:
                stats["unfinished"].append(order_id)
                buyer.dirty = True
                continue
            stats["final"][state] = stats["final"].get(state, 0) + 1
            stats["final_ms"].append(final_ms)
            if state == "CONFIRMED":
                stats["confirmed_ms"].append(final_ms)
                # An order holds what the cart held: usually the one line just added, sometimes also a line of the
                # previous order that cart-service had not yet taken out of the cart (it does so on OrderConfirmed).
                stats["confirmed_units"] += sum(line.get("quantity", 0) for line in order.get("lines", []))
                history = {h["status"]: h["at"] for h in order.get("statusHistory", [])}
                if "CONFIRMED" in history and "PENDING" in history:
                    stats["server_confirmed_ms"].append(
                        (parse_instant(history["CONFIRMED"]) - parse_instant(history["PENDING"])) * 1000)
            else:
                buyer.dirty = True

    run_started = time.monotonic()
    await asyncio.gather(*(worker(i) for i in range(workers)))
    stats["seconds"] = time.monotonic() - run_started
    stats["started_wall"] = started_wall
    return stats


async def audit(host, port, stats, since_wall):
    """Counts each buyer's orders created since the run started: more than the buyer was answered 202 for means a
    duplicate, fewer a lost order."""
    by_token = {}
    for token, order_id, _ in stats["orders"]:
        by_token.setdefault(token, set()).add(order_id)
    conn = Connection(host, port)
    stored, duplicated, lost = 0, 0, 0
    for token, placed in by_token.items():
        seen, page = set(), 0
        while True:
            status, _, data = await conn.request("GET", "/api/v1/orders?size=100&page=%d" % page,
                                                 headers={"Authorization": "Bearer " + token})
            if status != 200:
                break
            body = json.loads(data)
            items = body.get("items", [])
            fresh = [o for o in items if parse_instant(o["createdAt"]) >= since_wall - 1]
            seen.update(o["id"] for o in fresh)
            if len(items) < 100 or len(fresh) < len(items):
                break
            page += 1
        stored += len(seen)
        duplicated += len(seen - placed)
        lost += len(placed - seen)
    return {"stored": stored, "duplicated": duplicated, "lost": lost}


def summarize(stats, audit_result, stock_check):
    confirmed = stats["final"].get("CONFIRMED", 0)
    return {
        "orders_per_s": stats["placed"] / stats["seconds"] if stats["seconds"] else 0,
        "confirmed_per_s": confirmed / stats["seconds"] if stats["seconds"] else 0,
        "placed": stats["placed"], "final": stats["final"], "refused": stats["refused"],
        "unfinished": len(stats["unfinished"]), "replays": stats["replays"],
        "replay_mismatch": stats["replay_mismatch"],
        "place_p50": percentile(stats["place_ms"], 50), "place_p99": percentile(stats["place_ms"], 99),
        "confirmed_p50": percentile(stats["confirmed_ms"], 50), "confirmed_p90": percentile(stats["confirmed_ms"], 90),
        "confirmed_p99": percentile(stats["confirmed_ms"], 99), "confirmed_max": max(stats["confirmed_ms"] or [0]),
        "server_confirmed_p50": percentile(stats["server_confirmed_ms"], 50),
        "server_confirmed_p99": percentile(stats["server_confirmed_ms"], 99),
        "audit": audit_result, "stock": stock_check, "seconds": stats["seconds"],
    }


def run_checkout(host, port, tokens, products, seconds, workers, seed, follow="wait"):
    stats = asyncio.run(checkout(host, port, tokens, products, seconds, workers, seed, follow))
    return stats


def run_audit(host, port, stats):
    return asyncio.run(audit(host, port, stats, stats["started_wall"]))


def cart_add_paths(results_dir, products):
    path = os.path.join(results_dir, "paths-cart-add.txt")
    with open(path, "w") as out:
        for product in products:
            out.write("POST /api/v1/cart/items %s\n" % json.dumps({"productId": product, "quantity": 1},
                                                                 separators=(",", ":")))
    return path


def cart_read_paths(results_dir):
    path = os.path.join(results_dir, "paths-cart-read.txt")
    with open(path, "w") as out:
        out.write("/api/v1/cart\n")
    return path
