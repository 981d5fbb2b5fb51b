"""Backups that restore: one archive holding the database and a manifest to check it by.

A backup is a zip file (format ``teichaku.backup/1``) with two members:

- ``manifest.json``: the format, the database engine, when it was made, the row count of
  every table and a SHA-256 digest of the survey answers;
- the database itself: ``database.sqlite3`` (SQLite's online backup API, so a running server
  keeps serving) or ``database.pgdump`` (``pg_dump -Fc``).

A restore goes only into an empty database (no table holds a row other than what ``migrate``
itself writes), of the same engine, and then counts every table and recomputes the digest: a
restore that does not match its manifest is an error, never a silent success.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import connection, connections

FORMAT = "teichaku.backup/1"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
# Tables `migrate` fills by itself: a database holding only these is still empty.
SCHEMA_TABLES = frozenset(
    {"django_migrations", "django_content_type", "auth_permission", "django_site"}
)


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Manifest:
    engine: str
    created_at: str
    tables: dict[str, int]
    answers_digest: str

    def as_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "engine": self.engine,
                "created_at": self.created_at,
                "tables": self.tables,
                "answers_digest": self.answers_digest,
            },
            ensure_ascii=False,
            indent=2,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str, archive: Path) -> Manifest:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise BackupError(
                f"{archive}: バックアップの形式 {data.get('format')!r} は読めません"
                f"（読める形式: {FORMAT}） / unknown backup format"
            )
        return cls(
            engine=str(data["engine"]),
            created_at=str(data["created_at"]),
            tables={str(name): int(count) for name, count in data["tables"].items()},
            answers_digest=str(data["answers_digest"]),
        )


def engine() -> str:
    """``sqlite`` or ``postgresql``: the engines a backup can hold."""
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"このデータベース（{vendor}）のバックアップには対応していません")
    return vendor


def table_counts() -> dict[str, int]:
    """Every table of the database and its number of rows."""
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = int(cursor.fetchone()[0])
    return counts


def answers_digest() -> str:
    """SHA-256 over every survey answer (id, survey, response id, answers and other-texts
    as canonical JSON), in id order."""
    from teichaku.web.surveys.models import Submission

    digest = hashlib.sha256()
    rows = Submission.objects.order_by("pk").values_list(
        "pk", "survey_id", "response_id", "answers", "other_texts"
    )
    for row in rows.iterator(chunk_size=2000):
        line = json.dumps(list(row), ensure_ascii=False, sort_keys=True)
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()


def current_manifest() -> Manifest:
    return Manifest(
        engine=engine(),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        tables=table_counts(),
        answers_digest=answers_digest(),
    )


def backup(out: Path) -> Manifest:
    """Write a backup of the configured database to ``out`` (replaced only when complete)."""
    kind = engine()
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as folder:
        if kind == "sqlite":
            member = SQLITE_MEMBER
            _sqlite_backup(Path(folder) / member)
        else:
            member = POSTGRES_MEMBER
            _postgres("pg_dump", "-Fc", "--no-owner", "-f", str(Path(folder) / member), "--dbname")
        manifest = current_manifest()
        partial = Path(folder) / "backup.zip"
        compression = zipfile.ZIP_DEFLATED if kind == "sqlite" else zipfile.ZIP_STORED
        with zipfile.ZipFile(partial, "w", compression=compression) as archive:
            archive.writestr(MANIFEST, manifest.as_json())
            archive.write(Path(folder) / member, member)
        os.replace(partial, out)
    return manifest


def restore(archive_path: Path) -> Manifest:
    """Restore ``archive_path`` into the configured, empty database; check its manifest."""
    archive_path = archive_path.resolve()
    try:
        archive = zipfile.ZipFile(archive_path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(
            f"{archive_path}: バックアップファイルとして読めません（{error}）"
        ) from error
    with archive, tempfile.TemporaryDirectory() as folder:
        if MANIFEST not in archive.namelist():
            raise BackupError(
                f"{archive_path}: {MANIFEST} がありません（teichaku のバックアップではありません）"
            )
        manifest = Manifest.from_json(archive.read(MANIFEST).decode("utf-8"), archive_path)
        kind = engine()
        if manifest.engine != kind:
            raise BackupError(
                f"{archive_path}: {manifest.engine} のバックアップは {kind} には戻せません"
                "（同じ種類のデータベースに戻してください）"
            )
        holding = _tables_with_data()
        if holding:
            raise BackupError(
                "復元先のデータベースが空ではありません（データのある表: "
                f"{', '.join(holding[:5])}{' ほか' if len(holding) > 5 else ''}）。"
                "新しい空のデータベースを指定してください"
            )
        member = SQLITE_MEMBER if kind == "sqlite" else POSTGRES_MEMBER
        archive.extract(member, folder)
        extracted = Path(folder) / member
        if kind == "sqlite":
            _sqlite_restore(extracted)
        else:
            _postgres(
                "pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", last=extracted
            )
    _check_against(manifest)
    return manifest


def _tables_with_data() -> list[str]:
    return [name for name, count in table_counts().items() if count and name not in SCHEMA_TABLES]


def _check_against(manifest: Manifest) -> None:
    counts = table_counts()
    differing = [
        f"{name}: {manifest.tables.get(name)} → {counts.get(name)}"
        for name in sorted(set(manifest.tables) | set(counts))
        if manifest.tables.get(name) != counts.get(name)
    ]
    if differing:
        raise BackupError("復元後の行数がマニフェストと違います: " + "; ".join(differing))
    if answers_digest() != manifest.answers_digest:
        raise BackupError("復元後の回答のダイジェストがマニフェストと違います")


def _sqlite_backup(target: Path) -> None:
    connection.ensure_connection()
    source: Any = connection.connection
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()


def _sqlite_restore(source_file: Path) -> None:
    connection.ensure_connection()
    destination: Any = connection.connection
    source = sqlite3.connect(source_file)
    try:
        source.backup(destination)
    finally:
        source.close()
    connections.close_all()


def _postgres_uri() -> str:
    database = settings.DATABASES["default"]
    user = quote(str(database.get("USER") or ""), safe="")
    host = str(database.get("HOST") or "")
    port = str(database.get("PORT") or "")
    where = f"{host}:{port}" if port else host
    name = quote(str(database["NAME"]), safe="")
    return f"postgresql://{user + '@' if user else ''}{where}/{name}"


def _postgres(program_name: str, *options: str, last: Path | None = None) -> None:
    """Run pg_dump/pg_restore on the configured database (its password via PGPASSWORD).

    ``options`` end with ``--dbname``; the database's URI follows, then ``last`` if given.
    """
    program = shutil.which(program_name)
    if program is None:
        raise BackupError(
            f"{program_name} が見つかりません（PostgreSQL のクライアントを入れてください）"
        )
    environment = dict(os.environ)
    password = settings.DATABASES["default"].get("PASSWORD")
    if password:
        environment["PGPASSWORD"] = str(password)
    arguments = [program, *options, _postgres_uri(), *([str(last)] if last else [])]
    connections.close_all()
    finished = subprocess.run(arguments, env=environment, capture_output=True, text=True)
    if finished.returncode != 0:
        raise BackupError(f"{program_name} が失敗しました: {finished.stderr.strip()[-800:]}")
