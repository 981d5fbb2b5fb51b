"""Concurrent web submissions against gunicorn on loopback, and a SIGKILL in the middle.

This process is the load generator; the app runs in gunicorn (a second process) on a fresh
database (PostgreSQL by default, or a SQLite file). Each of N clients repeatedly fetches the
consent page (CSRF cookie), starts the form (a single-use form token) and submits a whole
answer carrying a unique marker. Then:

1. every submission answered with the thank-you redirect is stored exactly once, and
   nothing else is stored;
2. replaying used form tokens stores nothing new;
3. the floor: a Django view that stores the same answer row in one transaction
   (bench/bare_django.py), served the same way (same gunicorn command line, workers,
   threads, database settings), timed in alternating rounds with the survey (--rounds) on
   the same unit: one stored answer = consent page + start + submit, three requests for
   both; the ratio is best survey rate / best floor rate;
4. the server is SIGKILLed in the middle of the load; every acknowledged answer is still
   there exactly once after a restart, and replays of all tokens store nothing twice.

5. 24 respondents send their final page at one moment: all acknowledged, each stored once;
6. 30 staff of one office (one address), with the default rate limit, start together and
   all finish within a minute.

    .venv/bin/python bench/web_submissions.py [--clients 16] [--seconds 10] [--rounds 3] \
        [--database sqlite|postgresql]

Any HTTP 500 fails the run.

Prints, for each round and each of the two servers: stored answers per second, p50/p99
latency of the submitting POST, gunicorn CPU time per answer and the load average; then the
ratio. Figures and their history: docs/web-survey.md ("Serving and speed").
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from teichaku.cli.web import DEFAULT_THREADS, DEFAULT_WORKERS

WARM_UP = 6.0  # seconds of load before measuring: every worker has imported and loaded
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH = Path(__file__).resolve().parent
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
ANSWER = {
    "a-affiliation": ["retention_support"],
    "a-operating_body": "npo",
    "a-role": ["support_worker"],
    "a-q01_securing_users": "7",
    "a-q12_reward_scheme_change": "6",
    "a-monitoring_methods": ["phone", "email"],
    "a-other_org_users_challenge": "has_challenges",
}


# --- the server side ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def fresh_database(folder: Path, sqlite: bool) -> Iterator[dict[str, str]]:
    """Environment for a server on an empty, migrated database of its own."""
    env = {
        **os.environ,
        "TEICHAKU_VAR": str(folder),
        "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "TEICHAKU_FORM_RATE": "100000000/60",
        "DJANGO_SETTINGS_MODULE": "teichaku.web.settings",
    }
    name = f"teichaku_bench_{os.getpid()}_{int(time.time() * 1000) % 1_000_000}"
    if sqlite:
        url = f"sqlite:///{folder / 'bench.sqlite3'}"  # the settings' own SQLite options
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
    env["DATABASE_URL"] = url
    try:
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "--verbosity", "0"], env=env, check=True
        )
        yield env
    finally:
        if not sqlite:
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_snippet(env: dict[str, str], code: str) -> str:
    program = "import django; django.setup()\n" + code
    done = subprocess.run(
        [sys.executable, "-c", program], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def create_survey(env: dict[str, str], team: str = "bench") -> str:
    return django_snippet(
        env,
        "from teichaku.web.accounts.models import Team\n"
        "from teichaku.web.surveys import services\n"
        f"team = Team.objects.create(name={team!r})\n"
        "print(services.create_survey(team, None, builtin='retention-challenges-2024').token)\n",
    )


def survey_id(env: dict[str, str], token: str) -> str:
    return django_snippet(
        env,
        "from teichaku.web.surveys.models import Survey\n"
        f"print(Survey.objects.get(token={token!r}).pk)\n",
    )


def stored_markers(env: dict[str, str]) -> Counter[str]:
    out = django_snippet(
        env,
        "import json\nfrom teichaku.web.surveys.models import Submission\n"
        "print(json.dumps(list(Submission.objects.filter(survey__team__name='bench')"
        ".values_list('answers__self_plan_text', flat=True))))\n",
    )
    return Counter(json.loads(out))


@contextmanager
def server(
    env: dict[str, str], app: str, workers: int, threads: int, chdir: Path | None = None
) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """gunicorn as `teichaku serve` starts it: same command line, same environment defaults."""
    from teichaku.cli.web import SERVE_ENVIRONMENT, gunicorn_command

    port = free_port()
    command = gunicorn_command(app, f"127.0.0.1:{port}", workers, threads)
    command += ["--log-level", "warning"]
    if chdir is not None:
        command += ["--chdir", str(chdir)]
    env = {**SERVE_ENVIRONMENT, **env}
    process = subprocess.Popen(command, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"gunicorn did not start on port {port}")
        yield port, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def group_cpu_seconds(pgid: int) -> float:
    """User + system CPU time of every process in a process group (gunicorn and its
    workers), from /proc: a measure that other load on the machine does not distort."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:  # pgrp; utime and stime follow at 11 and 12
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def sigkill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the gunicorn master and all its workers at once."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


# --- the client side ---------------------------------------------------------------------


@dataclass
class Acknowledged:
    marker: str
    form_token: str
    seconds: float  # of the submitting POST


@dataclass
class ClientLog:
    acknowledged: list[Acknowledged] = field(default_factory=list)
    attempted: list[tuple[str, str]] = field(default_factory=list)  # (marker, form_token)
    errors: Counter[str] = field(default_factory=Counter)


class Browser:
    """One respondent's connection: keep-alive HTTP/1.1 with a cookie jar."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.reused = False  # the connection has carried a response already
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, fields: dict[str, object] | None = None
    ) -> tuple[int, dict[str, str], str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        reused = self.reused
        try:
            response = self._send(method, path, body, headers)
        except (ConnectionResetError, http.client.RemoteDisconnected):
            if not reused:
                raise
            # The server closed a kept-alive connection as the request went out: as a
            # browser does, send it again once on a new connection (no response was read).
            response = self._send(method, path, body, headers)
        self.reused = True
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def _send(
        self, method: str, path: str, body: str | None, headers: dict[str, str]
    ) -> http.client.HTTPResponse:
        try:
            self.connection.request(method, path, body=body, headers=headers)
            return self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.reused = False
            raise


_RUN = iter(range(1, 1_000_000))


def respondent(
    port: int, path_prefix: str, client: str, stop: threading.Event, log: ClientLog
) -> None:
    """Answer again and again until `stop`; log what the server acknowledged."""
    browser = Browser(port)
    number = 0
    while not stop.is_set():
        number += 1
        marker = f"bench-{client}-{number}"
        try:
            status, _, page = browser.request("GET", f"{path_prefix}/")
            csrf = _CSRF_FIELD.search(page)
            if status != 200 or csrf is None:
                log.errors[f"GET {status}"] += 1
                continue
            status, _, page = browser.request(
                "POST", f"{path_prefix}/", {"csrfmiddlewaretoken": csrf.group(1), "consent": "yes"}
            )
            token = _FORM_TOKEN.search(page)
            if status != 200 or token is None:
                log.errors[f"start {status}"] += 1
                continue
            fields = {
                **ANSWER,
                "csrfmiddlewaretoken": csrf.group(1),
                "form_token": token.group(1),
                "page": "2",
                "nav": "next",
                "a-self_plan_text": marker,
            }
            log.attempted.append((marker, token.group(1)))
            started = time.perf_counter()
            status, headers, _ = browser.request("POST", f"{path_prefix}/answer/", fields)
            seconds = time.perf_counter() - started
            if status == 303 and headers.get("location", "").endswith("/thanks/"):
                log.acknowledged.append(Acknowledged(marker, token.group(1), seconds))
            else:
                log.errors[f"submit {status}"] += 1
        except (http.client.HTTPException, OSError) as error:
            log.errors[type(error).__name__] += 1
            if stop.is_set():
                break
            time.sleep(0.01)


KILL_AFTER_ACKS = 3
KILL_WAIT_LIMIT = 60.0  # seconds


def run_load(
    port: int,
    path_prefix: str,
    clients: int,
    seconds: float,
    kill: subprocess.Popen[bytes] | None = None,
) -> tuple[list[ClientLog], float]:
    """`clients` threads for `seconds`; with `kill`, SIGKILL that server half-way."""
    stop = threading.Event()
    logs = [ClientLog() for _ in range(clients)]
    run = next(_RUN)  # markers are unique across runs
    threads = [
        threading.Thread(target=respondent, args=(port, path_prefix, f"{run}.{i}", stop, logs[i]))
        for i in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    if kill is not None:
        # Kill half-way, but only once some answers were acknowledged (a loaded machine may
        # need longer), so that "no acknowledged answer is lost" is tested on real ones.
        time.sleep(seconds / 2)
        deadline = time.monotonic() + KILL_WAIT_LIMIT
        while sum(len(log.acknowledged) for log in logs) < KILL_AFTER_ACKS:
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        sigkill(kill)
        time.sleep(0.5)
    else:
        time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    return logs, time.perf_counter() - started


@dataclass
class Measured:
    """One timed load on one server: stored answers per second, latency of the submitting
    POST, gunicorn CPU time per stored answer, and the load average while it ran."""

    acknowledged: list[Acknowledged]
    errors: Counter[str]
    rate: float
    cpu_ms: float
    load: float

    def __str__(self) -> str:
        latencies = [a.seconds for a in self.acknowledged]
        return (
            f"{self.rate:.0f}/s ({len(self.acknowledged)} answers); submit POST p50 "
            f"{percentile(latencies, 0.5) * 1000:.1f} ms, p99 "
            f"{percentile(latencies, 0.99) * 1000:.1f} ms; gunicorn CPU {self.cpu_ms:.1f} ms "
            f"per answer; load average {self.load:.1f}; errors {dict(self.errors)}"
        )


def measure(port: int, path_prefix: str, pgid: int, clients: int, seconds: float) -> Measured:
    cpu = group_cpu_seconds(pgid)
    logs, elapsed = run_load(port, path_prefix, clients, seconds)
    cpu = group_cpu_seconds(pgid) - cpu
    acknowledged = [a for log in logs for a in log.acknowledged]
    return Measured(
        acknowledged=acknowledged,
        errors=sum((log.errors for log in logs), Counter()),
        rate=len(acknowledged) / elapsed,
        cpu_ms=cpu / max(1, len(acknowledged)) * 1000,
        load=os.getloadavg()[0],
    )


def answer_once(browser: Browser, path_prefix: str, marker: str) -> dict[str, object]:
    """Consent page and start: the fields of a whole answer, ready to post as the final page."""
    status, _, page = browser.request("GET", f"{path_prefix}/")
    csrf = _CSRF_FIELD.search(page)
    assert status == 200 and csrf is not None, f"consent page: {status}"
    status, _, page = browser.request(
        "POST", f"{path_prefix}/", {"csrfmiddlewaretoken": csrf.group(1), "consent": "yes"}
    )
    token = _FORM_TOKEN.search(page)
    assert status == 200 and token is not None, f"start: {status}"
    return {
        **ANSWER,
        "csrfmiddlewaretoken": csrf.group(1),
        "form_token": token.group(1),
        "page": "2",
        "nav": "next",
        "a-self_plan_text": marker,
    }


def simultaneous_final_pages(port: int, path_prefix: str, count: int) -> dict[str, int]:
    """`count` respondents, each with a started form, send their final page at one moment.

    Returns each marker's status of the final POST (303 = stored and acknowledged).
    """
    run = next(_RUN)
    browsers = [Browser(port) for _ in range(count)]
    markers = [f"burst-{run}.{i}" for i in range(count)]
    ready = [answer_once(b, path_prefix, m) for b, m in zip(browsers, markers, strict=True)]
    barrier = threading.Barrier(count)
    statuses: dict[str, int] = {}

    def send(i: int) -> None:
        browsers[i].connection.close()  # idle past the server's keep-alive: a new one
        barrier.wait(timeout=60)
        try:
            status, _, _ = browsers[i].request("POST", f"{path_prefix}/answer/", ready[i])
        except (http.client.HTTPException, OSError) as error:
            status = -1
            print(f"final page {i}: {type(error).__name__}", file=sys.stderr)
        statuses[markers[i]] = status

    threads = [threading.Thread(target=send, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


@dataclass(frozen=True)
class OfficeRun:
    finished: int  # thank-you pages
    statuses: Counter[str]
    seconds: float  # from the first consent page to the last thank-you page


def office_behind_one_address(port: int, path_prefix: str, people: int) -> OfficeRun:
    """`people` staff of one office (one address: loopback) start together and answer the
    whole form page by page, as a person does: consent, start, three pages, final page."""
    run = next(_RUN)
    statuses: Counter[str] = Counter()
    finished: list[str] = []
    barrier = threading.Barrier(people)

    def person(i: int) -> None:
        browser = Browser(port)
        barrier.wait(timeout=60)
        try:
            status, _, page = browser.request("GET", f"{path_prefix}/")
            csrf = _CSRF_FIELD.search(page)
            statuses[f"consent {status}"] += 1
            if csrf is None:
                return
            status, _, page = browser.request(
                "POST", f"{path_prefix}/", {"csrfmiddlewaretoken": csrf.group(1), "consent": "yes"}
            )
            statuses[f"start {status}"] += 1
            token = _FORM_TOKEN.search(page)
            if token is None:
                return
            fields = {
                **ANSWER,
                "csrfmiddlewaretoken": csrf.group(1),
                "form_token": token.group(1),
                "a-self_plan_text": f"office-{run}.{i}",
            }
            for index in range(3):  # one POST per page, the last one submits
                status, headers, _ = browser.request(
                    "POST", f"{path_prefix}/answer/", {**fields, "page": str(index), "nav": "next"}
                )
                statuses[f"page {index} {status}"] += 1
                if status == 303 and headers.get("location", "").endswith("/thanks/"):
                    finished.append(str(i))
                    return
                if status != 200:
                    return
        except (http.client.HTTPException, OSError) as error:
            statuses[type(error).__name__] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=person, args=(i,)) for i in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return OfficeRun(len(finished), statuses, time.perf_counter() - started)


def replay(port: int, path_prefix: str, tokens: list[str]) -> Counter[int]:
    """Post a whole answer again with each used form token; count the statuses."""
    browser = Browser(port)
    _, _, page = browser.request("GET", f"{path_prefix}/")
    match = _CSRF_FIELD.search(page)
    assert match, "no CSRF field on the consent page"
    statuses: Counter[int] = Counter()
    for token in tokens:
        fields = {
            **ANSWER,
            "csrfmiddlewaretoken": match.group(1),
            "form_token": token,
            "page": "2",
            "nav": "next",
            "a-self_plan_text": "replayed",
        }
        status, _, _ = browser.request("POST", f"{path_prefix}/answer/", fields)
        statuses[status] += 1
    return statuses


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass(frozen=True)
class KillCheck:
    acknowledged: int
    attempted: int
    lost: list[str]  # acknowledged but not stored exactly once
    doubled: list[str]  # stored more than once
    never_stored: int  # attempted tokens whose answer did not reach the database
    replay_statuses: Counter[int]
    added_by_replay: int


def kill_and_replay(
    env: dict[str, str], token: str, clients: int, seconds: float, workers: int, threads: int
) -> KillCheck:
    """SIGKILL the server in the middle of a load, restart it, replay every form token.

    A replay of a token whose answer is stored must store nothing; a token whose answer
    never reached the database (killed in flight) is still unused, so its replay may store
    one answer, once.
    """
    prefix = f"/s/{token}"
    with server(env, "teichaku.web.wsgi:application", workers, threads) as (port, process):
        run_load(port, prefix, clients, WARM_UP)
        logs, _ = run_load(port, prefix, clients, seconds, kill=process)
    acknowledged = [a for log in logs for a in log.acknowledged]
    attempted = [a for log in logs for a in log.attempted]
    stored = stored_markers(env)
    never_stored = [t for marker, t in attempted if stored[marker] == 0]
    with server(env, "teichaku.web.wsgi:application", 1, 2) as (port, _process):
        statuses = replay(port, prefix, [t for _, t in attempted])
        statuses_again = replay(port, prefix, [t for _, t in attempted])
    after = stored_markers(env)
    statuses.update({f"again {k}": v for k, v in statuses_again.items()})  # type: ignore[dict-item]
    return KillCheck(
        acknowledged=len(acknowledged),
        attempted=len(attempted),
        lost=[a.marker for a in acknowledged if stored[a.marker] != 1],
        doubled=[m for m, n in after.items() if n > 1 and m != "replayed"],
        never_stored=len(never_stored),
        replay_statuses=statuses,
        added_by_replay=sum(after.values()) - sum(stored.values()),
    )


def kill_ok(check: KillCheck) -> bool:
    return (
        check.acknowledged > 0
        and not check.lost
        and not check.doubled
        and check.added_by_replay <= check.never_stored
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3, help="alternating timed loads each")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS)
    parser.add_argument(
        "--database",
        choices=("postgresql", "sqlite"),
        default="postgresql",
        help="a fresh PostgreSQL database (127.0.0.1:5432) or a SQLite file with the "
        "settings' own options",
    )
    args = parser.parse_args()
    args.sqlite = args.database == "sqlite"
    with tempfile.TemporaryDirectory() as folder, fresh_database(Path(folder), args.sqlite) as env:
        token = create_survey(env)
        prefix = f"/s/{token}"
        print(
            f"database: {'SQLite' if args.sqlite else 'PostgreSQL'}; gunicorn "
            f"{args.workers} workers x {args.threads} threads, CONN_MAX_AGE "
            f"{env.get('CONN_MAX_AGE', '60 (serve default)')}; {args.clients} clients, "
            f"{args.seconds:.0f} s, loopback",
            flush=True,
        )
        bare_env = {
            **env,
            "DJANGO_SETTINGS_MODULE": "bare_django",
            "BENCH_SURVEY_ID": survey_id(env, create_survey(env, team="bare")),
        }
        app, bare_app = "teichaku.web.wsgi:application", "bare_django:application"
        with (
            server(env, app, args.workers, args.threads) as (port, process),
            server(bare_env, bare_app, args.workers, args.threads, BENCH) as (bare_port, bare),
        ):
            run_load(port, prefix, args.clients, WARM_UP)  # every worker imports, loads
            run_load(bare_port, "/s/bare", args.clients, WARM_UP)
            before = sum(stored_markers(env).values())
            ours: list[Measured] = []
            floors: list[Measured] = []
            for number in range(1, args.rounds + 1):  # side by side, alternating
                ours.append(measure(port, prefix, process.pid, args.clients, args.seconds))
                floors.append(measure(bare_port, "/s/bare", bare.pid, args.clients, args.seconds))
                print(f"round {number}: survey {ours[-1]}", flush=True)
                print(f"round {number}: floor  {floors[-1]}", flush=True)
            acknowledged = [a for m in ours for a in m.acknowledged]
            errors = sum((m.errors for m in ours), Counter())
            stored = stored_markers(env)
            new_rows = sum(stored.values()) - before
            once = all(stored[a.marker] == 1 for a in acknowledged)
            statuses = replay(port, prefix, [a.form_token for a in acknowledged[:200]])
            after_replay = sum(stored_markers(env).values())
        floor_rows = int(
            django_snippet(
                env,
                "from teichaku.web.surveys.models import Submission\n"
                "print(Submission.objects.filter(survey__team__name='bare').count())\n",
            )
        )
        floor_acknowledged = sum(len(m.acknowledged) for m in floors)
        floor_ok = floor_rows >= floor_acknowledged > 0
        best, floor = max(ours, key=lambda m: m.rate), max(floors, key=lambda m: m.rate)
        print(f"survey, best of {args.rounds}: {best}")
        print(f"floor (a Django view storing the same row in one transaction), best: {floor}")
        print(f"ratio survey/floor throughput: {best.rate / floor.rate:.2f}")
        print(f"floor rows stored: {floor_rows} for {floor_acknowledged} acknowledged")
        print(
            f"stored exactly once: {once}; rows added {new_rows} for "
            f"{len(acknowledged)} acknowledged; errors {dict(errors)}"
        )
        print(
            f"replayed {sum(statuses.values())} used tokens: statuses {dict(statuses)}, "
            f"rows added {after_replay - sum(stored.values())}"
        )

        check = kill_and_replay(env, token, args.clients, 4.0, args.workers, args.threads)
        print(
            f"SIGKILL mid-load: {check.acknowledged} acknowledged of {check.attempted} "
            f"attempted; lost {len(check.lost)}, stored twice {len(check.doubled)}; "
            f"replay of every token (twice): {dict(check.replay_statuses)}, rows added "
            f"{check.added_by_replay} for {check.never_stored} tokens never stored"
        )
        with server(env, "teichaku.web.wsgi:application", args.workers, args.threads) as (
            port,
            _process,
        ):
            burst = simultaneous_final_pages(port, prefix, 24)
        burst_stored = stored_markers(env)
        burst_once = all(burst_stored[m] == 1 for m in burst)
        burst_ok = burst_once and all(s == 303 for s in burst.values())
        print(
            f"24 final pages at one moment: statuses {dict(Counter(burst.values()))}, "
            f"stored once each: {burst_once}"
        )
        office_env = {k: v for k, v in env.items() if k != "TEICHAKU_FORM_RATE"}
        with server(office_env, "teichaku.web.wsgi:application", args.workers, args.threads) as (
            port,
            _process,
        ):
            office = office_behind_one_address(port, prefix, 30)
        office_ok = office.finished == 30 and office.seconds < 60
        print(
            f"30 staff behind one address, default rate limit: {office.finished} finished in "
            f"{office.seconds:.1f} s; statuses {dict(office.statuses)}"
        )
        floor_errors = sum((m.errors for m in floors), Counter())
        server_errors = sum(n for key, n in (errors + floor_errors).items() if key.endswith(" 500"))
        server_errors += sum(1 for s in burst.values() if s == 500)
        server_errors += sum(n for key, n in office.statuses.items() if key.endswith(" 500"))
        print(f"HTTP 500 responses: {server_errors}")
        ok = once and new_rows == len(acknowledged) and not check.lost and not check.doubled
        ok = ok and after_replay == sum(stored.values()) and kill_ok(check)
        ok = ok and burst_ok and office_ok and floor_ok and server_errors == 0
        print("OK" if ok else "FAILED")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
