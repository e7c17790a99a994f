import { expect } from 'chai';
import {
  escapeHtml,
  escapeJsonForScript,
  escapeText,
  escapeXml,
  escapeXmlAttr,
  stripIllegalXmlChars,
} from './escape.js';

describe('report escaping', () => {
  it('escapeHtml neutralises markup and quotes', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).to.equal(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;',
    );
    expect(escapeHtml(`'&'`)).to.equal('&#39;&amp;&#39;');
    expect(escapeHtml('</script>')).to.equal('&lt;/script&gt;');
    expect(escapeHtml(undefined)).to.equal('');
    expect(escapeHtml(42)).to.equal('42');
  });

  it('escapeHtml drops control characters and lone surrogates', () => {
    expect(escapeHtml('a\u0000b\u0008c\ud800d\te')).to.equal('abcd\te');
  });

  it('escapeJsonForScript cannot close a script block and stays valid JSON', () => {
    const value = { msg: '</script><script>alert(1)</script>', c: '<!-- & \u2028\u2029' };
    const text = escapeJsonForScript(value);
    expect(text).not.to.match(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).to.deep.equal(value);
  });

  it('XML escaping strips characters XML 1.0 forbids and keeps line breaks in attributes', () => {
    expect(stripIllegalXmlChars('a\u0001\u001fb\uffffc\ud83d\ude00')).to.equal('abc\ud83d\ude00');
    expect(escapeXml(`<a b="c">'&`)).to.equal('&lt;a b=&quot;c&quot;&gt;&apos;&amp;');
    expect(escapeXmlAttr('one\ntwo\tthree')).to.equal('one&#10;two&#9;three');
  });
});

describe('escapeText', () => {
  it('neutralises markup in element content and leaves quotes readable', () => {
    expect(escapeText('</pre><script>alert("x")</script>&')).to.equal(
      '&lt;/pre&gt;&lt;script&gt;alert("x")&lt;/script&gt;&amp;',
    );
  });
});
