"""District and village names of Aktobe oblast in the forms plan texts use, from the shared gazetteer.

The generator needs genitive forms ("Алгинского района" / "Алға ауданының"); normalisation needs every
name to erase (:func:`place_name_forms`). Both come from corpora/gazetteer/aktobe_region.json so that
district ids agree with what extraction puts in ``metadata.district_id``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from corpora.gazetteer import GAZETTEER_PATH

# The city has no villages in the gazetteer; plans of the city name its suburbs (fictional list).
_CITY_SUBURBS = (("Курайли", "Құрайлы"), ("Белогорка", "Белогорка"))


@dataclass(frozen=True)
class District:
    key: str  # gazetteer id
    ru: str  # official name, nominative
    ru_gen: str  # "Алгинского района"
    kk: str
    kk_gen: str  # "Алға ауданының"
    villages: tuple[tuple[str, str], ...]  # (ru, kk) village names
    stems: tuple[str, ...]  # every name form to erase when normalising


@lru_cache(maxsize=1)
def districts() -> tuple[District, ...]:
    data = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    result = []
    for entry in data["districts"]:
        villages = tuple((v["ru"], v["kk"]) for v in entry.get("villages", [])) or _CITY_SUBURBS
        if entry["kind"] == "city":
            ru_gen, kk_gen = entry["ru"], entry["kk"].replace("қаласы", "қаласының")
            stems = (*entry["ru_city"], *entry["kk_city"])
        else:
            ru_gen = entry["ru_adjective_stem"][0] + "ого района"
            kk_gen = entry["kk_stem"][0] + " ауданының"
            stems = (*entry["ru_adjective_stem"], *entry["kk_stem"])
        result.append(District(entry["id"], entry["ru"], ru_gen, entry["kk"], kk_gen, villages,
                               tuple(stems) + tuple(n for pair in villages for n in pair)))
    return tuple(result)


DISTRICTS = districts()


def place_name_forms() -> list[str]:
    """Every district stem, city and village name (ru and kk) of the gazetteer, for normalisation."""
    return sorted({name for district in districts() for name in district.stems})
