"""The coding pages with thousands of answers, against plain ORM fetches of the same rows.

Makes a throw-away test database (Django's test-database machinery: a SQLite database in
memory by default, or `test_<name>` on PostgreSQL when DATABASE_URL points there), a team,
an analyst and one coding project per size with synthetic Japanese answers and attributes;
the analyst has coded 30 % of them. Then, through Django's test Client, times:

- the answer list (page 1 and a middle page), filtered by code, by attribute, by a search
  word and 'not yet coded';
- one answer at a time (GET with suggestions, and the POST that saves codes);

and, as the baseline, `AnswerItem.objects.filter(...).values()` of the same number of rows
the page shows (50) and of the whole project. Prints the median seconds of REPEAT runs, the
ratio to the baseline, and the SQL queries per request.

    .venv/bin/python bench/coding_answers.py [--sizes 5000 20000] [--repeat 7]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/teichaku \
        .venv/bin/python bench/coding_answers.py
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teichaku.web.settings")
os.environ.setdefault("TEICHAKU_VAR", tempfile.mkdtemp(prefix="teichaku-bench-"))

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from teichaku.coding import Answer  # noqa: E402
from teichaku.coding.codebook import read_codebooks  # noqa: E402
from teichaku.instrument.builtin import builtin_folder  # noqa: E402
from teichaku.web.accounts.models import Membership, Role, Team  # noqa: E402
from teichaku.web.coding import services  # noqa: E402
from teichaku.web.coding.models import AnswerItem, AppliedCode, CodingProject, Review  # noqa: E402

QUESTION = "other_org_users_text"
SUBJECTS = [
    "前の事業所",
    "相談支援専門員",
    "企業の担当者",
    "家族",
    "主治医",
    "本人",
    "ハローワーク",
]
PROBLEMS = [
    "との情報共有が難しい",
    "との連携がとれない",
    "から引き継ぎの資料が届かない",
    "と信頼関係を築くまで時間がかかる",
    "の支援方針が分からない",
    "との役割分担があいまい",
    "への連絡に手間がかかる",
]
TAILS = ["。", "ことが多い。", "ため、定着支援が遅れる。", "。利用終了後の資源につなげにくい。"]
BODIES = ["社会福祉法人", "株式会社", "NPO法人", "医療法人"]
ROLES = ["管理者", "就労定着支援員", "サービス管理責任者"]


def synthetic_answers(n: int, rng: random.Random) -> list[Answer]:
    answers = []
    for i in range(n):
        parts = [rng.choice(SUBJECTS) + rng.choice(PROBLEMS) + rng.choice(TAILS) for _ in range(3)]
        text = "" if rng.random() < 0.1 else "".join(parts[: rng.randint(1, 3)])
        attributes = {"operating_body": rng.choice(BODIES), "role": rng.choice(ROLES)}
        answers.append(Answer(f"R{i:06d}", QUESTION, text, attributes))
    return answers


def make_project(n: int, team: Team, coder_id: int, rng: random.Random) -> CodingProject:
    book = read_codebooks(builtin_folder("retention-challenges-2024") / "codebooks")[QUESTION]
    project = services.create_project(
        team, f"bench {n}", QUESTION, "", book, synthetic_answers(n, rng)
    )
    categories = list(project.categories.all())
    coded = [a for a in project.answers.exclude(text="") if rng.random() < 0.3]
    Review.objects.bulk_create([Review(answer=a, coder_id=coder_id) for a in coded], 2000)
    AppliedCode.objects.bulk_create(
        [
            AppliedCode(answer=a, coder_id=coder_id, category=c)
            for a in coded
            for c in rng.sample(categories, rng.randint(1, 2))
        ],
        2000,
    )
    return project


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, int]:
    """Median seconds of `repeat` runs after one warm-up, and the queries of one run."""
    fn()
    queries: list[str] = []

    def count(execute: Any, sql: str, *args: Any) -> Any:
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(queries)


def get(client: Client, url: str, params: dict[str, str] | None = None) -> Callable[[], Any]:
    def run() -> None:
        response = client.get(url, params or {})
        assert response.status_code == 200, (url, response.status_code)

    return run


def bench_size(n: int, team: Team, user: Any, repeat: int) -> list[tuple[str, float, float, int]]:
    rng = random.Random(n)
    started = time.perf_counter()
    project = make_project(n, team, int(user.pk), rng)
    print(f"\n{n} answers (made in {time.perf_counter() - started:.1f} s)")
    client = Client()
    client.force_login(user)
    base = f"/coding/{project.token}/"
    rows = AnswerItem.objects.filter(project=project).exclude(text="")

    page_base, _ = timed(lambda: list(rows.order_by("position").values()[:50]), repeat)
    all_base, _ = timed(lambda: list(rows.values()), repeat)
    code = project.categories.first().value  # type: ignore[union-attr]
    middle = str((n * 9 // 10) // 50 // 2)
    position = rows.order_by("position").values_list("position", flat=True)[n // 3]
    cases: dict[str, Callable[[], Any]] = {
        "list, page 1": get(client, base),
        f"list, page {middle}": get(client, base, {"page": middle}),
        "list, by code": get(client, base, {"code": code}),
        "list, by attribute": get(client, base, {"attr": "operating_body", "value": "医療法人"}),
        "list, search": get(client, base, {"q": "信頼関係"}),
        "list, not yet coded": get(client, base, {"uncoded": "1"}),
        "list, all filters": get(
            client,
            base,
            {"uncoded": "1", "q": "ｈａｒｏ", "attr": "role", "value": "管理者"},
        ),
        "one answer (GET)": get(client, f"{base}answer/{position}/"),
    }
    out = []
    print(
        f"  baseline: 50 rows .values() {page_base * 1000:.1f} ms; all {rows.count()} rows "
        f"{all_base * 1000:.1f} ms"
    )
    print(f"  {'page':24} {'ms':>8} {'x 50 rows':>10} {'x all rows':>11} {'queries':>8}")
    for name, fn in cases.items():
        seconds, queries = timed(fn, repeat)
        out.append((name, seconds, seconds / all_base, queries))
        print(
            f"  {name:24} {seconds * 1000:8.1f} {seconds / page_base:10.1f} "
            f"{seconds / all_base:11.2f} {queries:8d}"
        )

    values = list(project.categories.values_list("value", flat=True))
    turn = iter(range(10**6))

    def save() -> None:
        # A different code each time: the coder's codes change, as in real coding.
        given = values[next(turn) % len(values)]
        response = client.post(f"{base}answer/{position}/", {"code": [given], "memo": "bench"})
        assert response.status_code == 302

    seconds, queries = timed(save, repeat)
    print(
        f"  {'one answer (POST save)':24} {seconds * 1000:8.1f} {seconds / page_base:10.1f} "
        f"{seconds / all_base:11.2f} {queries:8d}"
    )

    # The next answer's page after a save: the learned suggester sees changed codes.
    def save_then_next() -> None:
        save()
        get(client, f"{base}answer/{position}/")()

    seconds, queries = timed(save_then_next, repeat)
    print(f"  {'save, then the page':24} {seconds * 1000:8.1f} {'':10} {'':11} {queries:8d}")
    # What the background thread does after a save: refit on every answer the coder read.
    from teichaku.coding.learned import LearnedSuggester

    given: dict[int, set[str]] = {}
    for answer_id, value in AppliedCode.objects.filter(answer__project=project).values_list(
        "answer_id", "category__value"
    ):
        given.setdefault(answer_id, set()).add(value)
    read = list(
        Review.objects.filter(answer__project=project).values_list("answer_id", "answer__text")
    )
    started = time.perf_counter()
    LearnedSuggester(values).fit([t for _, t in read], [given.get(a, set()) for a, _ in read])
    print(
        f"  refit of the suggester on {len(read)} coded answers (background): "
        f"{time.perf_counter() - started:.1f} s"
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    setup_test_environment()
    # Its own throw-away database, never the test database a concurrent pytest may be using.
    settings = connection.settings_dict
    if connection.vendor != "sqlite":  # SQLite: a database in memory
        settings["TEST"]["NAME"] = f"test_{settings['NAME']}_bench_coding"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        team = Team.objects.create(name="bench")
        user = get_user_model().objects.create_user(username="bench-analyst", password=None)
        Membership.objects.create(team=team, user=user, role=Role.ANALYST)
        for n in args.sizes:
            bench_size(n, team, user, args.repeat)
            from teichaku.web.coding import views

            while views._TRAINING:  # let a background fit finish before the next size
                time.sleep(0.1)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
