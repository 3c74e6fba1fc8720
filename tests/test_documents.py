import codecs

import pytest

from qa.documents import InputError, decode, discover, load_text, read_document


def test_utf8_bom_removed_and_crlf_kept():
    assert decode(codecs.BOM_UTF8 + b"Kyiv\r\nSeoul", "a.txt") == "Kyiv\r\nSeoul"


def test_utf16_with_bom():
    assert decode("Kyiv – Seoul".encode("utf-16"), "a.txt") == "Kyiv – Seoul"


def test_invalid_utf8_names_file_and_line():
    with pytest.raises(InputError, match=r"^a\.txt:2: not valid UTF-8 \(byte 0xff"):
        decode(b"fine\nbad \xff here", "a.txt")


def test_binary_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\x00\x00\x01", "img.txt")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(str(tmp_path / "nope.txt"))


def test_discover_recurses_sorted_and_filters(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("a.txt", "b/c.md", "b/d.html", "e.py", ".hidden/f.txt"):
        (tmp_path / name).write_text("x")
    found = [p.replace(str(tmp_path), "") for p in discover([str(tmp_path)])]
    assert found == ["/a.txt", "/b/c.md", "/b/d.html"]
    assert list(discover([str(tmp_path)], exclude=("*.md",))) == [str(tmp_path / "a.txt"), str(tmp_path / "b/d.html")]


def test_discover_survives_symlink_loop(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert list(discover([str(tmp_path)])) == [str(tmp_path / "a.txt")]


MARKDOWN = """---
title: Kiev ,, report
---
# Talks in Kyiv

The talks used `Kiev ,,` code and a [link](https://example.com/a.b) near <https://example.org>.

```
Kiev ,, the the
```

Second paragraph mentions Kiev.
"""


def test_markdown_view_skips_code_front_matter_and_urls():
    doc = load_text("a.md", MARKDOWN)
    assert "title" not in doc.view and "```" not in doc.view and "example.com" not in doc.view
    assert "example.org" not in doc.view
    assert "Talks in Kyiv" in doc.view and "a link near" in doc.view.replace("  ", " ")
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds == ["headline", "paragraph", "paragraph"]


def test_markdown_offsets_point_into_the_file():
    doc = load_text("a.md", MARKDOWN)
    start = doc.view.index("Kiev.")
    source_start, source_end = doc.to_source(start, start + 4)
    assert MARKDOWN[source_start:source_end] == "Kiev"
    assert source_start == MARKDOWN.rindex("Kiev.")


HTML = """<!doctype html><html><head><title>Kyiv talks</title><style>p { content: "Kiev ,," }</style>
<script>var s = "Kiev the the";</script></head>
<body><h1>Talks</h1><p>AT&amp;T said &ldquo;Kiev&rdquo; was <a href="https://x.org/Kiev">here</a>.</p>
<p>Second paragraph here.</p></body></html>"""


def test_html_view_skips_script_style_and_decodes_entities():
    doc = load_text("a.html", HTML)
    assert "content" not in doc.view and "var s" not in doc.view and "x.org" not in doc.view
    assert "AT&T said “Kiev” was here." in doc.view
    assert [p.kind for p in doc.paragraphs] == ["headline", "headline", "paragraph", "paragraph"]


def test_html_entity_maps_to_whole_reference():
    doc = load_text("a.html", HTML)
    amp = doc.view.index("&T")
    assert HTML[slice(*doc.to_source(amp, amp + 1))] == "&amp;"
    kiev = doc.view.index("Kiev")
    assert HTML[slice(*doc.to_source(kiev, kiev + 4))] == "Kiev"


def test_line_and_column_are_one_based():
    doc = load_text("a.txt", "ab\ncd\r\nef")
    assert doc.line_column(0) == (1, 1)
    assert doc.line_column(4) == (2, 2)
    assert doc.line_column(7) == (3, 1)
