// gol trace page: draws the embedded trace (page.rs documents the data layout) on a canvas.
// Lanes: one per worker (P: which goroutine runs when), then one per goroutine (running,
// runnable, blocked coloured by wait reason); arrows from a channel send to the receive it
// handed off to; GC pauses as bands across every lane. Only what is visible is drawn, and at
// most one rectangle per pixel column per lane, so a million events stay responsive.
// window.golTrace is the self-test hook (tests/trace_page.py reads #selftest).
(function () {
  'use strict';
  const errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); report(); });
  const D = JSON.parse(document.getElementById('trace-data').textContent);
  const S = D.strs, R = D.reasons;
  const canvas = document.getElementById('tl');
  const ctx = canvas.getContext('2d');
  const tip = document.getElementById('tip');
  const AXIS = 22, PH = 20, GH = 14, LABEL = 150;

  // ---- indexes ----
  const gs = D.gs;                      // [id, func, created_at, parent, start, end]
  const gIndex = new Map();             // goroutine id -> index in gs
  gs.forEach(function (g, i) { gIndex.set(g[0], i); });
  const SEG = 6, SL = 4, AR = 5;
  const segFrom = new Int32Array(gs.length + 1);
  (function () {
    const segs = D.segs, n = segs.length / SEG;
    let i = 0;
    for (let g = 0; g < gs.length; g++) {
      segFrom[g] = i;
      while (i < n && segs[i * SEG] === g) i++;
    }
    segFrom[gs.length] = n;
  })();
  const W = D.workers;
  const sliceFrom = new Int32Array(W + 1);
  (function () {
    const sl = D.slices, n = sl.length / SL;
    let i = 0;
    for (let w = 0; w < W; w++) {
      sliceFrom[w] = i;
      while (i < n && sl[i * SL] === w) i++;
    }
    sliceFrom[W] = n;
  })();
  // Lanes: workers, then goroutines in creation order.
  const lanes = [];
  for (let w = 0; w < W; w++) lanes.push({ kind: 'P', w: w, h: PH });
  for (let g = 0; g < gs.length; g++) lanes.push({ kind: 'G', g: g, h: GH });
  let y = AXIS;
  lanes.forEach(function (l) { l.y = y; y += l.h + 1; });
  const lanesHeight = y;
  function laneOfG(id) { const i = gIndex.get(id); return i === undefined ? null : lanes[W + i]; }

  // ---- colours ----
  const REASON_COLORS = {
    'chan send': '#7e57c2', 'chan receive': '#1e88e5', 'chan send (nil chan)': '#4a148c',
    'chan receive (nil chan)': '#0d47a1', 'select': '#00897b', 'select (no cases)': '#004d40',
    'sleep': '#9e9e9e', 'sync.WaitGroup.Wait': '#fb8c00', 'sync.Mutex.Lock': '#e53935',
    'sync.Cond.Wait': '#8d6e63', 'synctest.Wait': '#bdbdbd', 'synctest.Run': '#bdbdbd'
  };
  function stateColor(st) {
    if (st === 0) return '#43a047';
    if (st === 1) return '#dce775';
    return REASON_COLORS[R[st - 2]] || '#90a4ae';
  }
  function stateName(st) { return st === 0 ? 'running' : st === 1 ? 'runnable' : 'blocked: ' + (R[st - 2] || '?'); }
  function gColor(id) {
    const h = (id * 137.508) % 360;
    return 'hsl(' + h.toFixed(0) + ',55%,55%)';
  }
  function fmt(ns) {
    if (ns >= 1e9) return (ns / 1e9).toFixed(3) + 's';
    if (ns >= 1e6) return (ns / 1e6).toFixed(3) + 'ms';
    if (ns >= 1e3) return (ns / 1e3).toFixed(1) + 'µs';
    return Math.round(ns) + 'ns';
  }
  function gName(id) {
    const i = gIndex.get(id);
    return 'G' + id + (i === undefined ? '' : ' ' + S[gs[i][1]]);
  }

  // ---- view ----
  const dur = Math.max(D.duration, 1);
  const view = { t0: 0, t1: dur * 1.02, top: 0 };
  let width = 0, height = 0, selected = null, highlight = -1;
  function px(t) { return LABEL + (t - view.t0) / (view.t1 - view.t0) * (width - LABEL); }
  function tAt(x) { return view.t0 + (x - LABEL) / (width - LABEL) * (view.t1 - view.t0); }
  function resize() {
    const r = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    width = Math.max(r.width, 300); height = Math.max(r.height, 100);
    canvas.width = Math.round(width * dpr); canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }
  // First index in [lo, hi) of records (stride k, time fields at +s/+e) whose end >= t.
  function firstEnding(arr, k, eOff, lo, hi, t) {
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (arr[m * k + eOff] < t) lo = m + 1; else hi = m;
    }
    return lo;
  }
  const stats = { rects: 0, arrows: 0, lanes: 0, ms: 0 };

  function drawLane(l, yy) {
    const x0 = LABEL;
    let last = x0, drawn = 0;
    if (l.kind === 'P') {
      const sl = D.slices, from = sliceFrom[l.w], to = sliceFrom[l.w + 1];
      for (let i = firstEnding(sl, SL, 3, from, to, view.t0); i < to; i++) {
        const s = sl[i * SL + 2], e = sl[i * SL + 3];
        if (s > view.t1) break;
        // Whole pixel columns; a column already drawn is skipped (at most one rect per column).
        const a = Math.max(Math.floor(px(s)), x0, last), b = Math.min(Math.ceil(px(e)), width);
        if (b <= a) continue;
        ctx.fillStyle = gColor(sl[i * SL + 1]);
        ctx.fillRect(a, yy, b - a, l.h);
        last = b;
        drawn++;
        if (b - a > 30) {
          ctx.fillStyle = '#fff'; ctx.font = '11px system-ui, sans-serif';
          ctx.save(); ctx.beginPath(); ctx.rect(a, yy, b - a, l.h); ctx.clip();
          ctx.fillText(gName(sl[i * SL + 1]), a + 3, yy + l.h - 6); ctx.restore();
        }
      }
    } else {
      const sg = D.segs, from = segFrom[l.g], to = segFrom[l.g + 1];
      for (let i = firstEnding(sg, SEG, 2, from, to, view.t0); i < to; i++) {
        const s = sg[i * SEG + 1], e = sg[i * SEG + 2];
        if (s > view.t1) break;
        const a = Math.max(Math.floor(px(s)), x0, last), b = Math.min(Math.ceil(px(e)), width);
        if (b <= a) continue;
        const st = sg[i * SEG + 3];
        ctx.fillStyle = stateColor(st);
        const hh = st === 1 ? l.h / 2 : l.h;            // runnable: a thinner bar
        ctx.fillRect(a, yy + (l.h - hh), b - a, hh);
        last = b;
        drawn++;
      }
    }
    stats.rects += drawn;
  }

  function draw() {
    const began = performance.now();
    stats.rects = 0; stats.arrows = 0; stats.lanes = 0;
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, width, height);
    // GC pauses: bands across every lane.
    const gc = D.gc;
    ctx.fillStyle = 'rgba(244,67,54,0.18)';
    for (let i = 0; i < gc.length; i += 2) {
      if (gc[i + 1] < view.t0 || gc[i] > view.t1) continue;
      const a = Math.max(px(gc[i]), LABEL), b = px(gc[i + 1]);
      ctx.fillRect(a, AXIS, Math.max(b - a, 2), height - AXIS);
    }
    // Lanes.
    ctx.font = '11px system-ui, sans-serif';
    for (let i = 0; i < lanes.length; i++) {
      const l = lanes[i], yy = l.y - view.top;
      if (yy + l.h < AXIS || yy > height) continue;
      stats.lanes++;
      if (i === highlight) { ctx.fillStyle = '#fff59d'; ctx.fillRect(0, yy - 1, width, l.h + 2); }
      else if (l.kind === 'P') { ctx.fillStyle = '#eceff1'; ctx.fillRect(LABEL, yy, width - LABEL, l.h); }
      drawLane(l, yy);
      ctx.fillStyle = '#37474f';
      const label = l.kind === 'P' ? 'P' + l.w : gName(gs[l.g][0]);
      ctx.save(); ctx.beginPath(); ctx.rect(0, yy, LABEL - 4, l.h); ctx.clip();
      ctx.fillText(label, 4, yy + l.h - 3); ctx.restore();
    }
    // Arrows: send -> receive.
    const ar = D.arrows;
    ctx.strokeStyle = 'rgba(0,0,0,0.55)'; ctx.fillStyle = 'rgba(0,0,0,0.55)'; ctx.lineWidth = 1;
    const maxArrows = 4000;
    for (let i = 0; i < ar.length && stats.arrows < maxArrows; i += AR) {
      const t0 = ar[i + 1], t1 = ar[i + 3];
      if (t1 < view.t0 || t0 > view.t1) continue;
      const lf = laneOfG(ar[i]), lt = laneOfG(ar[i + 2]);
      if (!lf || !lt) continue;
      const x0 = px(t0), x1 = px(t1);
      const y0 = lf.y - view.top + lf.h / 2, y1 = lt.y - view.top + lt.h / 2;
      if (Math.max(y0, y1) < AXIS || Math.min(y0, y1) > height) continue;
      ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.stroke();
      const ang = Math.atan2(y1 - y0, x1 - x0);
      ctx.beginPath(); ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - 6 * Math.cos(ang - 0.4), y1 - 6 * Math.sin(ang - 0.4));
      ctx.lineTo(x1 - 6 * Math.cos(ang + 0.4), y1 - 6 * Math.sin(ang + 0.4));
      ctx.fill();
      stats.arrows++;
    }
    // Time axis.
    ctx.fillStyle = '#fafafa'; ctx.fillRect(0, 0, width, AXIS);
    ctx.fillStyle = '#546e7a'; ctx.strokeStyle = '#cfd8dc';
    const span = view.t1 - view.t0;
    let step = Math.pow(10, Math.floor(Math.log10(span / 8)));
    if (span / step > 16) step *= 5; else if (span / step > 8) step *= 2;
    for (let t = Math.ceil(view.t0 / step) * step; t <= view.t1; t += step) {
      const x = px(t);
      if (x < LABEL) continue;
      ctx.beginPath(); ctx.moveTo(x, AXIS - 5); ctx.lineTo(x, AXIS); ctx.stroke();
      ctx.fillText(fmt(t), x + 2, AXIS - 8);
    }
    ctx.beginPath(); ctx.moveTo(0, AXIS - 0.5); ctx.lineTo(width, AXIS - 0.5); ctx.stroke();
    stats.ms = performance.now() - began;
  }

  // ---- hit testing ----
  function hit(x, yy) {
    if (x < LABEL || yy < AXIS) return null;
    const y = yy + view.top;
    const l = lanes.find(function (l) { return y >= l.y && y < l.y + l.h + 1; });
    if (!l) return null;
    const t = tAt(x), slack = (view.t1 - view.t0) / (width - LABEL) * 2;
    if (l.kind === 'P') {
      const sl = D.slices, from = sliceFrom[l.w], to = sliceFrom[l.w + 1];
      const i = firstEnding(sl, SL, 3, from, to, t - slack);
      if (i < to && sl[i * SL + 2] <= t + slack) {
        return { kind: 'slice', w: l.w, g: sl[i * SL + 1], s: sl[i * SL + 2], e: sl[i * SL + 3] };
      }
      return { kind: 'lane', lane: l };
    }
    const sg = D.segs, from = segFrom[l.g], to = segFrom[l.g + 1];
    const i = firstEnding(sg, SEG, 2, from, to, t - slack);
    if (i < to && sg[i * SEG + 1] <= t + slack) {
      return { kind: 'seg', g: gs[l.g][0], s: sg[i * SEG + 1], e: sg[i * SEG + 2], st: sg[i * SEG + 3],
        pos: S[sg[i * SEG + 4]], chan: sg[i * SEG + 5] };
    }
    return { kind: 'glane', g: gs[l.g][0] };
  }
  function gInfo(id) {
    const i = gIndex.get(id);
    if (i === undefined) return 'goroutine ' + id;
    const g = gs[i];
    let s = 'goroutine ' + id + ' — ' + S[g[1]];
    if (g[2] && S[g[2]]) s += '\ncreated at ' + S[g[2]] + (g[3] ? ' by goroutine ' + g[3] : '');
    s += '\nlived ' + fmt(g[4]) + ' – ' + (g[5] < 0 ? 'end (still alive)' : fmt(g[5]));
    return s;
  }
  function describe(h) {
    if (!h) return '';
    if (h.kind === 'slice') return gInfo(h.g) + '\nran on P' + h.w + ' ' + fmt(h.s) + ' – ' + fmt(h.e) + ' (' + fmt(h.e - h.s) + ')';
    if (h.kind === 'seg') {
      let s = gInfo(h.g) + '\n' + stateName(h.st) + ' ' + fmt(h.s) + ' – ' + fmt(h.e) + ' (' + fmt(h.e - h.s) + ')';
      if (h.st >= 2 && h.pos) s += '\nblocked at ' + h.pos;
      if (h.chan > 0) s += '\non ' + D.chanNames[h.chan - 1];
      const p = partners(h);
      if (p) s += '\n' + p;
      return s;
    }
    if (h.kind === 'glane') return gInfo(h.g);
    if (h.kind === 'lane') return 'worker P' + h.lane.w;
    return '';
  }
  // The channel partners around a segment's end (who woke it) or start (whom it fed).
  function partners(h) {
    const ar = D.arrows, out = [];
    for (let i = 0; i < ar.length && out.length < 4; i += AR) {
      if (ar[i + 2] === h.g && ar[i + 3] >= h.s && ar[i + 3] <= h.e + 1) {
        out.push('received from ' + gName(ar[i]) + (ar[i + 4] ? ' on ' + D.chanNames[ar[i + 4] - 1] : ''));
      } else if (ar[i] === h.g && ar[i + 1] >= h.s && ar[i + 1] <= h.e + 1) {
        out.push('sent to ' + gName(ar[i + 2]) + (ar[i + 4] ? ' on ' + D.chanNames[ar[i + 4] - 1] : ''));
      }
    }
    return out.join('\n');
  }

  // ---- interaction ----
  let drag = null;
  canvas.addEventListener('mousedown', function (e) { drag = { x: e.offsetX, y: e.offsetY, t0: view.t0, t1: view.t1, top: view.top, moved: false }; });
  window.addEventListener('mouseup', function (e) {
    if (drag && !drag.moved && e.target === canvas) {
      selected = hit(e.offsetX, e.offsetY);
      document.getElementById('details').textContent = describe(selected) || 'Nothing here.';
    }
    drag = null;
  });
  canvas.addEventListener('mousemove', function (e) {
    if (drag) {
      const dx = e.offsetX - drag.x, dy = e.offsetY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
      const dt = dx / (width - LABEL) * (drag.t1 - drag.t0);
      view.t0 = drag.t0 - dt; view.t1 = drag.t1 - dt;
      view.top = clampTop(drag.top - dy);
      tip.style.display = 'none';
      schedule();
      return;
    }
    const h = hit(e.offsetX, e.offsetY), text = describe(h);
    if (text) {
      tip.textContent = text; tip.style.display = 'block';
      tip.style.left = Math.min(e.offsetX + 12, width - 320) + 'px'; tip.style.top = (e.offsetY + 12) + 'px';
    } else tip.style.display = 'none';
  });
  canvas.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
  function clampTop(t) { return Math.max(0, Math.min(t, Math.max(0, lanesHeight - height + 20))); }
  function zoom(f, x) {
    const t = tAt(x === undefined ? (LABEL + width) / 2 : Math.max(x, LABEL));
    const span = Math.max((view.t1 - view.t0) * f, 50);
    const r = (t - view.t0) / (view.t1 - view.t0);
    view.t0 = t - r * span; view.t1 = view.t0 + span;
    schedule();
  }
  function pan(f) { const d = (view.t1 - view.t0) * f; view.t0 += d; view.t1 += d; schedule(); }
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    if (e.shiftKey) { view.top = clampTop(view.top + e.deltaY); schedule(); return; }
    zoom(Math.pow(1.0015, e.deltaY), e.offsetX);
  }, { passive: false });
  window.addEventListener('keydown', function (e) {
    const k = e.key.toLowerCase();
    if (k === 'w') zoom(0.8); else if (k === 's') zoom(1.25);
    else if (k === 'a') pan(-0.15); else if (k === 'd') pan(0.15);
    else if (k === 'arrowdown') { view.top = clampTop(view.top + 40); schedule(); }
    else if (k === 'arrowup') { view.top = clampTop(view.top - 40); schedule(); }
    else if (k === '0') { view.t0 = 0; view.t1 = dur * 1.02; view.top = 0; schedule(); }
  });
  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; draw(); });
  }
  window.addEventListener('resize', function () { resize(); view.top = clampTop(view.top); draw(); });
  // Shows goroutine `id`'s lane (summary links).
  function focusG(id) {
    const i = gIndex.get(id);
    if (i === undefined) return;
    highlight = W + i;
    view.top = clampTop(lanes[W + i].y - AXIS - 40);
    document.getElementById('details').textContent = gInfo(id);
    draw();
  }

  // ---- summary table ----
  const sm = D.summary;
  function summary() {
    const box = document.getElementById('summary');
    const t = document.createElement('table');
    function row(k, v, cls) {
      const tr = t.insertRow(), th = document.createElement('th');
      th.textContent = k; tr.appendChild(th);
      const td = tr.insertCell();
      if (v instanceof Node) td.appendChild(v); else td.textContent = v;
      if (cls) td.className = cls;
      tr.dataset.key = k;
      return tr;
    }
    row('events', String(sm.events) + ' over ' + fmt(D.duration));
    row('goroutines', sm.created + ' created, ' + sm.maxAlive + ' max alive');
    row('workers (P)', W + ', ' + sm.steals + ' steals');
    const bl = [];
    sm.blocked.forEach(function (ns, r) { if (ns > 0) bl.push([ns, r]); });
    bl.sort(function (a, b) { return b[0] - a[0]; });
    if (bl.length) {
      const span = document.createElement('span');
      bl.forEach(function (b, i) {
        const sw = document.createElement('span'); sw.className = 'sw'; sw.style.background = stateColor(b[1] + 2);
        span.appendChild(sw);
        span.appendChild(document.createTextNode(R[b[1]] + ' ' + fmt(b[0]) + (i + 1 < bl.length ? ', ' : '')));
      });
      row('time blocked', span);
    }
    const ch = [];
    D.chans.forEach(function (c, i) { if (c[2] > 0) ch.push(i); });
    ch.sort(function (a, b) { return D.chans[b][2] - D.chans[a][2]; });
    ch.slice(0, 12).forEach(function (i) {
      const c = D.chans[i];
      row('channel', D.chanNames[i] + ' (cap ' + c[1] + '): ' + c[2] + ' messages' + (c[4] ? ', closed' : ''));
    });
    if (ch.length > 12) row('channels', '+' + (ch.length - 12) + ' more');
    row('GC', sm.gcs + ' collections, ' + fmt(sm.gcPause) + ' paused (max ' + fmt(sm.gcMax) + ')');
    const endText = { normal: 'main returned', panic: 'panic', deadlock: 'fatal error: all goroutines are asleep - deadlock!', exit: 'os.Exit' }[sm.end];
    row('end', endText + ' (exit status ' + sm.exit + ')', sm.end === 'deadlock' || sm.end === 'panic' ? 'bad' : '');
    for (let i = 0; i < sm.leaked.length; i += 3) {
      const id = sm.leaked[i], a = document.createElement('a');
      a.textContent = 'goroutine ' + id + ' [' + R[sm.leaked[i + 1]] + '] ' + S[sm.leaked[i + 2]];
      a.dataset.g = id;
      a.addEventListener('click', function () { focusG(id); });
      row(sm.end === 'deadlock' ? 'deadlocked' : 'still blocked', a, 'bad');
    }
    box.appendChild(t);
    return t;
  }

  // ---- self-test hook ----
  let table = null;
  function report() {
    const out = {
      errors: errors,
      lanes: lanes.length,
      workerLanes: W,
      goroutineLanes: lanes.length - W,
      goroutines: gs.length,
      arrows: D.arrows.length / AR,
      arrowsDrawn: stats.arrows,
      rectsDrawn: stats.rects,
      lanesDrawn: stats.lanes,
      drawMs: Math.round(stats.ms * 10) / 10,
      summaryRows: table ? table.rows.length : 0,
      leakedLinks: document.querySelectorAll('#summary a[data-g]').length,
      end: sm.end,
      created: sm.created,
      canvas: [canvas.width, canvas.height]
    };
    window.golTrace = { lanes: lanes, goroutines: gs, arrows: D.arrows, summary: sm, check: out, focus: focusG };
    const el = document.getElementById('selftest');
    el.textContent = JSON.stringify(out);
  }

  document.getElementById('file').textContent = D.file;
  try {
    resize();
    table = summary();
    draw();
  } catch (e) {
    errors.push(String(e && e.stack || e));
  }
  report();
})();
