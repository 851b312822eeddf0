import { createHash } from "node:crypto";

/**
 * The public pages' one stylesheet: phone first (360 px wide and up), system fonts, no images.
 * Pages link it with its hash in the query, so it can be cached for a year and still change.
 */
export const STYLESHEET = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1d2330;background:#f5f6f8}
a{color:#0b5cad}
header{background:#0b3d6e;color:#fff;padding:.6rem .9rem}
header a{color:#fff}
.brand{display:block;font-weight:700;text-decoration:none;margin-bottom:.3rem}
header nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem;font-size:.95rem}
.langs{margin-top:.3rem;font-size:.9rem}
.langs strong{text-decoration:underline}
main{max-width:46rem;margin:0 auto;padding:.9rem}
h1{font-size:1.35rem;line-height:1.3;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;line-height:1.3;margin:0 0 .3rem}
.card{background:#fff;border:1px solid #dde1e7;border-radius:.5rem;padding:.8rem;margin:0 0 .8rem}
.card p{margin:.2rem 0}
.muted{color:#5a6372;font-size:.93rem}
.status{display:inline-block;font-size:.85rem;padding:0 .4rem;border-radius:.3rem;background:#e6f4ea}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:0 0 .9rem}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;flex:1 1 8rem}
select,button{font:inherit;padding:.35rem;border:1px solid #aab2bf;border-radius:.3rem;background:#fff;max-width:100%}
button{background:#0b5cad;color:#fff;border-color:#0b5cad}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.8rem 0}
.button{display:inline-block;padding:.45rem .75rem;border-radius:.35rem;background:#0b5cad;color:#fff;text-decoration:none}
.button.light{background:#fff;color:#0b5cad;border:1px solid #0b5cad}
.facts p{margin:.35rem 0}
.qr{display:flex;gap:.8rem;align-items:center;flex-wrap:wrap}
.qr svg{width:9rem;height:9rem;flex:none}
.qr p{flex:1 1 12rem;margin:0;overflow-wrap:anywhere}
footer{max-width:46rem;margin:0 auto;padding:0 .9rem 1.5rem;color:#5a6372;font-size:.85rem}
`;

/** Where pages link the stylesheet: its hash in the query changes with every change to it. */
export const STYLESHEET_PATH = `/site.css?v=${createHash("sha256").update(STYLESHEET).digest("hex").slice(0, 10)}`;
