/**
 * The pages' only style sheet and script, both inline and both fixed text,
 * allowed by their SHA-256 hashes in the Content-Security-Policy (no nonce,
 * so a page's bytes depend only on its data and its ETag stays strong).
 * The script updates countdowns once a minute (the rules of
 * src/board/countdown.ts) and runs the copy buttons.
 */

export const STYLE = `:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1f;--muted:#5a5a66;--line:#d6d6de;--card:#f5f5f8;--accent:#0b57d0;--major:#b3261e;--minor:#8a5a00;--info:#3b5b2e}
@media (prefers-color-scheme:dark){:root{--bg:#121216;--fg:#ececf1;--muted:#a9a9b6;--line:#3a3a46;--card:#1c1c23;--accent:#8ab4f8;--major:#f2b8b5;--minor:#f6d68a;--info:#b5d99c}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
a{color:var(--accent)}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;border-bottom:1px solid var(--line);padding-top:.75rem;padding-bottom:.5rem}
header .brand{font-weight:700;font-size:1.2rem;text-decoration:none}
h1{font-size:1.6rem;margin:1rem 0 .25rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
.lede,.meta,.muted{color:var(--muted)}
.grid{display:grid;gap:0 2rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr))}
ul.list{list-style:none;margin:0;padding:0}
ul.list>li{padding:.5rem 0;border-bottom:1px solid var(--line)}
time{font-variant-numeric:tabular-nums}
.cd{font-weight:600}
.sev{display:inline-block;font-size:.8rem;font-weight:700;border:1px solid currentColor;border-radius:.25rem;padding:0 .3rem;margin-right:.35rem;white-space:nowrap}
.sev.major{color:var(--major)}.sev.minor{color:var(--minor)}.sev.info{color:var(--info)}
.sev.major::before{content:"▲▲ "/""}.sev.minor::before{content:"▲ "/""}.sev.info::before{content:"• "/""}
.tag{font-size:.85rem;color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem .3rem 0;border-bottom:1px solid var(--line)}
.changes{margin:.25rem 0 0;padding-left:1.25rem}
del{color:var(--muted)}ins{text-decoration:none;font-weight:600}
figure{margin:1rem 0}
svg.timeline{width:100%;height:auto;max-width:48rem;display:block;background:var(--card);border-radius:.5rem}
svg.timeline text{fill:var(--muted);font-size:13px}
@media (max-width:40rem){svg.timeline text{font-size:19px}}
svg.timeline .axis{stroke:var(--line)}
svg.timeline .step{stroke:var(--accent);stroke-width:2;fill:none}
svg.timeline circle{stroke:var(--fg);stroke-width:1.5}
svg.timeline .mk-major{fill:var(--major)}svg.timeline .mk-minor{fill:var(--minor)}svg.timeline .mk-info{fill:var(--info)}
svg.timeline .mk-start{fill:var(--bg)}
.subscribe{background:var(--card);border-radius:.5rem;padding:.5rem 1rem 1rem;margin:2rem 0}
.subscribe ul{list-style:none;padding:0;margin:0}
.subscribe li{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;padding:.3rem 0}
.subscribe code{font-size:.85rem;word-break:break-all;flex:1 1 14rem}
.subscribe .fmt{min-width:6rem;font-weight:600}
button{font:inherit;font-size:.85rem;padding:.15rem .6rem;border:1px solid var(--line);border-radius:.25rem;background:var(--bg);color:var(--fg);cursor:pointer}
footer{color:var(--muted);padding-bottom:2rem}`;

export const SCRIPT = `(function(){var M=6e4,H=36e5,D=864e5;
function span(ms){var d=Math.floor(ms/D),h=Math.floor(ms%D/H),m=Math.floor(ms%H/M);
if(d>0)return d+(d===1?" day":" days")+(h>0?" "+h+" h":"");
if(h>0)return h+" h"+(m>0?" "+m+" min":"");
return m>0?m+" min":"less than a minute"}
function tick(){var now=Date.now();document.querySelectorAll("[data-countdown]").forEach(function(t){
var ms=Date.parse(t.getAttribute("data-countdown"))-now;
var s=ms>=0?"in "+span(ms):(t.getAttribute("data-past")||"lapsed")+" "+span(-ms)+" ago";
if(t.textContent!==s)t.textContent=s})}
tick();setInterval(tick,M);
document.addEventListener("click",function(e){var b=e.target.closest&&e.target.closest("button[data-copy]");if(!b)return;
var done=function(){b.textContent="Copied";setTimeout(function(){b.textContent="Copy"},2000)};
if(navigator.clipboard)navigator.clipboard.writeText(b.getAttribute("data-copy")).then(done,function(){})})})();`;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
}

let csp: Promise<string> | undefined;

/** The pages' Content-Security-Policy: nothing but this style, this script and data: images (the favicon). */
export function contentSecurityPolicy(): Promise<string> {
  csp ??= Promise.all([sha256(STYLE), sha256(SCRIPT)]).then(([style, script]) =>
    [
      "default-src 'none'",
      `style-src ${style}`,
      `script-src ${script}`,
      "img-src data:",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  return csp;
}
