"""Component ids, in one place: the layout, the callbacks and the tests import them from here."""

URL = "url"
STATE = "view-state"  # the current ViewState, as its URL query string
SELECTED = "selected"  # the selected feature id (or None)
FOCUS = "focus"  # {"id": feature id, "n": counter}: move the map to a feature
MAP = "map"
INFO_PANEL = "info-panel"
LAYER_TOGGLES = "layer-toggles"
FILTER_OPERATOR = "filter-operator"
FILTER_STATUS = "filter-status"
FILTER_KIND = "filter-kind"
SEARCH = "search"
LANG_LINK = "lang-link"
BASEMAP = "basemap"
BASEMAP_NOTICE = "basemap-notice"
FEATURE_TABLE = "feature-table"
DOWNLOAD = "download"
DOWNLOAD_VIEW_GEOJSON = "download-view-geojson"
DOWNLOAD_VIEW_CSV = "download-view-csv"
DOWNLOAD_LAYER = "download-layer"  # pattern: {"type": DOWNLOAD_LAYER, "layer": id, "format": f}
TIMELINE_ITEM = "timeline-item"  # pattern: {"type": TIMELINE_ITEM, "place": feature id}
PANEL_CLOSE = "panel-close"
