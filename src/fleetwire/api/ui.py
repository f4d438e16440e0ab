"""A minimal built-in page: devices and their latest positions, refreshed every few seconds.
Self-contained (no CDN): gateways often run where the internet is not reachable."""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fleetwire</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{padding:.35rem .6rem;border-bottom:1px solid #ddd;
text-align:left;font-size:.9rem}th{background:#f4f4f4}code{font-size:.85rem}
.bad{color:#b00}</style></head>
<body><h1>Fleetwire</h1>
<p id="health">…</p>
<table><thead><tr><th>Device</th><th>Protocol</th><th>Fix time (UTC)</th><th>Latitude</th>
<th>Longitude</th><th>Speed km/h</th><th>Course</th><th>Sat</th><th>Attributes</th></tr></thead>
<tbody id="rows"></tbody></table>
<p><a href="/docs">API documentation</a> · <a href="/metrics">metrics</a></p>
<script>
async function refresh(){
  const [devs, latest, health] = await Promise.all(
    ["/api/fleetwire/devices","/api/fleetwire/positions/latest","/api/health"].map(u=>fetch(u).then(r=>r.json())));
  const pos = Object.fromEntries(latest.map(p=>[p.deviceId,p]));
  document.getElementById("health").textContent =
    `${devs.length} devices · raw log head ${health.rawlogHead} · worker lag ${health.lag}`;
  const tb = document.getElementById("rows"); tb.textContent = "";
  for (const d of devs){
    const p = pos[d.id] || {}; const tr = document.createElement("tr");
    const cells = [d.uniqueId, d.protocol, p.time||"–", p.latitude??"–", p.longitude??"–",
      p.speed??"–", p.course??"–", p.satellites??"–", JSON.stringify(p.attributes||{})];
    for (const c of cells){
      const td=document.createElement("td"); td.textContent=c; tr.appendChild(td);
    }
    tb.appendChild(tr);
  }
}
refresh(); setInterval(refresh, 5000);
</script></body></html>
"""
