"""OneProxy's files as pandas/numpy objects (formats: docs/formats.md)."""
import json
from typing import Union

import numpy as np
import pandas as pd

# The format versions this package reads (docs/formats.md): a newer file is refused, not guessed.
FORMAT_VERSIONS = {"oneproxy.linear-predictor": 1, "oneproxy.accuracy-mlp": 1}


def read_wide(path: str) -> pd.DataFrame:
    """A wide CSV (index and/or arch, then one column per device; empty or -1 = missing -> NaN)."""
    frame = pd.read_csv(path, na_values=["-1", "-1.0", "nan", "NaN"], keep_default_na=True, dtype={"arch": str})
    keys = [k for k in ("index", "arch") if k in frame.columns]
    if not keys:
        raise ValueError(f"{path}: a wide CSV needs an 'index' or 'arch' column")
    return frame.set_index(keys)


def _load(path: str, kind: str) -> dict:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    fmt, version = doc.get("format"), doc.get("version")
    if fmt != kind:
        raise ValueError(f"{path}: format {fmt!r}, expected {kind!r}")
    if not isinstance(version, int) or version > FORMAT_VERSIONS[kind]:
        raise ValueError(f"{path}: {kind} version {version!r} is newer than this package reads ({FORMAT_VERSIONS[kind]})")
    return doc


def load_predictor(path: str) -> dict:
    """A latency predictor file: its JSON with `weights` as a numpy array (one per name in `features`, bias last)."""
    doc = _load(path, "oneproxy.linear-predictor")
    doc["weights"] = np.asarray(doc["weights"], dtype=float)
    return doc


def load_mlp(path: str) -> dict:
    """An MLP accuracy predictor file: its JSON with each layer's `weights` (rows = output units) and `bias` as numpy arrays."""
    doc = _load(path, "oneproxy.accuracy-mlp")
    for layer in doc.get("layers", []):
        for key in ("weights", "bias"):
            if key in layer:
                layer[key] = np.asarray(layer[key], dtype=float)
    return doc
