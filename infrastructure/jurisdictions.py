"""Many jurisdictions on shared infrastructure (DOMAIN.md §8, issue 9 point 1).

Every jurisdiction (a county, a city, a province) keeps its own log: its own store — a
PostgreSQL database and schema, or a SQLite file — named in a registry, so one county's
writes never wait on another's table lock and a jurisdiction can move to another server
by changing one line. The registry is a YAML file (`DUKAO_JURISDICTIONS`):

    jurisdictions:
      - {code: nanjiang, name: 南江县, level: county, parent: bazhong,
         database_url: "postgresql://dukao@db1/dukao?schema=nanjiang"}
      - {code: bazhong, name: 巴中市, level: city,
         database_url: "postgresql://dukao@db1/dukao?schema=bazhong"}

`JurisdictionApplications` builds one application per jurisdiction, when first asked,
each reading and writing only its own store.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from application.app import AssessmentApplication
from domain import errors
from infrastructure.bootstrap import build_application
from infrastructure.settings import Settings

Level = Literal["county", "city", "province"]


class Jurisdiction(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1)
    level: Level
    parent: str | None = None
    database_url: str

    @property
    def settings(self) -> Settings:
        return Settings(database_url=self.database_url, jurisdiction=self.code)


class Registry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    jurisdictions: list[Jurisdiction] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Registry:
        codes = [j.code for j in self.jurisdictions]
        if len(set(codes)) != len(codes):
            raise ValueError("each jurisdiction's code appears once")
        stores = [j.database_url for j in self.jurisdictions]
        if len(set(stores)) != len(stores):
            raise ValueError("each jurisdiction has its own store (database and schema)")
        for j in self.jurisdictions:
            if j.parent is not None and j.parent not in codes:
                raise ValueError(f"{j.code}: parent {j.parent!r} is not in the registry")
        return self

    def get(self, code: str) -> Jurisdiction:
        for jurisdiction in self.jurisdictions:
            if jurisdiction.code == code:
                return jurisdiction
        raise errors.NotFound(f"no jurisdiction {code!r}", field="jurisdiction")

    def children(self, code: str) -> list[Jurisdiction]:
        return [j for j in self.jurisdictions if j.parent == code]

    @classmethod
    def from_file(cls, path: Path) -> Registry:
        try:
            return cls.model_validate(yaml.safe_load(path.read_text("utf-8")))
        except yaml.YAMLError as exc:
            raise errors.InvalidInput(f"{path}: not YAML: {exc}", field="jurisdictions") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "jurisdictions"
            raise errors.InvalidInput(f"{path}: {first['msg']}", field=where) from None

    @classmethod
    def from_env(cls) -> Registry | None:
        path = os.environ.get("DUKAO_JURISDICTIONS")
        return cls.from_file(Path(path)) if path else None


class JurisdictionApplications:
    """One application per jurisdiction, built on first use and closed together."""

    def __init__(
        self,
        registry: Registry,
        build: Callable[[Settings], AssessmentApplication] = build_application,
    ) -> None:
        self.registry, self._build = registry, build
        self._built: dict[str, AssessmentApplication] = {}
        self._lock = threading.Lock()

    def __call__(self, code: str) -> AssessmentApplication:
        with self._lock:
            found = self._built.get(code)
            if found is None:
                found = self._built[code] = self._build(self.registry.get(code).settings)
            return found

    def close(self) -> None:
        with self._lock:
            for application in self._built.values():
                application.close()
            self._built.clear()
