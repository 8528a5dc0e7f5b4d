"""The `alliance-map` command line: serve the dashboard, validate the geodata."""

from __future__ import annotations

import argparse
import sys

from layers import GeodataError, load_catalog


def _validate(_: argparse.Namespace) -> int:
    try:
        catalog = load_catalog()
    except GeodataError as exc:
        print(exc, file=sys.stderr)
        return 1
    counts = ", ".join(f"{lid}: {len(layer.frame)}" for lid, layer in catalog.layers.items())
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="alliance-map", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the dashboard")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.set_defaults(run=_serve)
    commands.add_parser("validate", help="check every geodata file").set_defaults(run=_validate)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
