import { expect } from 'chai';
import { AnswerOrder } from './answer-order.js';

describe('payloco mock: answers signed off the main thread keep their order with webhooks', () => {
  it('sends a webhook at once when no answer is being signed', () => {
    const order = new AnswerOrder();
    const sent: string[] = [];
    order.afterAnswers(() => sent.push('hook'));
    expect(sent).to.deep.equal(['hook']);
  });

  it('holds a webhook until every answer begun before it is written, whatever order they finish in', () => {
    const order = new AnswerOrder();
    const sent: string[] = [];
    const first = order.begin();
    const second = order.begin();
    order.afterAnswers(() => sent.push('hook'));
    const third = order.begin(); // begun after the webhook was decided: not waited for
    order.end(second);
    expect(sent).to.deep.equal([]);
    order.end(first);
    expect(sent).to.deep.equal(['hook']);
    order.end(third);
    order.end(third); // idempotent
    expect(sent).to.deep.equal(['hook']);
  });

  it('releases held webhooks in the order they were decided', () => {
    const order = new AnswerOrder();
    const sent: string[] = [];
    const a = order.begin();
    order.afterAnswers(() => sent.push('one'));
    const b = order.begin();
    order.afterAnswers(() => sent.push('two'));
    order.end(b);
    expect(sent).to.deep.equal([]);
    order.end(a);
    expect(sent).to.deep.equal(['one', 'two']);
  });
});
