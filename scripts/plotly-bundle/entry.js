// plotly.js with only the trace type the dashboard draws (scattermap, on MapLibre).
var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/scattermap')]);

module.exports = Plotly;
