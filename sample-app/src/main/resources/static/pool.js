// Polls /actuator/pool once a second and plots the first pool's size, active connections, pending callers and
// recommended size. Every sample keeps the response it was read from, so what is plotted can be checked against it:
// window.poolPilot.samples[i].response is the parsed /actuator/pool body, and each polyline's data-values attribute
// lists the values it plots, oldest first.
(function () {
	'use strict';

	var WINDOW = 120;
	var SERIES = ['total', 'active', 'pending', 'recommended', 'max'];
	var WIDTH = 800;
	var HEIGHT = 240;
	var PAD = 28;
	var samples = [];
	var pool = null;
	window.poolPilot = { samples: samples, polls: 0 };

	function valueOf(series, summary) {
		if (series === 'recommended') {
			return summary.recommendedSize;
		}
		return summary.state[series];
	}

	function text(id, value) {
		document.getElementById(id).textContent = (value === null || value === undefined) ? '–' : String(value);
	}

	function getJson(url) {
		return fetch(url, { headers: { Accept: 'application/json' } }).then(function (response) {
			if (!response.ok) {
				throw new Error(url + ' answered ' + response.status);
			}
			return response.json();
		});
	}

	function draw() {
		var svg = document.getElementById('chart');
		var top = 1;
		samples.forEach(function (sample) {
			SERIES.forEach(function (series) {
				var value = sample.values[series];
				if (typeof value === 'number' && value > top) {
					top = value;
				}
			});
		});
		top = Math.ceil(top * 1.1);
		var x = function (i) { return PAD + (WIDTH - 2 * PAD) * (i + WINDOW - samples.length) / (WINDOW - 1); };
		var y = function (v) { return HEIGHT - PAD - (HEIGHT - 2 * PAD) * v / top; };
		var parts = ['<line class="axis" x1="' + PAD + '" y1="' + y(0) + '" x2="' + (WIDTH - PAD) + '" y2="' + y(0) + '"/>',
			'<line class="axis" x1="' + PAD + '" y1="' + y(top) + '" x2="' + (WIDTH - PAD) + '" y2="' + y(top) + '"/>',
			'<text x="4" y="' + (y(0) + 4) + '">0</text>', '<text x="4" y="' + (y(top) + 4) + '">' + top + '</text>'];
		SERIES.forEach(function (series) {
			var points = [];
			var values = [];
			samples.forEach(function (sample, i) {
				var value = sample.values[series];
				values.push(typeof value === 'number' ? value : '');
				if (typeof value === 'number') {
					points.push(x(i).toFixed(1) + ',' + y(value).toFixed(1));
				}
			});
			parts.push('<polyline class="' + series + '" data-series="' + series + '" data-values="' + values.join(',')
				+ '" points="' + points.join(' ') + '"/>');
		});
		svg.innerHTML = parts.join('');
	}

	// a Duration arrives as seconds (1.84) or as ISO-8601 text (PT1.84S), depending on the JSON mapper
	function millis(duration) {
		if (typeof duration === 'number') {
			return Math.round(duration * 1000);
		}
		var match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(String(duration));
		if (!match) {
			return null;
		}
		return Math.round(((+(match[1] || 0)) * 3600 + (+(match[2] || 0)) * 60 + (+(match[3] || 0))) * 1000);
	}

	function showDetail(detail) {
		var body = document.querySelector('#holders tbody');
		body.textContent = '';
		(detail.holders || []).forEach(function (holder) {
			var row = document.createElement('tr');
			[holder.thread, holder.heldMillis + ' ms', holder.transaction || '', holder.frame || ''].forEach(function (cell) {
				var td = document.createElement('td');
				td.textContent = cell;
				row.appendChild(td);
			});
			body.appendChild(row);
		});
		var guard = detail.guard || {};
		text('violation-count', guard.violations || 0);
		var list = document.getElementById('findings');
		list.textContent = '';
		(guard.recent || []).slice(-5).reverse().forEach(function (violation) {
			var item = document.createElement('li');
			item.className = 'finding';
			item.textContent = violation.transaction + ' held a connection across ' + violation.call.target + ' (held '
				+ millis(violation.held) + ' ms'
				+ (violation.callSite ? ', at ' + violation.callSite : '') + ')';
			list.appendChild(item);
		});
	}

	function poll() {
		getJson('actuator/pool').then(function (response) {
			var summary = response.pools[0];
			if (!summary) {
				return null;
			}
			pool = summary.name;
			text('pool-name', pool);
			var values = {};
			SERIES.forEach(function (series) { values[series] = valueOf(series, summary); });
			samples.push({ time: Date.now(), response: response, values: values });
			if (samples.length > WINDOW) {
				samples.shift();
			}
			window.poolPilot.polls++;
			text('now-total', values.total);
			text('now-active', values.active);
			text('now-pending', values.pending);
			text('now-recommended', values.recommended);
			text('now-max', values.max);
			draw();
			return getJson('actuator/pool/' + encodeURIComponent(pool)).then(showDetail);
		}).catch(function (error) {
			text('outcome', 'Could not read the pool: ' + error.message);
		}).finally(function () {
			setTimeout(poll, 1000);
		});
	}

	function fire(fix) {
		var buttons = document.querySelectorAll('.controls button');
		buttons.forEach(function (button) { button.disabled = true; });
		text('outcome', (fix ? 'Fixed' : 'Incident') + ' volley running…');
		fetch('incident?builds=10&fix=' + fix, { method: 'POST' }).then(function (response) {
			return response.json();
		}).then(function (outcome) {
			text('outcome', outcome.variant + ': ' + outcome.succeeded + ' of ' + outcome.builds + ' builds succeeded, '
				+ outcome.failed + ' failed, in ' + outcome.elapsedMillis + ' ms');
		}).catch(function (error) {
			text('outcome', 'The volley failed: ' + error.message);
		}).finally(function () {
			buttons.forEach(function (button) { button.disabled = false; });
		});
	}

	document.getElementById('fire-incident').addEventListener('click', function () { fire(false); });
	document.getElementById('fire-fixed').addEventListener('click', function () { fire(true); });
	poll();
}());
