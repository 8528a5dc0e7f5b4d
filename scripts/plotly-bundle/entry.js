// plotly.js core with only what the dashboard's map uses: the scattermap trace, hover, the
// legend (with the shapes it reads defaults from), colour scales and the mode bar.
exports.version = require('plotly.js/src/version').version;
require('native-promise-only');
require('plotly.js/build/plotcss');
var Registry = require('plotly.js/src/registry');
var register = exports.register = Registry.register;
var plotApi = require('plotly.js/src/plot_api');
Object.keys(plotApi).forEach(function (name) {
  if (name.charAt(0) !== '_') { exports[name] = plotApi[name]; }
  register({moduleType: 'apiMethod', name: name, fn: plotApi[name]});
});
register(require('plotly.js/src/traces/scatter'));
register([
  require('plotly.js/src/components/shapes'),
  require('plotly.js/src/components/colorscale'),
  require('plotly.js/src/components/colorbar'),
  require('plotly.js/src/components/legend'),
  require('plotly.js/src/components/fx'),
  require('plotly.js/src/components/modebar')
]);
register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);
exports.Icons = require('plotly.js/src/fonts/ploticon');
var Fx = require('plotly.js/src/components/fx');
var Plots = require('plotly.js/src/plots/plots');
exports.Plots = {resize: Plots.resize, graphJson: Plots.graphJson};
exports.Fx = {hover: Fx.hover, unhover: Fx.unhover, loneHover: Fx.loneHover, loneUnhover: Fx.loneUnhover};
exports.Snapshot = require('plotly.js/src/snapshot');
exports.PlotSchema = require('plotly.js/src/plot_api/plot_schema');
register([require('plotly.js/lib/scattermap')]);
