#!/usr/bin/env python3
"""Tests of scripts/gen-corpus: run it as a person would, read what it wrote.

    python3 scripts/test_gen_corpus.py
"""

import importlib.machinery
import importlib.util
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT / "scripts/gen-corpus"
# The generator's own rules (it has no .py name, so it is loaded by path).
_loader = importlib.machinery.SourceFileLoader("gen_corpus", str(GEN))
gen_corpus = importlib.util.module_from_spec(importlib.util.spec_from_loader("gen_corpus", _loader))
_loader.exec_module(gen_corpus)
HEADER = re.compile(
    r"Title: (?P<title>[^\n]+)\nDate: (?P<date>\d{4}-\d{2}-\d{2})\n"
    r"URL: (?P<url>https://example\.org/\S+)\nLang: (?P<lang>fr|en|ru)\n\n"
)


def gazetteer_names():
    """Display names of the CSTO states' towns and villages."""
    names = set()
    for line in (ROOT / "data/gazetteer.tsv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if not line.startswith("#") and len(fields) >= 9 and fields[1] in ("city", "village") \
                and fields[2] in ("RU", "BY", "AM", "KZ", "KG", "TJ"):
            names.add(fields[8].split("|")[0])
    return names


GAZETTEER_NAMES = None


def names_in(sentence):
    """The gazetteer display names among the sentence's 1-3-word runs."""
    global GAZETTEER_NAMES
    GAZETTEER_NAMES = GAZETTEER_NAMES or gazetteer_names()
    words = re.findall(r"[\w'-]+", sentence)
    runs = {" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words))}
    return sorted(run for run in runs if run in GAZETTEER_NAMES and run[0].isupper())


def generate(out, *args):
    subprocess.run([sys.executable, str(GEN), str(out), *args], check=True, capture_output=True)
    return {path.name: path.read_bytes() for path in sorted(Path(out).glob("*.txt"))}


class NewsArticles(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.files = generate(Path(cls.tmp.name) / "a", "--articles", "200")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_writes_n_numbered_articles(self):
        self.assertEqual(list(self.files), [f"{i:05d}.txt" for i in range(200)])

    def test_same_arguments_same_bytes_other_seed_other_bytes(self):
        again = generate(Path(self.tmp.name) / "b", "--articles", "200")
        self.assertEqual(again, self.files)
        other = generate(Path(self.tmp.name) / "c", "--articles", "200", "--seed", "2")
        self.assertNotEqual(other, self.files)

    def test_every_article_has_a_header_and_a_body_of_source_paragraphs(self):
        sources = "\n".join(
            " ".join(path.read_text(encoding="utf-8").split())
            for directory in ("seeds", "crates/geocoder/tests/fixtures/articles")
            for path in (ROOT / directory).glob("*.txt")
        )
        urls = set()
        for name, data in self.files.items():
            text = data.decode("utf-8")
            header = HEADER.match(text)
            self.assertIsNotNone(header, name)
            urls.add(header["url"])
            paragraphs = text[header.end():].split("\n\n")
            self.assertEqual(paragraphs[0], header["title"], name)
            self.assertGreater(len(paragraphs), 1, name)
            # Every sentence comes from the project's own articles (cut by
            # the generator's own rule: it leaves some out, so two sentences
            # side by side here need not be so in the source).
            for paragraph in paragraphs[1:]:
                for sentence in gen_corpus.SENTENCE_END.split(paragraph):
                    self.assertIn(sentence.strip(), sources, name)
        self.assertEqual(len(urls), len(self.files), "every URL is distinct")

    def test_mixes_french_english_and_russian_at_about_5_kb_each(self):
        # The languages of the project's own articles (the fixtures have Russian ones).
        langs = [HEADER.match(data.decode())["lang"] for data in self.files.values()]
        self.assertGreater(langs.count("fr"), 20)
        self.assertGreater(langs.count("en"), 20)
        self.assertGreater(langs.count("ru"), 0)
        mean = sum(map(len, self.files.values())) / len(self.files)
        self.assertTrue(3_500 < mean < 7_000, mean)

    def test_a_smaller_corpus_replaces_a_larger_one(self):
        out = Path(self.tmp.name) / "d"
        generate(out, "--articles", "5")
        self.assertEqual(len(generate(out, "--articles", "2")), 2)


class Dispatches(unittest.TestCase):
    def test_one_sentence_each_naming_many_distinct_places(self):
        with tempfile.TemporaryDirectory() as tmp:
            files = generate(Path(tmp), "--articles", "300", "--dispatches")
        self.assertEqual(len(files), 300)
        named = []
        for name, data in files.items():
            text = data.decode("utf-8")
            header = HEADER.match(text)
            self.assertIsNotNone(header, name)
            body = text[header.end():].split("\n\n")[1].strip()
            self.assertEqual(body.count("\n"), 0, name)
            # Three places (one may be named twice), then their country.
            places = names_in(body)
            self.assertGreaterEqual(len(places), 2, body)
            self.assertRegex(body, r" \((Russie|Russia|Biélorussie|Belarus|Arménie|Armenia|Kazakhstan"
                             r"|Kirghizistan|Kyrgyzstan|Tadjikistan|Tajikistan)\)")
            named.extend(places)
        # About 2.7 distinct places a dispatch (the rest are named again).
        self.assertGreater(len(set(named)), 2.3 * len(files))

    def test_refuses_a_negative_count(self):
        result = subprocess.run(
            [sys.executable, str(GEN), "/tmp/never", "--articles", "-1"], capture_output=True, text=True
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("--articles", result.stderr)


if __name__ == "__main__":
    unittest.main()
