"""Finding practice cases: search on SudachiPy normalised forms (a search for わかりにくい
finds 分かりづらい: both give 分かる), a simple ranking, and similar cases by TF-IDF cosine.

Only content words count (名詞, 動詞, 形容詞, 形状詞, 副詞: the word list's default parts of
speech), so a suffix such as にくい/づらい, whose normalised forms differ, does not stop a match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from teichaku.coding.tokens import tokens
from teichaku.coding.words import DEFAULT_POS

TITLE_WEIGHT = 3


def content_forms(text: str) -> tuple[str, ...]:
    """The normalised forms of `text`'s content words.

    >>> content_forms("わかりにくい"), content_forms("分かりづらい")
    (('分かる',), ('分かる',))
    """
    return tuple(t.form for t in tokens(text) if t.pos in DEFAULT_POS)


def index_form(text: str) -> str:
    """What a database stores to search a text: its content forms between spaces, with a
    space at each end, so `` form `` finds a whole word with a plain substring test."""
    forms = content_forms(text)
    return f" {' '.join(forms)} " if forms else " "


def query_terms(query: str) -> tuple[str, ...]:
    """The needles for a query: `` form `` for each content word, in order, without repeats."""
    return tuple(dict.fromkeys(f" {form} " for form in content_forms(query)))


def matches(query: str, indexed: str) -> bool:
    """Whether every content word of `query` is in the indexed text (an empty query matches)."""
    return all(term in indexed for term in query_terms(query))


@dataclass(frozen=True)
class Document:
    """A case as search sees it: its title and the rest of its text."""

    key: str
    title: str
    body: str


def score(query: str, document: Document) -> int:
    """How often the query's words occur: in the title they count `TITLE_WEIGHT` times;
    0 when a word of the query is missing."""
    title, body = content_forms(document.title), content_forms(document.body)
    total = 0
    for term in query_terms(query):
        form = term.strip()
        found = TITLE_WEIGHT * title.count(form) + body.count(form)
        if not found:
            return 0
        total += found
    return total


def search(query: str, documents: Sequence[Document]) -> tuple[Document, ...]:
    """The documents that match, best first (ties keep the order given)."""
    scored = [(score(query, d), i, d) for i, d in enumerate(documents)]
    if not query_terms(query):
        return tuple(documents)
    return tuple(d for s, _i, d in sorted(scored, key=lambda x: (-x[0], x[1])) if s > 0)


def similar(
    key: str, documents: Sequence[Document], limit: int = 5
) -> tuple[tuple[Document, float], ...]:
    """The documents most like the one with `key`, by cosine of TF-IDF vectors of content
    forms (title and body together), best first; those sharing no word are left out."""
    keys = [d.key for d in documents]
    if key not in keys or len(documents) < 2:
        return ()
    vectorizer = TfidfVectorizer(analyzer=lambda text: list(content_forms(text)))
    matrix = vectorizer.fit_transform([f"{d.title}\n{d.body}" for d in documents])
    row = keys.index(key)
    scores = cosine_similarity(matrix[row], matrix)[0]
    ranked = sorted(
        ((float(scores[i]), i) for i in range(len(documents)) if i != row and scores[i] > 0),
        key=lambda x: (-x[0], x[1]),
    )
    return tuple((documents[i], s) for s, i in ranked[:limit])


def documents_of(texts: Mapping[str, tuple[str, str]]) -> tuple[Document, ...]:
    """key → (title, body) as documents, in the mapping's order."""
    return tuple(Document(k, title, body) for k, (title, body) in texts.items())
