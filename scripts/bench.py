"""make bench: measure every page type of the production server with the bulk data.

Builds (or reuses) the PostgreSQL database som_bench with the demo content and
`generate_bulk_content --projects 2000 --events 5000 --people 1000 --news 2000`, starts gunicorn
with som.settings.production on 127.0.0.1, and measures with Debian's wrk, all in one run:
each page uncached (page cache off) and cached (page cache on, Redis), at concurrency 1 (p50,
p95) and at concurrency 8 (requests per second), with a static file from the same server as the
ceiling. It also counts the queries per page and reads the workers' memory before and after.
The table is printed and written to docs/benchmarks.md. Only 127.0.0.1 is contacted; every run
is bounded in time.

In the same run it compares the site with and without each speed-up that reaches into Wagtail's
internals (som/wagtail_patches.py: SPEED_UPS, left out by SOM_WITHOUT): one server per variant,
side by side, plus a second server with everything on as a control (what the same code measures
against itself is the noise). The requests interleave one by one (one to each server per cycle,
in a shuffled order), so a slow spell of this shared machine hits every variant alike, and each
variant is judged by its paired difference with the first server. BENCH_PART=compare runs only that comparison (and leaves docs/benchmarks.md
alone); BENCH_VARIANTS="routing;view_restrictions,site_settings" chooses what to leave out (one
variant per `;`, default: each speed-up alone and all together).
"""

import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = "som_bench"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB}"
SIZES = {"projects": 2000, "events": 5000, "people": 1000, "news": 2000}
# BENCH_SCALE=10 (make bench SCALE=10): the same pages at ten times the bulk data, in a database of
# its own (kept between runs), measured side by side with today's size in the same run.
SCALE = int(os.environ.get("BENCH_SCALE", "1"))
SCALE_SECTION = "## Ten times the content"
SECONDS = int(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
# For a quick look while working: BENCH_PAGES=home,rss and/or BENCH_MODE=cached|uncached measure
# only that part and leave docs/benchmarks.md alone.
ONLY_PAGES = [name for name in os.environ.get("BENCH_PAGES", "").split(",") if name]
MODE = os.environ.get("BENCH_MODE", "")
PART = os.environ.get("BENCH_PART", "")
# The comparison: every page type unless BENCH_COMPARE_PAGES names some (all go through the page
# tree or `.public()`); cycles per pass (one request to each server per cycle), passes.
COMPARE_PAGES = [name for name in os.environ.get("BENCH_COMPARE_PAGES", "").split(",") if name]
COMPARE_CYCLES = int(os.environ.get("BENCH_COMPARE_CYCLES", "40"))
COMPARE_PASSES = int(os.environ.get("BENCH_COMPARE_PASSES", "3"))
HISTORY = "## How the speed-ups were decided"  # docs/benchmarks.md keeps this section as it is
LUA = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "bytes": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "errors": %d, "non2xx": %d}\\n',
    summary.requests, summary.bytes, summary.duration, latency:percentile(50), latency:percentile(95),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
"""


def database_url(db):
    return f"postgres://postgres@127.0.0.1:5432/{db}"


def env(page_cache, without="", database=DATABASE_URL):
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "som.settings.production",
        "SECRET_KEY": "bench-" + "x" * 50,
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database,
        "REDIS_URL": "redis://127.0.0.1:6379/14",
        # One prefix per database: servers on two databases must not share kept values (counts,
        # a search's ranking) under the same content version.
        "CACHE_KEY_PREFIX": f"bench{os.getpid()}-{database.rsplit('/', 1)[-1]}",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": "/tmp/som-bench-static",
        "PAGE_CACHE_ENABLED": "true" if page_cache else "false",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
        "SOM_WITHOUT": without,  # the speed-ups left out (som/wagtail_patches.py)
    }


def manage(*args, database=DATABASE_URL, capture=False):
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env(False, database=database),
        check=True,
        capture_output=capture,
        text=True,
    )
    return done.stdout


def prepare(db=DB, sizes=SIZES):
    """Make (or reuse) the database `db` with the demo content and `sizes` of bulk data; returns
    what generating it took ("Klaar in … s, … MB"), or None when it was there already."""
    exists = (
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{db}'"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        == "1"
    )
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
    url = database_url(db)
    manage("migrate", "--noinput", "-v0", database=url)
    generated = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            db,
            "-tAc",
            "SELECT count(*) FROM wagtailcore_page WHERE slug LIKE 'gen-%'",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    report = None
    if int(generated or 0) < sum(sizes.values()):
        manage("load_demo_content", "--hostname", "127.0.0.1", database=url)
        manage("generate_bulk_content", "--delete", database=url)
        output = manage("generate_bulk_content", *[f"--{k}={v}" for k, v in sizes.items()], database=url, capture=True)
        report = output.strip().splitlines()[-1]
        print(f"Bulkdata ({', '.join(f'{v} {k}' for k, v in sizes.items())}): {report}")
        # Fresh statistics, as autovacuum would have after a while in production: without them
        # PostgreSQL plans the listings for empty tables.
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-qc", "VACUUM ANALYZE"], check=True)
    manage("collectstatic", "--noinput", "-v0", database=url)
    return report


def urls():
    os.environ.update(env(False))
    import django

    django.setup()
    from kalender.models import EventPage
    from nieuws.models import NewsPage
    from onderwijsmakers.models import ProfilePage
    from werkingen.models import ProjectPage

    return [
        ("home", "/"),
        ("projecten", "/werking/"),
        ("projecten gefilterd", "/werking/?fase=opstartfase&jaar=2024"),
        ("werking", "/werking/laboratorium/"),
        ("project", ProjectPage.objects.live().filter(slug__startswith="gen-").first().url),
        ("onderwijsmakers", "/onderwijsmakers/"),
        ("organisaties", "/organisaties/"),
        ("profiel", ProfilePage.objects.live().filter(slug__startswith="gen-").first().url),
        ("kalender", "/kalender/"),
        ("maand", "/kalender/?weergave=maand"),
        ("activiteit", EventPage.objects.live().filter(slug__startswith="gen-").first().url),
        ("agenda.ics", "/kalender/agenda.ics"),
        ("nieuws", "/nieuws/"),
        ("nieuwsbericht", NewsPage.objects.live().filter(slug__startswith="gen-").first().url),
        ("rss", "/nieuws/feed/"),
        ("zoeken", "/zoeken/?q=labo"),
        ("sitemap (index)", "/sitemap.xml"),
        ("sitemap (deel)", "/sitemap-activiteiten.xml"),
    ]


def query_counts(pages):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, counts = Client(), {}
    for name, path in pages:
        client.get(path, HTTP_HOST="127.0.0.1")
        with CaptureQueriesContext(connection) as queries:
            client.get(path, HTTP_HOST="127.0.0.1")
        counts[name] = len(queries)
    return counts


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port, page_cache, without="", workers=3, database=DATABASE_URL):
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "som.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env(page_cache, without, database),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(150):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn start niet")


def wrk(port, path, connections, script, seconds=SECONDS):
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(connections, 2)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            script,
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    ).stdout
    data = json.loads(out.strip().splitlines()[-1])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def answer_kb(run):
    """The average size of an answer (headers included) in a wrk run, in KB."""
    return run["bytes"] / max(run["requests"], 1) / 1024


def median_pass(runs):
    """The run with the median p50 of several passes, with its requests summed over all."""
    middle = sorted(runs, key=lambda run: run["p50_us"])[len(runs) // 2]
    return {**middle, "requests": sum(run["requests"] for run in runs)}


def worker_rss_kb(server):
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    return {pid: int(Path(f"/proc/{pid}/status").read_text().split("VmRSS:")[1].split()[0]) for pid in children}


def measure(pages, page_cache, script):
    port = free_port()
    server = start(port, page_cache)
    results = {}
    try:
        for _name, path in pages:  # warm up every page once (renditions, connections, cache)
            wrk_quick = subprocess.run(
                ["wrk", "-t1", "-c1", "-d1s", f"http://127.0.0.1:{port}{path}"], capture_output=True
            )
            assert wrk_quick.returncode == 0
        memory_before = worker_rss_kb(server)
        static = {
            "c1": wrk(port, "/static/css/site.css", 1, script),
            "c8": wrk(port, "/static/css/site.css", 8, script),
        }
        # Latency at concurrency 1 in ROUNDS passes over all pages, minutes apart: a slow spell of
        # this shared machine then spoils one pass, and the median pass is what is reported.
        passes = {name: [] for name, _path in pages}
        for _round in range(ROUNDS):
            for name, path in pages:
                passes[name].append(wrk(port, path, 1, script))
        for name, path in pages:
            results[name] = {"c1": median_pass(passes[name]), "c8": wrk(port, path, 8, script)}
            # When wrk stops, the workers still answer what was queued (eight ICS feeds are a
            # second of work): let them finish so the next page's p95 is its own.
            time.sleep(2)
        memory_after = worker_rss_kb(server)
    finally:
        server.terminate()
        server.wait(10)
    total = sum(r["c1"]["requests"] + r["c8"]["requests"] for r in results.values())
    return results, static, memory_before, memory_after, total


SOAK_REQUESTS = int(os.environ.get("BENCH_SOAK", "10000"))
SOAK_PATHS_LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def _requests_until(port, script, target):
    """Run wrk (8 connections) in 10-second rounds until `target` requests are answered."""
    done = errors = 0
    while done < target:
        out = subprocess.run(
            ["wrk", "-t2", "-c8", "-d10s", "--timeout", "10s", "-s", script, f"http://127.0.0.1:{port}/"],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
        data = json.loads(out.strip().splitlines()[-1])
        done += data["requests"]
        errors += data["errors"] + data["non2xx"]
    return done, errors


def soak(pages):
    """Every page type in turn, uncached, on a fresh server: each worker's memory after a
    warm-up of 1,000 requests and again after SOAK_REQUESTS more."""
    paths = [path for _name, path in pages]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(SOAK_PATHS_LUA % ", ".join(json.dumps(path) for path in paths) + LUA)
    port = free_port()
    server = start(port, page_cache=False)
    try:
        _requests_until(port, lua.name, 1000)
        before = worker_rss_kb(server)
        done, errors = _requests_until(port, lua.name, SOAK_REQUESTS)
        after = worker_rss_kb(server)
    finally:
        server.terminate()
        server.wait(10)
    return before, after, done, errors


def variants():
    """(label, SOM_WITHOUT, database) per server of the comparison: the site as it is, the same
    again as the control, then each speed-up left out (BENCH_VARIANTS: `;` between variants)."""
    from som.wagtail_patches import SPEED_UPS

    spec = os.environ.get("BENCH_VARIANTS")
    if spec is not None:
        left_out = [variant for variant in spec.split(";") if variant]
    else:
        left_out = list(SPEED_UPS) + ([",".join(SPEED_UPS)] if len(SPEED_UPS) > 1 else [])
    chosen = [("as is", ""), ("as is (control)", "")] + [(f"without {w.replace(',', ' + ')}", w) for w in left_out]
    return [(label, without, DATABASE_URL) for label, without in chosen]


def counts_without(without, pages, database=DATABASE_URL):
    """Queries per page with the speed-ups in `without` left out (on `database`): a process of its
    own, since what is left out is fixed when Django starts."""
    out = subprocess.run(
        [sys.executable, __file__, "--count-queries", json.dumps(pages)],
        cwd=ROOT,
        env=env(False, without, database),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def timed_get(port, path):
    """One GET on a fresh connection (gunicorn's sync workers close each one): seconds."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    assert response.status == 200, (port, path, response.status)
    return time.perf_counter() - started


@contextmanager
def one_worker_servers(chosen_variants):
    """{label: port} of a server (one worker, page cache off) per variant (label, without,
    database), stopped on leaving."""
    servers = {}
    try:
        for label, without, database in chosen_variants:
            port = free_port()
            servers[label] = (port, start(port, False, without, workers=1, database=database))
        yield {label: port for label, (port, _server) in servers.items()}
    finally:
        for _port, server in servers.values():
            server.terminate()
        for _port, server in servers.values():
            server.wait(10)


def compare(pages, chosen_variants=None):
    """Uncached latency at concurrency 1 of every variant, interleaved request by request: per
    cycle, one request to each variant's server in a shuffled order, so a slow spell of the
    machine hits them alike; COMPARE_PASSES passes over the pages of COMPARE_CYCLES cycles each.
    Returns the variants, the query counts per variant and page, {(label, page): [seconds per
    cycle]} and the page names."""
    chosen = [(name, path) for name, path in pages if not COMPARE_PAGES or name in COMPARE_PAGES]
    chosen_variants = chosen_variants or variants()
    counts = {label: counts_without(without, chosen, database) for label, without, database in chosen_variants}
    shuffle = random.Random(18)
    with one_worker_servers(chosen_variants) as ports:
        for _name, path in chosen:  # warm up (connections, renditions, cached values)
            for _ in range(5):
                for port in ports.values():
                    timed_get(port, path)
        times = {(label, name): [] for label, *_rest in chosen_variants for name, _p in chosen}
        for _pass in range(COMPARE_PASSES):
            for name, path in chosen:
                for _cycle in range(COMPARE_CYCLES):
                    order = [label for label, *_rest in chosen_variants]
                    shuffle.shuffle(order)
                    for label in order:
                        times[label, name].append(timed_get(ports[label], path))
    return chosen_variants, counts, times, [name for name, _path in chosen]


def paired(mine, theirs):
    """The median of the paired differences (same cycle) in ms with its 95 % interval (order
    statistics of the sign test: no assumption about the shape of the noise)."""
    differences = sorted((a - b) * 1000 for a, b in zip(mine, theirs, strict=True))
    n = len(differences)
    k = max(0, int(n / 2 - 0.98 * n**0.5))
    return median(differences), differences[k], differences[n - 1 - k]


def compare_report(chosen_variants, counts, times, names):
    """The comparison as markdown: for the first server the median latency and queries per page;
    for every other variant the median of its paired difference with the first server, with that
    difference's 95 % interval, and its queries."""
    base = chosen_variants[0][0]
    labels = [label for label, *_rest in chosen_variants]
    lines = ["| page | " + " | ".join(labels) + " |", "| --- |" + " --- |" * len(labels)]
    relative = {label: [] for label in labels[1:]}
    for name in names:
        base_ms = median(times[base, name]) * 1000
        cells = [f"{base_ms:.1f} ms, {counts[base][name]} q"]
        for label in labels[1:]:
            middle, low, high = paired(times[label, name], times[base, name])
            relative[label].append(middle / base_ms)
            cells.append(
                f"{middle:+.1f} ms ({middle / base_ms:+.0%}) [{low:+.1f}, {high:+.1f}], {counts[label][name]} q"
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    summary = []
    for label in labels[1:]:
        extra_queries = sum(counts[label].values()) - sum(counts[base].values())
        summary.append(
            f"- {label}: {median(relative[label]):+.1%} on the median page (pages {min(relative[label]):+.1%} "
            f"to {max(relative[label]):+.1%}), {extra_queries:+d} queries over these {len(names)} pages, "
            f"at most {max(counts[label].values())} on one"
        )
    return lines, summary


def quick(pages, counts, script):
    for mode in ("uncached", "cached"):
        if MODE and MODE != mode:
            continue
        results, static, *_ = measure(pages, mode == "cached", script)
        print(f"{mode}: static {static['c8']['rps']:.0f} req/s, p50 {static['c1']['p50_us'] / 1000:.2f} ms")
        for name, r in results.items():
            print(
                f"  {name:20} {counts[name]:3} q  p50 {r['c1']['p50_us'] / 1000:6.1f} ms  p95 {r['c1']['p95_us'] / 1000:6.1f} ms  "
                f"{r['c8']['rps']:6.0f} req/s  {r['c8']['rps'] / static['c8']['rps']:4.0%}"
            )


def generation(report):
    """generate_bulk_content's last line ("Klaar in 326 s, geheugen ten hoogste 212 MB.") → "326 s, peak 212 MB"."""
    found = re.search(r"(\d+) s, geheugen ten hoogste (\d+) MB", report or "")
    if not found:
        return "the database was there already (generated in an earlier run; drop it to measure again)"
    return f"{found[1]} s, peak {found[2]} MB"


# The first request after a content change pays for what is kept per content version (a
# listing's counts, a search's ranking): measured on the pages that keep such values.
FIRST_PAGES = ["projecten", "onderwijsmakers", "kalender", "maand", "nieuws", "zoeken", "zoeken (minder vaak)"]
FIRST_ROUNDS = 5


def first_after_change(pages, servers):
    """{(label, page): (median first request, median of the next five)} in ms: per page and
    server, FIRST_ROUNDS rounds of dropping the content version from Redis (as a publish does:
    every kept value is then a miss), one request, then five more."""
    import redis

    pages = [*pages, ("zoeken (minder vaak)", "/zoeken/?q=leesplezier")]
    chosen = [(name, path) for name, path in pages if name in FIRST_PAGES]
    store = redis.Redis.from_url(env(False)["REDIS_URL"])
    versions = {
        label: f"{env(False, database=database)['CACHE_KEY_PREFIX']}:1:som:content-version"
        for label, _without, database in servers
    }
    times = {}
    with one_worker_servers(servers) as ports:
        for name, path in chosen:
            for label, port in ports.items():
                timed_get(port, path)  # the process warm (connections, templates)
                firsts, nexts = [], []
                for _round in range(FIRST_ROUNDS):
                    store.delete(versions[label])
                    firsts.append(timed_get(port, path))
                    nexts.extend(timed_get(port, path) for _ in range(5))
                times[label, name] = (median(firsts) * 1000, median(nexts) * 1000)
    labels = [label for label, *_rest in servers]
    lines = ["| page | " + " | ".join(f"{label}: first / then" for label in labels) + " |"]
    lines.append("| --- |" + " --- |" * len(labels))
    for name, path in chosen:
        cells = [f"{times[label, name][0]:.0f} / {times[label, name][1]:.0f} ms" for label in labels]
        lines.append(f"| {name} (`{path}`) | " + " | ".join(cells) + " |")
    return lines


def at_scale():
    """BENCH_SCALE=N: today's bulk size and N times it, side by side in one run (interleaved, as
    the comparison of the speed-ups), with each page's queries at both sizes; the result replaces
    the section SCALE_SECTION of docs/benchmarks.md."""
    big_db, big_sizes = f"{DB}_x{SCALE}", {kind: size * SCALE for kind, size in SIZES.items()}
    print(f"Databases {DB} en {big_db} voorbereiden …")
    generated_small = prepare()
    generated = prepare(big_db, big_sizes)
    pages = urls()
    servers = [("today's size", "", DATABASE_URL), (f"{SCALE}× the content", "", database_url(big_db))]
    chosen, counts, times, names = compare(pages, servers)
    lines, summary = compare_report(chosen, counts, times, names)
    first_lines = first_after_change(pages, servers)
    table = "\n".join(
        [
            SCALE_SECTION,
            "",
            f"Measured {time.strftime('%Y-%m-%d %H:%M')} with `make bench SCALE={SCALE}` on this machine "
            f"({os.cpu_count()} cores): the databases {DB} ("
            + ", ".join(f"{v} {k}" for k, v in SIZES.items())
            + f") and {big_db} ("
            + ", ".join(f"{v:,} {k}" for k, v in big_sizes.items())
            + "), one server "
            f"(1 worker, page cache off) on each, requests interleaved one by one, {COMPARE_PASSES} passes of "
            f"{COMPARE_CYCLES} cycles per page. First column: the median latency at today's size and its queries; "
            f"second: the median paired difference at {SCALE}× with its 95 % interval, and the queries there.",
            "",
            "Generating the content (`generate_bulk_content`, on PostgreSQL; the peak memory is the "
            "process's maximum RSS, flat when it does not grow with the size): "
            + f"today's size: {generation(generated_small)}; {SCALE}× the content: {generation(generated)}.",
            "",
            *lines,
            "",
            *summary,
            "",
            "The first request after a content change (the content version dropped from Redis, as a publish "
            f"does), the median of {FIRST_ROUNDS}, then the median of the next five requests (same servers):",
            "",
            *first_lines,
            "",
        ]
    )
    print("\n" + table)
    doc = ROOT / "docs" / "benchmarks.md"
    text = doc.read_text()
    before, found, after = text.partition(SCALE_SECTION)
    rest = after[after.find("\n## ") :] if found and "\n## " in after else ""
    doc.write_text((before.rstrip() + "\n\n" if found else text.rstrip() + "\n\n") + table + rest)
    print(f"\nGeschreven naar {doc}")


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk ontbreekt: sudo apt-get install wrk")
    if SCALE > 1:
        return at_scale()
    print("Database som_bench voorbereiden …")
    prepare()
    pages = urls()
    counts = query_counts(pages)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(LUA)
    subprocess.run(["redis-cli", "-n", "14", "flushdb"], capture_output=True)
    if PART == "compare":
        lines, summary = compare_report(*compare(pages))
        print("\n".join(lines + [""] + summary))
        return None
    if ONLY_PAGES or MODE:
        return quick([(n, p) for n, p in pages if not ONLY_PAGES or n in ONLY_PAGES], counts, lua.name)
    print("Meten zonder paginacache …")
    uncached, static, mem_u0, mem_u1, total_u = measure(pages, False, lua.name)
    print("Meten met paginacache …")
    cached, static_c, mem_c0, mem_c1, total_c = measure(pages, True, lua.name)
    print(f"Geheugen meten over {SOAK_REQUESTS:,} verzoeken zonder paginacache …")
    soak_before, soak_after, soak_done, soak_errors = soak(pages)
    print("Vergelijken met en zonder elke versnelling (som/wagtail_patches.py) …")
    chosen_variants, *compared = compare(pages)
    compare_lines, compare_summary = compare_report(chosen_variants, *compared)
    ceiling = static["c8"]["rps"]

    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} on this machine ({os.cpu_count()} cores), PostgreSQL and Redis on "
        f"127.0.0.1, gunicorn with 3 workers, `som.settings.production`, bulk data "
        + ", ".join(f"{v} {k}" for k, v in SIZES.items())
        + f", wrk {SECONDS} s per cell; the latencies at "
        f"concurrency 1 are those of the median of {ROUNDS} passes over all pages.",
        "",
        f"Static file ceiling (`/static/css/site.css`, WhiteNoise): {ceiling:.0f} req/s at 8 connections, "
        f"p50 {static['c1']['p50_us'] / 1000:.1f} ms at 1, {answer_kb(static['c8']):.0f} KB per answer. A cached "
        "answer costs one Redis round trip plus its bytes: the largest answers (the ICS feed, a sitemap part) are "
        "bounded by their size, not by the server's work.",
        "",
        "| page | queries | KB | uncached p50 (c=1) | uncached p95 (c=1) | uncached req/s (c=8) | cached p50 (c=1) | cached p95 (c=1) | cached req/s (c=8) | cached / static |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, _path in pages:
        u, c = uncached[name], cached[name]
        lines.append(
            f"| {name} | {counts[name]} | {answer_kb(c['c8']):.0f} | {u['c1']['p50_us'] / 1000:.1f} ms | {u['c1']['p95_us'] / 1000:.1f} ms | "
            f"{u['c8']['rps']:.0f} | {c['c1']['p50_us'] / 1000:.1f} ms | {c['c1']['p95_us'] / 1000:.1f} ms | "
            f"{c['c8']['rps']:.0f} | {c['c8']['rps'] / ceiling:.0%} |"
        )
    errors = soak_errors + sum(
        r[k]["errors"] + r[k]["non2xx"] for run in (uncached, cached) for r in run.values() for k in ("c1", "c8")
    )
    growth = max((soak_after.get(pid, 0) - rss) / 1024 for pid, rss in soak_before.items())
    lines += [
        "",
        "A search with words is never kept by the page cache (free text: every text would be an "
        "entry of its own); its kept ranking makes the repeated search cheap, so the zoeken row's "
        "cached columns measure a render with that ranking (docs/architecture.md, Site search).",
        "",
        f"Errors or non-2xx answers: {errors}.",
        "",
        f"Memory over {soak_done:,} uncached requests (every page type in turn, 8 connections, "
        "after a warm-up of 1,000): worker RSS in MB "
        + ", ".join(f"{soak_before[p] / 1024:.1f} → {soak_after.get(p, 0) / 1024:.1f}" for p in soak_before)
        + f"; the most any worker grew: {growth:.1f} MB.",
        "",
        "Worker memory (RSS, MB) before → after each measuring run above (the first includes warming up):",
        f"- uncached, {total_u:,} requests: "
        + ", ".join(f"{mem_u0[p] / 1024:.0f} → {mem_u1.get(p, 0) / 1024:.0f}" for p in mem_u0),
        f"- cached, {total_c:,} requests: "
        + ", ".join(f"{mem_c0[p] / 1024:.0f} → {mem_c1.get(p, 0) / 1024:.0f}" for p in mem_c0),
        "",
        "## The speed-ups that reach into Wagtail, with and without",
        "",
        "Every speed-up in som/wagtail_patches.py against Wagtail's own way, in this run: one server (1 worker, "
        "page cache off) per variant, side by side, and the requests interleaved one by one: per cycle one "
        "request to each server in a shuffled order, at concurrency 1, "
        f"{COMPARE_PASSES} passes over the pages of {COMPARE_CYCLES} cycles each. The first column is the median "
        "latency of the site as it is; every other cell the median of the paired difference with it (same cycle), "
        "relative to that median, with the difference's 95 % interval in brackets, and the page's queries. The "
        "control runs the same code as the first server: what it shows is the noise.",
        "",
        *compare_lines,
        "",
        *compare_summary,
    ]
    table = "\n".join(lines)
    print("\n" + table)
    doc = ROOT / "docs" / "benchmarks.md"
    # The record of what was decided (measured by earlier runs, with their commands) stays.
    history = doc.read_text().partition(HISTORY)[2] if doc.exists() else ""
    doc.write_text(
        "# Benchmarks\n\nRun with `make bench` (PostgreSQL and Redis must be up; it installs Debian's "
        "`wrk` when it is missing). Targets on this 2-core machine: cached pages at 50% or more of the static file's throughput; uncached "
        "listing pages with the bulk data at p50 under 50 ms at concurrency 1; no worker's memory growing over "
        "10,000 requests.\n\nThis machine is a shared virtual machine: between runs of the same code the static "
        "ceiling moves between about 2,400 and 4,400 req/s and uncached p50s by a third or more, so compare runs "
        "by their ratios and look at several before concluding.\n\n"
        + table
        + "\n"
        + (f"\n{HISTORY}{history}" if history else "")
    )
    print(f"\nGeschreven naar {doc}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--count-queries"]:  # counts_without: in the environment it was given
        import django

        django.setup()
        print(json.dumps(query_counts(json.loads(sys.argv[2]))))
    else:
        main()
