"""Type stubs of the Rust extension whosaid._whosaid (python/src/lib.rs)."""

import os
import pathlib
from typing import (
    Any,
    Iterable,
    Iterator,
    List,
    Literal,
    Mapping,
    Optional,
    Sequence,
    SupportsIndex,
    Tuple,
    Union,
    final,
    overload,
)

from ._types import DocumentFailure, Extraction

__all__ = ["Pipeline", "Results", "__version__", "MAX_DOCUMENT_BYTES"]

__version__: str
#: The largest document text extracted, in bytes of UTF-8 (as the command line's reader).
MAX_DOCUMENT_BYTES: int

_Path = Union[str, "os.PathLike[str]"]
_Id = Union[str, SupportsIndex]
#: An extract_many input item: {"id": ..., "text": ...} or (id, text).
_Item = Union[Mapping[str, Any], Tuple[_Id, str], List[Any]]

@final
class Pipeline:
    """The compiled pipeline: gazetteers loaded and indexed once, shared by every call and
    thread."""

    def __new__(
        cls,
        gazetteers: Union[_Path, Iterable[_Path], None] = None,
        default_gazetteers: bool = True,
        all_quotes: bool = False,
    ) -> Pipeline: ...
    @property
    def gazetteers(self) -> List[pathlib.Path]: ...
    @property
    def default_gazetteers(self) -> bool: ...
    @property
    def all_quotes(self) -> bool: ...
    def extract(self, text: str, id: _Id = "doc") -> Extraction:
        """One document's rows of every table, typed; code-point offsets."""
    def explain(self, text: str, id: _Id = "doc") -> str:
        """Why each claim of the document has its speaker, as text."""
    @overload
    def extract_many(
        self,
        docs: Iterable[_Item],
        threads: int = 0,
        errors: Literal["raise", "skip"] = "raise",
    ) -> Iterator[Extraction]: ...
    @overload
    def extract_many(
        self,
        docs: Iterable[_Item],
        threads: int = 0,
        *,
        errors: Literal["include"],
    ) -> Iterator[Union[Extraction, DocumentFailure]]: ...
    @overload
    def extract_many(
        self,
        docs: Iterable[_Item],
        threads: int,
        errors: Literal["include"],
    ) -> Iterator[Union[Extraction, DocumentFailure]]: ...
    def __reduce__(self) -> Tuple[Any, Tuple[List[pathlib.Path], bool, bool]]: ...

@final
class Results:
    """The iterator Pipeline.extract_many returns; yields Extraction dicts (and, with
    errors="include", DocumentFailure dicts) in input order."""

    def __iter__(self) -> Results: ...
    def __next__(self) -> Union[Extraction, DocumentFailure]: ...
