"""Who stands where in news about the Syrian war, from Python.

``stance`` finds every actor named in news articles (states, leaders, ministries, armed groups,
international bodies) and labels each one's stance toward Bashar al-Assad -- ``supports``,
``opposes`` or ``neutral`` -- with the sentences that show it. This package is the ``stance``
command line's library, compiled in: the same models, the same rows, the same messages.

>>> import stance
>>> rows = stance.Predictor.builtin().predict(["Moscow backed Damascus."], dates=["2016-01-01"])
>>> sorted({r["actor"] for r in rows})
['Russia']

Work runs on Rust threads with the GIL released, so other Python threads keep running.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _stance
from ._stance import StanceError, __version__

__all__ = [
    "Predictor",
    "StanceError",
    "train",
    "evaluate",
    "set_threads",
    "threads",
    "builtins",
    "PREDICT_COLUMNS",
    "__version__",
]

#: The columns of :meth:`Predictor.predict_frame`: the fields of ``stance predict --format jsonl``.
PREDICT_COLUMNS = list(_stance.PREDICT_COLUMNS)

#: The columns of :meth:`Predictor.classify_frame`: the fields of ``stance classify --format jsonl``.
CLASSIFY_COLUMNS = ["id", "label", "scores"]

PathLike = Union[str, "os.PathLike[str]"]


def set_threads(n: int) -> None:
    """Use ``n`` worker threads (the command line's ``--threads``; default: all cores).

    Call it once per process, before any work: the thread pool cannot be resized later.
    The environment variable ``RAYON_NUM_THREADS`` does the same without a call.
    Results do not depend on the thread count.
    """
    _stance.set_threads(n)


def threads() -> int:
    """The number of worker threads in use."""
    return _stance.threads()


def builtins() -> str:
    """What ``stance --version`` says of the built-in models and actor lexicon (checksums)."""
    return _stance.builtins()


def _is_frame(data: Any) -> bool:
    return type(data).__name__ == "DataFrame" and hasattr(data, "to_dict")


def _is_path(x: Any) -> bool:
    return isinstance(x, (str, os.PathLike))


def _clean(value: Any) -> Any:
    """A value JSON can hold: pandas' missing values become null, numpy scalars plain numbers,
    timestamps ISO dates."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    try:
        import pandas

        if value is pandas.NA or value is pandas.NaT:
            return None
    except ImportError:  # pragma: no cover - pandas is optional
        pass
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if type(value).__module__ == "numpy":
        value = value.item() if hasattr(value, "item") else value.tolist()
        return _clean(value)
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _data(records_or_frame: Any) -> Union[bytes, list]:
    """Records for the Rust side: paths as they are, dicts or a DataFrame's rows as JSONL bytes
    (read there by the command line's own JSONL reader)."""
    data = records_or_frame
    if _is_path(data):
        return [os.fspath(data)]
    if _is_frame(data):
        data = data.to_dict("records")
    data = list(data)
    if data and all(_is_path(x) for x in data):
        return [os.fspath(x) for x in data]
    lines = []
    for i, r in enumerate(data):
        if not isinstance(r, Mapping):
            raise StanceError(f"record {i}: expected a dict, not {type(r).__name__}")
        row = {k: _clean(v) for k, v in r.items()}
        lines.append(json.dumps(row, ensure_ascii=False, default=str))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _fields(text: str, id: str, label: str, actor: str, target: str, span: str) -> dict:
    return {"text": text, "id": id, "label": label, "actor": actor, "target": target, "span": span}


def _label_map(label_map: Optional[Mapping[str, str]]) -> list:
    return list((label_map or {}).items())


def _articles(texts, dates, ids) -> tuple:
    """The three parallel lists the engine takes: texts, dates (None for undated) and ids
    (1, 2, 3... as a JSONL file's line numbers, when not given)."""
    if isinstance(texts, str):
        texts = [texts]
    texts = list(texts)
    n = len(texts)
    dates = [None] * n if dates is None else [_clean(d) for d in dates]
    ids = [str(i + 1) for i in range(n)] if ids is None else [str(_clean(i)) for i in ids]
    return texts, [None if d is None else str(d) for d in dates], ids


def _frame(rows: list, columns: list):
    import pandas

    return pandas.DataFrame(rows, columns=columns)


class Predictor:
    """A stance model with its actor lexicon and prediction options: what ``stance predict``,
    ``stance classify`` and ``stance evaluate`` run.

    Make one with :meth:`builtin` or :meth:`load` (or get one from :func:`train`) and keep it:
    loading a model takes a moment, predicting with it is fast. A predictor is safe to share
    between threads, and each call releases the GIL.

    The keyword options are ``stance predict``'s flags:

    - ``sentiment``: also give each actor the tone of its coverage; ``True`` for the built-in
      sentiment model, or a model file path (``--sentiment``).
    - ``rollup``: fold people and bodies into their state (Lavrov -> Russia).
    - ``include_sources``: report news agencies and monitors as actors too.
    - ``include_target``: report the target and its own government too.
    - ``no_priors``: the text reading alone; known alignments are shown, not used.
    - ``min_stance``: least probability a sentence's supports/opposes label needs to vote once
      combined with a known alignment (0-1; default as ``stance predict``).
    - ``min_text_stance``: the same floor for the text reading and for actors with no known
      alignment (0-1; default 0, every sentence votes its most probable label).
    - ``alignment_weight``: weight of the known alignment (default: the model's own).
    - ``date``: date of articles that have none (``YYYY-MM-DD``, ``YYYYMMDD`` or ``YYYY``).
    - ``explain``: attach the N features that pushed each evidence sentence to its label.
    - ``readings``: give each row ``readings``, every sentence the actor was read in (as
      ``stance predict --readings``), not only the deciding evidence.
    """

    __slots__ = ("_engine",)

    def __init__(self, engine: "_stance.Engine") -> None:
        """Wraps an engine; use :meth:`builtin`, :meth:`load` or :func:`train` instead."""
        self._engine = engine

    @staticmethod
    def _open(model, builtin, lexicon, extend_lexicon, **options) -> "Predictor":
        sentiment = options.pop("sentiment", None)
        if sentiment is True:
            sentiment = "sentiment"
        elif sentiment is False:
            sentiment = None
        elif sentiment is not None:
            sentiment = os.fspath(sentiment)
        opts = {
            "sentiment": sentiment,
            "rollup": bool(options.pop("rollup", False)),
            "include_sources": bool(options.pop("include_sources", False)),
            "include_target": bool(options.pop("include_target", False)),
            "no_priors": bool(options.pop("no_priors", False)),
            "min_stance": options.pop("min_stance", None),
            "min_text_stance": options.pop("min_text_stance", None),
            "alignment_weight": options.pop("alignment_weight", None),
            "date": options.pop("date", None),
            "explain": int(options.pop("explain", 0)),
            "readings": bool(options.pop("readings", False)),
        }
        if options:
            raise TypeError(f"unknown option(s): {', '.join(sorted(options))}")
        engine = _stance.Engine.open(
            None if model is None else os.fspath(model),
            builtin,
            None if lexicon is None else os.fspath(lexicon),
            extend_lexicon,
            opts,
        )
        return Predictor(engine)

    @staticmethod
    def builtin(name: str = "stance", **options: Any) -> "Predictor":
        """The built-in model ``name`` (``"stance"`` or ``"sentiment"``) with the built-in actor
        lexicon, as ``stance predict`` uses them by default. Options: see the class."""
        return Predictor._open(None, name, None, False, **options)

    @staticmethod
    def load(
        path: PathLike,
        lexicon: Optional[PathLike] = None,
        *,
        extend_lexicon: bool = False,
        **options: Any,
    ) -> "Predictor":
        """A model file (from ``stance train`` or :func:`train`), with an actor lexicon file
        (``--actors``) in place of the built-in one, or added to it with ``extend_lexicon``
        (``--extend-actors``). Options: see the class."""
        return Predictor._open(path, "stance", lexicon, extend_lexicon, **options)

    @property
    def labels(self) -> list:
        """The model's labels."""
        return self._engine.labels

    @property
    def card(self) -> dict:
        """The model card: task, data files and their SHA-256, counts, cross-validation."""
        return json.loads(self._engine.card())

    def save(self, path: PathLike) -> None:
        """Writes the model file atomically; refuses to overwrite anything but a model file."""
        self._engine.save(os.fspath(path))

    def predict(
        self,
        texts: Union[str, Iterable[str]],
        dates: Optional[Sequence[Optional[str]]] = None,
        ids: Optional[Sequence[Any]] = None,
    ) -> list:
        """One dict per (article, actor), in input order, with the fields of
        ``stance predict --format jsonl`` (see :data:`PREDICT_COLUMNS`).

        ``dates`` (one per text, ``None`` for undated) decide titles and known alignments;
        ``ids`` default to 1, 2, 3... as a JSONL file's line numbers do.
        """
        return json.loads(self._engine.predict(*_articles(texts, dates, ids)))

    def predict_jsonl(
        self,
        texts: Union[str, Iterable[str]],
        dates: Optional[Sequence[Optional[str]]] = None,
        ids: Optional[Sequence[Any]] = None,
    ) -> bytes:
        """:meth:`predict`'s rows as the bytes ``stance predict --format jsonl`` writes (UTF-8,
        one compact JSON object a line): for writing output files without making Python
        objects of every row."""
        return self._engine.predict_jsonl(*_articles(texts, dates, ids))


    def predict_frame(self, df, text: str = "text", date: Optional[str] = "date", id: Optional[str] = "id"):
        """A pandas DataFrame of articles in, a DataFrame of rows out (one per article and actor,
        columns :data:`PREDICT_COLUMNS`). ``text``, ``date`` and ``id`` name the input's columns;
        a missing ``date`` or ``id`` column means undated articles or ids 1, 2, 3..."""
        if text not in df.columns:
            raise StanceError(
                f'missing column "{text}" (columns: {", ".join(map(str, df.columns))}); '
                "name the text column with text="
            )
        dates = df[date].tolist() if date is not None and date in df.columns else None
        ids = df[id].tolist() if id is not None and id in df.columns else None
        rows = self.predict(df[text].tolist(), dates=dates, ids=ids)
        return _frame(rows, PREDICT_COLUMNS)

    def classify(
        self,
        records: Any,
        *,
        text: str = "text",
        id: str = "id",
        actor: str = "actor",
        target: str = "target",
        span: str = "span",
    ) -> list:
        """Labels records as ``stance classify`` does: one ``{"id", "label", "scores"}`` dict per
        record, in order. ``records`` are dicts, a DataFrame, or data file paths (JSONL, CSV,
        TSV); the keyword arguments name their fields (``--text-field`` and friends)."""
        fields = _fields(text, id, "label", actor, target, span)
        return json.loads(self._engine.classify(_data(records), fields))

    def classify_frame(self, df, **fields: str):
        """:meth:`classify` on a DataFrame, as a DataFrame (columns ``id, label, scores``)."""
        return _frame(self.classify(df, **fields), CLASSIFY_COLUMNS)

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
    ) -> dict:
        """Scores the model on labelled records (dicts, a DataFrame or file paths), as
        ``stance evaluate --format json``: accuracy, per-class precision, recall, F1 and support,
        macro and weighted F1, the confusion matrix, and SemEval's F_avg of ``favg``'s labels."""
        fields = _fields(text, id, label, actor, target, span)
        report = self._engine.evaluate(
            _data(data), fields, None if favg is None else list(favg), _label_map(label_map)
        )
        return json.loads(report)

    def __repr__(self) -> str:
        return f"<stance.Predictor labels={self.labels}>"


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
) -> Predictor:
    """Fits a model as ``stance train`` does and returns a :class:`Predictor` over it; with
    ``out``, also writes the model file (refused before any work when it names an input or a
    file that is not a model).

    ``data``: dicts, a DataFrame, or data file paths (JSONL, CSV, TSV); the field keywords name
    their fields. Training options take ``stance train``'s flag names with underscores, positive
    form: ``c=3.0``, ``word_ngrams=(1, 2)``, ``char_ngrams="auto" | None | (2, 5)``,
    ``min_df=1`` (an int counts, a float is a fraction), ``classifier="logistic"``,
    ``solver="auto"``, ``stem=False`` for ``--no-stem``, ``lexicon_marking="off"`` for
    ``--no-lexicon``, ``nb_scale="auto" | "on" | "off"``, ``mention_position=False`` and
    ``clause_pairs=False`` for ``--no-mention-position`` and ``--no-clause-pairs``, ``hash_bits=20`` for hashed features trained by SGD epochs (the data is
    streamed from files by the command line; here it is held in memory)... The automatic settings follow the data's size (from 200,000 records: no
    character n-grams, SGD). The model card records the data's SHA-256 (of each file, or of the
    records given in memory) and, with ``cv=K``, K-fold cross-validation.
    Warnings (labels differing only in case, a solver that did not converge) are issued with
    :mod:`warnings`.
    """
    fields = _fields(text, id, label, actor, target, span)
    engine, notes = _stance.train(
        _data(data),
        None if out is None else os.fspath(out),
        fields,
        options,
        None if lexicon is None else os.fspath(lexicon),
        extend_lexicon,
        seed,
        cv,
        list(source or []),
        _label_map(label_map),
    )
    for note in notes:
        warnings.warn(note, stacklevel=2)
    return Predictor(engine)


def evaluate(
    data: Any,
    model: Union[str, PathLike, Predictor] = "stance",
    *,
    lexicon: Optional[PathLike] = None,
    favg: Optional[Sequence[str]] = None,
    label_map: Optional[Mapping[str, str]] = None,
    **fields: str,
) -> dict:
    """``stance evaluate --format json`` as a dict: scores ``model`` (a :class:`Predictor`, a
    built-in name such as ``"stance"`` or ``"sentiment"``, or a model file path) on labelled
    records (dicts, a DataFrame or file paths)."""
    if isinstance(model, Predictor):
        predictor = model
    elif isinstance(model, str) and model in ("stance", "sentiment"):
        predictor = Predictor._open(None, model, lexicon, False)
    elif isinstance(model, str) and model.startswith("builtin:"):
        predictor = Predictor._open(None, model[len("builtin:"):], lexicon, False)
    else:
        predictor = Predictor.load(model, lexicon)
    return predictor.evaluate(data, favg=favg, label_map=label_map, **fields)
