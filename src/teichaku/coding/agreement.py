"""Agreement between coders: Krippendorff's α (nominal), Cohen's κ and % agreement.

The units are the answers (response_id × question). Each code is judged on its own as
present/absent per answer: for code *c*, a coder who saw an answer gives it 1 when they
coded it *c* and 0 otherwise; a coder who did not see the answer gives nothing (missing).
A coder saw an answer when they have any coding row for it, including a `NO_CODE` row.

Over the whole codebook, two figures are given:

- ``alpha`` (pooled): every answer × code decision is one unit of present/absent data;
- ``alpha_exact_set``: the value of each answer is the whole set of codes a coder gave, so
  coders agree only when they gave exactly the same codes.

α is computed from Krippendorff's coincidence matrix (Krippendorff 2011, "Computing
Krippendorff's Alpha-Reliability"); it is ``None`` when undefined (fewer than two pairable
values, or only one value ever used). κ is Cohen's, on the answers both coders saw.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from teichaku.coding.codebook import Codebook
from teichaku.coding.codings import NO_CODE, Coding

Unit = tuple[str, str]  # (response_id, question)

COUNTING_NOTE = (
    "Each code is judged as present/absent per answer. A coder saw an answer when they have "
    "any coding for it (a '-' row means: seen, no code applies); answers a coder did not see "
    "are missing for that coder, not absent. α and % agreement use the answers seen by at "
    "least two coders; κ uses the answers both coders saw."
)


def krippendorff_alpha_nominal(data: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's α for nominal data. `data[coder][unit]`, ``None`` = missing.

    Built from the coincidence matrix: each unit with m ≥ 2 values adds 1/(m−1) for every
    ordered pair of values from different coders. α = 1 − (n−1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.

    Two coders, four units; they differ on the last one (3 vs 4). Every unit has m = 2
    values, so o_11 = o_22 = o_33 = 2 and o_34 = o_43 = 1; n = 8 with n_1 = n_2 = 2,
    n_3 = 3, n_4 = 1. Then Σ_{c≠k} o_ck = 2, Σ_{c≠k} n_c·n_k = 8² − (4 + 4 + 9 + 1) = 46,
    and α = 1 − 7·2/46 = 16/23 ≈ 0.696:

    >>> round(krippendorff_alpha_nominal([[1, 2, 3, 3], [1, 2, 3, 4]]), 3)
    0.696
    >>> krippendorff_alpha_nominal([[1, 2, 3, 3], [1, 2, 3, 4]]) == 1 - 7 * 2 / 46
    True
    """
    if not data:
        return None
    width = len(data[0])
    if any(len(row) != width for row in data):
        raise ValueError("every coder needs one value (or None) per unit")
    coincidence: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for unit in range(width):
        values = [row[unit] for row in data if row[unit] is not None]
        m = len(values)
        if m < 2:
            continue
        for i, a in enumerate(values):
            for j, b in enumerate(values):
                if i != j:
                    coincidence[(a, b)] += 1 / (m - 1)
    marginals: dict[Hashable, float] = defaultdict(float)
    for (a, _), count in coincidence.items():
        marginals[a] += count
    n = sum(marginals.values())
    observed = sum(count for (a, b), count in coincidence.items() if a != b)
    expected = n * n - sum(v * v for v in marginals.values())  # Σ_{c≠k} n_c n_k
    if n <= 1 or expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's κ for two coders' values on the same units (no missing values).

    ``None`` when chance agreement is 1 (both coders used one and the same value throughout).
    """
    if len(a) != len(b):
        raise ValueError("both coders need one value per unit")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    count_a: dict[Hashable, int] = defaultdict(int)
    count_b: dict[Hashable, int] = defaultdict(int)
    for x in a:
        count_a[x] += 1
    for y in b:
        count_b[y] += 1
    chance = sum(count_a[v] * count_b.get(v, 0) for v in count_a) / (n * n)
    if chance == 1:
        return None
    return (observed - chance) / (1 - chance)


@dataclass(frozen=True)
class CodeAgreement:
    code: str
    label: str
    units: int  # answers seen by at least two coders
    present: Mapping[str, int]  # coder → answers they gave this code
    alpha: float | None
    kappa: float | None  # two coders only
    percent_agreement: float | None  # of `units`, the share on which all coders agree


@dataclass(frozen=True)
class PairKappa:
    coders: tuple[str, str]
    units: int
    kappa: float | None


@dataclass(frozen=True)
class AgreementReport:
    coders: tuple[str, ...]
    units: int  # answers seen by at least two coders
    codes: tuple[CodeAgreement, ...]
    alpha: float | None  # pooled answer × code present/absent decisions
    alpha_exact_set: float | None
    kappa: float | None  # pooled, two coders only
    percent_agreement: float | None  # answers on which all coders gave the same set
    pairs: tuple[PairKappa, ...]
    counting: str = COUNTING_NOTE

    def as_dict(self) -> dict[str, object]:
        return {
            "coders": list(self.coders),
            "units": self.units,
            "overall": {
                "alpha": self.alpha,
                "alpha_exact_set": self.alpha_exact_set,
                "kappa": self.kappa,
                "percent_agreement": self.percent_agreement,
            },
            "codes": [
                {
                    "code": c.code,
                    "label": c.label,
                    "units": c.units,
                    "present": dict(c.present),
                    "alpha": c.alpha,
                    "kappa": c.kappa,
                    "percent_agreement": c.percent_agreement,
                }
                for c in self.codes
            ],
            "pairs": [
                {"coders": list(p.coders), "units": p.units, "kappa": p.kappa} for p in self.pairs
            ],
            "counting": self.counting,
        }


def coded_sets(codings: Iterable[Coding]) -> dict[str, dict[Unit, frozenset[str]]]:
    """coder → answer → the set of codes given (empty for a `NO_CODE`-only answer)."""
    sets: dict[str, dict[Unit, set[str]]] = defaultdict(lambda: defaultdict(set))
    for c in codings:
        given = sets[c.coder][c.unit]
        if c.code != NO_CODE:
            given.add(c.code)
    return {
        coder: {unit: frozenset(codes) for unit, codes in units.items()}
        for coder, units in sets.items()
    }


def agreement(codings: Iterable[Coding], codebook: Codebook | None = None) -> AgreementReport:
    """Agreement of every coder in `codings` (grouped by ``coder``), per code and overall.

    Codes are the codebook's (in its order) or, without one, those used, in order of first
    use. With a codebook, codes given by label are matched to their code.
    """
    codings = list(codings)
    if codebook is not None:
        codings = [_canonical(c, codebook) for c in codings]
    sets = coded_sets(codings)
    coders = tuple(sorted(sets))
    if len(coders) < 2:
        raise ValueError(
            f"agreement needs at least two coders; found {len(coders)}: {', '.join(coders)}"
        )
    codes = list(codebook.values) if codebook else []
    for c in codings:
        if c.code != NO_CODE and c.code not in codes:
            codes.append(c.code)
    labels = {code.value: code.label for code in codebook.codes} if codebook else {}
    all_units = sorted({unit for given in sets.values() for unit in given})
    shared = [u for u in all_units if sum(u in sets[c] for c in coders) >= 2]

    def column(coder: str, code: str) -> list[int | None]:
        given = sets[coder]
        return [None if u not in given else int(code in given[u]) for u in shared]

    per_code: list[CodeAgreement] = []
    pooled: list[list[int | None]] = [[] for _ in coders]
    for code in codes:
        data = [column(coder, code) for coder in coders]
        for row, values in zip(pooled, data, strict=True):
            row.extend(values)
        per_code.append(
            CodeAgreement(
                code=code,
                label=labels.get(code, code),
                units=len(shared),
                present={coder: sum(code in s for s in sets[coder].values()) for coder in coders},
                alpha=krippendorff_alpha_nominal(data),
                kappa=_pair_kappa(data[0], data[1]) if len(coders) == 2 else None,
                percent_agreement=_percent_all_agree(data),
            )
        )
    exact: list[list[frozenset[str] | None]] = [[sets[c].get(u) for u in shared] for c in coders]
    pairs = tuple(
        PairKappa(
            (coders[i], coders[j]),
            sum(1 for u in shared if u in sets[coders[i]] and u in sets[coders[j]]),
            _pair_kappa(pooled[i], pooled[j]),
        )
        for i, j in combinations(range(len(coders)), 2)
    )
    return AgreementReport(
        coders=coders,
        units=len(shared),
        codes=tuple(per_code),
        alpha=krippendorff_alpha_nominal(pooled),
        alpha_exact_set=krippendorff_alpha_nominal(exact),
        kappa=pairs[0].kappa if len(coders) == 2 else None,
        percent_agreement=_percent_all_agree(exact),
        pairs=pairs,
    )


def _canonical(coding: Coding, codebook: Codebook) -> Coding:
    if coding.code == NO_CODE:
        return coding
    code = codebook.find(coding.code)
    if code is None:
        raise ValueError(
            f"codings row {coding.row}: code {coding.code!r} is not in the codebook of "
            f"{codebook.question}; accepted: {', '.join(codebook.values)}"
        )
    return Coding(coding.response_id, coding.question, code.value, coding.coder, coding.row)


def _pair_kappa(a: Sequence[Hashable | None], b: Sequence[Hashable | None]) -> float | None:
    both = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    return cohen_kappa([x for x, _ in both], [y for _, y in both]) if both else None


def _percent_all_agree(data: Sequence[Sequence[Hashable | None]]) -> float | None:
    pairable = agree = 0
    for unit in range(len(data[0]) if data else 0):
        values = [row[unit] for row in data if row[unit] is not None]
        if len(values) >= 2:
            pairable += 1
            agree += len(set(values)) == 1
    return 100 * agree / pairable if pairable else None


@dataclass(frozen=True)
class Disagreement:
    """An answer the coders who saw it coded differently."""

    unit: Unit
    by_coder: Mapping[str, frozenset[str]]

    @property
    def disputed(self) -> frozenset[str]:
        """The codes some but not all of these coders gave."""
        sets = list(self.by_coder.values())
        return frozenset().union(*sets) - frozenset.intersection(*sets)


def disagreements(codings: Iterable[Coding]) -> tuple[Disagreement, ...]:
    """Every answer seen by two or more coders whose code sets differ, in answer order."""
    sets = coded_sets(codings)
    units = sorted({u for given in sets.values() for u in given})
    found = []
    for unit in units:
        by_coder = {coder: given[unit] for coder, given in sorted(sets.items()) if unit in given}
        if len(by_coder) >= 2 and len(set(by_coder.values())) > 1:
            found.append(Disagreement(unit, by_coder))
    return tuple(found)


@dataclass(frozen=True)
class FinalCoding:
    """The coding the tables use, and the answers still to settle."""

    codings: tuple[Coding, ...]
    unsettled: tuple[Disagreement, ...]


def final_coding(
    codings: Iterable[Coding],
    decisions: Mapping[Unit, Iterable[str]] | None = None,
    coder: str = "final",
) -> FinalCoding:
    """Adjudicated coding: an explicit decision where one was made; otherwise the codes of
    the coders who saw the answer when they agree (one coder alone counts as agreeing).
    Answers the coders disagree on and nobody decided are left out and listed as unsettled.
    """
    decisions = decisions or {}
    sets = coded_sets(codings)
    units = sorted({u for given in sets.values() for u in given} | set(decisions))
    out: list[Coding] = []
    unsettled: list[Disagreement] = []
    for unit in units:
        if unit in decisions:
            chosen = frozenset(decisions[unit]) - {NO_CODE}
        else:
            by_coder = {c: given[unit] for c, given in sorted(sets.items()) if unit in given}
            distinct = set(by_coder.values())
            if len(distinct) != 1:
                unsettled.append(Disagreement(unit, by_coder))
                continue
            chosen = distinct.pop()
        codes = sorted(chosen) or [NO_CODE]
        out += [Coding(unit[0], unit[1], code, coder) for code in codes]
    return FinalCoding(tuple(out), tuple(unsettled))
