"""Gazetteer of the Aktobe region: 12 districts and the city, with kk/ru names, case forms and villages.

``find_districts(text)`` returns every mention with its position, so that callers can prefer the
document header. Matching runs on a *folded* lower-case text (Kazakh letters mapped to their nearest
Russian ones: қ->к, ғ->г, ә->а ...) so «Алга ауданы» typed without Kazakh letters is still found.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GAZETTEER_PATH = Path(__file__).parent / "aktobe_region.json"
_FOLD = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІё", "агкноуухиАГКНОУУХИе")

_RU_ADJ_ENDINGS = r"(?:ий|ого|ому|им|ом|ый|ая|ой)"
_RU_DISTRICT = r"(?:район(?:а|у|ом|е|ы|ов)?|р-н(?:а|е|у)?\.?|р\.)"
_KK_DISTRICT = (r"(?:аудан(?:ы|ының|ында|ына|ынан|ымен|дық|дагы|дар)?|ауд\.)")
_KK_CITY = r"(?:кала(?:сы|сының|сында|сына|сынан|лык)?|к\.)"
_RU_CITY_PREFIX = r"(?:г\.\s?|город(?:а|е|у|ом)?\s|гор\.\s?)"


@dataclass(frozen=True)
class District:
    id: str
    kind: str  # "district" | "city"
    ru: str
    kk: str

    def name(self, language: str | None) -> str:
        return self.kk if language == "kk" else self.ru


@dataclass(frozen=True)
class DistrictMention:
    district: District
    start: int
    language: str  # language of the mention itself: "kk" or "ru"
    strength: int  # 2: district/city name; 1: a village of the district


def fold(text: str) -> str:
    """Lower-case and map Kazakh letters to Russian look-alikes; keeps the length of ``text``."""
    return text.lower().translate(_FOLD)


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[District, re.Pattern[str], str, int]]:
    data = _data()
    patterns: list[tuple[District, re.Pattern[str], str, int]] = []
    for entry in data["districts"]:
        district = District(id=entry["id"], kind=entry["kind"], ru=entry["ru"], kk=entry["kk"])
        if entry["kind"] == "city":
            ru_names = "|".join(re.escape(fold(n)) for n in entry["ru_city"])
            kk_names = "|".join(re.escape(fold(n)) for n in entry["kk_city"])
            patterns.append((district, re.compile(rf"{_RU_CITY_PREFIX}(?:{ru_names})\b"), "ru", 2))
            patterns.append((district, re.compile(rf"\b(?:{kk_names})\s+{_KK_CITY}"), "kk", 2))
        else:
            stems = "|".join(re.escape(fold(s)) for s in entry["ru_adjective_stem"])
            patterns.append((district, re.compile(rf"\b(?:{stems}){_RU_ADJ_ENDINGS}\s+{_RU_DISTRICT}"), "ru", 2))
            kk_stems = "|".join(re.escape(fold(s)) for s in entry["kk_stem"])
            patterns.append((district, re.compile(rf"\b(?:{kk_stems})\s+{_KK_DISTRICT}"), "kk", 2))
        for village in entry.get("villages", []):
            ru, kk = re.escape(fold(village["ru"])), re.escape(fold(village["kk"]))
            patterns.append((district, re.compile(
                rf"(?:\b(?:с|п|г|пос|ст)\.\s?|\b(?:село|селе|села|поселок|поселке|города|городе|город)\s)(?:{ru})\b"),
                "ru", 1))
            patterns.append((district, re.compile(rf"\b(?:{kk})\s+(?:ауыл|кент|кала|стансас)"), "kk", 1))
    return patterns


def districts() -> list[District]:
    seen: dict[str, District] = {}
    for district, _, _, _ in _compiled():
        seen.setdefault(district.id, district)
    return list(seen.values())


def district_by_id(district_id: str) -> District | None:
    return next((d for d in districts() if d.id == district_id), None)


def find_districts(text: str) -> list[DistrictMention]:
    """Every district/city/village mention in ``text``, ordered by position."""
    folded = fold(text)
    mentions = [
        DistrictMention(district=district, start=match.start(), language=language, strength=strength)
        for district, pattern, language, strength in _compiled()
        for match in pattern.finditer(folded)
    ]
    return sorted(mentions, key=lambda m: (m.start, -m.strength))


_NAME_NOISE = re.compile(
    r"^(?:г\.|город|гор\.|с\.|село|пос\.|поселок)\s*|"
    r"\s*(?:район\w*|р-н\.?|аудан\w*|ауд\.|каласы|кала|облысы|область|ауылы|ауыл)$")


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(folded exact name -> district id, [(folded Russian adjective stem, district id)])."""
    data = _data()
    exact: dict[str, str] = {}
    stems: list[tuple[str, str]] = []
    for entry in data["districts"]:
        names = [entry["id"], entry["ru"], entry["kk"], *entry.get("ru_city", []), *entry.get("kk_city", []),
                 *entry.get("kk_stem", []), *(v[key] for v in entry.get("villages", []) for key in ("ru", "kk"))]
        for name in names:
            exact.setdefault(_NAME_NOISE.sub("", fold(name)).strip(), entry["id"])
        stems += [(fold(stem), entry["id"]) for stem in entry.get("ru_adjective_stem", [])]
    return exact, stems


def district_by_name(name: str) -> District | None:
    """The district a short value names ("Хромтау", "Хромтауский р-н", "Алға ауданы", "с. Бестамак",
    "khromtau"), for fields where a person picked the district; running text goes to :func:`find_districts`,
    which asks for the word "район"/"ауданы" around a bare name (a bare "Алға" is also "forward")."""
    value = _NAME_NOISE.sub("", fold(name).strip(" .,;")).strip()
    if not value:
        return None
    exact, stems = _names()
    district_id = exact.get(value) or next((i for stem, i in stems if value.startswith(stem)), None)
    if district_id is None:
        mentions = find_districts(name)
        return mentions[0].district if mentions else None
    return district_by_id(district_id)
