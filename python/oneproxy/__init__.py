"""Python access to OneProxy: run the CLI or call the service, get pandas/numpy objects back."""
from .cli import CliError, find_cli, run, run_csv, srcc_matrix, import_dataset, monotonicity_top
from .files import read_wide, load_predictor, load_mlp, FORMAT_VERSIONS
from .service import Service, ServiceError

__all__ = [
    "CliError", "find_cli", "run", "run_csv", "srcc_matrix", "import_dataset", "monotonicity_top",
    "read_wide", "load_predictor", "load_mlp", "FORMAT_VERSIONS", "Service", "ServiceError",
]
__version__ = "0.9.0"
