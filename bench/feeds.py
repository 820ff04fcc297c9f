"""Feed benchmarks (issue 5): incremental publish vs naive whole-calendar to_ical; serving vs nginx.

usage: .venv/bin/python bench/feeds.py [--items 50000] [--serve-items 2000] [--duration 10]
                                       [--skip-naive] [--skip-serve] [--install]

1. Publish: first full publish of N synthetic items with the per-item component cache, then a
   republish after one item changes (targets: <= 1 s and <= 200 MB peak RSS at 50,000 items), and
   the naive way (build every icalendar component, one Calendar.to_ical() per feed) in the same run.
   Each phase runs in its own process; peak RSS is VmHWM, reset before the phase (clear_refs).
2. Serving: `tracker serve` (uvicorn, httptools, uvloop) and nginx serving the same all.ics bytes as a
   static file, loaded on loopback by wrk: requests/s and p99 latency for 200s and 304s, and the
   ratios to nginx (targets: >= 0.3 for 200s, >= 0.5 for 304s). Needs Debian's wrk and nginx:
   `apt-get install wrk nginx-light` (or run with --install as root).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
T0 = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)
ACTORS = ["Kazakhstan", "Türkiye", "NATO", "European Union", "Azerbaijan", "Uzbekistan", "TurkPA", "UN",
          "Kyrgyzstan", "Germany", "France", "China", "World Bank", "OSCE"]
PLACES = ["Astana", "Ankara", "Brussels", "Baku", "Tashkent", "Geneva", None, None]


# ---- measuring -----------------------------------------------------------------------------------

def _status(key: str) -> int:
    m = re.search(rf"^{key}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
    return int(m[1]) * 1024 if m else 0


def reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM (Linux >= 4.0)
    except OSError:
        pass


def peak_rss() -> int:
    return _status("VmHWM")


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


# ---- synthetic items -----------------------------------------------------------------------------

def make_items(n: int, seed: int = 1) -> list[Any]:
    from tracker.models import Evidence, TrackedItem

    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind = "event" if rng.random() < 0.5 else "commitment"
        d = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 730))
        r = rng.random()
        if kind == "commitment" and r < 0.12:
            when = None
        elif r < 0.55:
            when = d.isoformat()
        elif r < 0.70:
            when = f"{d.isoformat()}/{(d + timedelta(days=rng.randrange(1, 4))).isoformat()}"
        elif r < 0.80:
            when = f"{d.year}-{d.month:02d}"
        elif r < 0.86:
            when = f"{d.year}-Q{(d.month - 1) // 3 + 1}"
        elif r < 0.92:
            when = f"../{d.year}"
        else:
            when = f"{d.isoformat()}T{rng.randrange(8, 19):02d}:{rng.choice(['00', '30'])}"
        actors = tuple(rng.sample(ACTORS, rng.randrange(1, 4)))
        title = f"{actors[0]} {rng.choice(['to hold', 'plans', 'will sign', 'pledges', 'hosts'])} " \
                f"{rng.choice(['summit', 'talks', 'agreement', 'session', 'forum', 'visit'])} no. {i}"
        sentence = (f"According to officials, {title.lower()} as part of a broader effort to deepen cooperation "
                    f"in trade, energy and transport, with delegations from {', '.join(actors)} expected to "
                    f"attend and sign a series of documents on {d:%d %B %Y}.")
        ident = hashlib.sha256(str(i).encode()).hexdigest()
        created = T0 + timedelta(seconds=i)
        out.append(TrackedItem(
            id=ident[:8], uid=f"{ident[:32]}@tracker", kind=kind, title=title, actors=actors, when=when,
            location=rng.choice(PLACES), status="open", stored_status="open", sequence=0,
            created=created, updated=created,
            evidence=(Evidence(f"news/{i % 997}.txt", sentence, date(2025, 1, 1) + timedelta(days=i % 120), None,
                               f"https://example.org/news/{i % 997}"),),
        ))
    return out


def changed(item: Any) -> Any:
    return replace(item, when="2027-03-03", sequence=item.sequence + 1, updated=item.updated + timedelta(days=9))


# ---- phases (each in its own process) ------------------------------------------------------------

def phase_incremental(n: int) -> dict[str, Any]:
    from tracker.feeds import ComponentCache, FeedSettings, publish

    settings = FeedSettings()
    items = make_items(n)
    base = _status("VmRSS")
    out = Path(tempfile.mkdtemp(prefix="bench-feeds-"))
    try:
        cache = ComponentCache(settings)
        reset_peak()
        t, c = time.perf_counter(), time.process_time()
        first = publish(items, out, settings, cache=cache)
        first_s, first_cpu, first_peak = time.perf_counter() - t, time.process_time() - c, peak_rss()
        items[n // 2] = changed(items[n // 2])
        reset_peak()
        t, c = time.perf_counter(), time.process_time()
        again = publish(items, out, settings, cache=cache)
        again_s, again_cpu, again_peak = time.perf_counter() - t, time.process_time() - c, peak_rss()
        sizes = {p.name: p.size for p in first}
        return {
            "items": n, "items_rss": base, "first_s": first_s, "first_cpu": first_cpu, "first_peak": first_peak,
            "republish_s": again_s, "republish_cpu": again_cpu, "republish_peak": again_peak, "rendered_on_republish": cache.rendered,
            "written_on_republish": [p.name for p in again if p.written], "sizes": sizes,
            "components": {p.name: p.components for p in first},
        }
    finally:
        shutil.rmtree(out, ignore_errors=True)


def naive_publish(items: list[Any], out: Path) -> dict[str, int]:
    """The whole-calendar way: every component as an icalendar object, one to_ical() per feed."""
    from icalendar import Calendar

    from tracker.feeds import BUILTIN_FEEDS, FeedSettings
    from tracker.feeds.build import PRODID
    from tracker.feeds.render import item_components

    settings = FeedSettings()
    built = [(item, item_components(item, settings)) for item in items]
    counts = {}
    for spec in BUILTIN_FEEDS:
        cal = Calendar()
        for key, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", "PUBLISH"),
                           ("name", f"tracker: {spec.title}"), ("x-wr-calname", f"tracker: {spec.title}")):
            cal.add(key, value)
        chosen = []
        for item, comps in built:
            comp = comps.todo if spec.tasks else comps.event
            if comp is not None and spec.matches(item):
                chosen.append(((0, comps.timing.first.isoformat()) if comps.timing else (1, ""), item.uid, comp))
        chosen.sort(key=lambda c: (c[0], c[1]))
        for _, _, comp in chosen:
            cal.add_component(comp)
        cal.add_missing_timezones()
        (out / f"{spec.name}.ics").write_bytes(cal.to_ical())
        counts[spec.name] = len(chosen)
    return counts


def phase_naive(n: int) -> dict[str, Any]:
    items = make_items(n)
    out = Path(tempfile.mkdtemp(prefix="bench-naive-"))
    try:
        reset_peak()
        t, c = time.perf_counter(), time.process_time()
        counts = naive_publish(items, out)
        return {"items": n, "naive_s": time.perf_counter() - t, "naive_cpu": time.process_time() - c,
                "naive_peak": peak_rss(), "components": counts}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def run_phase(name: str, n: int) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, "--phase", name, "--items", str(n)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---- serving -------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no answer from {url}")


def head(url: str) -> dict[str, str]:
    req = urllib.request.Request(url, method="HEAD", headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(req, timeout=5) as r:
        return {k.lower(): v for k, v in r.headers.items()}


def wrk(url: str, duration: int, connections: int, headers: dict[str, str]) -> dict[str, float]:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=duration + 60, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    p99 = float(m[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m[2]]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p99_ms": p99, "non_2xx_3xx": float(non2xx[1]) if non2xx else 0.0,
            "socket_errors": errors[1] if errors else ""}  # type: ignore[dict-item]


NGINX_CONF = """daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    types {{ text/calendar ics; }}
    charset utf-8;
    charset_types text/calendar;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        etag on;
    }}
}}
"""


def install_tools() -> None:
    missing = [pkg for tool, pkg in (("wrk", "wrk"), ("nginx", "nginx-light")) if not shutil.which(tool)
               and not Path(f"/usr/sbin/{tool}").exists()]
    if missing:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=True, env=env, stdout=subprocess.DEVNULL)


def serve_bench(n: int, duration: int, connections: int) -> dict[str, Any]:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not shutil.which("wrk") or not nginx:
        raise SystemExit("serving bench needs wrk and nginx: apt-get install wrk nginx-light (or --install)")
    from tracker.store import Store

    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    work.chmod(0o755)  # nginx workers run as an unprivileged user when started by root
    env = {**os.environ, "TRACKER_DB": str(work / "store.db"), "TRACKER_NOW": T0.isoformat(),
           "XDG_CONFIG_HOME": str(work / "cfg"), "TRACKER_SERVE_RELOAD": "1h"}
    procs: list[subprocess.Popen[bytes]] = []
    try:
        store = Store(str(work / "store.db"))
        for item in make_items(n):
            store.add_manual(title=item.title, now=T0, kind=item.kind, when=item.when, actors=item.actors,
                             location=item.location)
        store.close()
        tracker = [sys.executable, "-m", "tracker"]
        subprocess.run(tracker + ["publish", "--out", str(work / "static")], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        app_port, nginx_port = free_port(), free_port()
        procs.append(subprocess.Popen(tracker + ["serve", "--port", str(app_port)], env=env,
                                      stderr=subprocess.DEVNULL, start_new_session=True))
        (work / "nginx.conf").write_text(NGINX_CONF.format(prefix=work, port=nginx_port, root=work / "static"))
        procs.append(subprocess.Popen([nginx, "-c", str(work / "nginx.conf"), "-p", str(work)],
                                      stderr=subprocess.DEVNULL, start_new_session=True))
        app_url = f"http://127.0.0.1:{app_port}/calendars/all.ics"
        nginx_url = f"http://127.0.0.1:{nginx_port}/all.ics"
        wait_http(app_url)
        wait_http(nginx_url)
        with urllib.request.urlopen(app_url) as a, urllib.request.urlopen(nginx_url) as b:
            same = a.read() == b.read()
        size = (work / "static" / "all.ics").stat().st_size
        results: dict[str, Any] = {"items": n, "feed_bytes": size, "same_bytes": same}
        for name, url in (("tracker", app_url), ("nginx", nginx_url)):
            etag = head(url)["etag"]
            results[name] = {
                "200": wrk(url, duration, connections, {"Accept-Encoding": "identity"}),
                "304": wrk(url, duration, connections, {"Accept-Encoding": "identity", "If-None-Match": etag}),
            }
        return results
    finally:
        for p in procs:
            try:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(work, ignore_errors=True)


# ---- main ----------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=50_000)
    ap.add_argument("--serve-items", type=int, default=2_000)
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument("--skip-serve", action="store_true")
    ap.add_argument("--install", action="store_true", help="apt-get install wrk nginx-light when missing")
    ap.add_argument("--phase", choices=["incremental", "naive"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        result = phase_incremental(args.items) if args.phase == "incremental" else phase_naive(args.items)
        print(json.dumps(result))
        return

    inc = run_phase("incremental", args.items)
    load = os.getloadavg()[0]
    print(f"publish, {inc['items']:,} items (items alone: {mib(inc['items_rss'])} RSS; load average {load:.1f} "
          f"on {os.cpu_count()} CPUs); feeds: "
          + ", ".join(f"{k} {v / 2**20:.1f} MiB/{inc['components'][k]:,}" for k, v in inc["sizes"].items()))
    print(f"  incremental first publish   {inc['first_s']:7.2f} s ({inc['first_cpu']:6.2f} s CPU)"
          f"   peak RSS {mib(inc['first_peak'])}")
    ok = "ok" if inc["republish_s"] <= 1 and inc["republish_peak"] <= 200 * 10**6 else "MISSED"
    print(f"  republish after 1 change    {inc['republish_s']:7.2f} s ({inc['republish_cpu']:6.2f} s CPU)"
          f"   peak RSS {mib(inc['republish_peak'])}"
          f"   ({inc['rendered_on_republish']} re-rendered; rewrote {', '.join(inc['written_on_republish'])};"
          f" target <= 1 s, <= 200 MB: {ok})")
    if not args.skip_naive:
        naive = run_phase("naive", args.items)
        print(f"  naive whole-calendar        {naive['naive_s']:7.2f} s ({naive['naive_cpu']:6.2f} s CPU)"
              f"   peak RSS {mib(naive['naive_peak'])}"
              f"   (every publish; components {naive['components'] == inc['components'] and 'agree' or 'DIFFER'})")
        print(f"  ratio naive / incremental:  first {naive['naive_s'] / inc['first_s']:.1f}x, "
              f"republish {naive['naive_s'] / inc['republish_s']:.0f}x faster, "
              f"peak RSS {naive['naive_peak'] / max(inc['republish_peak'], 1):.1f}x smaller")
    if args.skip_serve:
        return
    if args.install:
        install_tools()
    s = serve_bench(args.serve_items, args.duration, args.connections)
    print(f"\nserving all.ics ({s['feed_bytes'] / 2**20:.2f} MiB, {s['items']:,} items; same bytes as nginx: "
          f"{s['same_bytes']}), wrk -t2 -c{args.connections} -d{args.duration}s on 127.0.0.1")
    targets = {"200": 0.3, "304": 0.5}
    for code in ("200", "304"):
        t, n = s["tracker"][code], s["nginx"][code]
        ratio = t["rps"] / n["rps"]
        print(f"  {code}s  tracker {t['rps']:10,.0f} req/s  p99 {t['p99_ms']:7.2f} ms | nginx {n['rps']:10,.0f} req/s "
              f" p99 {n['p99_ms']:7.2f} ms | ratio {ratio:.2f} (target >= {targets[code]}: "
              f"{'ok' if ratio >= targets[code] else 'MISSED'})"
              + (f"  [non-2xx/3xx: {t['non_2xx_3xx']:.0f}/{n['non_2xx_3xx']:.0f}]"
                 if t["non_2xx_3xx"] or n["non_2xx_3xx"] else ""))


if __name__ == "__main__":
    main()
