"""Component ids, in one place: tests and callbacks import them from here."""

MAP = "map"
INFO_PANEL = "info-panel"
LAYER_TOGGLES = "layer-toggles"
URL = "url"
