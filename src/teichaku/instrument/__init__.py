"""Survey instruments: the XLSForm-compatible model every other part reads."""

from teichaku.instrument.builtin import builtin_folder, builtin_names, load_instrument
from teichaku.instrument.errors import InstrumentError
from teichaku.instrument.model import (
    OTHER_VALUE,
    Group,
    Instrument,
    LikertScale,
    Note,
    Option,
    PercentBase,
    Question,
    QuestionKind,
    pick_label,
)
from teichaku.instrument.xlsform import load_xlsform

__all__ = [
    "OTHER_VALUE",
    "Group",
    "Instrument",
    "InstrumentError",
    "LikertScale",
    "Note",
    "Option",
    "PercentBase",
    "Question",
    "QuestionKind",
    "builtin_folder",
    "builtin_names",
    "load_instrument",
    "load_xlsform",
    "pick_label",
]
