"""Write an nginx.conf for this checkout from deploy/nginx.conf.template.

    python deploy/render_nginx.py --listen 80 --upstream 127.0.0.1:8000 \
        --prefix /var/lib/alliance-map/nginx -o nginx.conf
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def render(listen: str, upstream: str, prefix: Path) -> str:
    text = (ROOT / "deploy" / "nginx.conf.template").read_text()
    for key, value in (("@ROOT@", str(ROOT)), ("@LISTEN@", listen), ("@UPSTREAM@", upstream),
                       ("@PREFIX@", str(prefix))):  # fmt: skip
        text = text.replace(key, value)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="80")
    parser.add_argument("--upstream", default="127.0.0.1:8000")
    parser.add_argument("--prefix", default="/var/lib/alliance-map/nginx")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    Path(args.output).write_text(render(args.listen, args.upstream, Path(args.prefix)))


if __name__ == "__main__":
    main()
