"""Pipeline.extract_many: order, parallel threads with the interpreter released, lazy
bounded reading of the input, item shapes and the three errors= modes."""

from __future__ import annotations

import itertools
import os
import sys
import threading
from typing import Any, Dict, Iterator, List

import pytest
from conftest import HARBOUR, RIVER, article

import whosaid

# extract_many pulls at most this many items per thread before it extracts them.
PER_THREAD = 16


def test_results_in_input_order_with_many_documents(pipeline: whosaid.Pipeline) -> None:
    # Lengths vary a lot, so that threads finish documents out of order.
    docs = [
        {"id": f"d{i}", "text": article(i) * (1 + (i * 7) % 23)} for i in range(300)
    ]
    serial = [pipeline.extract(d["text"], id=d["id"]) for d in docs]
    for threads in (1, 2, 3):
        out = list(pipeline.extract_many(docs, threads=threads))
        assert [r["id"] for r in out] == [d["id"] for d in docs]
        assert out == serial, threads
    assert list(pipeline.extract_many(iter(docs[:5]))) == serial[:5]  # threads=0: all cores


def test_tuples_lists_dicts_and_mappings(pipeline: whosaid.Pipeline) -> None:
    from types import MappingProxyType

    items: List[Any] = [
        ("t", HARBOUR),
        ["l", HARBOUR],
        {"id": "d", "text": HARBOUR, "other": "ignored"},
        MappingProxyType({"id": 7, "text": HARBOUR}),
    ]
    out = list(pipeline.extract_many(items))
    assert [r["id"] for r in out] == ["t", "l", "d", "7"]
    expected = pipeline.extract(HARBOUR)
    for r in out:
        assert r["claims"] == [dict(c, doc_id=r["id"]) for c in expected["claims"]]


def test_generator_is_read_lazily_in_bounded_batches(pipeline: whosaid.Pipeline) -> None:
    pulled = 0

    def endless() -> Iterator[Dict[str, str]]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield {"id": str(i), "text": article(i)}

    results = pipeline.extract_many(endless(), threads=2)
    assert pulled == 0  # nothing is read before a result is asked for
    first = next(results)
    assert first["id"] == "0"
    assert 1 <= pulled <= 2 * PER_THREAD
    # An endless input: taking 100 results reads a bounded number of items beyond them.
    out = list(itertools.islice(results, 99))
    assert [r["id"] for r in out] == [str(i) for i in range(1, 100)]
    assert pulled <= 100 + 2 * PER_THREAD


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/task")
def test_worker_threads_run_while_python_runs(pipeline: whosaid.Pipeline) -> None:
    """Proof of parallel extraction with the interpreter released: while extract_many runs,
    a Python thread keeps running (it could not if the GIL were held) and sees two Rust
    worker threads alive at once, each having used CPU time."""
    # Two batches of 100 kB documents: each worker lives long enough to use CPU time
    # that the kernel counts (clock ticks of 10 ms).
    docs = [(str(i), article(i) * 400) for i in range(2 * PER_THREAD * 2)]
    state = {"running": True, "samples": 0, "most_workers": 0, "busy": 0}
    started = threading.Event()
    baseline: set = set()

    def sampler() -> None:
        me = str(threading.get_native_id())
        baseline.update(os.listdir("/proc/self/task"))
        started.set()
        while state["running"]:
            try:
                workers = set(os.listdir("/proc/self/task")) - baseline - {me}
                busy = sum(cpu_ticks(t) > 0 for t in workers)
            except OSError:  # a worker ended while listed
                continue
            if workers:
                state["samples"] += 1
                state["most_workers"] = max(state["most_workers"], len(workers))
                state["busy"] = max(state["busy"], busy)

    t = threading.Thread(target=sampler)
    t.start()
    started.wait()
    try:
        out = list(pipeline.extract_many(docs, threads=2))
    finally:
        state["running"] = False
        t.join()
    assert len(out) == len(docs)
    assert state["samples"] > 0, "the Python thread never ran while workers were alive"
    assert state["most_workers"] >= 2, state
    assert state["busy"] >= 2, state


def cpu_ticks(tid: str) -> int:
    """User plus system CPU time of a thread of this process, in clock ticks."""
    with open(f"/proc/self/task/{tid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def test_the_interpreter_is_released_during_extract(pipeline: whosaid.Pipeline) -> None:
    """A Python thread runs in the middle of one long extract call. Were the interpreter
    held, the thread could run only just before the call starts or just after it ends (a
    switch interval, 5 ms, at most), never in the middle half of a call this long."""
    import time

    text = " ".join(article(i) for i in range(4000))
    stamps: List[float] = []
    done = threading.Event()

    def counter() -> None:
        while not done.is_set():
            stamps.append(time.perf_counter())

    t = threading.Thread(target=counter)
    t.start()
    try:
        t0 = time.perf_counter()
        pipeline.extract(text)
        t1 = time.perf_counter()
    finally:
        done.set()
        t.join()
    margin = (t1 - t0) / 4
    assert margin > 0.01, "the document is too short to tell"
    inside = [s for s in stamps if t0 + margin < s < t1 - margin]
    assert inside, "no Python bytecode ran during the Rust call"


def bad_items() -> List[Any]:
    return [
        ("ok0", HARBOUR),
        ("empty", "   "),
        ("bytes", b"not text"),
        {"id": "notext"},
        {"text": HARBOUR},
        42,
        ("big", "a" * (whosaid.MAX_DOCUMENT_BYTES + 1)),
        ("ok7", RIVER),
    ]


def test_errors_raise_yields_what_comes_before_then_raises(
    pipeline: whosaid.Pipeline,
) -> None:
    results = pipeline.extract_many(bad_items())
    assert next(results)["id"] == "ok0"
    with pytest.raises(whosaid.DocumentError) as e:
        next(results)
    assert str(e.value) == "document 'empty' (item 1 of the input): empty \"text\""
    assert (e.value.doc_id, e.value.index, e.value.reason) == ("empty", 1, 'empty "text"')
    with pytest.raises(StopIteration):
        next(results)


@pytest.mark.parametrize(
    "start, error, pattern",
    [
        (2, whosaid.DocumentTypeError, r"document 'bytes' \(item 2.*must be a string, not bytes"),
        (3, whosaid.DocumentError, r"document 'notext' \(item 3.*no \"text\" field"),
        (4, whosaid.DocumentError, r"document \(item 4 of the input\): no \"id\" field"),
        (5, whosaid.DocumentTypeError, r"item 5 .*must be a dict .* not int"),
        (6, whosaid.DocumentError, r"document 'big' \(item 6.*larger than 32 MiB"),
    ],
)
def test_each_bad_item_raises(
    pipeline: whosaid.Pipeline, start: int, error: type, pattern: str
) -> None:
    items = bad_items()
    items = [items[0]] * start + [items[start]]  # positions as in bad_items
    with pytest.raises(error, match=pattern):
        list(pipeline.extract_many(items, threads=2))


def test_type_errors_are_document_errors_and_type_errors() -> None:
    assert issubclass(whosaid.DocumentTypeError, whosaid.DocumentError)
    assert issubclass(whosaid.DocumentTypeError, TypeError)
    assert issubclass(whosaid.DocumentError, ValueError)


def test_errors_skip(pipeline: whosaid.Pipeline) -> None:
    out = list(pipeline.extract_many(bad_items(), threads=2, errors="skip"))
    assert [r["id"] for r in out] == ["ok0", "ok7"]


def test_errors_include(pipeline: whosaid.Pipeline) -> None:
    out = list(pipeline.extract_many(bad_items(), errors="include"))
    assert [r["id"] for r in out] == ["ok0", "empty", "bytes", "notext", None, None, "big", "ok7"]
    failures = [r for r in out if "error" in r]
    assert [r["error"] for r in failures[:3]] == [  # type: ignore[typeddict-item]
        'empty "text"',
        '"text" must be a string, not bytes',
        'no "text" field',
    ]
    assert all(set(r) == {"id", "error"} for r in failures)
    assert "entities" in out[0] and "entities" in out[-1]


def test_errors_skip_reads_an_input_of_bad_items_in_batches(
    pipeline: whosaid.Pipeline,
) -> None:
    pulled = 0

    def endless_bad() -> Iterator[Any]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield (str(i), "" if i < 1000 else HARBOUR)

    first = next(pipeline.extract_many(endless_bad(), threads=1, errors="skip"))
    assert first["id"] == "1000"
    assert pulled <= 1001 + PER_THREAD


def test_an_exception_of_the_input_comes_after_the_results_before_it(
    pipeline: whosaid.Pipeline,
) -> None:
    def failing() -> Iterator[Any]:
        yield ("a", HARBOUR)
        yield ("b", RIVER)
        raise RuntimeError("the source broke")

    results = pipeline.extract_many(failing(), errors="skip")
    assert [next(results)["id"], next(results)["id"]] == ["a", "b"]
    with pytest.raises(RuntimeError, match="the source broke"):
        next(results)
    assert list(results) == []


def test_bad_arguments(pipeline: whosaid.Pipeline) -> None:
    with pytest.raises(ValueError, match="errors must be"):
        pipeline.extract_many([], errors="ignore")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="not a str"):
        pipeline.extract_many(HARBOUR)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pipeline.extract_many(5)  # type: ignore[call-overload]
    assert list(pipeline.extract_many([])) == []
