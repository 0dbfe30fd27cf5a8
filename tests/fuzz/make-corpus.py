#!/usr/bin/env python3
"""Writes the seed corpora in tests/fuzz/corpus/<harness>/.

Seeds are small on purpose: pieces of the bundled library, the test
fixtures, and hostile cases. Inputs that libFuzzer finds later are added
beside them by hand (fuzzer output is not regenerated here), so this
script only ever adds or overwrites its own seeds, named seed-*.

    tests/fuzz/make-corpus.py [--build-dir _build]

The load-cache harness needs one cache file as written by the code
itself; it is made by running the replay driver from the build
directory, so build first.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
CRASHES = ROOT / "tests" / "fuzz" / "crashes-found"
CONTENT = ROOT / "data" / "content"
FIXTURES = ROOT / "tests" / "fixtures"


# Seeds that break a rule today. They are written to crashes-found/
# instead, so that the replay tests pass; once the fix lands, take the
# name out of this list and run the script again, and the seed becomes a
# regression test. crashes-found/README.md says what each one shows.
KNOWN_BROKEN = {}


def write(harness, name, data):
    folder = CRASHES if name in KNOWN_BROKEN.get(harness, ()) else CORPUS
    path = folder / harness / ("seed-" + name)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def dumps(value):
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def page(path="/py/t/s", answer="An answer.", question="A question?", **extra):
    framework, topic, subtopic = path.strip("/").split("/")
    result = {
        "framework": framework.capitalize(),
        "topic": topic.capitalize(),
        "subtopic": subtopic.capitalize(),
        "path": path,
        "questions": [{"id": "q", "difficulty": "medium", "q": question, "a": answer}],
    }
    result.update(extra)
    return result


def pack(*pages):
    return {"format": "rehearse-pack", "version": 1, "title": "Seed", "pages": list(pages)}


def bundled_pieces():
    """Two pages of each bundled pack, two questions each."""
    pieces = {}
    for file in sorted(CONTENT.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        pages = []
        for p in data["pages"][:2]:
            p = dict(p)
            p["questions"] = p["questions"][:2]
            pages.append(p)
        data["pages"] = pages
        pieces[file.stem] = data
    return pieces


def bundled_answers():
    """Short answers of the bundled library that show each Markdown feature."""
    wanted = {
        "table": lambda a: "\n|" in a,
        "fence": lambda a: "```" in a,
        "link": lambda a: "](" in a,
        "list": lambda a: "\n- " in a or "\n1. " in a,
        "quote": lambda a: "\n> " in a,
        "emphasis": lambda a: "**" in a,
    }
    found = {}
    for file in sorted(CONTENT.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        for p in data["pages"]:
            for q in p["questions"]:
                for feature, test in wanted.items():
                    key = f"{file.stem}-{feature}"
                    if test(q["a"]) and len(q["a"]) < 3000:
                        if key not in found or len(q["a"]) < len(found[key]):
                            found[key] = q["a"]
    return found


DEEP = 5000

# Markdown that has broken renderers: unclosed links, nesting, tables
# with bare URLs, images inside links, links into the app, scripts.
HOSTILE_MARKDOWN = {
    "unclosed-links": "[a](" * 2000,
    "unclosed-brackets": "[" * 3000 + "x",
    "image-brackets": "![]([)]()" * 200,
    "nested-images": "![a ![b ![c](d)](e)](f)",
    "link-in-link": "[outer [inner](http://a.example/) text](http://b.example/)",
    "image-in-link": "[![alt](http://127.0.0.1:1/i.png)](http://a.example/)",
    "deep-quotes": ">" * 300 + " deep",
    "deep-lists": "".join("  " * i + "- item\n" for i in range(200)),
    "deep-emphasis": "*" * 500 + "x" + "*" * 500,
    "table-bare-urls": "| a | b |\n|---|---|\n| https://example.com/x | www.example.com |\n"
    "| <http://a.example> | mailto:a@example.com |\n| x | y\n",
    "table-ragged": "| a |\n|---|---|---|\n| 1 | 2 | 3 | 4 |\n|\n",
    "table-in-list": "- | a | b |\n  |---|---|\n  | 1 | 2 |\n",
    "action-links": "[copy](rehearse://action/copy?q=x&block=0) "
    "[star](rehearse://action/bookmark?q=x) "
    "[upper](REHEARSE://action/copy?q=y) "
    "[entity](rehearse&#58;//action/copy) "
    "<rehearse://action/copy?q=z>\n\n![i](rehearse://action/x)",
    "app-links": "[page](rehearse://library/py/t/other) [question](rehearse://library/py/t/s#q-q) "
    "![img](rehearse://resource/page.css) <rehearse://library/py>",
    "javascript-links": "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java&#x09;script:x) "
    "[d](&#106;avascript:x) [e](data:text/html,<script>x</script>) [f]( javascript:x) "
    "[g](vbscript:x) [h](javascript&colon;x) <javascript:alert(1)>",
    "raw-html": "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
    "<iframe src=http://127.0.0.1:1/></iframe>\n\n<a href=\"javascript:x\">a</a> <!-- c --> <?php ?>",
    "entities": "&amp; &lt; &gt; &quot; &#0; &#x110000; &#xD800; &#99999999999; &bogus; &#x3c;script&#x3e;",
    "fences": "```\nno language\n```\n\n```python\nprint(1)\n```\n\n~~~ {weird lang\"<>\n"
    "x\n~~~\n\n```" + "x" * 200 + "\ny\n```\n\n````\n```\nnested\n```\n````\n\n```unclosed\nforever",
    "task-lists": "- [ ] open\n- [x] done\n- [X] <b>\n  - [ ] nested\n",
    "headings": "# h1\n## h2\n###### h6\n####### not\nSetext\n===\nOther\n---\n",
    "autolinks": "www.example.com https://example.com/a_(b) http://a.example/?q=<x> a@example.com "
    "https://example.com/\"onmouseover=\"x",
    "control-chars": "a\x00b\x01c\x7fd\r\ne\u2028f\ufeff",
    "invalid-utf8": b"valid \xff\xfe invalid \xc3 \xed\xa0\x80 surrogate \xf4\x90\x80\x80",
    "bom": "\ufeff# title\n",
    "hard-breaks": "line  \nbreak\\\nbreak",
    "code-spans": "`` ` `` `<script>` ```a`` `",
    "strikethrough": "~~a~~ ~b~ ~~~c~~~",
    "images": "![remote](http://127.0.0.1:1/r.png \"t\") "
    "![data](data:image/png;base64,iVBORw0KGgo=) "
    "![svg](data:image/svg+xml;base64,PHN2Zz4=) ![rel](r.png) ![app](rehearse://resource/x.png)",
}


def hostile_content():
    """Content files that have broken the JSON guard and the reader."""
    cases = {
        "deep-arrays": "[" * DEEP + "]" * DEEP,
        "deep-objects": '{"a":' * DEEP + "1" + "}" * DEEP,
        "deep-just-over": "[" * 65 + "]" * 65,
        "deep-just-under": "[" * 63 + "]" * 63,
        "quote-in-array": '["\\"", ' + "[" * DEEP + "]" * DEEP + ', "\\""]',
        "empty": "",
        "whitespace": " \n\t ",
        "nul": '{"page": null}\x00[[[[',
        "octal-escape": dumps({"page": page()}).replace('"Py"', '"\\614"'),
        "bad-escapes": '{"page": {"framework": "\\x41\\u00e9\\ud800\\udc00\\ud800", "topic": "T"}}',
        "number-edge": '{"page": {"path": "/a/b/c", "framework": "F", "topic": "T", "title": "S", '
        '"order": 1e400, "questions": []}}',
        "order-float": dumps({"page": page(order=2.0)}),
        "order-huge": dumps({"page": page(order=9223372036854775807)}),
        "bad-path": dumps({"page": page(path="/Py/T/S")}),
        "slug-mismatch": dumps({"page": page(frameworkSlug="other")}),
        "duplicate-ids": dumps(
            {
                "page": dict(
                    page(),
                    questions=[
                        {"id": "q", "difficulty": "easy", "q": "a", "a": "b"},
                        {"id": "q", "difficulty": "easy", "q": "c", "a": "d"},
                    ],
                )
            }
        ),
        "empty-strings": dumps({"page": dict(page(), framework="", questions=[{"id": "", "q": "", "a": ""}])}),
        "siblings": dumps(
            {
                "page": page(),
                "siblings": [
                    {"subtopic": "Other", "path": "/py/t/other", "order": 2},
                    {"subtopic": "Else", "path": "/py/x/else"},
                ],
            }
        ),
        "bare-page": dumps(page()),
        "pack-duplicate-paths": dumps(pack(page(), page())),
        "pack-wrong-version": dumps(dict(pack(page()), version=2)),
        "pack-unknown-format": dumps(dict(pack(page()), format="other")),
        "payload-cycle": '[{"data":1},{"qa-/a/b/c":2},{"page":3},{"page":2}]',
        "payload-self": '[{"data":0}]',
        "payload-index-range": '[{"data":1},{"qa-/a/b/c":99999999999}]',
        "payload-negative": '[{"data":-1}]',
        "payload-reactive": '[{"data":1},["ShallowReactive",2],{"qa-/a/b/c":3},'
        '{"page":4},["Reactive",5],["Set",6],["Map",7,8],["Date","2026-01-01"],"x","y","z"]',
        "payload-nan": '[{"data":1},{"qa-/a/b/c":2},{"page":3},{"order":4},["NaN"]]',
        "single-quotes": "{'page': {'framework': 'F', 'topic': 'T', 'title': 'S', 'path': '/a/b/c', 'questions': []}}",
        "single-quote-hides-brackets": "['\"', " + "[" * DEEP + "]" * DEEP + ", '\"']",
        "comment-hides-brackets": "/* \" */ " + "[" * DEEP + "]" * DEEP + ' /* " */',
        "line-comment": "// [\n" + dumps({"page": page()}),
        "trailing-garbage": dumps({"page": page()}) + "]]]",
        "long-string": '{"page": {"framework": "' + "x" * 20000 + '"}}',
        "html-saved-page": "<!DOCTYPE html><html><head><title>Rebasing</title></head><body>"
        '<script type="application/json" id="__NUXT_DATA__" data-ssr="true">'
        + (FIXTURES / "rebasing.payload.json").read_text(encoding="utf-8").strip()
        + "</script></body></html>\n",
        "html-no-data": "<!DOCTYPE html><html><body><p>[[[[</p><script>]]]]</script></body></html>",
        "html-unclosed-script": '<html><script type="application/json" id="__NUXT_DATA__">[{"data":1},',
    }
    return cases


def hostile_pages():
    """Whole pages whose answers and titles try to escape."""
    answers = dict(HOSTILE_MARKDOWN)
    answers.pop("invalid-utf8")
    cases = {}
    for name, answer in answers.items():
        cases["answer-" + name] = dumps({"page": page(answer=answer)})
    cases["titles"] = dumps(
        {
            "page": dict(
                page(),
                framework="Py <b>",
                topic="T & U",
                subtopic='S "quoted" </title><script>',
                seoDescription="<script>alert(1)</script>",
                questions=[
                    {"id": 'id"><script>', "difficulty": "hard", "q": "Why `<script>` and *em* [l](javascript:x)?",
                     "a": "x"},
                    {"id": "ünïcode id", "difficulty": "easy", "q": "![img](http://127.0.0.1:1/i.png) # h", "a": "y"},
                ],
            )
        }
    )
    return cases


BOOKMARK = {
    "path": "/python/concurrency/multiprocessing",
    "id": "process-vs-pool",
    "question": "What is the difference between `Process` and `Pool`?",
    "framework": "Python",
    "topic": "Concurrency",
    "subtopic": "Multiprocessing",
    "created": "2026-01-02T03:04:05.678901Z",
}


def bookmarks_file(*bookmarks, **extra):
    result = {"format": "rehearse-bookmarks", "version": 1, "bookmarks": list(bookmarks)}
    result.update(extra)
    return dumps(result)


def hostile_bookmarks():
    minimal = {"path": "/a/b/c", "id": "q"}
    return {
        "valid": bookmarks_file(BOOKMARK, minimal),
        "empty-list": bookmarks_file(),
        "nulls": bookmarks_file(dict(minimal, question=None, created=None)),
        "missing-id": bookmarks_file({"path": "/a/b/c"}),
        "empty-id": bookmarks_file(dict(minimal, id="")),
        "bad-path": bookmarks_file(dict(minimal, path="a/b")),
        "created-offset": bookmarks_file(dict(minimal, created="2026-01-02T03:04:05+14:00")),
        "created-leap-second": bookmarks_file(dict(minimal, created="2016-12-31T23:59:60Z")),
        "created-year-9999": bookmarks_file(dict(minimal, created="9999-12-31T23:59:59.999999-12:00")),
        "created-before-1970": bookmarks_file(dict(minimal, created="1969-12-31T23:59:59Z")),
        "created-1900": bookmarks_file(dict(minimal, created="1900-01-01T00:00:00Z")),
        "created-year-1": bookmarks_file(dict(minimal, created="0001-01-01T00:00:00Z")),
        "created-year-10000": bookmarks_file(dict(minimal, created="10000-01-01T00:00:00Z")),
        "created-expanded-year": bookmarks_file(dict(minimal, created="+10000-01-01T00:00:00Z")),
        "created-reduced": bookmarks_file(dict(minimal, created="2026-01-02T03:04.5+01"), dict(minimal, id="r", created="2026-01-02T03Z")),
        "created-end-of-day": bookmarks_file(dict(minimal, created="2026-01-02T24:00:00Z")),
        "created-long-fraction": bookmarks_file(dict(minimal, created="2026-01-02T03:04:05." + "9" * 40 + "Z")),
        "question-too-long": bookmarks_file(dict(minimal, question="q" * 4097)),
        "question-at-limit": bookmarks_file(dict(minimal, question="\t\"🙂" * 1365 + "q")),
        "created-week-date": bookmarks_file(dict(minimal, created="2026-W01-1T00:00:00Z")),
        "created-ordinal": bookmarks_file(dict(minimal, created="2026-366T00:00:00Z")),
        "created-garbage": bookmarks_file(dict(minimal, created="yesterday")),
        "created-number": bookmarks_file(dict(minimal, created=12)),
        "wrong-version": bookmarks_file(minimal, version=2),
        "version-float": bookmarks_file(minimal, version=1.0),
        "wrong-format": bookmarks_file(minimal, format="rehearse-pack"),
        "not-object": "[1, 2, 3]",
        "deep": '{"format":"rehearse-bookmarks","version":1,"bookmarks":' + "[" * DEEP + "]" * DEEP + "}",
        "single-quote-hides-brackets": "['\"', " + "[" * DEEP + "]" * DEEP + ", '\"']",
        "unicode": bookmarks_file(dict(minimal, question="naïve café \u202e\u0000 🙂", id="ünï")),
        "duplicates": bookmarks_file(minimal, minimal),
    }


SEARCH_QUERIES = {
    "words": "thread lock",
    "prefix": "multipro",
    "trailing-space": "lock ",
    "punctuation": "queue() .put! lock,",
    "operators": 'AND OR NOT NEAR(a b, 3) "quoted" a* ^b -c +d {col}: col:term',
    "quotes": '"" """ "a""b" \'single\'',
    "unicode": "naïve café straße ΣΊΣΥΦΟΣ Ǆ ﬁ",
    "combining-alone": "\u0301\u0302 a\u0301",
    "private-use": "\ue000\uf8ff x",
    "cjk": "多线程 ロック 스레드",
    "rtl": "مرحبا שלום",
    "emoji": "🙂 lock🔒 👍🏽",
    "digits": "٣ ४ 12 1.5 0x1F",
    "many-words": " ".join(f"w{i}" for i in range(40)),
    "long-word": "a" * 5000,
    "only-spaces": "   \t\n",
    "controls": "a\x01b\x1fc\x7fd",
    "nul": "lock\x00hidden",
    "invalid-utf8": b"lock \xff\xfe",
    "fullwidth": "ｌｏｃｋ",
    "superscript": "x² ½ ⅷ",
}


def hostile_search_text():
    cases = {name: text for name, text in HOSTILE_MARKDOWN.items()}
    cases.update(
        {
            "lines": "# Title\n> quote\n- item\n1. one\n2) two\n|---|:-:|\n| a | b |\n",
            "emphasis": "a * b **c** __d__ _e_ `code*` ``",
            "link-text": "[text](target) ![alt](img) [unclosed](x [a]b(c)",
            "fence-tildes": "~~~\n**kept** [kept](x)\n~~~\nafter",
            "only-markers": "#\n>\n-\n|\n```\n",
        }
    )
    return cases


def load_cache_seeds(build_dir, pieces):
    seeds = {}
    contents = {
        "page": dumps({"page": page()}),
        "siblings": hostile_content()["siblings"],
        "optional-fields": dumps({"page": page(updated="2026-01-01", seoDescription="Summary.", order=3,
                                               difficulty="hard")}),
        "payload": (FIXTURES / "rebasing.payload.json").read_text(encoding="utf-8"),
        "pack-git": dumps(pieces["git"]),
        "empty-pack": dumps(pack()),
    }
    for name, content in contents.items():
        data = content.encode("utf-8")
        seeds["round-trip-" + name] = b"\x01\x00" + data
        # Damage a string's bytes, a framing offset near the end, the version.
        seeds["damaged-" + name] = b"\x01\x03" + b"\x40\x00\x00" + b"\xfe\xff\x07" + b"\x00\x00\x02" + data

    replay = pathlib.Path(build_dir) / "tests" / "fuzz" / "replay-load-cache"
    if not replay.exists():
        sys.exit(f"{replay} is missing: build first (meson compile -C {build_dir})")
    for name in ("page", "pack-git", "payload"):
        with tempfile.TemporaryDirectory() as directory:
            seed = pathlib.Path(directory) / "seed"
            seed.write_bytes(seeds["round-trip-" + name])
            work = pathlib.Path(directory) / "work"
            work.mkdir()
            subprocess.run([str(replay), str(seed)], check=True, stdout=subprocess.DEVNULL,
                           env=dict(os.environ, FUZZ_TEMP_DIR=str(work)))
            cache = (work / "load-cache.gvariant").read_bytes()
        seeds["raw-" + name] = b"\x00" + cache
    seeds["raw-empty"] = b"\x00"
    seeds["raw-garbage"] = b"\x00" + bytes(range(256))
    return seeds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", default=str(ROOT / "_build"))
    args = parser.parse_args()

    pieces = bundled_pieces()
    answers = bundled_answers()

    for name, data in pieces.items():
        write("content", f"bundled-{name}.json", dumps(data))
        write("page-render", f"bundled-{name}.json", dumps(data))
    for fixture in ("rebasing.payload.json", "rebasing.decoded.json", "search-library.json"):
        text = (FIXTURES / fixture).read_text(encoding="utf-8")
        write("content", "fixture-" + fixture, text)
        write("page-render", "fixture-" + fixture, text)
    for name, data in hostile_content().items():
        write("content", name + ".json", data)
    for name, data in hostile_pages().items():
        write("page-render", name + ".json", data)

    for name, answer in answers.items():
        write("markdown", f"bundled-{name}.md", answer)
        write("search-text", f"bundled-{name}.md", answer)
    for name, markdown in HOSTILE_MARKDOWN.items():
        write("markdown", name + ".md", markdown)
    for name, text in hostile_search_text().items():
        write("search-text", name + ".md", text)

    for name, data in hostile_bookmarks().items():
        write("bookmarks", name + ".json", data)
    for name, text in SEARCH_QUERIES.items():
        write("search-query", name + ".txt", text)

    for name, data in load_cache_seeds(args.build_dir, pieces).items():
        write("load-cache", name, data)


if __name__ == "__main__":
    main()
