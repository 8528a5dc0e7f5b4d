/* Clientside callbacks of alliance-map (registered with ClientsideFunction in callbacks.py). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  alliance: {
    /* The MapLibre map plotly drew in the page's graph, or null before it has drawn one. */
    mapOf: function (gd) {
      var layout = gd && gd._fullLayout;
      var subplot = layout && layout.map && layout.map._subplot;
      return (subplot && subplot.map) || null;
    },

    /* When an online basemap fails (no network), reload on the built-in map, keeping the rest of
       the view (it is in the URL) and saying why: plotly cannot switch styles while the failing
       one keeps raising errors. */
    watchTiles: function (map) {
      map.on('error', function () {
        var gd = document.querySelector('#map .js-plotly-plot');
        var style = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map.style;
        if (typeof style !== 'string' || window.__allianceReloading) { return; }
        window.__allianceReloading = true;
        var params = new URLSearchParams(window.location.search);
        params.delete('basemap');
        var c = map.getCenter();  // the view as it is now, even if the address lags behind
        params.set('view', [c.lat.toFixed(4), c.lng.toFixed(4), map.getZoom().toFixed(2)].join(','));
        window.sessionStorage.setItem('alliance-map-tiles-failed', '1');
        var query = params.toString();
        window.location.replace(window.location.pathname + (query ? '?' + query : ''));
      });
    },

    /* Keep the address in step with the view state. A pan or zoom replaces the current history
       entry; any other change adds one, so Back and Forward step through meaningful states. */
    syncUrl: function (query) {
      var target = query || '';
      var current = window.location.search;
      if (target === current || (target === '?' && current === '')) { return; }
      var withoutView = function (q) {
        var p = new URLSearchParams(q);
        p.delete('view');
        return p.toString();
      };
      var url = window.location.pathname + (target === '?' ? '' : target);
      if (withoutView(target) === withoutView(current)) {
        window.history.replaceState(window.history.state, '', url);
      } else {
        window.history.pushState(null, '', url);
        // dcc.Location reports Back and Forward only to an address other than the one it last
        // knew: without this, Back to the page's first address would change nothing.
        // (all of it, or it would push its stale href back)
        window.dash_clientside.set_props('url', {search: window.location.search,
          href: window.location.href, pathname: window.location.pathname});
      }
    },

    /* The place id of a plotly click or hover event (its first point's customdata), if any. */
    placeOf: function (event) {
      var point = event && event.points && event.points[0];
      return point && point.customdata && point.customdata[0];
    },

    selectOnMap: function (click, measuring, measured) {
      var nothing = window.dash_clientside.no_update;
      var id = window.dash_clientside.alliance.placeOf(click);
      if (typeof id !== 'string') { return [nothing, nothing]; }
      if (Array.isArray(measuring) && measuring.indexOf('on') !== -1) {  // layout.MEASURING
        var ends = Array.isArray(measured) ? measured.slice() : [];
        ends = ends.length < 2 ? ends.concat([id]) : [id];
        return [nothing, ends.slice(-2)];
      }
      return [id, nothing];
    },

    /* The built-in basemap starts with coarse land; the first time the map is zoomed in close,
       fetch the detailed land, and once it is in, draw the coarse land only below that zoom. */
    basemapDetail: function (map) {
      var DETAIL_ZOOM = 6;
      var fetched = false;
      function check() {
        var source = map.getSource('land-detail');
        if (fetched || !source || map.getZoom() < DETAIL_ZOOM - 0.5) { return; }
        fetched = true;
        source.setData(new URL('basemap/land.geojson', document.baseURI).href);
      }
      map.on('sourcedata', function (e) {
        if (e.sourceId === 'land-detail' && fetched && map.isSourceLoaded('land-detail')) {
          ['land', 'coast'].forEach(function (id) {
            if (map.getLayer(id)) { map.setLayerZoomRange(id, 0, DETAIL_ZOOM); }
          });
        }
      });
      map.on('style.load', function () { fetched = false; check(); });
      map.on('zoomend', check);
      check();
    },

    /* A scale bar in the map's lower left: the longest round distance (1, 2 or 5 x 10^n m) that
       fits in 100 px, measured across the map's centre line, where Mercator's scale is that of
       the centre latitude; kept up to date as the map moves. */
    scaleBar: function (map) {
      var MAX_PX = 100;
      var bar = document.createElement('div');
      bar.className = 'map-scale';
      bar.setAttribute('role', 'img');
      map.getContainer().appendChild(bar);
      function update() {
        var y = map.getContainer().clientHeight / 2;
        var metres = map.unproject([0, y]).distanceTo(map.unproject([MAX_PX, y]));
        if (!(metres > 0)) { return; }
        var step = Math.pow(10, Math.floor(Math.log10(metres)));
        var round = [5, 2, 1].map(function (k) { return k * step; })
          .filter(function (d) { return d <= metres; })[0];
        var label = round >= 1000 ? (round / 1000) + ' km' : round + ' m';
        bar.style.width = Math.round(MAX_PX * round / metres) + 'px';
        bar.textContent = label;
        bar.setAttribute('aria-label', label);
        bar.dataset.metres = String(round);
      }
      map.on('move', update);
      map.on('resize', update);
      update();
    },

    /* On a narrow map MapLibre opens its attribution over most of the map's foot (on a phone,
       the Sakishima islands): fold it to its (i) button, as MapLibre itself does at the first
       drag. The page's foot, and the embed's, carry the same attribution. */
    foldAttribution: function (map) {
      var wasCompact = false;
      function fold() {  // each time the map turns narrow (MapLibre opens it again then)
        var attribution = map.getContainer().querySelector('.maplibregl-ctrl-attrib');
        var compact = !!attribution && attribution.classList.contains('maplibregl-compact');
        if (compact && !wasCompact) { attribution.classList.remove('maplibregl-compact-show'); }
        wasCompact = compact;
      }
      map.on('resize', fold);
      fold();
    },

    /* What each MapLibre map gets, once: the online-tile fallback, the detailed basemap, the
       scale bar and a folded attribution. */
    hookMap: function (map) {
      var hooks = window.dash_clientside.alliance;
      if (!map || map.__allianceHooked) { return; }
      map.__allianceHooked = true;
      hooks.watchTiles(map);
      hooks.basemapDetail(map);
      hooks.scaleBar(map);
      hooks.foldAttribution(map);
    },

    /* Japan from Yonaguni to Soya and Nemuro: what a page opened without a view shows. */
    HOME: [[122.9, 24.0], [146.0, 45.6]],

    /* A page opened without a view starts at the default zoom, which shows Japan on a laptop.
       On a map too small for that (a phone, an embed) it zooms out until all of Japan
       shows, and tells the app's state as a move by the reader would. A redraw that was under
       way then (a resize as the page settles) puts back the zoom it started with, so the move
       is made again after each drawing, until the reader touches the map or the app moves it. */
    fitDefaultView: function (gd) {
      var hooks = window.dash_clientside.alliance;
      var map = hooks.mapOf(gd);
      if (!map) { return; }
      if (gd.__allianceHome === undefined) {
        var params = new URLSearchParams(window.location.search);
        var camera = params.has('view') || params.has('select') ? null
          : map.cameraForBounds(hooks.HOME, {padding: 8});
        // (a full page on a laptop keeps the default unless much of Japan would be cut off)
        var slack = hooks.viewOf(window.location.search).embed ? 0.05 : 0.25;
        gd.__allianceHome = camera && camera.zoom < map.getZoom() - slack ? camera : null;
        hooks.onFirstTouch(map, function () { gd.__allianceHome = null; });
      }
      if (!gd.__allianceHome) { return; }  // nothing to fit, or no longer
      window.setTimeout(function () {  // after plotly has finished this drawing
        var home = gd.__allianceHome;
        if (!home || Math.abs(map.getZoom() - home.zoom) <= 0.01) { return; }
        map.jumpTo({center: home.center, zoom: home.zoom}, {originalEvent: 'fit'});
        hooks.reportView(map);  // (the graph may not be listening yet)
      }, 0);
    },

    /* Call `stop` the first time the reader touches the map (pointer, wheel, key or touch). */
    onFirstTouch: function (map, stop) {
      ['pointerdown', 'wheel', 'keydown', 'touchstart'].forEach(function (kind) {
        map.getContainer().addEventListener(kind, stop, {once: true, capture: true});
      });
    },

    /* Tell the app's state (and so the address) where the map is, as plotly reports a move by
       the reader: for the moves plotly does not report, the fit above and the app's own. */
    reportView: function (map) {
      var b = map.getBounds(), c = map.getCenter();
      window.dash_clientside.set_props('map', {relayoutData: {
        'map.center': {lon: c.lng, lat: c.lat},
        'map.zoom': map.getZoom(),
        'map._derived': {coordinates: [[b.getWest(), b.getNorth()], [b.getEast(), b.getNorth()],
          [b.getEast(), b.getSouth()], [b.getWest(), b.getSouth()]]}
      }});
    },

    /* A figure with a new focus revision moves the map to the place or view the app chose (a
       search, a link in a panel, rings switched on): once the map is there, report it, so that
       the address and a shared link show what the reader sees. */
    reportFocus: function (gd, figure) {
      var hooks = window.dash_clientside.alliance;
      var layout = (figure && figure.layout) || {};
      var revision = layout.uirevision, want = layout.map || {};
      if (typeof revision !== 'string' || revision.indexOf('focus-') !== 0) { return; }
      if (revision === gd.__allianceRevision || !want.center) { return; }
      gd.__allianceRevision = revision;
      var tries = 0;
      var check = function () {
        var map = hooks.mapOf(gd);
        if (gd.__allianceRevision !== revision || !map) { return; }  // moved on since
        var c = map.getCenter();
        if (Math.abs(map.getZoom() - want.zoom) < 0.01 && Math.abs(c.lng - want.center.lon) < 1e-4
            && Math.abs(c.lat - want.center.lat) < 1e-4) {
          hooks.reportView(map);
        } else if (++tries < 50) {  // plotly is still drawing: for five seconds at most
          window.setTimeout(check, 100);
        }
      };
      window.setTimeout(check, 0);
    },

    /* Once the graph has drawn: its map's hooks (again after any redraw, for a new map); panels
       fetched as the pointer rests on a place; layer toggles kept across redraws. (One callback:
       Dash keeps a single output-less clientside callback per input.) */
    mapHooks: function (figure) {
      var hooks = window.dash_clientside.alliance;
      var gd = document.querySelector('#map .js-plotly-plot');
      if (!hooks.mapOf(gd)) {  // the graph draws after the page starts: hook it once it has
        window.clearTimeout(hooks.hooksRetry);
        hooks.hooksTries = (hooks.hooksTries || 0) + 1;
        if (hooks.hooksTries <= 600) {  // for a minute at most (a browser without WebGL never draws)
          hooks.hooksRetry = window.setTimeout(function () { hooks.mapHooks(figure); }, 100);
        }
        return;
      }
      hooks.hooksTries = 0;
      hooks.hookMap(hooks.mapOf(gd));
      hooks.firstFigure = hooks.firstFigure || figure;
      if (figure !== hooks.firstFigure) {  // the app has moved on
        gd.__allianceHome = null;
        gd.__allianceReveal = false;
      }
      hooks.reportFocus(gd, figure);
      if (gd.__allianceHooks || typeof gd.on !== 'function') { return; }
      gd.__allianceHooks = true;
      gd.on('plotly_hover', function (event) {
        var id = hooks.placeOf(event);
        var view = hooks.viewOf(window.location.search);
        if (typeof id === 'string') { hooks.loadPanel(id, view.lang, view.embed).catch(function () {}); }
      });
      gd.on('plotly_afterplot', function () {
        hooks.hookMap(hooks.mapOf(gd));
        hooks.fitDefaultView(gd);
        hooks.revealOnOpen(gd);
        if (hooks.shownLayers) { hooks.applyLayers(gd, hooks.shownLayers); }
      });
    },

    /* Show or hide whole layers. A trace MapLibre already draws is hidden or shown by its style
       layers' visibility, which is immediate; its plotly trace is marked too, so hover, clicks
       and image export skip it. A trace plotly has not drawn (the page started with its layer
       off) needs plotly to draw it once. */
    applyLayers: function (gd, shown) {
      var map = window.dash_clientside.alliance.mapOf(gd);
      if (!map || !gd._fullData) { return; }
      var style = null;
      try { style = map.getStyle(); } catch (e) { style = null; }
      if (!style || !style.layers) {  // not drawn yet: plotly's first drawing applies them
        return;
      }
      var styleLayers = style.layers.map(function (l) { return l.id; });
      var redraw = [];
      gd._fullData.forEach(function (full, i) {
        // A layer's traces: uid <layer> and <layer>-inner (read from the trace as given: plotly
        // leaves most attributes out of a hidden trace's full data).
        var given = gd.data[i] || {};
        var layer = given.legendgroup;
        if (!layer || (given.uid !== layer && given.uid !== layer + '-inner')) { return; }
        var want = shown.indexOf(layer) !== -1;
        var prefix = 'plotly-trace-layer-' + given.uid + '-';
        var own = styleLayers.filter(function (id) { return id.indexOf(prefix) === 0; });
        if (!own.length) {
          if (want) { redraw.push(i); }
          return;
        }
        // plotly draws only some of a trace's style layers (fill, line, circle, symbol): hiding
        // keeps each one's visibility, showing puts it back.
        var kept = map.__allianceKept = map.__allianceKept || {};
        own.forEach(function (id) {
          var now = map.getLayoutProperty(id, 'visibility') || 'visible';
          if (!want && now !== 'none') {  // (again, after plotly redrew the trace)
            kept[id] = now;
            map.setLayoutProperty(id, 'visibility', 'none');
          } else if (!want && !(id in kept)) {
            kept[id] = now;
          } else if (want && id in kept) {
            if (kept[id] !== now) { map.setLayoutProperty(id, 'visibility', kept[id]); }
            delete kept[id];
          }
        });
        full.visible = want;
        gd.data[i].visible = want;
      });
      if (redraw.length) { Plotly.restyle(gd, {visible: true}, redraw); }
    },

    toggleLayers: function (values) {
      var hooks = window.dash_clientside.alliance;
      if (!Array.isArray(values)) { return; }
      hooks.shownLayers = values.filter(function (v) { return typeof v === 'string'; });
      var gd = document.querySelector('#map .js-plotly-plot');
      if (gd) { hooks.applyLayers(gd, hooks.shownLayers); }
    },

    /* What the browser needs of a view state's query string: language, page kind, the place
       the page was built with, range rings on or off. */
    viewOf: function (query) {
      var params = new URLSearchParams(query || '');
      var embed = params.get('embed');
      return {
        lang: params.get('lang') === 'ja' ? 'ja' : 'en',
        embed: embed === '1' || embed === 'true',
        select: params.get('select'),
        rings: !!params.get('rings')
      };
    },

    /* A panel's components (see dashboard/panel_files.py), fetched once per visit. */
    loadPanel: function (id, lang, embed) {
      var hooks = window.dash_clientside.alliance;
      hooks.panels = hooks.panels || {};
      var name = typeof id === 'string' && /^[a-z0-9-]+$/.test(id) ? id : '_overview';
      var path = 'panels/' + lang + '/' + (embed ? 'embed' : 'page') + '/' + name + '.json';
      if (!hooks.panels[path]) {
        hooks.panels[path] = fetch(new URL(path, document.baseURI).href).then(function (r) {
          if (!r.ok) { throw new Error('panel ' + r.status); }
          return r.json();
        });
        hooks.panels[path].catch(function () { delete hooks.panels[path]; });
      }
      return hooks.panels[path];
    },

    /* Where a place is on the map: its point in the figure's data, or null if not there. */
    positionOf: function (gd, id) {
      var data = (gd && gd.data) || [];
      for (var t = 1; t < data.length; t++) {  // (0 is the halo itself)
        var custom = data[t].customdata;
        if (!Array.isArray(custom)) { continue; }
        for (var i = 0; i < custom.length; i++) {
          if (custom[i] && custom[i][0] === id) { return [data[t].lon[i], data[t].lat[i]]; }
        }
      }
      return null;
    },

    /* Move the halo to the selected place: a patch of the figure's first trace. A place the
       figure does not hold, or range rings (computed on the server), go to the server. */
    highlightOnMap: function (selected, query) {
      var hooks = window.dash_clientside.alliance;
      var nothing = window.dash_clientside.no_update;
      var view = hooks.viewOf(query);
      var id = typeof selected === 'string' ? selected : null;
      if (id === view.select) { return [nothing, nothing]; }  // the page was built with it
      var gd = document.querySelector('#map .js-plotly-plot');
      var at = id && gd ? hooks.positionOf(gd, id) : null;
      if (view.rings || (id && !at)) { return [nothing, {id: id}]; }
      var assign = function (key, value) {
        return {operation: 'Assign', location: ['data', 0, key], params: {value: value}};
      };
      var patch = {
        __dash_patch_update: '__dash_patch_update',
        operations: [assign('lon', at ? [at[0]] : []), assign('lat', at ? [at[1]] : [])]
      };
      if (view.embed && at) {  // once plotly has drawn the moved halo (a redraw ends a pan)
        var done = false;
        var reveal = function () {
          if (!done) { done = true; hooks.revealBesidePanel(gd, at); }
        };
        if (typeof gd.once === 'function') { gd.once('plotly_afterplot', reveal); }
        window.setTimeout(reveal, 1500);
      }
      // After the panel: plotly's redraw of the map would hold the panel back.
      return new Promise(function (resolve) {
        window.setTimeout(function () { resolve([patch, nothing]); }, 0);
      });
    },

    /* In an embed the panel floats over the map: once it shows, pan the map so that the
       selected place is not hidden under it (to the middle of the part left uncovered). */
    revealBesidePanel: function (gd, lonlat, centre) {
      var map = window.dash_clientside.alliance.mapOf(gd);
      var panel = document.getElementById('info-panel');
      if (!map || !panel) { return; }
      var frames = 0;
      var attempt = function () {
        var box = panel.getBoundingClientRect();
        if (!box.width || !box.height) {  // not shown yet
          if (++frames < 120) { window.requestAnimationFrame(attempt); }
          return;
        }
        var area = map.getContainer().getBoundingClientRect();
        var p = map.project(lonlat);
        var x = area.left + p.x, y = area.top + p.y, pad = 24;
        var clear = x < box.left - pad || x > box.right + pad || y < box.top - pad
          || y > box.bottom + pad;
        if (clear && !centre) { return; }  // already in sight
        var beside = box.left - area.left > area.bottom - box.bottom;  // a column on the right
        var tx = beside ? (area.left + box.left) / 2 : x;
        var ty = beside ? y : (area.top + box.top) / 2;
        if (Math.abs(x - tx) < 1 && Math.abs(y - ty) < 1) { return; }  // there already
        map.panBy([x - tx, y - ty], {duration: centre ? 0 : 300});
      };
      window.requestAnimationFrame(attempt);
    },

    /* An embed opened on a place without a view of its own (?embed=1&select=...) shows the
       place in the middle of the map beside its panel, not at the panel's edge or under it. */
    revealOnOpen: function (gd) {
      var hooks = window.dash_clientside.alliance;
      var view = hooks.viewOf(window.location.search);
      if (gd.__allianceReveal === undefined) {
        var own = new URLSearchParams(window.location.search).has('view');
        gd.__allianceReveal = view.embed && !!view.select && !own;
        // As with the fit above, redraws as the page settles undo the move: it is made again
        // after each drawing until the reader touches the map or the app moves it.
        hooks.onFirstTouch(hooks.mapOf(gd), function () { gd.__allianceReveal = false; });
      }
      if (!gd.__allianceReveal) { return; }
      window.setTimeout(function () {  // after plotly has finished this drawing
        var at = gd.__allianceReveal && hooks.positionOf(gd, view.select);
        if (at) { hooks.revealBesidePanel(gd, at, true); }
      }, 0);
    },

    /* The info panel of the selected place (or the overview), rendered here from its JSON. */
    showPanel: function (selected, query) {
      var hooks = window.dash_clientside.alliance;
      var nothing = window.dash_clientside.no_update;
      var view = hooks.viewOf(query);
      var id = typeof selected === 'string' ? selected : null;
      if (id === view.select) { return nothing; }  // the page was built showing it
      return hooks.loadPanel(id, view.lang, view.embed).catch(function () { return nothing; });
    },

    /* The notice that an online basemap failed: shown (not hidden) after such a reload. */
    tileNotice: function () {
      var failed = window.sessionStorage.getItem('alliance-map-tiles-failed');
      window.sessionStorage.removeItem('alliance-map-tiles-failed');
      return failed !== '1';
    },

    noticeClose: function (clicks) {
      return clicks ? true : window.dash_clientside.no_update;
    },

    /* Close the share dialog, and stop its preview (a second map). */
    shareClose: function (clicks) {
      var nothing = window.dash_clientside.no_update;
      if (!clicks) { return [nothing, nothing]; }
      var opener = document.getElementById('share-open');
      if (opener) { window.setTimeout(function () { opener.focus(); }, 0); }
      return [true, 'about:blank'];
    },

    /* Once: Escape closes the share dialog; on opening, focus goes to its link. */
    shareKeys: function () {
      window.setTimeout(function () {
        var link = document.getElementById('share-link');
        if (link) { link.focus(); link.select(); }
      }, 0);
      if (window.__allianceShareKeys) { return; }
      window.__allianceShareKeys = true;
      document.addEventListener('keydown', function (event) {
        var dialog = document.getElementById('share-modal');
        if (event.key === 'Escape' && dialog && !dialog.hidden) {
          document.getElementById('share-close').click();
        }
      });
    },

    /* The share dialog: the address of the current view and an <iframe> of its embed view,
       built in the browser, which knows the address the user reached the app by. */
    share: function (opened, query, width, height, hidden) {
      var nothing = window.dash_clientside.no_update;
      var trigger = window.dash_clientside.callback_context.triggered_id;
      var opening = trigger === 'share-open';
      if (!opening && hidden !== false) { return [nothing, nothing, nothing, nothing, nothing]; }
      if (opening) { window.dash_clientside.alliance.shareKeys(); }
      var clamp = function (value, low, high, fallback) {
        var n = parseInt(value, 10);
        return isNaN(n) ? fallback : Math.min(high, Math.max(low, n));
      };
      var w = clamp(width, 200, 3840, 800);
      var h = clamp(height, 200, 2160, 500);
      var base = window.location.origin + window.location.pathname;
      var q = (query || '').replace(/^\?/, '');
      var link = base + (q ? '?' + q : '');
      var embed = base + '?' + (q ? q + '&' : '') + 'embed=1';
      var attr = embed.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
      var snippet = '<iframe src="' + attr + '" width="' + w + '" height="' + h +
        '" style="border:0" loading="lazy" title="U.S.-Japan alliance map"></iframe>';
      var scale = Math.min(1, 720 / w);
      var style = {
        width: w + 'px', height: h + 'px', border: '1px solid #d0d7de',
        transform: 'scale(' + scale + ')', transformOrigin: '0 0',
        marginBottom: (h * (scale - 1)) + 'px'
      };
      return [opening ? false : nothing, link, snippet, embed, style];
    }
  }
});
