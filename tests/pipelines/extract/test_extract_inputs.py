"""Folders and zip archives expand safely; one bad member never stops the iteration."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pipelines.errors import InputTooLargeError, UnreadableDocumentError, UnsafeArchiveError
from pipelines.extract import ExtractOptions, iter_input_files, iter_zip_members


def _zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_folder_is_walked_in_order_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("екі")
    (tmp_path / "1.txt").write_text("бір")
    (tmp_path / ".truth.json").write_text("{}")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x")
    items = list(iter_input_files([tmp_path]))
    assert [(i.name, i.data) for i in items] == [("1.txt", "бір".encode()), ("2.txt", "екі".encode())]


def test_missing_path_is_an_error_item(tmp_path: Path) -> None:
    (item,) = list(iter_input_files([tmp_path / "nope.pdf"]))
    assert item.data is None and item.error_code == UnreadableDocumentError.code


def test_zip_traversal_and_absolute_members_are_refused_the_rest_is_read(tmp_path: Path) -> None:
    archive = tmp_path / "batch.zip"
    archive.write_bytes(_zip({"../../etc/evil.txt": b"x", "/abs.txt": b"y", "ok/protocol.txt": "хаттама".encode(),
                              "..\\win.txt": b"z"}))
    items = list(iter_input_files([archive]))
    good = [i for i in items if i.error is None]
    bad = [i for i in items if i.error is not None]
    assert [(i.name, i.source) for i in good] == [("protocol.txt", f"{archive}!ok/protocol.txt")]
    assert len(bad) == 3 and all(i.error_code == UnsafeArchiveError.code for i in bad)
    assert not (tmp_path.parent / "etc").exists()


def test_zip_bomb_member_is_refused() -> None:
    bomb = _zip({"bomb.txt": b"\0" * (30 * 1024 * 1024), "fine.txt": "жоспар".encode()})
    items = list(iter_zip_members(bomb, archive_name="bomb.zip"))
    assert items[0].error_code == UnsafeArchiveError.code and "bomb" in items[0].error
    assert items[1].data == "жоспар".encode()


def test_member_whose_header_lies_about_its_size_is_cut_off() -> None:
    data = bytearray(_zip({"a.txt": b"A" * 5000}, compression=zipfile.ZIP_STORED))
    # Patch the central directory's uncompressed size (offset 24 in the entry) to claim 10 bytes.
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24: cd + 28] = (10).to_bytes(4, "little")
    items = list(iter_zip_members(bytes(data), archive_name="liar.zip", options=ExtractOptions(max_file_bytes=1000)))
    assert items[0].data is None and items[0].error is not None


def test_too_many_members_and_unpacked_total() -> None:
    many = _zip({f"{i}.txt": b"x" for i in range(5)})
    (item,) = list(iter_zip_members(many, archive_name="many.zip", options=ExtractOptions(max_zip_members=3)))
    assert item.error_code == InputTooLargeError.code
    big = _zip({f"{i}.txt": bytes(range(256)) * 40 for i in range(4)})
    items = list(iter_zip_members(big, archive_name="big.zip", options=ExtractOptions(max_unpacked_bytes=25_000)))
    assert [i.data is not None for i in items] == [True, True, False]
    assert items[-1].error_code == UnsafeArchiveError.code


def test_nested_zip_and_corrupt_zip(tmp_path: Path) -> None:
    inner = _zip({"plan.txt": "жоспар".encode()})
    outer = tmp_path / "outer.zip"
    outer.write_bytes(_zip({"inner.zip": inner, "note.txt": b"ok"}))
    corrupt = tmp_path / "corrupt.zip"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    items = list(iter_input_files([outer, corrupt]))
    assert [(i.name, i.error is None) for i in items] == [("plan.txt", True), ("note.txt", True),
                                                          ("corrupt.zip", False)]
    assert items[0].source == f"{outer}!inner.zip!plan.txt"


def test_docx_is_not_unpacked_as_an_archive(tmp_path: Path, docx_files) -> None:
    path = tmp_path / "protocol.docx"
    path.write_bytes(docx_files["kk_protocol"])
    (item,) = list(iter_input_files([path]))
    assert item.name == "protocol.docx" and item.data == docx_files["kk_protocol"]


def test_oversized_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    (item,) = list(iter_input_files([path], options=ExtractOptions(max_file_bytes=100)))
    assert item.data is None and item.error_code == InputTooLargeError.code


def test_damaged_zip_never_raises_and_never_stops_early() -> None:
    import random

    members = {"a.txt": "сәлем ".encode() * 200, "b.txt": "привет ".encode() * 200}
    data = _zip(members)
    rng = random.Random(5)
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(rng.choice([1, 5, 30])):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        items = list(iter_zip_members(bytes(damaged), archive_name="damaged.zip"))
        assert items and all((i.data is None) == (i.error is not None) for i in items)
