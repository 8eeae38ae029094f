"""make loadtest: bounded load from several clients against two production app servers on
127.0.0.1 that share PostgreSQL and Redis, while an editor publishes and unpublishes a project.

Checks: no 5xx (a 503 is allowed only while PostgreSQL is being restarted), every listing shows
the state of the last completed publish (never a stale cached page), a publish through one
server's data is visible on the other at once, sessions work on both servers, and with
--faults the site recovers by itself from a PostgreSQL and a Redis restart.

Registration rush: amid that load, --registrants people (100) register for one event with
--places places (30) and a waiting list through the real form (fetch it, keep the CSRF cookie,
post), half on each server, all posts released at the same moment. Exactly --places must be
confirmed and the rest waiting, each told so on their personal page, with one e-mail queued
each. The servers run with a high per-address limit (REGISTRATION_RATE_LIMIT_ADDRESS): every
client here shares 127.0.0.1.

Flood (--flood, make loadtest FLOOD=1; issue 22): browsing clients alone, then the same
clients while one more client floods random query strings (unknown names, unknown values, odd
page numbers) on the home page, listings and an event, each phase while the editor publishes.
Reports the browsers' p95 in both phases (with the flood within 2x of without) and how often
each page was rendered per content version (X-Cache: MISS per address between two publishes;
the page cache renders a missing page once and lets the others wait for it).

Only 127.0.0.1 is ever contacted; every loop is bounded in count and time.
"""

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the editor and the session check use the site's own models
PYTHON = sys.executable
DB_NAME = "som_loadtest"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_URL = "redis://127.0.0.1:6379/15"
RUSH_SLUG = "inschrijven-onder-belasting"
TOGGLED_SLUG = "fti-by-and-x-som"
TOGGLED_TITLE = "FTI by and&amp; x SOM"
WATCHED = ["/werking/", "/werking/studio/", "/"]
URLS = WATCHED + [
    "/werking/?fase=ontwerpfase",
    "/werking/laboratorium/labo-onderwijs-x-cultuur/",
    "/onderwijsmakers/",
    "/onderwijsmakers/kobe-vaes/",
    "/kalender/",
    "/kalender/?weergave=maand&maand=2024-04",
    "/kalender/agenda.ics",
    "/nieuws/",
    "/nieuws/feed/",
    "/zoeken/?q=labo",
    "/static/css/site.css",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env():
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "som.settings.production",
        "SECRET_KEY": "loadtest-" + "x" * 50,
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"loadtest{os.getpid()}",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": "/tmp/som-loadtest-static",
        "PAGE_CACHE_ENABLED": "true",
        "DB_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "ERROR",
        # Every client of the load test is 127.0.0.1: the per-address limit would stop the rush
        # after 20 registrations. The default stays as it is for everyone else.
        "REGISTRATION_RATE_LIMIT_ADDRESS": "100000",
    }


def run(*args, **kwargs):
    subprocess.run(args, cwd=ROOT, check=True, env=kwargs.pop("env", server_env()), **kwargs)


def prepare():
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB_NAME], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], check=True)
    run(PYTHON, "manage.py", "migrate", "--noinput", "-v0")
    run(PYTHON, "manage.py", "load_demo_content", "--hostname", "127.0.0.1")
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0")
    subprocess.run(["redis-cli", "-n", "15", "flushdb"], check=False, capture_output=True)


def start_server(port):
    process = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "som.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
        ],
        cwd=ROOT,
        env=server_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            status, _body, _ = request(port, "/")
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"server on {port} did not start")


def request(port, path, method="GET", body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), response
    finally:
        connection.close()


class Editor(threading.Thread):
    """Publishes and unpublishes one project, recording when each change was complete."""

    def __init__(self, stop, interval):
        super().__init__(daemon=True)
        self.stop, self.interval = stop, interval
        self.changes = []  # (completed_at, live, begun_at)

    def run(self):
        os.environ.update(server_env())
        import django

        django.setup()
        from wagtail.models import Page

        # The state before the first change: the demo content publishes the project.
        self.changes.append((float("-inf"), Page.objects.get(slug=TOGGLED_SLUG).live, float("-inf")))
        for _ in range(200):
            if self.stop.is_set():
                break
            try:
                begun = time.monotonic()
                page = Page.objects.get(slug=TOGGLED_SLUG).specific
                if page.live:
                    page.unpublish()
                else:
                    page.get_latest_revision().publish()
                self.changes.append((time.monotonic(), Page.objects.get(slug=TOGGLED_SLUG).live, begun))
            except Exception as error:  # the database may be restarting (--faults)
                print(f"  redacteur: {type(error).__name__}")
                from django.db import connections

                connections.close_all()
            self.stop.wait(self.interval)

    def states_during(self, started, ended):
        """The states a request in flight from `started` to `ended` may show: the one in force
        when it started, or one that a change completing while it ran brought. None if the
        run had no change yet."""
        states, before = set(), None
        for completed, live, begun in self.changes:
            if completed <= started:
                before = live
            elif begun <= ended:  # the change was under way while the request ran
                states.add(live)
        if before is None and not states:
            return None
        return states | ({before} if before is not None else set())


def client(ports, stop, results, deadline, max_requests):
    rng = random.Random()
    for _ in range(max_requests):
        if stop.is_set() or time.monotonic() > deadline:
            return
        port = rng.choice(ports)
        path = rng.choice(URLS)
        started = time.monotonic()
        try:
            status, body, response = request(port, path)
            cache_state = response.getheader("X-Cache", "-")
        except OSError as error:
            status, body, cache_state = 0, str(error).encode(), "-"
        results.append((started, time.monotonic(), port, path, status, (body if path in WATCHED else b""), cache_state))


FLOOD_PAGES = ["/", "/werking/", "/werking/studio/", "/kalender/", "/nieuws/", "/onderwijsmakers/"]
FLOOD_NAMES = ["fase", "speerpunt", "jaar", "pagina", "periode", "weergave", "utm_source", "x", "PAGINA"]


def random_query(rng):
    def junk():
        return "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789-_", k=rng.randint(1, 10)))

    pairs = []
    for _ in range(rng.randint(1, 5)):
        name = rng.choice([*FLOOD_NAMES, junk()])
        value = rng.choice([junk(), "", str(rng.randint(0, 10**9))])
        pairs.append((name, value))
    return urlencode(pairs)


def flood(ports, stop, deadline, counts, connections):
    """One client sending random query strings as fast as it gets answers, over `connections`
    connections at once (a browser opens six per host)."""

    def connection(number):
        rng = random.Random(number)
        for _ in range(100_000):
            if stop.is_set() or time.monotonic() > deadline:
                return
            path = f"{rng.choice(FLOOD_PAGES)}?{random_query(rng)}"
            try:
                status, _body, response = request(rng.choice(ports), path)
                key = (status, response.getheader("X-Cache", "-"))
            except OSError:
                key = (0, "-")
            counts[key] = counts.get(key, 0) + 1

    threads = [threading.Thread(target=connection, args=(n,), daemon=True) for n in range(connections)]
    for thread in threads:
        thread.start()
    return threads


def p95(latencies):
    latencies = sorted(latencies)
    return latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else float("nan")


def renders_per_version(results, changes):
    """How often each page was rendered per content version: the MISS answers per cache key
    among the requests answered after a publish had committed and before the next one began. (While a publish runs, the version is bumped when it starts and again when it
    commits, so that no render of the rows before the commit is kept: a render in between is
    thrown away by design and not counted here.)"""
    done = sorted((completed, begun) for completed, _live, begun in changes if completed != float("-inf"))
    windows = [(completed, next_begun) for (completed, _), (_, next_begun) in zip(done, done[1:])]
    counts = {}
    for started, ended, port, path, status, _body, cache_state in results:
        if status != 200 or cache_state != "MISS":
            continue
        # Answered within the window: a request sent just before the next publish may be
        # looked up after its first bump, a render of that publish's own (thrown away) version.
        window = next((n for n, (a, b) in enumerate(windows) if a <= started and ended < b), None)
        if window is not None:
            # The two servers answer as two hosts (127.0.0.1:<port>): each its own cache key.
            counts[(port, path, window)] = counts.get((port, path, window), 0) + 1
    return counts


def flood_scenario(args, ports):
    stop = threading.Event()
    editor = Editor(stop, interval=args.publish_every)
    editor.start()
    phases = {}
    try:
        for phase, flooding in (("zonder vloed", False), ("met vloed", True)):
            results, counts = [], {}
            deadline = time.monotonic() + args.seconds
            flooders = flood(ports, stop, deadline, counts, args.flood_connections) if flooding else []
            browsers = [
                threading.Thread(target=client, args=(ports, stop, results, deadline, args.max_requests), daemon=True)
                for _ in range(args.clients)
            ]
            for thread in browsers:
                thread.start()
            for thread in browsers + flooders:
                thread.join(args.seconds + 30)
            phases[phase] = (results, counts)
            load = os.getloadavg()[0]
            states = {}
            for started, ended, *_rest, cache_state in results:
                states.setdefault(cache_state, []).append((ended - started) * 1000)
            summary = ", ".join(
                f"{state}: {len(times)} (p50 {statistics.median(times):.0f} ms)"
                for state, times in sorted(states.items())
            )
            print(f"  {phase}: bezoekers per X-Cache {summary}; belasting van de machine {load:.1f}")
    finally:
        stop.set()
        editor.join(10)
    print()
    print(
        "| fase | verzoeken van de bezoekers | hun p50 | hun p95 | 5xx | verzoeken van de vloed | vloed: HIT / MISS / anders |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for phase, (results, counts) in phases.items():
        latencies = [(e - s) * 1000 for s, e, *_ in results]
        errors = sum(1 for r in results if r[4] >= 500 or r[4] == 0)
        flooded = sum(counts.values())
        hits = sum(n for (status, state), n in counts.items() if state == "HIT")
        misses = sum(n for (status, state), n in counts.items() if state == "MISS")
        print(
            f"| {phase} | {len(results)} | {statistics.median(latencies):.1f} ms | {p95(latencies):.1f} ms | {errors} "
            f"| {flooded} | {hits} / {misses} / {flooded - hits - misses} |"
        )
    calm, flooded = (p95([(e - s) * 1000 for s, e, *_ in phases[p][0]]) for p in ("zonder vloed", "met vloed"))
    renders = renders_per_version(phases["zonder vloed"][0] + phases["met vloed"][0], editor.changes)
    per_key = sorted(renders.values())
    all_misses = sum(1 for p in phases.values() for r in p[0] if r[4] == 200 and r[6] == "MISS")
    misses_during = all_misses - sum(per_key)
    print()
    print(f"p95 met vloed / zonder: {flooded / calm:.2f}× (moet ≤ 2×)")
    print(f"publicaties: {len(editor.changes) - 1}")
    if per_key:
        print(
            f"renders per sleutel (server en adres) per inhoudsversie (MISS van de bezoekers): gemiddeld {statistics.mean(per_key):.2f}, "
            f"mediaan {statistics.median(per_key):.0f}, hoogstens {per_key[-1]} "
            f"(over {len(per_key)} sleutel × versie; andere MISS (tijdens een publicatie, voor de eerste, na de laatste): {misses_during})"
        )
    errors = sum(1 for results, _ in phases.values() for r in results if r[4] >= 500 or r[4] == 0)
    ok = flooded <= 2 * calm and not errors and len(editor.changes) > 3
    print("\nGESLAAGD" if ok else "\nMISLUKT")
    return 0 if ok else 1


def check_sessions(port_a, port_b):
    """Log in on one server, use the session on the other."""
    os.environ.update(server_env())
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if not User.objects.filter(username="loadtest").exists():
        User.objects.create_superuser("loadtest", "l@example.org", "loadtest-wachtwoord-123")
    status, body, response = request(port_a, "/admin/login/")
    cookies = dict(re.findall(r"(csrftoken)=([^;]+)", response.getheader("Set-Cookie") or ""))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"username": "loadtest", "password": "loadtest-wachtwoord-123", "csrfmiddlewaretoken": token})
    status, _, response = request(
        port_a,
        "/admin/login/",
        "POST",
        form,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
            "Referer": f"http://127.0.0.1:{port_a}/admin/login/",
        },
    )
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie") or "")
    assert status == 302 and session, f"login failed ({status})"
    status, _, _ = request(port_b, "/admin/", headers={"Cookie": f"sessionid={session.group(1)}"})
    return status == 200


def make_rush_event(places):
    """An upcoming event taking registrations on the site, published as an editor would."""
    import datetime

    from django.utils import timezone

    from kalender.models import EventPage, KalenderPage

    calendar = KalenderPage.objects.get()
    start = (timezone.now() + datetime.timedelta(days=14)).replace(minute=0, second=0, microsecond=0)
    event = EventPage(
        title="Inschrijven onder belasting",
        slug=RUSH_SLUG,
        start=start,
        end=start + datetime.timedelta(hours=2),
        location_name="STUK",
        registration_on_site=True,
        capacity=places,
        waitlist=True,
    )
    calendar.add_child(instance=event)
    event.save_revision().publish()
    return event


def registration_rush(ports, people, places):
    """`people` register for one event at the same moment, half through each server: each
    fetches the form (and its CSRF cookie), waits for the others, posts, and reads the personal
    page it is sent to. Returns what they saw and what the database holds."""
    from kalender.registrations.models import Registration
    from som.mail import OutgoingMail

    event = make_rush_event(places)
    form_path = f"/kalender/{RUSH_SLUG}/inschrijven/"
    barrier = threading.Barrier(people)
    outcomes = [None] * people

    def person(number):
        port = ports[number % len(ports)]
        try:
            status, body, response = request(port, form_path)
            cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
            form = urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "first_name": "Leen",
                    "family_name": f"Janssens {number}",
                    "email": f"leen.janssens{number}@example.org",
                    "organisation": "Sint-Pieterscollege",
                    "role": "leerkracht",
                    "consent": "on",
                    "website": "",
                }
            )
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"}
        except Exception as error:  # noqa: BLE001 - reported, and the others must not wait forever
            outcomes[number] = (port, 0, 0.0, f"formulier: {type(error).__name__}")
            barrier.abort()
            return
        try:
            barrier.wait(timeout=60)
        except threading.BrokenBarrierError:
            outcomes[number] = (port, 0, 0.0, "niet gestart")
            return
        started = time.monotonic()
        try:
            status, body, response = request(port, form_path, "POST", form, headers)
            took = time.monotonic() - started
            location = response.getheader("Location") or ""
            if status != 302 or "/inschrijving/" not in location:
                outcomes[number] = (port, status, took, "geen doorverwijzing")
                return
            _status, page, _ = request(port, location)
            seen = re.search(rb"<h1>([^<]+)</h1>", page)
            outcomes[number] = (port, status, took, seen.group(1).decode() if seen else "?")
        except OSError as error:
            outcomes[number] = (port, 0, time.monotonic() - started, type(error).__name__)

    threads = [threading.Thread(target=person, args=(number,), daemon=True) for number in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    registrations = Registration.objects.filter(event=event)
    keys = [
        f"inschrijving:{kind}:{pk}"
        for pk in registrations.values_list("pk", flat=True)
        for kind in ("bevestigd", "wachtlijst")
    ]
    return {
        "outcomes": [outcome or (0, 0, 0.0, "hangt") for outcome in outcomes],
        "confirmed": registrations.filter(status=Registration.Status.CONFIRMED).count(),
        "waiting": registrations.filter(status=Registration.Status.WAITING).count(),
        "registrations": registrations.count(),
        "mails": OutgoingMail.objects.filter(key__in=keys).count(),
    }


def rush_report(rush, people, places):
    outcomes = rush["outcomes"]
    seen = {}
    for _port, _status, _took, text in outcomes:
        seen[text] = seen.get(text, 0) + 1
    took = sorted(t * 1000 for _p, status, t, _text in outcomes if status)
    statuses = {}
    for _port, status, _took, _text in outcomes:
        statuses[status] = statuses.get(status, 0) + 1
    per_server = ", ".join(f"poort {port}: {count}" for port, count in sorted(_per_port(outcomes).items()))
    print(f"| inschrijvingen tegelijk | {people} voor {places} plaatsen ({per_server}) |")
    print(f"| statuscodes inschrijven | {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))} |")
    if took:
        print(
            f"| inschrijven p50 / p95 / max | {statistics.median(took):.0f} ms / {took[int(len(took) * 0.95) - 1]:.0f} ms / {took[-1]:.0f} ms |"
        )
    print(
        f"| bevestigd / wachtlijst (database) | {rush['confirmed']} / {rush['waiting']} (van {rush['registrations']} inschrijvingen) |"
    )
    print(f"| wat de mensen zagen | {', '.join(f'{text}: {n}' for text, n in sorted(seen.items()))} |")
    print(f"| e-mails klaargezet | {rush['mails']} |")
    return (
        rush["confirmed"] == places
        and rush["waiting"] == people - places
        and rush["registrations"] == people
        and seen.get("Je bent ingeschreven") == places
        and seen.get("Je staat op de wachtlijst") == people - places
        and rush["mails"] == people
    )


def _per_port(outcomes):
    counts = {}
    for port, *_rest in outcomes:
        counts[port] = counts.get(port, 0) + 1
    return counts


def restart_postgres():
    version = sorted(os.listdir("/etc/postgresql"))[0]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m", "fast"], check=True)


def restart_redis():
    subprocess.run(["redis-cli", "-p", "6379", "shutdown", "nosave"], capture_output=True)
    time.sleep(1)
    subprocess.run(
        [
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            "6379",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--max-requests", type=int, default=5000, help="per client")
    parser.add_argument("--faults", action="store_true", help="restart PostgreSQL and Redis during the run")
    parser.add_argument("--registrants", type=int, default=100, help="people registering at the same moment")
    parser.add_argument("--places", type=int, default=30, help="places of the event they register for")
    parser.add_argument(
        "--flood", action="store_true", help="browsing with and without a client flooding query strings"
    )
    parser.add_argument("--flood-connections", type=int, default=4, help="connections of the flooding client")
    parser.add_argument(
        "--publish-every", type=float, default=10.0, help="seconds between the editor's publishes (--flood)"
    )
    args = parser.parse_args()
    if not shutil.which("pg_isready") or subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode:
        raise SystemExit("PostgreSQL antwoordt niet op 127.0.0.1:5432")

    print("Voorbereiden (database som_loadtest, demo-inhoud, statische bestanden) …")
    prepare()
    ports = [free_port(), free_port()]
    servers = [start_server(port) for port in ports]
    if args.flood:
        try:
            return flood_scenario(args, ports)
        finally:
            for server in servers:
                server.send_signal(signal.SIGTERM)
            for server in servers:
                server.wait(10)
    stop = threading.Event()
    results, fault_windows = [], []
    try:
        sessions_ok = check_sessions(*ports)
        editor = Editor(stop, interval=1.5)
        editor.start()
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(ports, stop, results, deadline, args.max_requests), daemon=True)
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        begun = time.monotonic()
        time.sleep(min(5, args.seconds / 8))
        print(f"{args.registrants} inschrijvingen tegelijk voor {args.places} plaatsen …")
        rush = registration_rush(ports, args.registrants, args.places)
        if args.faults:
            time.sleep(max(0.0, args.seconds / 3 - (time.monotonic() - begun)))
            start = time.monotonic() - 0.5
            print("PostgreSQL herstarten …")
            restart_postgres()
            fault_windows.append((start, time.monotonic() + 3))
            time.sleep(args.seconds / 4)
            print("Redis herstarten …")
            restart_redis()
        for thread in threads:
            thread.join(args.seconds + 30)
        stop.set()
        editor.join(10)
    finally:
        stop.set()
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()

    def in_fault(started):
        return any(a <= started <= b for a, b in fault_windows)

    statuses = {}
    for _s, _e, _p, _path, status, _b, _c in results:
        statuses[status] = statuses.get(status, 0) + 1
    errors = [r for r in results if (r[4] >= 500 or r[4] == 0) and not (r[4] == 503 and in_fault(r[0]))]
    stale = []
    for started, ended, port, path, status, body, cache_state in results:
        if path not in WATCHED or status != 200 or in_fault(started):
            continue
        expected = editor.states_during(started, ended)
        if expected is None:
            continue
        if (TOGGLED_TITLE.encode() in body) not in expected:
            stale.append(
                (
                    round(started, 2),
                    round(ended - started, 3),
                    port,
                    path,
                    expected,
                    cache_state,
                    [(round(b, 2), round(c, 2), live) for c, live, b in editor.changes if abs(c - started) < 3],
                )
            )
    latencies = sorted((e - s) * 1000 for s, e, *_ in results)
    print()
    print("| wat | waarde |")
    print("| --- | --- |")
    print(f"| clients × seconden | {args.clients} × {args.seconds} |")
    print(f"| verzoeken | {len(results)} ({len(results) / max(args.seconds, 1):.0f}/s) |")
    print(f"| statuscodes | {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))} |")
    if latencies:
        print(
            f"| p50 / p95 | {statistics.median(latencies):.1f} ms / {latencies[int(len(latencies) * 0.95) - 1]:.1f} ms |"
        )
    print(f"| publicaties door de redacteur | {len(editor.changes) - 1} |")
    print(f"| verouderde of gemengde antwoorden na een publicatie | {len(stale)} |")
    print(f"| 5xx (buiten een geplande storing) | {len(errors)} |")
    print(f"| sessie van server A werkt op server B | {'ja' if sessions_ok else 'nee'} |")
    if args.faults:
        print("| storingen | PostgreSQL en Redis herstart; 503 toegestaan tijdens de herstart van PostgreSQL |")
    rush_ok = rush_report(rush, args.registrants, args.places)
    for item in stale[:5]:
        print("  verouderd:", item)
    for item in errors[:5]:
        print(
            "  fout:",
            round(item[0], 2),
            item[3],
            item[4],
            "storingen:",
            [(round(a, 2), round(b, 2)) for a, b in fault_windows],
        )
    for outcome in [o for o in rush["outcomes"] if o[3] not in ("Je bent ingeschreven", "Je staat op de wachtlijst")][
        :5
    ]:
        print("  inschrijving:", outcome)
    ok = not errors and not stale and sessions_ok and len(editor.changes) > 3 and rush_ok
    print("\nGESLAAGD" if ok else "\nMISLUKT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
