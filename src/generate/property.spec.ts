import { expect } from 'chai';
import { CheckFailure, SetupError } from '../core/outcome.js';
import type { CheckContext } from '../engine/context.js';
import { checkSeed, property } from './property.js';
import { fc, nonAscii } from './values.js';

function context(seed: number, budget: number): CheckContext {
  return {
    checkId: 'LP-GEN-CO-X-TYPE',
    gateway: 'lesspay',
    evidence: [],
    run: { config: { generation: { seed, budget } } },
  } as unknown as CheckContext;
}

async function failure(p: Promise<void>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('the property passed');
}

describe('generate · property runs', () => {
  it('derives a per-check seed from the run seed and the check ID, not from the order of checks', () => {
    expect(checkSeed(1, 'LP-GEN-A')).to.equal(checkSeed(1, 'LP-GEN-A'));
    expect(checkSeed(1, 'LP-GEN-A')).not.to.equal(checkSeed(2, 'LP-GEN-A'));
    expect(checkSeed(1, 'LP-GEN-A')).not.to.equal(checkSeed(1, 'LP-GEN-B'));
  });

  it('shrinks a failing input to the smallest one and says how to replay it', async () => {
    const err = await failure(
      property(context(3, 20), fc.integer({ min: 0, max: 1000 }), async (n) => {
        if (n >= 10) throw new CheckFailure('too big', '< 10', n);
      }),
    );
    expect(err.name).to.equal('CheckFailure');
    expect(err.message).to.match(/input 10 \(fast-check seed \d+ path [\d:]+ after \d+ shrinks/);
    expect(err.message).to.include('replay: paycert run lesspay --seed 3 --only LP-GEN-CO-X-TYPE');
  });

  it('replays the same inputs for the same seed', async () => {
    const seen = async (seed: number) => {
      const values: string[] = [];
      await property(context(seed, 5), nonAscii(10), async (v) => {
        values.push(v);
      });
      return values;
    };
    expect(await seen(11)).to.deep.equal(await seen(11));
    expect(await seen(11)).not.to.deep.equal(await seen(12));
  });

  it('ends at once on an error that is not a failing input, without shrinking', async () => {
    let calls = 0;
    const err = await failure(
      property(context(1, 10), fc.integer(), async () => {
        calls++;
        throw new SetupError('no order');
      }),
    );
    expect(err.name).to.equal('SetupError');
    expect(calls).to.equal(1);
  });

  it('tries every corner value first, the same under any seed, then the random ones', async () => {
    const seen = async (seed: number) => {
      const values: number[] = [];
      await property(
        context(seed, 2),
        fc.integer({ min: 100, max: 1000 }),
        async (n) => {
          values.push(n);
        },
        [1, 2, 3],
      );
      return values;
    };
    for (const seed of [0, 1, 2, 42, 2026]) {
      const values = await seen(seed);
      expect(values.slice(0, 3), `seed ${seed}`).to.deep.equal([1, 2, 3]);
      expect(values.slice(3), `seed ${seed}`).to.have.length(2);
    }
  });

  it('fails on a corner value whatever the seed, and names it', async () => {
    for (const seed of [0, 5, 99]) {
      const err = await failure(
        property(
          context(seed, 1),
          fc.constant('100.00'),
          async (amount) => {
            if (amount === '100.50') throw new CheckFailure('answered as "100.5"', amount, '100.5');
          },
          ['100', '100.50'],
        ),
      );
      expect(err.name).to.equal('CheckFailure');
      expect(err.message).to.include('input "100.50" (corner value 2 of 2, tried first under any seed');
      expect(err.message).to.include(`replay: paycert run lesspay --seed ${seed} --only LP-GEN-CO-X-TYPE`);
    }
  });
});
