"""Webhooks off the request path: what a save costs with 0, 1 and 10,000 endpoints, and how long a
worker takes to deliver N webhooks, on the embedded SQLite queue and on Redis.

    .venv/bin/python bench/push.py                          # 10,000 endpoints, 1,000 deliveries
    .venv/bin/python bench/push.py --deliveries 2000 --workers 8
    .venv/bin/python bench/push.py --skip-redis             # no Redis at hand

Uses a scratch SQLite database and queue in a temporary folder (never the project's), a local
receiver (http.server, threads) on a port of 8230–8249, and real `manage.py run_huey` workers
(WEBHOOKS_ALLOW_LOOPBACK=true for them only). Redis: TASK_QUEUE_URL (default
redis://127.0.0.1:6379/13), flushed before and after. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", type=int, default=10_000, help="For the save timing.")
    parser.add_argument("--saves", type=int, default=30, help="Timed saves per case.")
    parser.add_argument("--deliveries", type=int, default=1_000)
    parser.add_argument("--workers", type=int, default=8, help="Worker threads (run_huey -w).")
    parser.add_argument("--skip-redis", action="store_true")
    return parser.parse_args()


class Receiver:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()
                with receiver.lock:
                    receiver.count += 1

            def log_message(self, *args: object) -> None:
                pass

        for port in range(8230, 8250):
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        else:
            raise SystemExit("No free port in 8230-8249.")
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def main() -> int:
    args = parse_args()
    folder = Path(tempfile.mkdtemp(prefix="rt-bench-push-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'push.sqlite3'}",
        "TASK_QUEUE_DIR": str(folder / "queue"),
        "CACHE_URL": f"filecache://{folder / 'cache'}",
        "CHANGES_SETTLE_SECONDS": "0",
        "WEBHOOKS_ALLOW_LOOPBACK": "true",
        "WEBHOOKS_ALLOW_HTTP": "true",
        "LOG_LEVEL": "ERROR",
        "EMAIL_URL": "dummymail://",
    }
    env.pop("TASK_QUEUE_URL", None)
    os.environ.update(env)
    os.environ.pop("TASK_QUEUE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    try:
        save_costs(args)
        receiver = Receiver()
        deliver_times = {"sqlite": deliver(args, env, receiver, None)}
        if not args.skip_redis:
            deliver_times["redis"] = deliver(args, env, receiver, REDIS_URL)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for queue, seconds in deliver_times.items():
        print(
            f"deliver {args.deliveries} webhooks, {queue} queue, {args.workers} worker threads: "
            f"{seconds:.1f} s ({args.deliveries / seconds:.0f}/s)"
        )
    return 0


def _timed_saves(event: object, count: int) -> list[float]:
    from django.db import transaction

    times = []
    for n in range(count):
        started = time.perf_counter()
        with transaction.atomic():  # as a request's save: the queueing runs on commit
            event.title = f"Bench summit, edit {n}"
            event.save()
        times.append((time.perf_counter() - started) * 1000)
    return times


def save_costs(args: argparse.Namespace) -> None:
    """Saves with 0, 1 and N endpoints, alternated over three rounds (the machine is shared:
    alternating keeps drift out of the comparison); the best median of each counts. With no
    enabled endpoint nothing is queued; with 1 or N, one `fan_out` task per save."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from huey.contrib.djhuey import HUEY

    from partners.models import PartnerAPIKey
    from tests.factories import EventFactory
    from webhooks.models import Delivery, Endpoint

    event = EventFactory(title="Bench summit")
    _timed_saves(event, 3)  # warm-up
    key, _ = PartnerAPIKey.objects.create_key(name="Bench partner")
    cases = [0, 1, args.endpoints]
    results: dict[int, list[float]] = {n: [] for n in cases}
    queued = dict.fromkeys(cases, 0)
    queries = dict.fromkeys(cases, 0)
    for _round in range(3):
        for count in cases:
            Endpoint.objects.all().delete()
            Endpoint.objects.bulk_create(
                [
                    Endpoint(
                        api_key=key, url=f"https://hooks{n}.partner.example/", event_types=["*"]
                    )
                    for n in range(count)
                ],
                batch_size=2000,
            )
            HUEY.flush()
            times = _timed_saves(event, args.saves)
            queued[count] = HUEY.pending_count()
            with CaptureQueriesContext(connection) as captured:
                _timed_saves(event, 1)
            queries[count] = len(captured)
            results[count].append(statistics.median(times))
            assert not Delivery.objects.exists()  # nothing fanned out in the "request"
    HUEY.flush()
    for count in cases:
        medians = ", ".join(f"{m:.1f}" for m in results[count])
        print(
            f"save with {count:,} endpoints: best median {min(results[count]):.1f} ms "
            f"(rounds: {medians}), {queries[count]} queries per save, {queued[count]} tasks "
            f"queued for {args.saves} saves, no delivery in the request"
        )
    Endpoint.objects.all().delete()


def deliver(
    args: argparse.Namespace, env: dict, receiver: Receiver, redis_url: str | None
) -> float:
    """Seconds from a save to the N-th webhook received, with a real worker running."""
    from huey.contrib.djhuey import HUEY

    from partners.models import PartnerAPIKey
    from tests.factories import EventFactory
    from webhooks import services
    from webhooks.models import Endpoint

    worker_env = dict(env)
    if redis_url:
        from huey.storage import RedisStorage

        HUEY.storage = RedisStorage(HUEY.name, url=redis_url)
        worker_env["TASK_QUEUE_URL"] = redis_url
    HUEY.flush()
    services.fan_out_page(page_size=1000)  # the journal read up to now
    Endpoint.objects.all().delete()
    key, _ = PartnerAPIKey.objects.create_key(name="Bench receiver")
    Endpoint.objects.bulk_create(
        [Endpoint(api_key=key, url=receiver.url, event_types=["*"]) for _ in range(args.deliveries)]
    )
    receiver.count = 0
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", f"--workers={args.workers}"],
        cwd=ROOT,
        env=worker_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)  # the worker is up
        started = time.perf_counter()
        EventFactory(title="Delivered summit")
        while receiver.count < args.deliveries:
            if worker.poll() is not None:
                raise SystemExit("The worker exited.")
            if time.perf_counter() - started > 1800:
                raise SystemExit(f"Only {receiver.count} delivered in 30 minutes.")
            time.sleep(0.05)
        return time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        HUEY.flush()


if __name__ == "__main__":
    sys.exit(main())
