"""Kazakh for spaCy.

spaCy 3.8 ships no Kazakh language class, so ``spacy.blank("kk")`` fails out of the box. This module
defines one and the package registers it under the ``spacy_languages`` entry point (pyproject.toml), so
after installation ``spacy.blank("kk")`` works everywhere. :func:`pipelines.nlp.blank` also registers it
explicitly, which keeps things working when the package is used from a source tree without installing.
"""

from __future__ import annotations

from spacy.attrs import LIKE_NUM, NORM, ORTH
from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.language import BaseDefaults, Language
from spacy.util import update_exc

KAZAKH_LETTERS = "әғқңөұүһі"

STOP_WORDS = set(
    """
    а ал алайда алда алдында арқылы асты астында ау әлде әлі әр әрбір әрқайсы әйтеуір әне әно
    бар барлық басқа бері бірақ бірге бірде бірдеңе біреу біз біздің бізге бізді бола болады болды
    болған болып болса бойы бойынша бұл бұны бұған бұның бұрын да дегенмен деп дейін де ғой ғана
    егер ешкім ешнәрсе еді екен енді ең ие иә и кейін кім кімнің қай қайда қалай қандай қашан қазір
    қарай мен менің маған мені мына мынау мұнда не немесе неге неше нәрсе оған оның ол олар олардың
    оларға оларды онда осы осында осылай соң сол сондай сонда сіз сіздің сізге сізді сен сенің саған
    тағы та те тек туралы үшін шейін шамасында шығар және жоқ жуық ғой ма ме ба бе па пе
    """.split()
)

_ABBREVIATIONS = [
    "ж.", "жж.", "қ.", "обл.", "ауд.", "а.", "б.", "т.б.", "т.с.с.", "ЖСН", "ЖШС", "АҚ", "ҚР",
    "мыс.", "көш.", "үй.", "пәт.", "тел.", "н.", "с.", "м.", "р.", "№",
]


def _tokenizer_exceptions() -> dict:
    exc: dict = {}
    for abbr in _ABBREVIATIONS:
        exc[abbr] = [{ORTH: abbr, NORM: abbr.lower()}]
        if abbr.lower() != abbr:
            exc[abbr.lower()] = [{ORTH: abbr.lower(), NORM: abbr.lower()}]
    return update_exc(BASE_EXCEPTIONS, exc)


_NUM_WORDS = set(
    """
    нөл бір екі үш төрт бес алты жеті сегіз тоғыз он жиырма отыз қырық елу алпыс жетпіс сексен
    тоқсан жүз мың миллион миллиард бірінші екінші үшінші төртінші бесінші
    """.split()
)


def like_num(text: str) -> bool:
    text = text.replace(",", "").replace(".", "").replace("-", "")
    if text.isdigit():
        return True
    return text.lower() in _NUM_WORDS


class KazakhDefaults(BaseDefaults):
    stop_words = STOP_WORDS
    tokenizer_exceptions = _tokenizer_exceptions()
    lex_attr_getters = {LIKE_NUM: like_num}
    writing_system = {"direction": "ltr", "has_case": True, "has_letters": True}


class Kazakh(Language):
    lang = "kk"
    Defaults = KazakhDefaults


__all__ = ["Kazakh", "KAZAKH_LETTERS", "STOP_WORDS"]
