"""The demo's 実践事例: the fictional seed cases published, a reviewer account, a draft of
the demo office with a flagged name (to show the flagger) and a submitted case whose
flagged word waits for the reviewer's confirmation."""

from __future__ import annotations

from collections.abc import Iterator

from teichaku.library.exchange import dump_cases
from teichaku.library.seeds import seed_cases
from teichaku.web.demo import demo_account
from teichaku.web.library.exchange import import_text
from teichaku.web.library.models import PracticeCase, Reviewer
from teichaku.web.library.workflow import save, submit
from teichaku.web.offices.models import StaffMembership

DEMO_REVIEWER = "demo-reviewer"
DEMO_SITE = "https://demo.teichaku.invalid"
DRAFT_TITLE = "職場の担当者が替わったときの引き継ぎ（下書き）"
SUBMITTED_TITLE = "主治医への情報提供の書式（審査中）"


def seed_demo_library() -> Iterator[str]:
    count = import_text(dump_cases(seed_cases(), DEMO_SITE), "seeds.json")
    yield f"デモ実践事例 / demo practice cases: 新規 {count.created}, 変更なし {count.unchanged}"
    user, password = demo_account(DEMO_REVIEWER, "架空 審査者")
    Reviewer.objects.get_or_create(user=user)
    yield f"デモ審査者 / demo reviewer: {DEMO_REVIEWER} / {password}"
    membership = StaffMembership.objects.select_related("office").order_by("id").first()
    if membership is None:
        return
    if not PracticeCase.objects.filter(title=DRAFT_TITLE).exists():
        draft = PracticeCase(
            office=membership.office,
            title=DRAFT_TITLE,
            challenges=["q03_employer_collaboration"],
            prefecture="埼玉県",
            situation="架空の事例です。山本さんの職場で担当者が替わった。",
            actions="引き継ぎの面談を三者で持った。",
            outcome="新しい担当者と関係ができた。",
            partners=["employer"],
            channels=["workplace_visit"],
        )
        save(draft, membership.user)
    if not PracticeCase.objects.filter(title=SUBMITTED_TITLE).exists():
        sent = PracticeCase(
            office=membership.office,
            title=SUBMITTED_TITLE,
            challenges=["q05_medical_collaboration"],
            prefecture="埼玉県",
            situation="架空の事例です。主治医と連絡をとる方法が利用者ごとに違っていた。",
            actions="株式会社ひまわり商事（架空）と主治医への情報提供の書式を一つにそろえた。",
            outcome="受診のときに職場の様子が伝わるようになった。",
            partners=["medical"],
            channels=["letter"],
        )
        save(sent, membership.user)
        submit(sent, membership.user, ask_confirmation=True)
