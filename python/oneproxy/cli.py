"""Runs the oneproxy program with an argument list (subprocess, never shell=True)."""
import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Optional, Sequence

import pandas as pd


class CliError(RuntimeError):
    """The program exited non-zero; `message` is its one-line reason (exit 2: bad input, 70: a bug)."""

    def __init__(self, code: int, message: str, args: Sequence[str]):
        super().__init__(f"oneproxy {' '.join(args[:2])} exited {code}: {message}")
        self.code = code
        self.message = message


def find_cli() -> list:
    """The command that starts oneproxy: $ONEPROXY_CLI, `oneproxy` on PATH, or the repository's script."""
    env = os.environ.get("ONEPROXY_CLI")
    if env:
        return [env]
    on_path = shutil.which("oneproxy")
    if on_path:
        return [on_path]
    repo_script = Path(__file__).resolve().parents[2] / "oneproxy"
    if repo_script.is_file():
        return [str(repo_script)]
    raise FileNotFoundError("oneproxy not found: set ONEPROXY_CLI, install the .NET tool "
                            "(dotnet tool install), or use this package from a repository checkout")


def run(*args: str, timeout: Optional[float] = None) -> str:
    """Runs `oneproxy ARGS...` and returns its standard output; raises CliError on failure."""
    argv = [str(a) for a in args]
    done = subprocess.run(find_cli() + argv, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        lines = [l for l in done.stderr.splitlines() if l.strip()]
        raise CliError(done.returncode, lines[-1] if lines else "(no message)", argv)
    return done.stdout


def run_csv(*args: str, index_col=None, timeout: Optional[float] = None) -> pd.DataFrame:
    """Runs a command that prints CSV (`--format csv`) and parses it."""
    return pd.read_csv(io.StringIO(run(*args, timeout=timeout)), index_col=index_col)


def srcc_matrix(space: str = "nasbench201", devices: Optional[Sequence[str]] = None,
                latency: Optional[str] = None, architectures: Optional[str] = None) -> pd.DataFrame:
    """The Spearman rank correlation matrix of a latency table (devices x devices, symmetric)."""
    args = ["monotonicity", "--space", space, "--format", "csv"]
    if devices:
        args += ["--devices", ",".join(devices)]
    if latency:
        args += ["--latency", latency]
    if architectures:
        args += ["--architectures", architectures]
    frame = run_csv(*args, index_col=0)
    frame.index.name = "device"
    return frame


def monotonicity_top(k: int, space: str = "nasbench201", latency: Optional[str] = None) -> pd.DataFrame:
    """Each device's k most monotone partners (the CLI's --top path, for thousands of devices)."""
    args = ["monotonicity", "--space", space, "--top", str(k), "--format", "csv"]
    if latency:
        args += ["--latency", latency]
    return run_csv(*args)


def import_dataset(fmt: str, source: str, output: str, space: Optional[str] = None, **options) -> str:
    """`oneproxy datasets import`: fmt is help-latency, help-archs, hw-nas-bench, nn-meter or jsonl-archs.

    Extra keyword options become flags (architectures="a.jsonl" -> --architectures a.jsonl)."""
    args = ["datasets", "import", "--format", fmt, "--input", source, "--output", output]
    if space:
        args += ["--space", space]
    for key, value in options.items():
        if value is not None:
            args += ["--" + key.replace("_", "-"), ",".join(value) if isinstance(value, (list, tuple)) else str(value)]
    return run(*args).strip()
