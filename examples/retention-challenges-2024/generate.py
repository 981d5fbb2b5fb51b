"""Rebuild a response file and a codings file from the study's published aggregates.

Only the published figures are real (see ../../docs and the study, 山口 2024): the attribute
counts, each item's most frequent answer and its share, Table 13's mentions, the shares of
the yes/no question, and the category counts of Tables 14 and 15. Everything else — how the
remaining answers spread over the other options, who answered what, the free-text wording —
is synthetic, drawn from a seeded generator so that the files are the same on every run.

    python examples/retention-challenges-2024/generate.py [OUT_DIR]
"""

from __future__ import annotations

import csv
import random
import sys
from fractions import Fraction
from pathlib import Path

SEED = 20240130
RESPONDENTS = 307
HERE = Path(__file__).resolve().parent

# §3.1: affiliation, % of the 307 respondents; the last three have no published count.
AFFILIATION = {
    "retention_support": 97,
    "transition_support": 143,
    "continuation_a": 69,
    "continuation_b": 106,
    "independence_training": 22,
    "nakapotsu": 27,
    "consultation_support": 14,  # synthetic
    "government": 6,  # synthetic
    "education": 5,  # synthetic
}
# §3.1: 156, 91, 38 of 307 reproduce 50.8 %, 29.6 %, 12.4 %; the other 22 are the rest.
OPERATING_BODY = {
    "private_company": 156,
    "social_welfare_corporation": 91,
    "npo": 38,
    "other_body": 22,
}
# §3.1: 175, 75, 50 (and 10 other) of 310 mentions reproduce 56.5 %, 24.2 %, 16.1 %.
ROLE = {"support_worker": 175, "service_manager": 75, "administrator": 50, "other_role": 10}
# §3.2: each item's most frequent answer and its share of that item's answers.
ITEM_MODES = {
    "q01_securing_users": ("7", "21.7"),
    "q02_service_constraints": ("4", "35.8"),
    "q03_employer_collaboration": ("5", "26.3"),
    "q04_life_support_collaboration": ("5", "27.8"),
    "q05_medical_collaboration": ("4", "26.4"),
    "q06_raising_retention_rate": ("5", "26.4"),
    "q07_securing_staff": ("5", "24.3"),
    "q08_career_support": ("5", "27.6"),
    "q09_reward_and_stability": ("4", "25.2"),
    "q10_exclusion_period": ("4", "31.1"),
    "q11_reward_first_six_months": ("4", "40.0"),
    "q12_reward_scheme_change": ("5", "21.0"),
}
# Table 13: mentions of each method (493 in all); how many respondents answered is synthetic.
MONITORING = {
    "phone": 155,
    "workplace_visit": 131,
    "email": 89,
    "home_visit": 44,
    "line": 37,
    "office_interview": 23,
    "online_form": 5,
    "medical_accompaniment": 3,
    "other_agencies": 3,
    "video_call": 2,
    "cafe_interview": 1,
}
MONITORING_RESPONDENTS = 231  # synthetic
# §3.4: 課題がある 40.2 %, 課題がない 17.8 %; base not stated, the rest answered neither.
OTHER_ORG_SHARES = {"has_challenges": "40.2", "no_challenges": "17.8"}
# Table 14 (61 descriptions, 62 codes) and Table 15 with the text's extra category
# (95 descriptions, 97 codes). The pairs given two codes are synthetic.
OTHER_ORG_CODES = {
    "collaboration": 19,
    "lack_of_information": 16,
    "building_trust": 10,
    "matching": 4,
    "no_precedent": 4,
    "other": 4,
    "nothing_in_particular": 5,
}
OTHER_ORG_DESCRIPTIONS = 61
OTHER_ORG_DOUBLE = [("collaboration", "lack_of_information")]
SELF_PLAN_CODES = {
    "perspectives_and_quality": 35,
    "life_support_roles": 16,
    "collaboration": 12,
    "finding_consultation_office": 5,
    "no_difference": 11,
    "no_cases": 17,
    "connection_after_service": 1,
}
SELF_PLAN_DESCRIPTIONS = 95
SELF_PLAN_DOUBLE = [
    ("perspectives_and_quality", "life_support_roles"),
    ("life_support_roles", "connection_after_service"),
]
# Synthetic wording per category; the quoted ones are the paper's own examples (§4.2).
PHRASES = {
    "collaboration": [
        "就職までの経緯や企業担当者との関わり方の詳細がなかなか分かりづらい。",
        "前の事業所や企業との連携の取り方が難しい。",
        "企業担当者との関係づくりを一から始める必要がある。",
    ],
    "lack_of_information": [
        "利用者さんの情報や企業担当者さんについて十分把握できていない状態で支援を始めることになる。",
        "外部の場合、ご本人の障害特性や配慮事項の細かい部分での理解不足が考えられる。",
        "これまでの支援記録が引き継がれず、情報が足りない。",
    ],
    "building_trust": [
        "今までの関係性ができていないところからの定着支援になるので、本音を引き出せない可能性がある。",
        "働きながらの支援となるため、信頼関係構築の時間確保が困難。",
    ],
    "matching": ["就職先と本人とのマッチングが適切でないまま就職している例がある。"],
    "no_precedent": ["自法人の就労系事業所の利用者しか利用対象者にしていない。"],
    "other": ["自事業所の定着支援利用者の対応で手一杯である。"],
    "nothing_in_particular": ["特にない。", "課題は特に感じていない。"],
    "perspectives_and_quality": [
        "自分とは違った視点から相談支援員の助言を頂けるのはとても心強いです。",
        "相談支援専門員の視点がないため、支援が一面的になりやすい。",
        "モニタリングで本人の隠れたニーズに気づく機会が少ない。",
    ],
    "life_support_roles": [
        "就職後、セルフプランの方の生活面でのサポートが弱くなってしまう。家庭に何かあった際、介入できる人がいない。",
        "生活面での支援をどこまで担うのか、役割分担が難しい。",
    ],
    "finding_consultation_office": ["計画相談の事業所が見つからず、セルフプランにせざるを得ない。"],
    "no_difference": ["大きな違いはない。", "支援の内容に違いは感じない。"],
    "no_cases": ["セルフプランの利用者の事例はない。", "該当する利用者がいない。"],
    "connection_after_service": ["利用終了後に地域の資源へつなぐ先が見つけにくい。"],
}


def share_fits(count: int, base: int, published: str) -> bool:
    """True when count/base, as a percentage, rounds (half up) to the published figure."""
    value = Fraction(100 * count, base)
    target = Fraction(published)
    return target - Fraction(1, 20) <= value < target + Fraction(1, 20)


def base_for(shares: list[str], rng: random.Random) -> tuple[int, list[int]]:
    """The largest base ≤ 307 (so the fewest missing answers) whose counts give every share."""
    for base in range(RESPONDENTS, 0, -1):
        counts = []
        for published in shares:
            fitting = [c for c in range(base + 1) if share_fits(c, base, published)]
            if not fitting:
                break
            counts.append(rng.choice(fitting))
        else:
            if sum(counts) <= base:
                return base, counts
    raise ValueError(f"no base reproduces {shares}")


def likert_counts(mode: str, share: str, rng: random.Random) -> dict[str, int]:
    base, (top,) = base_for([share], rng)
    centre = int(mode)
    weights = {str(v): 1.0 / (1 + abs(v - centre)) for v in range(1, 8) if str(v) != mode}
    while True:
        rest = dict.fromkeys(weights, 0)
        for value in rng.choices(list(weights), list(weights.values()), k=base - top):
            rest[value] += 1
        if max(rest.values()) < top:
            return {**rest, mode: top}


def spread_multi(counts: dict[str, int], respondents: list[int], rng: random.Random) -> dict[int, list[str]]:
    """Give every respondent at least one option, and each option exactly its count."""
    mentions = [option for option, count in counts.items() for _ in range(count)]
    rng.shuffle(mentions)
    chosen: dict[int, list[str]] = {r: [] for r in respondents}
    order = respondents[:]
    rng.shuffle(order)
    first, rest = mentions[: len(order)], mentions[len(order) :]
    # Each respondent's first mention: distinct per respondent by construction.
    for respondent, option in zip(order, first, strict=True):
        chosen[respondent].append(option)
    for option in rest:
        candidates = [r for r in respondents if option not in chosen[r]]
        chosen[rng.choice(candidates)].append(option)
    return chosen


def single(counts: dict[str, int], respondents: list[int], rng: random.Random) -> dict[int, str]:
    values = [value for value, count in counts.items() for _ in range(count)]
    picked = rng.sample(respondents, len(values))
    return dict(zip(picked, values, strict=True))


def coded_texts(
    codes: dict[str, int], descriptions: int, doubles: list[tuple[str, str]], rng: random.Random
) -> list[list[str]]:
    """One list of codes per description, the given pairs first."""
    remaining = dict(codes)
    described = [list(pair) for pair in doubles]
    for pair in doubles:
        for code in pair:
            remaining[code] -= 1
    described += [[code] for code, count in remaining.items() for _ in range(count)]
    if len(described) != descriptions:
        raise ValueError(f"{len(described)} descriptions built, {descriptions} published")
    rng.shuffle(described)
    return described


def main(out: Path) -> None:
    rng = random.Random(SEED)
    ids = list(range(1, RESPONDENTS + 1))
    rows: dict[int, dict[str, str]] = {i: {"response_id": f"R{i:03d}"} for i in ids}
    for respondent, options in spread_multi(AFFILIATION, ids, rng).items():
        rows[respondent]["affiliation"] = " ".join(options)
    for respondent, value in single(OPERATING_BODY, ids, rng).items():
        rows[respondent]["operating_body"] = value
    for respondent, options in spread_multi(ROLE, ids, rng).items():
        rows[respondent]["role"] = " ".join(options)
    for item, (mode, share) in ITEM_MODES.items():
        for respondent, value in single(likert_counts(mode, share, rng), ids, rng).items():
            rows[respondent][item] = value
    monitoring = rng.sample(ids, MONITORING_RESPONDENTS)
    for respondent, options in spread_multi(MONITORING, monitoring, rng).items():
        rows[respondent]["monitoring_methods"] = " ".join(options)
    base, (has, has_not) = base_for(list(OTHER_ORG_SHARES.values()), rng)
    yes_no = {"has_challenges": has, "no_challenges": has_not, "neither": base - has - has_not}
    for respondent, value in single(yes_no, ids, rng).items():
        rows[respondent]["other_org_users_challenge"] = value
    codings: list[tuple[str, str, str]] = []
    for question, codes, descriptions, doubles in (
        ("other_org_users_text", OTHER_ORG_CODES, OTHER_ORG_DESCRIPTIONS, OTHER_ORG_DOUBLE),
        ("self_plan_text", SELF_PLAN_CODES, SELF_PLAN_DESCRIPTIONS, SELF_PLAN_DOUBLE),
    ):
        writers = sorted(rng.sample(ids, descriptions))
        for respondent, given in zip(writers, coded_texts(codes, descriptions, doubles, rng), strict=True):
            rows[respondent][question] = "".join(rng.choice(PHRASES[code]) for code in given)
            codings += [(rows[respondent]["response_id"], question, code) for code in given]
    columns = ["response_id", "affiliation", "operating_body", "role", *ITEM_MODES]
    columns += ["monitoring_methods", "other_org_users_challenge"]
    columns += ["other_org_users_text", "self_plan_text"]
    out.mkdir(parents=True, exist_ok=True)
    with (out / "responses.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows[i] for i in ids)
    with (out / "codings.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["response_id", "question", "code"])
        writer.writerows(sorted(codings))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
