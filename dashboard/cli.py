"""The `alliance-map` command line: serve the dashboard, validate the geodata, export views."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from layers import GeodataError, load_catalog


def _validate(_: argparse.Namespace) -> int:
    try:
        catalog = load_catalog(prepared=False)  # always checked anew; kept for serving
    except GeodataError as exc:
        print(exc, file=sys.stderr)
        return 1
    counts = ", ".join(f"{lid}: {len(layer.geojson)}" for lid, layer in catalog.layers.items())
    print(f"geodata OK ({counts}; {len(catalog.sources)} sources)")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from dashboard.app import create_app
    from dashboard.security import ConfigError

    try:
        app = create_app()
    except (GeodataError, ConfigError) as exc:
        print(f"refusing to start: {exc}", file=sys.stderr)
        return 1
    print(f"serving the alliance map on http://{args.host}:{args.port}/", flush=True)
    app.run(host=args.host, port=args.port, debug=False)
    return 0


def _export(args: argparse.Namespace) -> int:
    from dashboard.export import (
        ExportError,
        image_bytes,
        slide_figure,
        standalone_html,
        write_atomic,
    )
    from dashboard.state import from_query
    from dashboard.text import ui
    from layers.catalog import geodata_dir

    try:
        catalog = load_catalog()
    except GeodataError as exc:
        print(exc, file=sys.stderr)
        return 1
    state = from_query(args.query, catalog)
    title = args.title or ui("title", state.lang)
    out = Path(args.output)
    try:
        if out.exists() and not args.force:
            raise ExportError(f"{out} exists; add --force to replace it")
        if args.format == "html":
            data = standalone_html(catalog, state, geodata_dir(), title).encode("utf-8")
        else:
            fig = slide_figure(catalog, state, geodata_dir(), title, args.width, args.height)
            data = image_bytes(fig, args.format, args.width, args.height, args.scale)
        write_atomic(out, data, args.force)
    except ExportError as exc:
        print(f"alliance-map: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({len(data) / 1024:,.0f} KB)")
    return 0


def _bounded(kind: type, low: float, high: float):  # type: ignore[no-untyped-def]
    def parse(text: str):  # type: ignore[no-untyped-def]
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is not between {low:g} and {high:g}")
        return value

    return parse


class _Parser(argparse.ArgumentParser):
    """Bad arguments give one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="alliance-map", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    serve = commands.add_parser("serve", help="serve the dashboard")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.set_defaults(run=_serve)
    commands.add_parser("validate", help="check every geodata file").set_defaults(run=_validate)
    export = commands.add_parser("export", help="write a view as PNG, SVG or standalone HTML")
    export.add_argument("format", choices=("png", "svg", "html"))
    export.add_argument("--query", default="", help="a view as in the URL: 'layers=...&view=...'")
    export.add_argument("--width", type=_bounded(int, 200, 7680), default=1920)
    export.add_argument("--height", type=_bounded(int, 200, 4320), default=1080)
    export.add_argument("--scale", type=_bounded(float, 0.25, 4), default=1.0)
    export.add_argument("--title", default=None, help="defaults to the dashboard's title")
    export.add_argument("--force", action="store_true", help="replace an existing file")
    export.add_argument("-o", "--output", required=True)
    export.set_defaults(run=_export)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
