import { expect } from 'chai';
import { loadFixture } from '../../test/fixtures/results/index.js';
import { renderHtml } from './html.js';

// Issue 12: the HTML names the payment driver and says how each lifecycle payment was completed, once per payment
// however many checks share it (passed checks have no detail row of their own).

describe('report html · payment drivers', () => {
  it('shows the driver and each completed payment with the checks that used it, escaped', () => {
    const r = loadFixture();
    const how =
      'paid by the auto driver: on http://127.0.0.1:1/checkout/P1: form 2 (POST …); chose r=1 ("<b>支付成功</b>")';
    r.driver = 'auto';
    r.checks[0] = { ...r.checks[0], message: how };
    r.checks[1] = { ...r.checks[1], message: `${how}\nanother note` };
    const html = renderHtml(r);
    expect(html).to.include('<dt>Payment driver</dt><dd>auto</dd>');
    expect(html).to.include('How the lifecycle payments were completed (1)');
    expect(html).to.include(`<li><b>${r.checks[0].id}, ${r.checks[1].id}</b>: paid by the auto driver`);
    expect(html).to.include('&lt;b&gt;支付成功&lt;/b&gt;');
  });

  it('leaves the section out when no payment was completed by a driver', () => {
    const html = renderHtml(loadFixture());
    expect(html).not.to.include('How the lifecycle payments were completed');
  });
});
