"""Tests of the Python layer; the CLI ones skip (saying why) when oneproxy or the datasets are absent."""
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import oneproxy as op

DATA = Path(os.environ.get("ONEPROXY_DATA", Path(__file__).resolve().parents[3] / "shared" / "datasets"))


def cli_or_skip():
    try:
        return op.find_cli()
    except FileNotFoundError as e:
        pytest.skip(str(e))


def test_read_wide_marks_missing_values_and_keys(tmp_path):
    f = tmp_path / "lat.csv"
    f.write_text("index,pixel3,raspi4\n0,1.5,-1\n1,2.5,\n2,0.5,3.0\n")
    frame = op.read_wide(str(f))
    assert list(frame.columns) == ["pixel3", "raspi4"]
    assert frame.index.name == "index"
    assert frame["raspi4"].isna().sum() == 2
    assert frame.loc[2, "pixel3"] == 0.5


def test_predictor_file_gives_numpy_weights_and_refuses_newer_versions(tmp_path):
    doc = {"format": "oneproxy.linear-predictor", "version": 1, "space": "nasbench201", "device": "d",
           "method": "least-squares", "target_measurements": 10, "features": ["a", "bias"], "weights": [0.5, 1.0]}
    f = tmp_path / "p.json"
    f.write_text(json.dumps(doc))
    p = op.load_predictor(str(f))
    assert isinstance(p["weights"], np.ndarray) and p["weights"].tolist() == [0.5, 1.0]
    f.write_text(json.dumps(dict(doc, version=2)))
    with pytest.raises(ValueError, match="newer"):
        op.load_predictor(str(f))


def test_srcc_matrix_is_a_symmetric_frame():
    cli_or_skip()
    if not (DATA / "nasbench201" / "latency_ms.csv").is_file():
        pytest.skip(f"dataset missing: {DATA / 'nasbench201' / 'latency_ms.csv'} (set ONEPROXY_DATA)")
    m = op.srcc_matrix("nasbench201", devices=["pixel3", "raspi4", "eyeriss"])
    assert list(m.columns) == ["pixel3", "raspi4", "eyeriss"] and list(m.index) == list(m.columns)
    assert np.allclose(m.values, m.values.T) and np.allclose(np.diag(m.values), 1.0)
    assert m.loc["pixel3", "raspi4"] == pytest.approx(0.9667, abs=1e-4)


def test_cli_errors_raise_with_the_one_line_reason():
    cli_or_skip()
    with pytest.raises(op.CliError) as e:
        op.run("monotonicity", "--space", "no-such-space")
    assert e.value.code == 2 and "no-such-space" in e.value.message


def test_import_passes_hostile_file_names_as_arguments_not_shell(tmp_path):
    cli_or_skip()
    src = tmp_path / "bench; touch pwned.jsonl"
    src.write_text('{"id": "m0", "graph": {}, "cortexA76cpu_tflite21": 3.5}\n'
                   '{"id": "m1", "graph": {}, "cortexA76cpu_tflite21": 1.5}\n')
    out = tmp_path / "wide $(touch pwned2).csv"
    op.import_dataset("nn-meter", str(src), str(out))
    frame = op.read_wide(str(out))
    assert frame["cortexA76cpu_tflite21"].tolist() == [3.5, 1.5]
    assert not (tmp_path / "pwned.jsonl").exists() and not Path("pwned2").exists()
