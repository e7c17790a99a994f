import { expect } from 'chai';
import type { PaymentOutcome } from '../engine/drivers.js';
import { choose, type Submission } from './choose.js';
import { parsePage } from './page-forms.js';

// The auto driver on pages it was not written for: the shapes real sandboxes use, in several languages. Each case
// names the form and values it must send, or that it must refuse to guess.

const URL_ = 'https://sandbox.example/pay/ORDER1';

function pick(html: string, outcome: PaymentOutcome = 'success'): Submission | string {
  const got = choose(parsePage(html, URL_), outcome);
  return 'reason' in got ? got.reason : got.submission;
}

function sent(html: string, outcome: PaymentOutcome = 'success') {
  const s = pick(html, outcome);
  if (typeof s === 'string') throw new Error(`expected a submission, got: ${s}`);
  return { form: s.form.index, method: s.method, action: s.action, fields: Object.fromEntries(s.fields) };
}

describe('auto driver · choosing the way to an outcome', () => {
  it('buttons named by value: outcome=succeed / outcome=fail in separate forms', () => {
    const html = `<form method="post" action="/c/1"><button name="outcome" value="succeed">Pay</button></form>
      <form method="post" action="/c/1"><button name="outcome" value="fail">Fail</button></form>`;
    expect(sent(html)).to.deep.equal({
      form: 1,
      method: 'POST',
      action: 'https://sandbox.example/c/1',
      fields: { outcome: 'succeed' },
    });
    expect(sent(html, 'failure').fields).to.deep.equal({ outcome: 'fail' });
  });

  it('a Chinese select with a hidden token, next to a language form and a cancel form', () => {
    const html = `<form><select name="lang"><option>中文</option><option>English</option></select><button>切换</button></form>
      <form method="post" action="sim"><input type="hidden" name="csrf" value="t0k">
      <select name="result"><option value="">请选择</option><option value="S">支付成功</option><option value="F">支付失败</option></select>
      <button type="submit">提交</button></form>
      <form action="https://merchant.example/back"><button>取消支付</button></form>`;
    expect(sent(html)).to.deep.equal({
      form: 2,
      method: 'POST',
      action: 'https://sandbox.example/pay/sim',
      fields: { csrf: 't0k', result: 'S' },
    });
    expect(sent(html, 'failure').fields).to.deep.equal({ csrf: 't0k', result: 'F' });
    expect(sent(html, 'cancel').action).to.equal('https://merchant.example/back');
  });

  it('Spanish radios whose labels carry the meaning; the values are opaque', () => {
    const html = `<form method="post"><input type="hidden" name="sid" value="9">
      <input type="radio" name="d" id="a" value="x1"><label for="a">Aprobar el pago</label>
      <input type="radio" name="d" id="r" value="x2"><label for="r">Rechazar</label>
      <input type="submit" value="Enviar"></form>`;
    expect(sent(html).fields).to.deep.equal({ sid: '9', d: 'x1' });
    expect(sent(html, 'failure').fields).to.deep.equal({ sid: '9', d: 'x2' });
  });

  it('German submit inputs: "Zahlung erfolgreich" and "Abgelehnt"', () => {
    const html = `<form method="post" action="/sim"><input type="hidden" name="n" value="1">
      <input type="submit" name="r" value="Zahlung erfolgreich"><input type="submit" name="r" value="Abgelehnt"></form>`;
    expect(sent(html).fields).to.deep.equal({ n: '1', r: 'Zahlung erfolgreich' });
    expect(sent(html, 'failure').fields).to.deep.equal({ n: '1', r: 'Abgelehnt' });
  });

  it('a negated success word counts as a failure ("不支付", "do not pay")', () => {
    const html = `<form method="post"><button name="a" value="1">支付</button><button name="a" value="0">不支付</button></form>`;
    expect(sent(html).fields).to.deep.equal({ a: '1' });
    expect(sent(html, 'failure').fields).to.deep.equal({ a: '0' });
    const en = `<form method="post"><button name="a" value="no">Do not pay</button><button name="a" value="yes">Pay now</button></form>`;
    expect(sent(en).fields).to.deep.equal({ a: 'yes' });
  });

  it('a cookie banner "Accept" does not outweigh the pay form', () => {
    const html = `<form method="post" action="/cookies"><button name="c" value="all">Accept all cookies</button></form>
      <form method="post" action="/pay"><button name="go" value="1">Pay 10.00 USD</button></form>`;
    expect(sent(html).action).to.equal('https://sandbox.example/pay');
  });

  it('a test card typed from the page: number, expiry and CVC as the page documents them', () => {
    const html = `<p>Use test card 4242 4242 4242 4242, expiry 12/34, CVC 123.</p>
      <form method="post"><input name="pan" autocomplete="cc-number"><input name="exp" placeholder="MM/YY">
      <input name="cvc" placeholder="CVC"><button>Pay</button></form>`;
    expect(sent(html).fields).to.deep.equal({ pan: '4242424242424242', exp: '12/34', cvc: '123' });
  });

  it('picks the card the page names for the outcome when it lists several', () => {
    const html = `<h3>Test cards</h3><ul><li>4242 4242 4242 4242 — payment succeeds</li><li>4000 0000 0000 0002 — card declined</li></ul>
      <form method="post"><input name="card" placeholder="Card number"><button>Submit</button></form>`;
    expect(sent(html).fields).to.deep.equal({ card: '4242424242424242' });
    expect(sent(html, 'failure').fields).to.deep.equal({ card: '4000000000000002' });
  });

  it('an order number that passes the Luhn check is not taken for a test card', () => {
    const html = `<p>Order P4242424242424242 · reference 4242424242424242</p>
      <form method="post"><input name="card" placeholder="Card number"><button>Pay</button></form>`;
    expect(pick(html)).to.match(/asks for "Card number" and the page shows no test value/);
  });

  it('never invents a card: a card field without a documented test card blocks the form', () => {
    const html = `<form method="post"><input name="cardNumber" required><button>Pay</button></form>`;
    expect(pick(html)).to.match(/asks for "cardNumber" and the page shows no test value/);
  });

  it('refuses to guess between two forms that look the same', () => {
    const html = `<form method="post" action="/a"><button>Pay</button></form><form method="post" action="/b"><button>Pay</button></form>`;
    expect(pick(html)).to.match(/forms 1 and 2 look equally like the way/);
  });

  it('says a script-only page needs a browser', () => {
    const html = `<div id="app"></div><script>document.getElementById('app').innerHTML = '<button>Pay</button>'</script>`;
    expect(pick(html)).to.match(/no form.*may need a browser/);
  });

  it('a form whose only button is for another outcome is no way to success', () => {
    const html = `<form method="post"><button name="x" value="decline">Decline</button></form>`;
    expect(pick(html)).to.match(/no form on the page clearly leads to a successful payment/);
  });

  it('a select left on a default that means another outcome is not submitted as is', () => {
    const html = `<form method="post"><select name="r"><option value="fail" selected>Fail</option></select><button>Pay</button></form>`;
    expect(pick(html)).to.match(/no form on the page clearly leads/);
  });

  it('a button outside its form (form="id") and a formaction are honoured', () => {
    const html = `<form id="f" method="post" action="/default"><input type="hidden" name="k" value="v"></form>
      <button form="f" name="do" value="approve" formaction="/approve">Approve</button>`;
    expect(sent(html)).to.deep.equal({
      form: 1,
      method: 'POST',
      action: 'https://sandbox.example/approve',
      fields: { k: 'v', do: 'approve' },
    });
  });
});
