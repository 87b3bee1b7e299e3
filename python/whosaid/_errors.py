"""The exceptions of whosaid. The Rust core raises them; they are defined here so that they
carry attributes and so that DocumentTypeError is both a DocumentError and a TypeError."""

from __future__ import annotations

from typing import Any, Iterable, List, Optional, Tuple


class GazetteerError(ValueError):
    """A gazetteer folder given to Pipeline has problems.

    ``problems`` lists every one as ``"file:line: message"`` (line 0 for the file as a
    whole), as ``whosaid gazetteer check DIR`` prints them; the message lists them too.
    """

    problems: List[str]

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (str(self), self.problems))


class DocumentError(ValueError):
    """A document that cannot be extracted: empty or white-space text, text larger than
    MAX_DOCUMENT_BYTES, text that is not valid Unicode, an input item without "id" or
    "text". The message names the document and, in extract_many, its position.

    Attributes: ``doc_id`` (None when the item gave no usable id), ``index`` (0-based
    position in extract_many's input; None for extract) and ``reason`` (what is wrong, in
    the words of the command line's errors table).
    """

    doc_id: Optional[str]
    index: Optional[int]
    reason: str

    def __init__(
        self,
        message: str,
        doc_id: Optional[str] = None,
        index: Optional[int] = None,
        reason: str = "",
    ) -> None:
        super().__init__(message)
        self.doc_id = doc_id
        self.index = index
        self.reason = reason or message

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (str(self), self.doc_id, self.index, self.reason))


class DocumentTypeError(DocumentError, TypeError):
    """A document given as a value of the wrong type: text that is not a str, an id that
    is neither str nor int, an extract_many item that is neither a mapping nor an
    (id, text) pair. Both a DocumentError and a TypeError."""


# Shown and pickled as whosaid.GazetteerError etc., where users import them from.
for _class in (GazetteerError, DocumentError, DocumentTypeError):
    _class.__module__ = "whosaid"
del _class
