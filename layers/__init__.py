"""Layer definitions and the code that turns geodata/ into validated layers."""

from layers.catalog import Catalog, Layer, load_catalog
from layers.problems import GeodataError, Problem
from layers.specs import LayerSpec, load_specs

__all__ = [
    "Catalog",
    "GeodataError",
    "Layer",
    "LayerSpec",
    "Problem",
    "load_catalog",
    "load_specs",
]
