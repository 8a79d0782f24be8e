"""Type stubs of the ``stance`` package (see ``__init__.py`` for the docs)."""

import os
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Union

PathLike = Union[str, os.PathLike[str]]

__version__: str
PREDICT_COLUMNS: List[str]
CLASSIFY_COLUMNS: List[str]

class StanceError(ValueError):
    """Bad input, options or model file: what the command line refuses with exit code 2."""

def set_threads(n: int) -> None: ...
def threads() -> int: ...
def builtins() -> str: ...

class Predictor:
    @staticmethod
    def builtin(
        name: str = "stance",
        *,
        sentiment: Union[bool, PathLike, None] = ...,
        rollup: bool = ...,
        include_sources: bool = ...,
        include_target: bool = ...,
        no_priors: bool = ...,
        min_stance: float = ...,
        min_text_stance: float = ...,
        alignment_weight: Optional[float] = ...,
        date: Optional[str] = ...,
        explain: int = ...,
    ) -> Predictor: ...
    @staticmethod
    def load(
        path: PathLike,
        lexicon: Optional[PathLike] = None,
        *,
        extend_lexicon: bool = False,
        sentiment: Union[bool, PathLike, None] = ...,
        rollup: bool = ...,
        include_sources: bool = ...,
        include_target: bool = ...,
        no_priors: bool = ...,
        min_stance: float = ...,
        min_text_stance: float = ...,
        alignment_weight: Optional[float] = ...,
        date: Optional[str] = ...,
        explain: int = ...,
    ) -> Predictor: ...
    @property
    def labels(self) -> List[str]: ...
    @property
    def card(self) -> dict[str, Any]: ...
    def save(self, path: PathLike) -> None: ...
    def predict(
        self,
        texts: Union[str, Iterable[str]],
        dates: Optional[Sequence[Optional[str]]] = None,
        ids: Optional[Sequence[Any]] = None,
    ) -> List[dict[str, Any]]: ...
    def predict_jsonl(
        self,
        texts: Union[str, Iterable[str]],
        dates: Optional[Sequence[Optional[str]]] = None,
        ids: Optional[Sequence[Any]] = None,
    ) -> bytes: ...
    def predict_frame(
        self, df: Any, text: str = "text", date: Optional[str] = "date", id: Optional[str] = "id"
    ) -> Any: ...
    def classify(
        self,
        records: Any,
        *,
        text: str = "text",
        id: str = "id",
        actor: str = "actor",
        target: str = "target",
        span: str = "span",
    ) -> List[dict[str, Any]]: ...
    def classify_frame(self, df: Any, **fields: str) -> Any: ...
    def evaluate(
        self,
        data: Any,
        *,
        favg: Optional[Sequence[str]] = None,
        label_map: Optional[Mapping[str, str]] = None,
        text: str = "text",
        id: str = "id",
        label: str = "label",
        actor: str = "actor",
        target: str = "target",
        span: str = "span",
    ) -> dict[str, Any]: ...

def train(
    data: Any,
    out: Optional[PathLike] = None,
    *,
    lexicon: Optional[PathLike] = None,
    extend_lexicon: bool = False,
    seed: int = 1,
    cv: Optional[int] = None,
    source: Optional[Sequence[str]] = None,
    label_map: Optional[Mapping[str, str]] = None,
    text: str = "text",
    id: str = "id",
    label: str = "label",
    actor: str = "actor",
    target: str = "target",
    span: str = "span",
    **options: Any,
) -> Predictor: ...
def evaluate(
    data: Any,
    model: Union[str, PathLike, Predictor] = "stance",
    *,
    lexicon: Optional[PathLike] = None,
    favg: Optional[Sequence[str]] = None,
    label_map: Optional[Mapping[str, str]] = None,
    **fields: str,
) -> dict[str, Any]: ...
