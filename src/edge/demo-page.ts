/**
 * The minimal live odds page served at / : it lists the node's events,
 * subscribes to all of them and shows prices as they move. It speaks the
 * binary protocol with a tiny hand-written protobuf reader (no bundle); the
 * full client SDK replaces it in a later issue.
 */
export const demoPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>oddsgate — live odds</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{font:14px system-ui,sans-serif;margin:1.5rem;background:#0f1419;color:#e6e6e6}
h1{font-size:1.2rem} .ev{margin:0 0 1rem;padding:.5rem .75rem;background:#1a2129;border-radius:6px}
.ev h2{font-size:1rem;margin:.2rem 0 .4rem} .ev.stale h2:after{content:" — feed stale";color:#f80}
table{border-collapse:collapse} td{padding:.15rem .6rem} .mk{color:#9ab}
.p{font-variant-numeric:tabular-nums;min-width:4rem;display:inline-block;text-align:right}
.up{color:#3c3} .down{color:#f55} .susp{opacity:.4;text-decoration:line-through}
#status{color:#9ab}
</style></head><body>
<h1>oddsgate — live odds</h1><p id="status">connecting…</p><div id="events"></div>
<script>
"use strict";
// Minimal protobuf (proto3) reader/writer for the frames this page uses.
function reader(b){let p=0;const r={
  eof:()=>p>=b.length,
  varint(){let x=0,m=1,c;do{c=b[p++];x+=(c&127)*m;m*=128}while(c&128);return x},
  bytes(){const n=r.varint();const v=b.subarray(p,p+n);p+=n;return v},
  skip(t){if(t===0)r.varint();else if(t===2)r.bytes();else if(t===1)p+=8;else if(t===5)p+=4}};return r}
const str=(b)=>new TextDecoder().decode(b);
function fields(b,on){const r=reader(b);while(!r.eof()){const k=r.varint(),f=k>>>3,t=k&7;on(f,t,r)}}
function selection(b){const s={id:"",price:0};fields(b,(f,t,r)=>f===1?s.id=str(r.bytes()):f===2?s.price=r.varint():r.skip(t));return s}
function odds(b){const u={selections:[],status:0,seq:0};fields(b,(f,t,r)=>{
  if(f===1)u.eventId=str(r.bytes());else if(f===2)u.marketId=str(r.bytes());else if(f===3)u.status=r.varint();
  else if(f===4)u.selections.push(selection(r.bytes()));else if(f===5)u.seq=r.varint();else r.skip(t)});return u}
function server(b){let out={};fields(b,(f,t,r)=>{
  if(f===1)out={odds:odds(r.bytes())};
  else if(f===2){const s={markets:[]};fields(r.bytes(),(g,t2,q)=>{if(g===1)s.eventId=str(q.bytes());else if(g===2)s.mode=q.varint();else if(g===4)s.seq=q.varint();else if(g===6)s.markets.push(odds(q.bytes()));else q.skip(t2)});out={snapshot:s}}
  else if(f===5){const s={stale:false};fields(r.bytes(),(g,t2,q)=>{if(g===1)s.eventId=str(q.bytes());else if(g===2)s.stale=!!q.varint();else q.skip(t2)});out={feedStatus:s}}
  else if(f===4){const e={};fields(r.bytes(),(g,t2,q)=>{if(g===1)e.code=q.varint();else if(g===2)e.message=str(q.bytes());else q.skip(t2)});out={error:e}}
  else r.skip(t)});return out}
function varint(n,out){while(n>127){out.push((n&127)|128);n=Math.floor(n/128)}out.push(n)}
function lenField(f,bytes,out){varint((f<<3)|2,out);varint(bytes.length,out);for(const x of bytes)out.push(x)}
function subscribeFrame(ids){const sub=[];for(const id of ids){const ev=[];lenField(1,new TextEncoder().encode(id),ev);lenField(1,ev,sub)}const frame=[];lenField(1,sub,frame);return new Uint8Array(frame)}

const state=new Map(); // eventId -> {seq, markets: Map}
const $=(id)=>document.getElementById(id);
function render(eventId,changed){
  let el=document.getElementById("ev-"+eventId);const ev=state.get(eventId);
  if(!el){el=document.createElement("div");el.className="ev";el.id="ev-"+eventId;$("events").appendChild(el)}
  el.classList.toggle("stale",!!ev.stale);
  const rows=[...ev.markets.values()].sort((a,b)=>a.marketId<b.marketId?-1:1).map(m=>{
    const cells=m.selections.map(s=>{const prev=m.prev&&m.prev.get(s.id);const cls=changed===m.marketId&&prev?(s.price>prev?"up":s.price<prev?"down":""):"";
      return "<td>"+s.id+" <span class='p "+cls+"'>"+(s.price/1000).toFixed(2)+"</span></td>"}).join("");
    return "<tr class='"+(m.status===1?"":"susp")+"'><td class='mk'>"+m.marketId+"</td>"+cells+"</tr>"}).join("");
  el.innerHTML="<h2>"+eventId+" <small>seq "+ev.seq+"</small></h2><table>"+rows+"</table>";
}
function apply(u){const ev=state.get(u.eventId);if(!ev)return;
  if(u.seq!==ev.seq+1){$("status").textContent="gap detected on "+u.eventId+": resubscribing";return ws.send(subscribeFrame([u.eventId]))}
  const old=ev.markets.get(u.marketId);u.prev=old?new Map(old.selections.map(s=>[s.id,s.price])):null;
  ev.seq=u.seq;ev.markets.set(u.marketId,u);render(u.eventId,u.marketId)}
let ws;
async function start(){
  const {events}=await (await fetch("/v1/events")).json();
  ws=new WebSocket((location.protocol==="https:"?"wss://":"ws://")+location.host+"/v1/ws");ws.binaryType="arraybuffer";
  ws.onopen=()=>{$("status").textContent="live: "+events.length+" events";if(events.length)ws.send(subscribeFrame(events))};
  ws.onclose=()=>{$("status").textContent="disconnected; retrying…";setTimeout(start,1000+Math.random()*1000)};
  ws.onmessage=(m)=>{const f=server(new Uint8Array(m.data));
    if(f.snapshot){state.set(f.snapshot.eventId,{seq:f.snapshot.seq,markets:new Map(f.snapshot.markets.map(x=>[x.marketId,x]))});render(f.snapshot.eventId)}
    else if(f.odds)apply(f.odds);
    else if(f.feedStatus){const ev=state.get(f.feedStatus.eventId);if(ev){ev.stale=f.feedStatus.stale;render(f.feedStatus.eventId)}}
    else if(f.error)$("status").textContent="error "+f.error.code+": "+f.error.message};
}
start();
</script></body></html>`;
