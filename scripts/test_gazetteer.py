#!/usr/bin/env python3
"""Tests of scripts/gazetteer.py's rules and of the committed files in data/.

Run: python3 scripts/test_gazetteer.py   (standard library only; no network, no sources needed)
"""

import re
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gazetteer as g  # noqa: E402

DATA = g.REPO / "data"
KINDS = {"country", "region", "district", "city", "village", "feature"}


class TextRules(unittest.TestCase):
    def test_fold_strips_accents_and_special_letters(self):
        self.assertEqual(g.fold("Kök-Tash"), "kok-tash")
        self.assertEqual(g.fold("Łódź"), "lodz")
        self.assertEqual(g.fold("Straße"), "strasse")

    def test_match_fold_meets_the_geocoder(self):
        # crates/geocoder normalize::fold: apostrophes dropped, separators -> one space.
        self.assertEqual(g.match_fold("Kyzyl-Bel’"), "kyzyl bel")
        self.assertEqual(g.match_fold("Saint-Pétersbourg"), "saint petersbourg")
        self.assertEqual(g.match_fold("O'ral"), "oral")

    def test_slug(self):
        self.assertEqual(g.slug("Sho‘rsuv"), "sho-rsuv")
        self.assertEqual(g.slug("Ḩukūmat-e Shīnkaī"), "hukumat-e-shinkai")
        self.assertEqual(g.slug("北京"), "place")

    def test_clean_names(self):
        latin = ("latin",)
        for good in ["Batken", "Kyzyl-Bel’", "Xoʻjand", "St. Petersburg", "Saint-Pétersbourg"]:
            self.assertTrue(g.is_clean_name(good, latin), good)
        for bad in ["ba te ken", "FRU", "Баткен", "Dagestan, Respublika", "Paris 13",
                    "Ayrivan  Erivan", "Shakhimardan)"]:
            self.assertFalse(g.is_clean_name(bad, latin), bad)
        self.assertTrue(g.is_clean_name("Баткен", ("latin", "cyrillic")))

    def test_place_alternates(self):
        countries = {g.match_fold("Ukraine")}
        self.assertTrue(g.is_place_alternate("Och", countries))
        for bad in ["Os", "OTAN", "XIIIe", "Ukraine", "ba te ken"]:
            self.assertFalse(g.is_place_alternate(bad, countries), bad)

    def test_unique_names_keeps_display_first_and_drops_fold_duplicates(self):
        names = g.unique_names("Batken", ["Batkén", "Botken", "Batken", "batken", "Batkena"])
        self.assertEqual(names, ["Batken", "Batkena", "Botken"])

    def test_generic_region_names(self):
        for generic in ["Est", "Sud-Est", "North West", "Central"]:
            self.assertTrue(g.is_generic_region_name(generic), generic)
        for name in ["Est Region", "Western Australia", "Batken"]:
            self.assertFalse(g.is_generic_region_name(name), name)

    def test_generic_suffix_dropped_only_when_the_bare_name_exists(self):
        self.assertEqual(g.drop_generic_suffixes({"Badakhshan", "Badakhshan Province"}), {"Badakhshan"})
        self.assertEqual(g.drop_generic_suffixes({"Minsk Region", "Minsk Oblast"}),
                         {"Minsk Region", "Minsk Oblast"})

    def test_bare_names_from_qualified_ones(self):
        self.assertEqual(g.bare_names({"Atyraū oblysy", "Atyrauskaja oblast", "Qunduz viloyati"}), {"Atyraū", "Qunduz"})
        self.assertEqual(g.bare_names({"Batkenskaya oblasty", "Arctic Region", "The green region"}), set())

    def test_names_without_a_settlement_noun(self):
        self.assertEqual(g.unprefixed_names(["Gorod Chimbay", "Posëlok Gorodskogo Tipa Imeni Morozova",
                                             "Selo Novoye", "Chimboy Shahri"]),
                         ["Chimbay", "Imeni Morozova", "Novoye"])
        # Only a noun of settlements before a capitalised word: not "Selo" alone, not a name that
        # merely starts so ("Gorodok", "Aulie-Ata"), not a lowercase word after it.
        self.assertEqual(g.unprefixed_names(["Selo", "Gorodok Kalinina", "Aulie-Ata", "Aul imeni X"]), [])

    def test_split_local_names(self):
        self.assertEqual(
            g.split_local_names("Баткен (kir), Batkenskaya oblast (rus), Chuy (eng)"),
            ["Баткен", "Batkenskaya oblast", "Chuy"],
        )
        self.assertEqual(g.split_local_names(None), [])

    def test_tagged_local_names(self):
        self.assertEqual(
            g.tagged_local_names("Чеченская Республика (rus), Chechnya (eng), Chechen Republic (eng)"),
            [("Чеченская Республика", "rus"), ("Chechnya", "eng"), ("Chechen Republic", "eng")],
        )
        self.assertEqual(g.tagged_local_names(None), [])

    def test_subdivision_labels(self):
        chechnya = [("Чеченская Республика", "rus"), ("Chechnya", "eng"), ("Chechen Republic", "eng")]
        # CLDR's "Chechen" is the adjective of "Chechen Republic": the first English name wins.
        self.assertEqual(g.subdivision_labels("Chechen", {}, chechnya, set()),
                         {"en": "Chechnya", "ru": "Чеченская Республика"})
        dagestan = [("Республика Дагестан", "rus"), ("Dagestan", "eng")]
        self.assertEqual(g.subdivision_labels("Dagestan", {"de": "Dagestan"}, dagestan,
                                              {"Дагестан", "Республика Дагестан"}),
                         {"en": "Dagestan", "ru": "Дагестан"})
        self.assertEqual(g.subdivision_labels("Osh Region", {}, [("Osh", "eng")], set()),
                         {"en": "Osh Region"})

    def test_russian_name(self):
        zipf = {"москва": 5.37, "москова": 1.28, "алматы": 3.0, "верный": 4.5}.get
        zipf_ru = lambda name: zipf(name, 0.0)  # noqa: E731
        self.assertEqual(g.russian_name(["Moscow", "Moskva", "Moskova", "Москва", "Москова", "Маскав"],
                                        "Moscow", zipf_ru), "Москва")
        self.assertEqual(g.russian_name(["Almaty", "Vernyy", "Алматы", "Верный"], "Almaty", zipf_ru),
                         "Алматы")
        # Khudzhand is attested in Latin; the Tajik "Хуҷанд" is not Russian.
        self.assertEqual(g.russian_name(["Khujand", "Khudzhand", "Khodzhent", "Худжанд", "Ходжент",
                                         "Хуҷанд"], "Khujand", zipf_ru), "Худжанд")
        self.assertEqual(g.russian_name(["Санкт Петербург", "Санкт-Петербург"], "Saint Petersburg",
                                        zipf_ru), "Санкт-Петербург")
        self.assertIsNone(g.russian_name(["Batken"], "Batken", zipf_ru))

    def test_english_place_name(self):
        # GeoNames' "Manas" is the capital of Jalal-Abad region, which it is also called.
        jalal_abad = {"Manas", "Jalal-Abad", "Dzhalal-Abad", "Djalalabad", "Dzhalalabad"}
        self.assertEqual(g.english_place_name("Manas", jalal_abad, "Jalal-Abad"), "Jalal-Abad")
        # An old name of the city, which its region kept, is not better attested: Yekaterinburg.
        yekaterinburg = {"Yekaterinburg", "Ekaterinburg", "Jekaterinburg", "Sverdlovsk"}
        self.assertIsNone(g.english_place_name("Yekaterinburg", yekaterinburg, "Sverdlovsk"))
        # CLDR's English spelling of the same name is taken.
        self.assertEqual(g.english_place_name("Nizhniy Novgorod", {"Nizhny Novgorod"},
                                              "Nizhny Novgorod"), "Nizhny Novgorod")
        self.assertIsNone(g.english_place_name("Batken", {"Batken"}, "Batken"))
        self.assertIsNone(g.english_place_name("Kara-Suu", {"Karasuu"}, "Osh Region"))
        # "Washington DC" only qualifies the city's own name: it stays "Washington".
        self.assertIsNone(g.english_place_name("Washington", {"Washington DC", "Washington"},
                                               "Washington DC"))

    def test_russian_name_follows_the_english_name(self):
        # GeoNames' name of Jalal-Abad is "Manas": its Russian name is the one closest to
        # "Jalal-Abad", the English name it is known by, both being attested in Latin.
        names = ["Manas", "Jalal-Abad", "Dzhalal-Abad", "Манас", "Джалал-Абад"]
        zipf_ru = lambda name: {"манас": 2.9, "джалал-абад": 2.05}.get(name, 0.0)  # noqa: E731
        self.assertEqual(g.russian_name(names, "Manas", zipf_ru), "Манас")
        self.assertEqual(g.russian_name(names, "Jalal-Abad", zipf_ru), "Джалал-Абад")

    def test_district_seat_is_found_by_name_in_its_subdivision(self):
        def row(name, *others):
            return g.Row(id=g.slug(name), kind="city", country="TJ", geonameid="1", lat=0.0,
                         lon=0.0, population=0, admin1="TJ-SU", names=[name, *others])
        isfara, sudzha, sudzhenka = row("Isfara"), row("Sudzha"), row("Sudzhenka")
        self.assertIs(g.district_seat("Nohiyai Isfara", [sudzha, isfara]), isfara)
        # by the adjective's stem, when one place only begins so
        self.assertIs(g.district_seat("Sudzhanskiy Rayon", [sudzha, isfara]), sudzha)
        self.assertIsNone(g.district_seat("Sudzhanskiy Rayon", [sudzha, sudzhenka]))
        # by another name of the place
        rushan = row("Rushan", "Rushon")
        self.assertIs(g.district_seat("Nohiyai Rŭshon", [rushan, isfara]), rushan)
        self.assertIsNone(g.district_seat("Rayon", [isfara]))

    def test_coordinates_have_five_decimals_and_no_negative_zero(self):
        self.assertEqual(g.coordinate(40.0604), "40.06040")
        self.assertEqual(g.coordinate(-0.000001), "0.00000")


def data_lines(name):
    with (DATA / name).open(encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle]


class CommittedData(unittest.TestCase):
    """The generated files follow the contract in data/README.md."""

    @classmethod
    def setUpClass(cls):
        cls.rows = {}
        cls.ids = []
        for number, line in enumerate(data_lines("gazetteer.tsv"), start=1):
            if line.startswith("#"):
                continue
            fields = line.split("\t")
            assert len(fields) == 9, f"gazetteer.tsv:{number}: {len(fields)} columns"
            cls.ids.append(fields[0])
            cls.rows[fields[0]] = fields

    def test_ids_are_sorted_and_unique(self):
        self.assertEqual(self.ids, sorted(self.ids))

    def test_subdivision_words_are_kinds_of_subdivision_with_russian_cases(self):
        words = [w for w in data_lines("subdivision-words.txt") if not w.startswith("#")]
        self.assertEqual(words, sorted(set(words)))
        for kind in ["province", "oblast", "okrug", "область", "области", "край", "края", "краю"]:
            self.assertIn(kind, words)
        for town_or_word in ["city", "municipality", "town", "country", "of", "de"]:
            self.assertNotIn(town_or_word, words)
        self.assertEqual(len(self.ids), len(set(self.ids)))

    def test_fields(self):
        for id_, (_, kind, country, geonameid, lat, lon, population, admin1, names) in self.rows.items():
            with self.subTest(id=id_):
                self.assertIn(kind, KINDS)
                self.assertRegex(country, r"^[A-Z]{2}$")
                self.assertRegex(geonameid, r"^[0-9]*$")
                self.assertRegex(lat, r"^-?[0-9]+\.[0-9]{5}$")
                self.assertRegex(lon, r"^-?[0-9]+\.[0-9]{5}$")
                self.assertTrue(-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180)
                self.assertRegex(population, r"^[0-9]+$")
                self.assertTrue(names and "" not in names.split("|"))
                if kind == "country":
                    self.assertEqual(id_, country.lower())
                elif kind == "region":
                    self.assertTrue(id_.startswith(country.lower() + "-"))
                elif kind == "district":
                    self.assertTrue(id_.endswith("-" + geonameid), "district id ends with its geonameid")
                    self.assertRegex(admin1, r"^([A-Z]{2}-[A-Z0-9]+|[A-Z]{2}\.[A-Z0-9]+)$")
                else:
                    self.assertTrue(id_.endswith("-" + geonameid), "place id ends with its geonameid")
                    self.assertRegex(admin1, r"^([A-Z]{2}-[A-Z0-9]+|[A-Z]{2}\.[A-Z0-9]+)?$")

    def test_known_places(self):
        expectations = {
            "batken-1528735": ("city", "KG-B", "Batken"),
            "vorukh-1220164": ("village", "TJ-SU", "Vorukh"),
            "khujand-1514879": ("city", "TJ-SU", "Khodjent"),
            "moscow-524901": ("city", "RU-MOW", "Moscou"),
            "kg": ("country", "", "Kirghizistan"),
            "ru": ("country", "", "Russian Federation"),
            "cn-xj": ("region", "", "Xinjiang"),
        }
        for id_, (kind, admin1, name) in expectations.items():
            with self.subTest(id=id_):
                row = self.rows[id_]
                self.assertEqual((row[1], row[7]), (kind, admin1))
                self.assertIn(name, row[8].split("|"))

    def test_districts_of_the_region(self):
        sudzha = self.rows["sudzhanskiy-rayon-486813"]
        self.assertEqual(sudzha[1:4], ["district", "RU", "486813"])
        self.assertEqual(sudzha[7], "RU-KRS")
        self.assertIn("Суджанский Район", sudzha[8].split("|"))
        self.assertIn("Sudzha", sudzha[8].split("|"), "its seat's name, found by name")
        self.assertIn("nohiyai-isfara-8213700", self.rows)
        countries = {row[2] for row in self.rows.values() if row[1] == "district"}
        self.assertLessEqual(countries, set(g.region_of_interest()))

    def test_a_bare_capital_name_is_not_given_to_its_oblast(self):
        self.assertNotIn("Minsk", self.rows["by-mi"][8].split("|"))
        self.assertIn("Batken", self.rows["kg-b"][8].split("|"))
        self.assertEqual(self.rows["kg-o"][8].split("|")[0], "Osh Region")

    def test_a_subdivision_named_only_with_a_suffix_gets_its_bare_name(self):
        self.assertIn("Atyraū", self.rows["kz-23"][8].split("|"))

    def test_generic_region_names_are_not_matched(self):
        self.assertNotIn("Est", self.rows["bf-08"][8].split("|"))

    def test_extra_file_is_well_formed_and_points_at_known_places(self):
        own = set()
        lines = data_lines("gazetteer-extra.tsv")
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            where = f"gazetteer-extra.tsv:{number}"
            if fields[0] == "place":
                self.assertEqual(len(fields), 7, where)
                self.assertIn(fields[2], KINDS, where)
                self.assertNotIn(fields[1], self.rows, where)
                own.add(fields[1])
        for number, line in enumerate(lines, start=1):
            fields = line.split("\t")
            if fields[0] in ("alias", "name", "exclude") and len(fields) == 3:
                self.assertTrue(fields[2] in self.rows or fields[2] in own, f"line {number}: {fields[2]}")
            elif fields[0] in ("alias", "name"):
                self.fail(f"gazetteer-extra.tsv:{number}: {fields[0]} without target")

    def test_place_names(self):
        """data/place-names.tsv: sorted rows of known ids, one name per language."""
        rows = [line.split("\t") for line in data_lines("place-names.tsv") if not line.startswith("#")]
        self.assertTrue(all(len(r) == 3 for r in rows))
        keys = [(r[0], g.LABEL_LANGUAGES.index(r[1])) for r in rows]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(len(keys), len(set(keys)))
        self.assertTrue(all(r[0] in self.rows and r[2] for r in rows))
        names = {(r[0], r[1]): r[2] for r in rows}
        for (id_, lang), name in {
            ("ru", "fr"): "Russie", ("ru", "ru"): "Россия", ("moscow-524901", "ru"): "Москва",
            ("khujand-1514879", "ru"): "Худжанд", ("manas-1528249", "en"): "Jalal-Abad",
            ("ru-ce", "en"): "Chechnya", ("batken-1528735", "ru"): "Баткен",
        }.items():
            self.assertEqual(names.get((id_, lang)), name, (id_, lang))
        # An English name equal to the display name is left out.
        self.assertNotIn(("moscow-524901", "en"), names)

    def test_common_words(self):
        words = [line.split("\t") for line in data_lines("common-words.tsv")]
        self.assertEqual([w[0] for w in words], sorted(w[0] for w in words))
        table = {w[0]: tuple(float(z) for z in w[1:]) for w in words}
        self.assertGreater(table["les"][0], 6)  # a French word the geocoder must not take for a place
        self.assertGreater(table["уже"][2], 5)  # a Russian one
        self.assertTrue(all(re.fullmatch(r"[a-z]+|[а-я]+", w) for w in table))
        self.assertTrue(all(len(z) == 3 and max(z) >= 3.0 for z in table.values()))


if __name__ == "__main__":
    unittest.main()
