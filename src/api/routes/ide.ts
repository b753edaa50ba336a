/**
 * A small GraphQL console that needs nothing from the network (our users may be offline):
 * one HTML page with inline script, posting to /graphql on the same origin.
 */
export const IDE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>deai-squid GraphQL</title>
<style>
body{margin:0;font:14px system-ui,sans-serif;display:flex;flex-direction:column;height:100vh;background:#0f1419;color:#e6e1cf}
header{padding:8px 12px;background:#1c232b;display:flex;gap:12px;align-items:center}
header b{color:#ffb454}button{background:#ffb454;border:0;padding:6px 14px;border-radius:4px;font-weight:600;cursor:pointer}
main{flex:1;display:flex;min-height:0}section{flex:1;display:flex;flex-direction:column;min-width:0}
textarea,pre{flex:1;margin:0;padding:10px;background:#0f1419;color:#e6e1cf;border:0;border-right:1px solid #2d3640;font:13px ui-monospace,monospace;resize:none;overflow:auto}
label{padding:4px 10px;background:#1c232b;font-size:12px;color:#8a9199}
</style></head><body>
<header><b>deai-squid</b> GraphQL console <button id="run" title="Ctrl+Enter">Run</button><span id="t"></span></header>
<main><section><label>query</label><textarea id="q" spellcheck="false">{
  indexerStatus { indexedHeight finalizedHeight chainHeight lagBlocks }
  gpus(first: 5) { totalCount nodes { id sku region status valuation owner { id } operator { id } } }
}</textarea><label>variables (JSON)</label><textarea id="v" style="flex:0 0 80px" spellcheck="false">{}</textarea></section>
<section><label>result</label><pre id="r"></pre></section></main>
<script>
const q=document.getElementById('q'),v=document.getElementById('v'),r=document.getElementById('r'),t=document.getElementById('t');
const saved=new URLSearchParams(location.search).get('query');if(saved)q.value=saved;
async function run(){const t0=performance.now();let vars={};try{vars=JSON.parse(v.value||'{}')}catch(e){r.textContent='variables: '+e.message;return}
const res=await fetch(location.pathname,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({query:q.value,variables:vars})});
r.textContent=JSON.stringify(await res.json(),null,2);t.textContent=res.status+' in '+Math.round(performance.now()-t0)+' ms'}
document.getElementById('run').onclick=run;document.addEventListener('keydown',e=>{if(e.key==='Enter'&&(e.ctrlKey||e.metaKey))run()});
</script></body></html>`
