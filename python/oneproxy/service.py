"""The onboarding service's HTTP API (oneproxy serve) with the standard library; results as pandas."""
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Optional

import pandas as pd


class ServiceError(RuntimeError):
    """The service answered with an error status; `field` names the offending parameter when it says so."""

    def __init__(self, status: int, message: str, field: Optional[str] = None):
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.field = field


class Service:
    """A client for `oneproxy serve` (API under /api/v1, key in the X-Api-Key header)."""

    def __init__(self, base_url: str, key: Optional[str] = None, timeout: float = 30.0):
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.timeout = timeout

    def get(self, path: str, **params):
        """GET base_url + path with query parameters; the decoded JSON."""
        query = {k: v for k, v in params.items() if v is not None}
        url = f"{self.base_url}{path}" + (f"?{urllib.parse.urlencode(query)}" if query else "")
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        if self.key:
            request.add_header("X-Api-Key", self.key)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (http(s) URL from the caller)
                body = response.read()
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")
            try:
                doc = json.loads(detail)
                raise ServiceError(e.code, doc.get("error") or doc.get("title") or detail, doc.get("field")) from None
            except ValueError:
                raise ServiceError(e.code, detail.strip()[:200]) from None
        return json.loads(body) if body else None

    def devices(self) -> pd.DataFrame:
        """Every device with its onboarding state (admin key)."""
        return pd.DataFrame(self.get("/api/v1/devices"))

    def device(self, name: str) -> dict:
        return self.get(f"/api/v1/devices/{urllib.parse.quote(name, safe='')}")

    def front(self, name: str) -> pd.DataFrame:
        """The device's Pareto front: one row per design."""
        return pd.DataFrame(self.get(f"/api/v1/devices/{urllib.parse.quote(name, safe='')}/front"))

    def best(self, name: str, max_latency_ms: float, max_energy_mj: Optional[float] = None) -> dict:
        return self.get(f"/api/v1/devices/{urllib.parse.quote(name, safe='')}/best",
                        max_latency_ms=max_latency_ms, max_energy_mj=max_energy_mj)

    def measurements(self, name: str) -> pd.DataFrame:
        return pd.DataFrame(self.get(f"/api/v1/devices/{urllib.parse.quote(name, safe='')}/measurements"))
