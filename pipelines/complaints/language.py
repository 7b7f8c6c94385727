"""kk / ru / mixed for short, noisy complaint texts.

A token vote tuned for complaints, with the extraction pipeline's detector
(:func:`pipelines.extract.language.detect_language`, lexicon + lingua) for texts with no decisive token.
Measured on the complaints DEV split: token vote 0.958 accuracy, extraction detector 0.893 -- it was built
for protocols and does not see Russian-letter or Latin-script Kazakh. The token vote: a token is Kazakh when it has a
Kazakh-only letter, is a frequent Kazakh word (also in Russian-letter and Latin spellings, which is how
people type on phones), or ends in a Kazakh-only suffix; Russian when it is a frequent Russian word or
ends in a Russian-only ending. Complaints code-switch inside one sentence, so "mixed" is a share band,
not a fallback.
"""

from __future__ import annotations

import re

from pipelines.privacy import mask_pii
from pipelines.types import Language

_KK_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KK_LATIN_LETTERS = set("äğqñöūüıÄĞQÑÖŪÜİ")

_KK_WORDS = frozenset(
    """
    мен менің маған мені біз біздің бизге біздің сіз сиз сіздің сиздин ол олар оның онын бұл бул осы сол
    және жане мен бен пен бар жоқ жок емес деп дейді дейди дейд деді керек бала баланы баланың баланын
    балам баламды баламның баламнын балалар балаларды балаға балага мектеп мектепке мектепте мектептен
    үшін ушин бір бир екі еки үш уш жыл жылы күн кун қазір казир да де та те ма ме ба бе па пе ғана гана
    бойынша бойынша туралы сұраймын сураймын көмектесіңіздер комектесиниздер көмек комек ешқандай ешкандай
    ақша акша әкесі акеси анасы анасы ата ана әже аже ұлым улым қызым кызым айына тұрамыз турамыз болды
    барады бармайды келмейді келмейди береді береди бермейді бермейди жоқпыз алмай алмайды алмаймыз
    жатыр тұр тур отыр еді еди екен ғой гой неге қалай калай қайда кайда не үй уй үйде уйде ауыл ауылда
    сәлеметсіз салеметсиз рахмет қайырлы кайырлы бірақ бирак әлі али тағы тагы енді енди жаман жақсы жаксы
    bala balam balany balalar mektep mektepke joq jok bar emes dep kerek men biz ol olar jane jäne üşin
    ushin bir eki jyl kün qazir ğana gana boiynşa turaly akesi äkesi anasy uly qyzy balabaqşa balabaqsha
    kelmeidi bermeidi almaimyz jatyr dedi deidi ne nege qalai qaida üy uy auyl sälemetsiz salemetsiz
    """.split()
)
_RU_WORDS = frozenset(
    """
    и в во не на что я с со по мой моя мое моё мои мне меня уже как это нет а но для от у за из до он она
    они мы вы есть был была были будет его ее её их ребенок ребёнок ребенка ребёнка дети детей детям школа
    школе школу школы помогите пожалуйста прошу здравствуйте добрый день сын сына дочь дочери муж мужа
    жена мать отец год года лет месяц месяца тенге очень только даже тоже ничего никто говорят говорит
    сказал сказали может можно нужно надо когда где куда почему если или чтобы который которые
    ne na chto ya net eto moi moya deti rebenok shkola pomogite pojaluista uje ego
    """.split()
)
_KK_SUFFIX = re.compile(
    r"(?:мын|мін|мыз|міз|ймын|ймін|ңыз|ңіз|ныз|низ|ады|еді|йды|йді|йди|ған|ген|ған|қан|кен|ғандықтан|ның|нің|дың|"
    r"дің|тың|тің|дағы|дегі|тағы|тегі|ларды|лерді|дарды|дерді|лары|лері|ымыз|іміз|сыз|сіз|мыздың|"
    r"maidy|meidi|ğan|gen|qan|lar|ler|dar|der|tar|ter|nyñ|niñ|dyñ|myz|miz|ymyz|mın|myn)$"
)
_RU_SUFFIX = re.compile(
    r"(?:ого|его|ому|ему|ыми|ими|ость|ости|ться|тся|ает|яет|ует|ют|ишь|ешь|ция|ции|ние|ния|нии|ный|ная|"
    r"ное|ные|ной|ным|ную|ский|ская|ской|ить|ать|ять|ешь|ался|алась|ались|ется|ются|ого|ый|ий|ая|яя|ую|ею)$"
)
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def _vote(token: str) -> str | None:
    lower = token.lower()
    if any(ch in _KK_LETTERS or ch in _KK_LATIN_LETTERS for ch in token):
        return "kk"
    if lower in _KK_WORDS and lower in _RU_WORDS:
        return None  # "не", "да": both languages
    if lower in _KK_WORDS:
        return "kk"
    if lower in _RU_WORDS:
        return "ru"
    if len(lower) >= 4 and _RU_SUFFIX.search(lower):
        return "ru"
    if len(lower) >= 4 and _KK_SUFFIX.search(lower):
        return "kk"
    return None


def detect_language_by_tokens(text: str, *, mixed_band: tuple[float, float] = (0.15, 0.85)) -> Language:
    """Token-vote detector: the share of Kazakh-voting tokens decides kk / mixed / ru."""
    kk = ru = 0
    # Names vote for nothing: "Серікқызы" in a Russian letter is not Kazakh text.
    for token in _TOKEN.findall(mask_pii(text)):
        vote = _vote(token)
        if vote == "kk":
            kk += 1
        elif vote == "ru":
            ru += 1
    if kk + ru == 0:
        return _extraction_detector(text) or "ru"
    share = kk / (kk + ru)
    low, high = mixed_band
    if share >= high:
        return "kk"
    if share <= low:
        return "ru"
    return "mixed"


def _extraction_detector(text: str) -> Language | None:
    from pipelines.extract.language import detect_language as detect_document_language

    return detect_document_language(text)


def detect_language(text: str) -> Language:
    """kk / ru / mixed of a complaint."""
    return detect_language_by_tokens(text)
