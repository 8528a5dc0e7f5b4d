"""Interface words in English and Japanese."""

from __future__ import annotations

from typing import Any

KINDS: dict[str, tuple[str, str]] = {
    "air_base": ("Air base", "航空基地"),
    "naval_base": ("Naval base", "海軍・海上基地"),
    "army_post": ("Army post", "陸軍施設"),
    "marine_camp": ("Marine Corps camp", "海兵隊キャンプ"),
    "training_area": ("Training area", "訓練場"),
    "range": ("Firing range", "射爆撃場"),
    "ammunition_depot": ("Ammunition depot", "弾薬庫"),
    "fuel_depot": ("Fuel depot", "貯油施設"),
    "port": ("Port facility", "港湾施設"),
    "housing": ("Housing area", "住宅地区"),
    "communications": ("Communications site", "通信施設"),
    "radar": ("Radar site", "レーダーサイト"),
    "logistics": ("Logistics and supply", "補給施設"),
    "headquarters": ("Headquarters", "司令部"),
    "recreation": ("Recreation facility", "保養施設"),
    "garrison": ("Garrison (camp)", "駐屯地"),
    "island": ("Island", "島"),
    "other": ("Other", "その他"),
}

OPERATORS: dict[str, tuple[str, str]] = {
    "US Air Force": ("U.S. Air Force", "米空軍"),
    "US Navy": ("U.S. Navy", "米海軍"),
    "US Marine Corps": ("U.S. Marine Corps", "米海兵隊"),
    "US Army": ("U.S. Army", "米陸軍"),
    "US forces": ("U.S. forces (service not stated in sources)", "米軍（軍種は出典に記載なし）"),
    "JGSDF": ("Japan Ground Self-Defense Force", "陸上自衛隊"),
    "JMSDF": ("Japan Maritime Self-Defense Force", "海上自衛隊"),
    "JASDF": ("Japan Air Self-Defense Force", "航空自衛隊"),
    "shared": ("Shared", "共同"),
    "Japan": ("Administered by Japan", "日本が施政"),
    "South Korea": ("Administered by South Korea", "韓国が実効支配"),
    "Russia": ("Administered by Russia", "ロシアが実効支配"),
}

UI: dict[str, tuple[str, str]] = {
    "title": ("The U.S.-Japan alliance on the map", "地図で見る日米同盟"),
    "layers": ("Layers", "レイヤー"),
    "sources": ("Sources", "出典"),
    "pick": (
        "Click a place on the map to read what it is, why it matters "
        "and where the facts come from.",
        "地図上の地点をクリックすると、その概要・意義・出典が表示されます。",
    ),
    "fac_code": ("FAC code", "施設番号"),
    "use": ("Use", "使用形態"),
    "use_exclusive": (
        "U.S. exclusive use (SOFA Art. II-1(a))",
        "米軍専用施設（地位協定第2条第1項(a)）",
    ),
    "use_temporary": (
        "Japanese facility the U.S. may use for limited periods (SOFA Art. II-4(b))",
        "米軍が一時使用できる日本側施設（地位協定第2条第4項(b)）",
    ),
    "joint_use": (
        "also used by Japan's forces (Art. II-4(a))",
        "自衛隊等も共同使用（第2条第4項(a)）",
    ),
    "area": ("Area", "面積"),
    "as_of": ("as of", "時点"),
    "opened": ("Opened", "使用開始"),
    "returned": ("Returned", "返還"),
    "not_in_sources": ("not yet found in a source", "出典未確認"),
    "units": ("Main units", "主な部隊"),
    "position": ("Position", "位置"),
    "administered_by": ("Administered by", "施政・実効支配"),
    "claimed_by": ("Also claimed by", "領有を主張"),
    "names": ("Names", "呼称"),
    "claims": ("Positions", "各当事者の立場"),
    "why": ("Why it matters", "意義"),
    "united_states": ("United States", "米国"),
    "accessed": ("accessed", "閲覧"),
    "status": ("Status", "状況"),
    "place": ("Location", "所在地"),
    "search": ("Find a place…", "地名で探す…"),
    "search_label": ("Find a place by any of its names", "名称で地点を探す"),
    "filters": ("Filters", "絞り込み"),
    "operator": ("Operator", "運用主体"),
    "kind": ("Kind", "種別"),
    "any": ("Any", "すべて"),
    "basemap": ("Basemap", "背景地図"),
    "offline": ("Built-in (offline)", "内蔵地図（オフライン）"),
    "streets": ("Streets (online, OpenStreetMap)", "道路地図（オンライン・OSM）"),
    "light": ("Light (online, CARTO)", "淡色地図（オンライン・CARTO）"),
    "satellite": ("Satellite (online)", "衛星画像（オンライン）"),
    "tiles_failed": (
        "The online basemap could not be loaded; showing the built-in map.",
        "オンライン地図を読み込めなかったため、内蔵地図を表示しています。",
    ),
    "language": ("日本語", "English"),
    "in_view": ("Places in view", "表示中の地点"),
    "layer": ("Layer", "レイヤー"),
    "name": ("Name", "名称"),
    "download": ("Download", "ダウンロード"),
    "download_view": ("Places in view", "表示中の地点"),
    "download_layer": ("Whole layer", "レイヤー全体"),
    "overview": ("Overview", "概要"),
    "key_figures": ("Key figures", "主な数字"),
    "area_by_prefecture": (
        "U.S. exclusive-use area by prefecture",
        "都道府県別の米軍専用施設面積",
    ),
    "by_layer_operator": ("Places by layer and operator", "レイヤー・運用主体別の地点数"),
    "timeline": ("Turning points", "主な出来事"),
    "close": ("Back to the overview", "概要に戻る"),
    "close_embed": ("Close ×", "閉じる ×"),
    "source_for": ("Source", "出典"),
    "count_unit": ("places", "地点"),
    "approximate": ("approximate", "概略位置"),
    "selected_on_map": ("Show on the map", "地図で表示"),
    "also_here": ("Also at this point", "同じ地点"),
    "share": ("Share", "共有"),
    "time": ("Year", "年"),
    "play": ("▶ Play", "▶ 再生"),
    "pause": ("❚❚ Pause", "❚❚ 停止"),
    "present": ("today", "現在"),
    "year_slider": ("Show what existed in a year", "その年にあった施設を表示"),
    "undated": (
        "{n} places whose opening year no source gives are shown in every year.",
        "開設年の出典がない{n}地点は、どの年にも表示しています。",
    ),
    "past_counts": (
        "Counts are of the places mapped here, not of every site that existed then.",
        "件数は地図上の地点の数で、当時あった全施設の数ではありません。",
    ),
    "faded": (
        "Faded markers: {n} places already returned to Japan.",
        "薄い印はすでに返還された{n}地点です。",
    ),
    "returned_in": ("Returned {year}", "{year}年返還"),
    "returned_key": ("Faded: returned to Japan", "薄い印: 返還済み"),
    "distances": ("Distances", "距離"),
    "rings": ("Range rings around the selected place", "選んだ地点を中心とする距離圏"),
    "measure": ("Measure between two places", "2地点間の距離を測る"),
    "measure_hint": (
        "Click two places on the map.",
        "地図上で2つの地点をクリックしてください。",
    ),
    "measure_clear": ("Clear", "クリア"),
    "distance_to": ("Distances (geodesic)", "距離（測地線）"),
    "share_title": ("Share this view", "この表示を共有"),
    "share_link": ("Link to this view", "この表示へのリンク"),
    "share_embed": ("Embed it in a web page", "ウェブページに埋め込む"),
    "share_size": ("Width × height (px)", "幅 × 高さ (px)"),
    "share_preview": ("Preview", "プレビュー"),
    "copy": ("Copy", "コピー"),
    "open_full": ("Open the full map ↗", "フル画面の地図を開く ↗"),
    "attribution_short": (
        "alliance-map · sources in each panel · land © OpenStreetMap contributors, GSHHG",
        "alliance-map · 出典は各地点の説明に記載 · 陸地 © OpenStreetMap contributors、GSHHG",
    ),
    "attribution": (
        "Each place lists its sources. Positions: Wikipedia, airportsdata (MIT), MLIT position "
        "reference data via Geolonia (CC BY 4.0). Land © OpenStreetMap contributors (ODbL); "
        "islets and borders GSHHG (LGPL).",
        "各地点に出典を記載。位置: Wikipedia、airportsdata (MIT)、"
        "国土交通省位置参照情報 (Geolonia, CC BY 4.0)。"
        "陸地 © OpenStreetMap contributors (ODbL)、小島・国境 GSHHG (LGPL)。",
    ),
}

STATUSES: dict[str, tuple[str, str]] = {
    "active": ("Active", "使用中"),
    "under_construction": ("Under construction", "建設中"),
    "planned": ("Planned", "計画中"),
    "partially_returned": ("Partly returned", "一部返還"),
    "returned": ("Returned", "返還済み"),
    "disputed": ("Disputed", "主張が対立"),
}

# The governments that administer or claim the disputed islands, as the data names them.
PARTIES: dict[str, tuple[str, str]] = {
    "Japan": ("Japan", "日本"),
    "China": ("China", "中国"),
    "Taiwan": ("Taiwan", "台湾"),
    "South Korea": ("South Korea", "韓国"),
    "Russia": ("Russia", "ロシア"),
}


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    en, ja = table.get(key, (key, key))
    return ja if lang == "ja" else en


def kind_label(kind: str, lang: str) -> str:
    return _pick(KINDS, kind, lang)


def operator_label(operator: str, lang: str) -> str:
    return _pick(OPERATORS, operator, lang)


def status_label(status: str, lang: str) -> str:
    return _pick(STATUSES, status, lang)


def party_label(party: str, lang: str) -> str:
    return _pick(PARTIES, party, lang)


def ui(key: str, lang: str) -> str:
    return _pick(UI, key, lang)


APPROXIMATE_M = 1000  # positions coarser than this are called approximate


def in_lang(feature: dict[str, Any], key: str, lang: str) -> Any:
    """A feature's text in the interface language: `key` in English, `key`_ja in Japanese (when
    the data gives it)."""
    return (feature.get(f"{key}_ja") if lang == "ja" else None) or feature.get(key)


def position_text(feature: dict[str, Any], lang: str) -> str:
    """Where a place is, what the point marks, and how rough it is when that is over 1 km."""
    lat, lon = feature["lat"], feature["lon"]
    basis = in_lang(feature, "position_basis", lang)
    text = f"{abs(lat):.5f}°{'N' if lat >= 0 else 'S'}, {lon:.5f}°E — {basis}"
    precision = feature.get("position_precision_m")
    if precision and precision > APPROXIMATE_M:
        text += f" ({ui('approximate', lang)}, ±{precision / 1000:.1f} km)"
    return text


PREFECTURES: dict[str, str] = {
    "Hokkaido": "北海道",
    "Aomori": "青森県",
    "Saitama": "埼玉県",
    "Tokyo": "東京都",
    "Chiba": "千葉県",
    "Kanagawa": "神奈川県",
    "Shizuoka": "静岡県",
    "Kyoto": "京都府",
    "Hiroshima": "広島県",
    "Yamaguchi": "山口県",
    "Fukuoka": "福岡県",
    "Nagasaki": "長崎県",
    "Kagoshima": "鹿児島県",
    "Okinawa": "沖縄県",
    "Saitama; Tokyo": "埼玉県、東京都",
    "Shimane (Japan's claim)": "島根県（日本の主張）",
    "Hokkaido (Japan's claim; Nemuro Subprefecture)": "北海道（日本の主張、根室振興局）",
}


def prefecture_label(name: str, lang: str) -> str:
    return PREFECTURES.get(name, name) if lang == "ja" else name
